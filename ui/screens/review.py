"""Review: everything the visit will save, before it is saved, with a way back to each part.

Rows for the patient, the values (from devices and typed, unusual ones marked), the answers
(consciousness, air or oxygen), the complaints, the score and the photos; each row has an
"Edit" button that emits :attr:`ReviewScreen.edit_requested` with the part to go back to.
"Request consultation" emits :attr:`ReviewScreen.consult_requested`. The window's Save button
saves. The screen reads the visit's model only; it never touches the store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from kiosk.complaints import display
from kiosk.visit_model import VisitModel
from kiosk.visit_values import FIELDS_BY_KEY
from ui.device_tile import decimal
from ui.qt import QEvent, QGridLayout, QLabel, QPushButton, Qt, QVBoxLayout, QWidget, Signal
from ui.screens.manual_entry import acvpu_label, field_label
from ui.screens.news2_panel import News2Panel
from ui.screens.visit_style import choice_button

PARTS = ("patient", "values", "answers", "complaints", "photos")
EDIT_WIDTH = 150


class ReviewScreen(QWidget):
    edit_requested = Signal(str)  # a part of PARTS
    consult_requested = Signal()

    def __init__(
        self,
        model: VisitModel,
        language: str,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.language = language
        self._today = today
        self.titles: dict[str, QLabel] = {}
        self.texts: dict[str, QLabel] = {}
        self.edit_buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        for row, part in enumerate(PARTS):
            title = QLabel()
            title.setProperty("class", "fieldLabel")
            text = QLabel()
            text.setObjectName("reviewText")
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            edit = choice_button(f"edit_{part}", checkable=False)
            edit.setFixedWidth(EDIT_WIDTH)
            edit.clicked.connect(lambda _checked=False, p=part: self.edit_requested.emit(p))
            grid.addWidget(title, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(text, row, 1)
            grid.addWidget(edit, row, 2, Qt.AlignmentFlag.AlignTop)
            self.titles[part], self.texts[part], self.edit_buttons[part] = title, text, edit
        grid.setColumnStretch(1, 1)
        self.panel = News2Panel(language)
        self.consult_button = choice_button("consultButton", checkable=False)
        self.consult_button.clicked.connect(self.consult_requested.emit)
        self.consult_note = QLabel()
        self.consult_note.setProperty("class", "fieldNote")
        self.consult_note.setWordWrap(True)
        side = QVBoxLayout()
        side.addWidget(self.panel, 1)
        side.addWidget(self.consult_button)
        side.addWidget(self.consult_note)
        body = QGridLayout(self)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(grid, 0, 0)
        body.addLayout(side, 0, 1)
        body.setColumnStretch(0, 1)
        body.setRowStretch(1, 1)
        self.photo_count = 0
        self.consult_summary: str = ""
        self.retranslate()

    def set_language(self, language: str) -> None:
        self.language = language
        self.panel.set_language(language)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_visit(self, photo_count: int, consult_summary: str = "") -> None:
        """Render the model's visit as it is now."""
        self.photo_count = photo_count
        self.consult_summary = consult_summary
        self.retranslate()

    def retranslate(self) -> None:
        titles = {
            "patient": self.tr("Patient"),
            "values": self.tr("Measurements"),
            "answers": self.tr("Assessment"),
            "complaints": self.tr("Complaints"),
            "photos": self.tr("Photos"),
        }
        for part, title in titles.items():
            self.titles[part].setText(title)
            self.edit_buttons[part].setText(self.tr("Edit"))
            self.edit_buttons[part].setAccessibleName(self.tr("Change: {part}").format(part=title))
            self.texts[part].setAccessibleName(title)
        self.texts["patient"].setText(self._patient())
        self.texts["values"].setText(self._values())
        self.texts["answers"].setText(self._answers())
        self.texts["complaints"].setText(self._complaints())
        self.texts["photos"].setText(self.tr("{count} photo(s)").format(count=self.photo_count))
        self.consult_button.setText(self.tr("Request consultation"))
        self.consult_button.setAccessibleName(self.tr("Ask a specialist about this visit"))
        self.consult_note.setText(self.consult_summary)
        self.panel.show_panel(self.model.panel(self._today()))

    def _patient(self) -> str:
        form = self.model.form
        birth = form.patient_birth_date if form.patient_id else form.birth_date
        return self.tr("{name}, born {birth}").format(name=form.label or "—", birth=birth or "—")

    def _values(self) -> str:
        model = self.model
        device = model.device_values()
        lines = []
        for key in FIELDS_BY_KEY:
            typed = model.form.typed.get(key)
            if typed:
                check = model.checks.get(key)
                mark = ""
                if check is not None and check.verdict == "implausible":
                    confirmed = key in model.form.confirmed
                    mark = self.tr(" (unusual, confirmed)") if confirmed else self.tr(" (unusual!)")
                elif check is None or check.verdict == "impossible":
                    mark = self.tr(" (not possible!)")
                lines.append(
                    self.tr("{field}: {value} typed{mark}").format(
                        field=field_label(key), value=typed, mark=mark
                    )
                )
            elif key in device:
                lines.append(
                    self.tr("{field}: {value} from the device").format(
                        field=field_label(key), value=decimal(device[key], 1, self.language)
                    )
                )
        return "\n".join(lines) or self.tr("Nothing measured yet")

    def _answers(self) -> str:
        form = self.model.form
        level = "—" if form.consciousness is None else acvpu_label(form.consciousness)
        oxygen = {None: "—", False: self.tr("room air"), True: self.tr("supplemental oxygen")}
        return self.tr("Consciousness: {level}; breathing: {oxygen}").format(
            level=level, oxygen=oxygen[form.on_oxygen]
        )

    def _complaints(self) -> str:
        form = self.model.form
        chosen = ", ".join(display(code, self.language) for code in form.complaints)
        parts = [p for p in (chosen, form.complaint_text.strip()) if p]
        return "\n".join(parts) or self.tr("None")
