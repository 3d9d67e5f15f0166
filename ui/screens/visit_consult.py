"""Request consultation, from the review step: the specialty and the urgency as big buttons,
the question (typed on the docked keyboard), and which photos and measurements go with it.

"Add to the visit" checks the request (:meth:`kiosk.visit_consult.ConsultChoice.check`) and
hands it to the visit's model; it is placed when the visit is saved, in the same transaction.
Names of specialties and urgencies are the core's (:mod:`kiosk.i18n_consults`).
"""

from __future__ import annotations

from collections.abc import Sequence

from kiosk.errors import UserFacingError
from kiosk.i18n import translate
from kiosk.visit_consult import ConsultChoice
from ui.device_tile import set_style_state
from ui.qt import (
    QButtonGroup,
    QEvent,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.screens.manual_entry import field_label
from ui.screens.visit_style import action_button, choice_button

SPECIALTY_COLUMNS = 4
QUESTION_HEIGHT = 76


class ConsultPage(QWidget):
    chosen = Signal(object)  # ConsultChoice
    cancelled = Signal()

    def __init__(
        self, specialties: Sequence[str], urgencies: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.language = "en"
        self.specialty_buttons: dict[str, QPushButton] = {}
        self.urgency_buttons: dict[str, QPushButton] = {}
        self.attachment_buttons: dict[str, QPushButton] = {}
        self.photo_ids: tuple[str, ...] = ()
        self.specialty_title, self.urgency_title, self.question_title = QLabel(), QLabel(), QLabel()
        self.attach_title = QLabel()
        for title in (self.specialty_title, self.urgency_title, self.question_title):
            title.setProperty("class", "fieldLabel")
        self.attach_title.setProperty("class", "fieldLabel")
        self._specialties = QButtonGroup(self)
        specialty_grid = QGridLayout()
        specialty_grid.setSpacing(6)
        for index, name in enumerate(specialties):
            button = choice_button(f"specialty_{name}")
            self._specialties.addButton(button)
            specialty_grid.addWidget(button, *divmod(index, SPECIALTY_COLUMNS))
            self.specialty_buttons[name] = button
        self._urgencies = QButtonGroup(self)
        urgency_row = QHBoxLayout()
        for name in urgencies:
            button = choice_button(f"urgency_{name}")
            self._urgencies.addButton(button)
            urgency_row.addWidget(button)
            self.urgency_buttons[name] = button
        self.attachments = QHBoxLayout()
        self.question = QPlainTextEdit()
        self.question.setObjectName("consultQuestion")
        self.question.setFixedHeight(QUESTION_HEIGHT)
        self.note = QLabel()
        self.note.setObjectName("message")
        self.note.setWordWrap(True)
        self.add_button = action_button("addConsultButton")
        self.cancel_button = action_button("cancelConsultButton")
        self.add_button.clicked.connect(self.add)
        self.cancel_button.clicked.connect(self.cancelled.emit)
        self._lay_out(specialty_grid, urgency_row)
        self._message: tuple[str, dict[str, object]] | None = None
        self.retranslate()

    def _lay_out(self, specialty_grid: QGridLayout, urgency_row: QHBoxLayout) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.specialty_title)
        layout.addLayout(specialty_grid)
        layout.addWidget(self.urgency_title)
        layout.addLayout(urgency_row)
        layout.addWidget(self.attach_title)
        layout.addLayout(self.attachments)
        layout.addWidget(self.question_title)
        layout.addWidget(self.question)
        layout.addStretch(1)
        layout.addLayout(buttons)

    def open(
        self,
        urgency: str,
        photo_ids: Sequence[str],
        reading_types: Sequence[str],
        current: ConsultChoice | None,
    ) -> None:
        """Show the form for this visit (its photos and measurements, a suggested urgency)."""
        self.photo_ids = tuple(photo_ids)
        while self.attachments.count():
            item = self.attachments.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.attachment_buttons = {}
        names = (["photos"] if self.photo_ids else []) + list(reading_types)
        for name in names:
            button = choice_button(f"attach_{name}")
            button.setChecked(True)
            self.attachments.addWidget(button)
            self.attachment_buttons[name] = button
        chosen = current.urgency if current else urgency
        if chosen in self.urgency_buttons:
            self.urgency_buttons[chosen].setChecked(True)
        if current is not None:
            self.specialty_buttons[current.specialty].setChecked(True)
            self.question.setPlainText(current.question)
        self._message = None
        self.retranslate()

    def add(self) -> None:
        specialty = next((n for n, b in self.specialty_buttons.items() if b.isChecked()), "")
        urgency = next((n for n, b in self.urgency_buttons.items() if b.isChecked()), "")
        attached = [n for n, b in self.attachment_buttons.items() if b.isChecked()]
        choice = ConsultChoice(
            specialty=specialty,
            urgency=urgency,
            question=self.question.toPlainText(),
            photo_ids=self.photo_ids if "photos" in attached else (),
            reading_types=tuple(n for n in attached if n != "photos"),
        )
        try:
            checked = choice.check()
        except UserFacingError as error:
            self._message = (error.key, dict(error.params))
            self.retranslate()
            return
        self.chosen.emit(checked)

    def set_language(self, language: str) -> None:
        self.language = language
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        language = self.language
        self.specialty_title.setText(self.tr("Specialist"))
        self.urgency_title.setText(self.tr("How urgent"))
        self.attach_title.setText(self.tr("Send with the question"))
        self.question_title.setText(self.tr("Question for the specialist"))
        self.question.setAccessibleName(self.question_title.text())
        for name, button in self.specialty_buttons.items():
            button.setText(translate(f"consult.specialty.{name}", language))
            button.setAccessibleName(button.text())
        for name, button in self.urgency_buttons.items():
            button.setText(translate(f"consult.urgency.{name}", language))
            button.setAccessibleName(button.text())
        for name, button in self.attachment_buttons.items():
            if name == "photos":
                text = self.tr("Photos: {count}").format(count=len(self.photo_ids))
            else:
                text = field_label(name)
            button.setText(text)
            button.setAccessibleName(text)
        self.add_button.setText(self.tr("Add to the visit"))
        self.add_button.setAccessibleName(self.tr("Send this request with the visit"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Back to the review without a request"))
        message = self._message
        self.note.setText("" if message is None else translate(message[0], language, **message[1]))
        set_style_state(self.note, "kind", "none" if message is None else "error")
