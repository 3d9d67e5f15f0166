"""Manual entry of the vitals: a field per vital with the numeric keypad beside them, the
level of consciousness (ACVPU) and air or oxygen as big buttons.

Every change goes to :meth:`kiosk.visit_model.VisitModel.type_value`, which keeps the text
and judges it (clinical.md §3/§4): an unusual value is marked amber with a "Confirm" button
(the nurse confirms it or types it again), an impossible one red with "not possible" (it is
never saved). The section emits :attr:`ManualEntry.changed` after each change, for the score
panel and the draft.
"""

from __future__ import annotations

import contextlib

from kiosk.clinical.news2 import Acvpu
from kiosk.errors import UserFacingError
from kiosk.visit_model import VisitModel
from kiosk.visit_values import MANUAL_FIELDS
from ui.device_tile import set_style_state
from ui.keypad import NumericKeypad
from ui.qt import (
    QButtonGroup,
    QCoreApplication,
    QEvent,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QObject,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.screens.visit_style import CHOICE_HEIGHT, choice_button

COLUMNS = 3
KEYPAD_WIDTH = 250
FIELD_HEIGHT = 52


def field_label(key: str) -> str:
    """The vital's name with its unit, in the current language."""
    labels = {
        "spo2": QCoreApplication.translate("ManualEntry", "SpO₂, %"),
        "pulse_rate": QCoreApplication.translate("ManualEntry", "Pulse, /min"),
        "resp_rate": QCoreApplication.translate("ManualEntry", "Breaths, /min"),
        "systolic_bp": QCoreApplication.translate("ManualEntry", "BP systolic, mmHg"),
        "diastolic_bp": QCoreApplication.translate("ManualEntry", "BP diastolic, mmHg"),
        "body_temp": QCoreApplication.translate("ManualEntry", "Temperature, °C"),
        "body_weight": QCoreApplication.translate("ManualEntry", "Weight, kg"),
        "body_height": QCoreApplication.translate("ManualEntry", "Height, cm"),
        "glucose": QCoreApplication.translate("ManualEntry", "Glucose, mmol/L"),
        "mean_bp": QCoreApplication.translate("ManualEntry", "BP mean, mmHg"),
    }
    return labels.get(key, key)


def field_names(params: dict[str, object]) -> dict[str, object]:
    """A message's ``field``/``fields`` parameters (reading types) as the vitals' names, in
    the current language (so they follow a change of language)."""
    named = dict(params)
    if "field" in named:
        named["field"] = field_label(str(named["field"]))
    if "fields" in named:
        named["fields"] = ", ".join(field_label(k) for k in str(named["fields"]).split(", "))
    return named


def acvpu_label(level: str) -> str:
    labels = {
        Acvpu.ALERT: QCoreApplication.translate("ManualEntry", "Alert"),
        Acvpu.NEW_CONFUSION: QCoreApplication.translate("ManualEntry", "New confusion"),
        Acvpu.LONGSTANDING_CONFUSION: QCoreApplication.translate(
            "ManualEntry", "Confusion, not new"
        ),
        Acvpu.VOICE: QCoreApplication.translate("ManualEntry", "Voice"),
        Acvpu.PAIN: QCoreApplication.translate("ManualEntry", "Pain"),
        Acvpu.UNRESPONSIVE: QCoreApplication.translate("ManualEntry", "Unresponsive"),
    }
    return labels[Acvpu(level)]


class ManualEntry(QWidget):
    """The typed vitals and the two NEWS2 answers (see the module docstring)."""

    changed = Signal()

    def __init__(self, model: VisitModel, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.fields: dict[str, QLineEdit] = {}
        self.labels: dict[str, QLabel] = {}
        self.notes: dict[str, QLabel] = {}
        self.confirm_buttons: dict[str, QPushButton] = {}
        self.keypad = NumericKeypad(language)
        self.keypad.setFixedWidth(KEYPAD_WIDTH)
        self.keypad.accepted.connect(self._next_field)
        self.consciousness_label = QLabel()
        self.consciousness_label.setProperty("class", "sectionTitle")
        self.consciousness_buttons: dict[str, QPushButton] = {}
        self.oxygen_label = QLabel()
        self.oxygen_label.setProperty("class", "sectionTitle")
        self.oxygen_buttons: dict[bool, QPushButton] = {}
        self._focus_watch = _FocusWatch(self)
        self._build()
        self.retranslate()

    # -- construction ------------------------------------------------------------------------

    def _build(self) -> None:
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(0)
        for index, field in enumerate(MANUAL_FIELDS):
            row, column = divmod(index, COLUMNS)
            grid.addLayout(self._field_cell(field.key), row, column)
            grid.setColumnStretch(column, 1)
        self.answers = QWidget()  # its own section of the visit screen
        answers = QVBoxLayout(self.answers)
        answers.setContentsMargins(0, 0, 0, 0)
        answers.setSpacing(6)
        answers.addWidget(self.consciousness_label)
        answers.addLayout(self._consciousness_row())
        answers.addWidget(self.oxygen_label)
        answers.addLayout(self._oxygen_row())
        answers.addStretch(1)
        left = QVBoxLayout()
        left.setSpacing(6)
        left.addLayout(grid)
        left.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(left, 1)
        layout.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignTop)

    def _field_cell(self, key: str) -> QVBoxLayout:
        label = QLabel()
        label.setProperty("class", "fieldLabel")
        label.setWordWrap(True)
        label.setMinimumWidth(1)  # long labels (Russian) wrap instead of widening the screen
        field = QLineEdit()
        field.setObjectName(f"manual_{key}")
        field.setMinimumHeight(FIELD_HEIGHT)
        field.setProperty("keypad", True)  # the docked keyboard stays away: the keypad serves
        field.setInputMethodHints(Qt.InputMethodHint.ImhFormattedNumbersOnly)
        field.installEventFilter(self._focus_watch)
        field.textChanged.connect(lambda text, k=key: self._typed(k, text))
        label.setBuddy(field)
        confirm = choice_button(f"confirm_{key}", checkable=False, height=FIELD_HEIGHT)
        confirm.setVisible(False)
        confirm.clicked.connect(lambda _checked=False, k=key: self.confirm(k))
        note = QLabel()
        note.setProperty("class", "fieldNote")
        note.setWordWrap(True)
        note.setMinimumWidth(1)
        row = QHBoxLayout()
        row.setSpacing(4)
        row.addWidget(field, 2)
        row.addWidget(confirm, 1)
        cell = QVBoxLayout()
        cell.setSpacing(1)
        cell.addWidget(label)
        cell.addLayout(row)
        cell.addWidget(note)
        self.fields[key], self.labels[key], self.notes[key] = field, label, note
        self.confirm_buttons[key] = confirm
        return cell

    def _consciousness_row(self) -> QGridLayout:
        row = QGridLayout()
        row.setSpacing(6)
        group = QButtonGroup(self)
        group.setExclusive(True)
        for index, level in enumerate(Acvpu):
            button = choice_button(f"acvpu_{level}", height=CHOICE_HEIGHT)
            button.clicked.connect(lambda _checked=False, lv=str(level): self._choose_level(lv))
            group.addButton(button)
            self.consciousness_buttons[str(level)] = button
            row.addWidget(button, *divmod(index, 3))
        self._level_group = group
        return row

    def _oxygen_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(6)
        group = QButtonGroup(self)
        for oxygen in (False, True):
            button = choice_button(f"oxygen_{'yes' if oxygen else 'no'}")
            button.clicked.connect(lambda _checked=False, o=oxygen: self._choose_oxygen(o))
            group.addButton(button)
            self.oxygen_buttons[oxygen] = button
            row.addWidget(button)
        self._oxygen_group = group
        return row

    # -- language ----------------------------------------------------------------------------

    def set_language(self, language: str) -> None:
        self.keypad.set_language(language)
        self.retranslate()

    def retranslate(self) -> None:
        for key, label in self.labels.items():
            label.setText(field_label(key))
            self.fields[key].setAccessibleName(field_label(key))
            self.confirm_buttons[key].setText(self.tr("Confirm"))
            self.confirm_buttons[key].setAccessibleName(
                self.tr("Keep this unusual value: {field}").format(field=field_label(key))
            )
            self._show_check(key)
        self.consciousness_label.setText(self.tr("Consciousness (ACVPU)"))
        for level, button in self.consciousness_buttons.items():
            button.setText(acvpu_label(level))
            button.setAccessibleName(
                self.tr("Consciousness: {level}").format(level=acvpu_label(level))
            )
        self.oxygen_label.setText(self.tr("Breathing"))
        self.oxygen_buttons[False].setText(self.tr("Room air"))
        self.oxygen_buttons[True].setText(self.tr("Supplemental oxygen"))
        for button in self.oxygen_buttons.values():
            button.setAccessibleName(button.text())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- typing ------------------------------------------------------------------------------

    def field_focused(self, field: QLineEdit) -> None:
        self.keypad.attach(field)

    def _next_field(self) -> None:
        current = self.keypad.target()
        keys = list(self.fields)
        for key, field in self.fields.items():
            if field is current:
                following = keys.index(key) + 1
                if following < len(keys):
                    self.fields[keys[following]].setFocus()
                return

    def _typed(self, key: str, text: str) -> None:
        with contextlib.suppress(UserFacingError):  # kept as typed; "not a number" below
            self.model.type_value(key, text)
        self._show_check(key)
        self.changed.emit()

    def confirm(self, key: str) -> None:
        self.model.confirm(key)
        self._show_check(key)
        self.changed.emit()

    def _show_check(self, key: str) -> None:
        typed = self.model.form.typed.get(key)
        check = self.model.checks.get(key)
        field, note, confirm = self.fields[key], self.notes[key], self.confirm_buttons[key]
        kind, text = "ok", ""
        if typed and check is None:
            kind, text = "impossible", self.tr("Not a number")
        elif check is not None and check.verdict == "impossible":
            kind, text = "impossible", self.tr("Not possible: check it and type again")
        elif check is not None and check.verdict == "implausible":
            if key in self.model.form.confirmed:
                kind, text = "implausible", self.tr("Unusual, confirmed")
            else:
                kind, text = "implausible", self.tr("Unusual: confirm or measure again")
        confirm.setVisible(kind == "implausible" and key not in self.model.form.confirmed)
        note.setText(text)
        note.setVisible(bool(text))
        set_style_state(note, "kind", kind)
        set_style_state(field, "kind", kind)

    def _choose_level(self, level: str) -> None:
        self.model.form.consciousness = level
        self.changed.emit()

    def _choose_oxygen(self, oxygen: bool) -> None:
        self.model.form.on_oxygen = oxygen
        self.changed.emit()

    def load(self) -> None:
        """Show the model's form (a new visit, or one resumed after a crash)."""
        form = self.model.form
        for key, field in self.fields.items():
            field.blockSignals(True)
            field.setText(form.typed.get(key, ""))
            field.blockSignals(False)
            self._show_check(key)
        _check_only(self._level_group, self.consciousness_buttons.get(form.consciousness or ""))
        oxygen = None if form.on_oxygen is None else self.oxygen_buttons[form.on_oxygen]
        _check_only(self._oxygen_group, oxygen)


def _check_only(group: QButtonGroup, button: QPushButton | None) -> None:
    """Check ``button`` alone in an exclusive group (None: none of them)."""
    group.setExclusive(False)
    for member in group.buttons():
        member.setChecked(member is button)
    group.setExclusive(True)


class _FocusWatch(QObject):
    """Points the keypad at the field that gets the focus."""

    def __init__(self, entry: ManualEntry) -> None:
        super().__init__(entry)
        self._entry = entry

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QLineEdit):
            self._entry.field_focused(watched)
        return False
