"""Complaints: the checklist of :mod:`kiosk.complaints` as big toggle buttons, and free text
typed on the docked on-screen keyboard (it types Kazakh, Russian and Latin letters).

The checklist's words come from the core (kk/ru/en, the same the FHIR questionnaire sends);
the section writes the choices into the visit's form and emits :attr:`Complaints.changed`.
"""

from __future__ import annotations

from kiosk.complaints import CHECKLIST, MAX_FREE_TEXT, display
from kiosk.visit_model import VisitModel
from ui.qt import (
    QEvent,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.screens.visit_style import choice_button

COLUMNS = 5
TEXT_HEIGHT = 76


class Complaints(QWidget):
    changed = Signal()

    def __init__(self, model: VisitModel, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.language = language
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(6)
        for index, code in enumerate(CHECKLIST):
            button = choice_button(f"complaint_{code}")
            button.toggled.connect(lambda on, c=code: self._toggled(c, on))
            grid.addWidget(button, *divmod(index, COLUMNS))
            self.buttons[code] = button
        self.text_label = QLabel()
        self.text_label.setProperty("class", "fieldLabel")
        self.text = QPlainTextEdit()
        self.text.setObjectName("complaintText")
        self.text.setFixedHeight(TEXT_HEIGHT)
        self.text.textChanged.connect(self._text_changed)
        self.text_label.setBuddy(self.text)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.checklist = QWidget()
        self.checklist.setLayout(grid)
        layout.addWidget(self.checklist)
        layout.addWidget(self.text_label)
        layout.addWidget(self.text)
        layout.addStretch(1)
        self.retranslate()

    def set_language(self, language: str) -> None:
        self.language = language
        self.retranslate()

    def retranslate(self) -> None:
        for code, button in self.buttons.items():
            button.setText(display(code, self.language))
            button.setAccessibleName(display(code, self.language))
        self.text_label.setText(self.tr("Other complaints, in the patient's words"))
        self.text.setAccessibleName(self.text_label.text())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _toggled(self, code: str, on: bool) -> None:
        chosen = [c for c in self.model.form.complaints if c != code]
        if on:
            chosen.append(code)
        self.model.form.complaints = [c for c in CHECKLIST if c in chosen]
        self.changed.emit()

    def _text_changed(self) -> None:
        text = self.text.toPlainText()
        if len(text) > MAX_FREE_TEXT:  # the core refuses more; never cut silently elsewhere
            self.text.setPlainText(text[:MAX_FREE_TEXT])
            return
        self.model.form.complaint_text = text
        self.changed.emit()

    def set_typing(self, typing: bool) -> None:
        """While the docked keyboard is up, the free text keeps the room."""
        self.checklist.setVisible(not typing)

    def load(self) -> None:
        form = self.model.form
        for code, button in self.buttons.items():
            button.blockSignals(True)
            button.setChecked(code in form.complaints)
            button.blockSignals(False)
        if self.text.toPlainText() != form.complaint_text:
            self.text.blockSignals(True)
            self.text.setPlainText(form.complaint_text)
            self.text.blockSignals(False)
