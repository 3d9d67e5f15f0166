"""The specialist's answer: advice, ICD-10 diagnoses, plan, decision and follow-up date.

The ICD-10 field completes from the offline lookup (:mod:`kiosk.clinical.icd10`, words or a
code prefix); Enter or "Add" puts the code in the diagnosis list, and only codes the lookup
knows are accepted. :meth:`ReviewAnswerForm.answer` turns the form into an
:class:`~sync.specialist_model.Answer`, or returns a translated reason why it cannot yet.
"""

from __future__ import annotations

import datetime as dt

from kiosk.clinical import icd10
from sync.specialist_model import Answer, Decision, Diagnosis
from ui.qt import (
    QButtonGroup,
    QCheckBox,
    QCompleter,
    QDate,
    QDateEdit,
    QEvent,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QStringListModel,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

CONTROL_HEIGHT = 48
SUGGESTIONS = 25
DEFAULT_FOLLOW_UP_DAYS = 3


class ReviewAnswerForm(QWidget):
    """The answer form; ``send_requested`` when the specialist presses Send."""

    send_requested = Signal()
    problem = Signal(str)  # a translated sentence for the window's message line

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.diagnoses: list[Diagnosis] = []
        self.advice = QPlainTextEdit(self)
        self.advice.setMinimumHeight(90)
        self.code_field = QLineEdit(self)
        self.code_field.setMinimumHeight(CONTROL_HEIGHT)
        self._suggestions = QStringListModel(self)
        self.completer = QCompleter(self._suggestions, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.code_field.setCompleter(self.completer)
        self.code_field.textEdited.connect(self._suggest)
        self.code_field.returnPressed.connect(self.add_code)
        self.completer.activated.connect(self._chosen)
        self.add_button = self._button(self.add_code)
        self.remove_button = self._button(self.remove_code)
        self.codes = QListWidget(self)
        self.codes.setMaximumHeight(100)
        self.plan = QPlainTextEdit(self)
        self.plan.setMaximumHeight(70)
        self.decisions = QButtonGroup(self)
        self.decision_buttons = {d: QRadioButton(self) for d in Decision}
        for number, button in enumerate(self.decision_buttons.values()):
            button.setMinimumHeight(CONTROL_HEIGHT)
            self.decisions.addButton(button, number)
        self.follow_up_on = QCheckBox(self)
        self.follow_up_on.setChecked(True)
        self.follow_up = QDateEdit(self)
        self.follow_up.setCalendarPopup(True)
        self.follow_up.setDisplayFormat("dd.MM.yyyy")
        self.follow_up.setMinimumHeight(CONTROL_HEIGHT)
        self.follow_up_on.toggled.connect(self.follow_up.setEnabled)
        self.send_button = self._button(self.send_requested.emit)
        self.send_button.setObjectName("saveButton")
        self.titles = [QLabel(self) for _ in range(5)]
        self._layout()
        self._translate()
        self.clear()

    def _button(self, slot: object) -> QPushButton:
        button = QPushButton(self)
        button.setMinimumHeight(CONTROL_HEIGHT)
        button.clicked.connect(slot)
        return button

    def _layout(self) -> None:
        grid = QGridLayout(self)
        advice, codes, plan, decision, follow = self.titles
        grid.addWidget(advice, 0, 0)
        grid.addWidget(self.advice, 0, 1)
        code_row = QHBoxLayout()
        code_row.addWidget(self.code_field, 1)
        code_row.addWidget(self.add_button)
        code_row.addWidget(self.remove_button)
        code_column = QVBoxLayout()
        code_column.addLayout(code_row)
        code_column.addWidget(self.codes)
        grid.addWidget(codes, 1, 0)
        grid.addLayout(code_column, 1, 1)
        grid.addWidget(plan, 2, 0)
        grid.addWidget(self.plan, 2, 1)
        radios = QHBoxLayout()
        for button in self.decision_buttons.values():
            radios.addWidget(button)
        grid.addWidget(decision, 3, 0)
        grid.addLayout(radios, 3, 1)
        follow_row = QHBoxLayout()
        follow_row.addWidget(self.follow_up_on)
        follow_row.addWidget(self.follow_up)
        follow_row.addStretch(1)
        follow_row.addWidget(self.send_button)
        grid.addWidget(follow, 4, 0)
        grid.addLayout(follow_row, 4, 1)

    def _translate(self) -> None:
        for label, text in zip(
            self.titles,
            (
                self.tr("Advice"),
                self.tr("Diagnosis (ICD-10)"),
                self.tr("Plan"),
                self.tr("Decision"),
                self.tr("Follow-up"),
            ),
            strict=True,
        ):
            label.setText(text)
        self.advice.setPlaceholderText(self.tr("Advice for the nurse, in plain words"))
        self.advice.setAccessibleName(self.tr("Advice"))
        self.code_field.setPlaceholderText(self.tr("Type a code or words, e.g. J18 or pneumonia"))
        self.code_field.setAccessibleName(self.tr("Diagnosis (ICD-10)"))
        self.add_button.setText(self.tr("Add"))
        self.remove_button.setText(self.tr("Remove"))
        self.codes.setAccessibleName(self.tr("Chosen diagnoses"))
        self.plan.setPlaceholderText(self.tr("Plan: medicines, tests, what to watch"))
        self.plan.setAccessibleName(self.tr("Plan"))
        texts = {
            Decision.MANAGE_LOCALLY: self.tr("Manage locally"),
            Decision.REFER_DISTRICT: self.tr("Refer to the district hospital"),
            Decision.URGENT_TRANSPORT: self.tr("Urgent transport"),
        }
        for decision, button in self.decision_buttons.items():
            button.setText(texts[decision])
            button.setAccessibleName(texts[decision])
        self.follow_up_on.setText(self.tr("Ask for a follow-up visit on"))
        self.follow_up.setAccessibleName(self.tr("Follow-up date"))
        self.send_button.setText(self.tr("Send answer"))
        self.send_button.setAccessibleName(self.tr("Send answer"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._translate()
        super().changeEvent(event)

    # -- diagnoses -----------------------------------------------------------------------

    def _suggest(self, text: str) -> None:
        self._suggestions.setStringList([e.label() for e in icd10.search(text, SUGGESTIONS)])

    def _chosen(self, label: str) -> None:
        self.code_field.setText(label)
        self.add_code()

    def add_code(self) -> bool:
        """Add what the field holds (``J18.9`` or ``J18.9 — …``); False if no such code."""
        typed = self.code_field.text().split("—", 1)[0].strip()
        entry = icd10.lookup(typed) if typed else None
        if entry is None:
            matches = icd10.search(typed, 2) if typed else []
            entry = matches[0] if len(matches) == 1 else None
        if entry is None:
            self.problem.emit(self.tr("Unknown ICD-10 code: {0}").format(typed or "—"))
            return False
        if all(d.code != entry.code for d in self.diagnoses):
            self.diagnoses.append(Diagnosis(entry.code, entry.title))
            self.codes.addItem(QListWidgetItem(entry.label()))
        self.code_field.clear()
        return True

    def remove_code(self) -> None:
        row = self.codes.currentRow()
        if 0 <= row < len(self.diagnoses):
            del self.diagnoses[row]
            self.codes.takeItem(row)

    # -- the whole form ------------------------------------------------------------------

    def clear(self, today: dt.date | None = None) -> None:
        today = today or dt.date.today()
        self.advice.clear()
        self.plan.clear()
        self.code_field.clear()
        self.codes.clear()
        self.diagnoses = []
        self.decisions.setExclusive(False)
        for button in self.decision_buttons.values():
            button.setChecked(False)
        self.decisions.setExclusive(True)
        follow = today + dt.timedelta(days=DEFAULT_FOLLOW_UP_DAYS)
        self.follow_up.setMinimumDate(QDate(today.year, today.month, today.day))
        self.follow_up.setDate(QDate(follow.year, follow.month, follow.day))
        self.follow_up_on.setChecked(True)

    def decision(self) -> Decision | None:
        return next((d for d, b in self.decision_buttons.items() if b.isChecked()), None)

    def answer(self) -> Answer | str:
        """The :class:`Answer`, or a translated sentence saying what is missing."""
        advice = self.advice.toPlainText().strip()
        if not advice:
            return self.tr("Write the advice for the nurse first.")
        decision = self.decision()
        if decision is None:
            return self.tr("Choose a decision: manage locally, refer, or urgent transport.")
        follow_up = None
        if self.follow_up_on.isChecked():
            date = self.follow_up.date()
            follow_up = dt.date(date.year(), date.month(), date.day())
        return Answer(
            advice=advice,
            diagnoses=tuple(self.diagnoses),
            decision=decision,
            follow_up=follow_up,
            plan=self.plan.toPlainText().strip(),
        )
