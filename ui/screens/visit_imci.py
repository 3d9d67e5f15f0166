"""IMCI danger signs for a child under 5 (clinical.md §2): the nurse's answers as big toggle
buttons; the respiration rate and the temperature come from the readings. The young
infant's signs are asked only under 2 months."""

from __future__ import annotations

from kiosk.clinical import imci
from kiosk.visit_model import VisitModel
from ui.qt import QEvent, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget, Signal
from ui.screens.visit_style import choice_button

COLUMNS = 2
DERIVED = {imci.InfantSign.FAST_BREATHING, imci.InfantSign.FEVER, imci.InfantSign.HYPOTHERMIA}


class ImciSigns(QWidget):
    changed = Signal()

    def __init__(self, model: VisitModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.title = QLabel()
        self.title.setProperty("class", "sectionTitle")
        self.title.setWordWrap(True)
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(6)
        signs = [*imci.DangerSign, *imci.SevereSign]
        signs += [s for s in imci.InfantSign if s not in DERIVED]
        for index, sign in enumerate(signs):
            button = choice_button(f"imci_{sign}")
            button.toggled.connect(lambda on, s=str(sign): self._toggled(s, on))
            grid.addWidget(button, *divmod(index, COLUMNS))
            self.buttons[str(sign)] = button
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(grid)
        layout.addStretch(1)
        self.retranslate()

    def set_infant(self, infant: bool) -> None:
        for sign in imci.InfantSign:
            if sign not in DERIVED:
                self.buttons[str(sign)].setVisible(infant)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Danger signs: touch each sign the child has"))
        texts = {
            imci.DangerSign.NOT_ABLE_TO_DRINK: self.tr("Not able to drink or breastfeed"),
            imci.DangerSign.VOMITS_EVERYTHING: self.tr("Vomits everything"),
            imci.DangerSign.CONVULSIONS: self.tr("Convulsions during this illness"),
            imci.DangerSign.LETHARGIC_OR_UNCONSCIOUS: self.tr("Lethargic or unconscious"),
            imci.DangerSign.CONVULSING_NOW: self.tr("Convulsing now"),
            imci.SevereSign.CHEST_INDRAWING: self.tr("Chest indrawing (calm child)"),
            imci.SevereSign.STRIDOR: self.tr("Stridor (calm child)"),
            imci.InfantSign.NOT_FEEDING_WELL: self.tr("Infant: not feeding well"),
            imci.InfantSign.CONVULSIONS: self.tr("Infant: convulsions"),
            imci.InfantSign.SEVERE_CHEST_INDRAWING: self.tr("Infant: severe chest indrawing"),
            imci.InfantSign.MOVEMENT_ONLY_WHEN_STIMULATED: self.tr(
                "Infant: moves only when stimulated, or not at all"
            ),
        }
        for sign, text in texts.items():
            self.buttons[str(sign)].setText(text)
            self.buttons[str(sign)].setAccessibleName(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _toggled(self, sign: str, on: bool) -> None:
        chosen = set(self.model.form.imci_signs) - {sign}
        if on:
            chosen.add(sign)
        self.model.form.imci_signs = sorted(chosen)
        self.changed.emit()

    def load(self) -> None:
        for sign, button in self.buttons.items():
            button.blockSignals(True)
            button.setChecked(sign in self.model.form.imci_signs)
            button.blockSignals(False)
