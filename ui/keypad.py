"""A numeric keypad for gloved fingers: 0-9, the locale's decimal separator, ⌫ and OK.

:meth:`NumericKeypad.attach` points it at a :class:`QLineEdit`; every key press is sent to
that field as a real key event (so validators and signals behave as with a physical
keyboard), and the keys never take the focus. OK emits :attr:`NumericKeypad.accepted` and
presses Return in the field (its ``returnPressed`` fires too).

The decimal separator is the one of the current locale (``,`` for Kazakh and Russian, ``.``
for English): :meth:`NumericKeypad.set_language` switches it with the screen's language.
Either separator means the same to :func:`kiosk.visit_values.parse_number`.
"""

from __future__ import annotations

import functools

from ui.keyboard import send_key
from ui.qt import (
    QEvent,
    QGridLayout,
    QLineEdit,
    QLocale,
    QPushButton,
    QSizePolicy,
    Qt,
    QWidget,
    Signal,
)

KEY_SIZE = 60
DIGIT_ROWS = ("789", "456", "123")
#: Qt locale names of the screen's languages.
LOCALES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_GB"}

STYLE_SHEET = """
QPushButton {
    font-size: 30px; font-weight: bold; color: #000000; background: #ffffff;
    border: 2px solid #000000; border-radius: 6px; padding: 0px;
}
QPushButton:pressed { background: #0b4fa8; color: #ffffff; }
QPushButton[class="keypadOk"] { background: #0b4fa8; color: #ffffff; }
QPushButton[class="keypadSpecial"] { background: #d9d9d9; }
"""


def decimal_separator(language: str) -> str:
    """The decimal separator of ``language``'s locale (``,`` for kk and ru, ``.`` for en)."""
    return str(QLocale(LOCALES.get(language, "en_GB")).decimalPoint())


class NumericKeypad(QWidget):
    """Digits, the decimal separator, backspace and OK for the attached field."""

    accepted = Signal()

    def __init__(self, language: str = "en", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("numericKeypad")
        self.setStyleSheet(STYLE_SHEET)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._target: QLineEdit | None = None
        self.keys: dict[str, QPushButton] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 4, 4, 4)
        grid.setSpacing(6)
        for row, digits in enumerate(DIGIT_ROWS):
            for column, digit in enumerate(digits):
                grid.addWidget(
                    self._key(digit, functools.partial(self.type_text, digit)), row, column
                )
        self.separator_key = self._key(".", self._type_separator, "separator")
        grid.addWidget(self.separator_key, 3, 0)
        grid.addWidget(self._key("0", functools.partial(self.type_text, "0")), 3, 1)
        self.backspace_key = self._key("⌫", self.backspace, "backspace")
        self.backspace_key.setProperty("class", "keypadSpecial")
        grid.addWidget(self.backspace_key, 3, 2)
        self.ok_key = self._key("OK", self.accept, "ok")
        self.ok_key.setProperty("class", "keypadOk")
        grid.addWidget(self.ok_key, 0, 3, 4, 1)
        self.set_language(language)

    def _key(self, text: str, on_click: object, name: str | None = None) -> QPushButton:
        key = QPushButton(text)
        key.setObjectName(f"key_{name or text}")
        key.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        key.setAutoDefault(False)
        key.setMinimumSize(KEY_SIZE, KEY_SIZE)
        key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        key.setAccessibleName(text)
        key.clicked.connect(on_click)
        self.keys[name or text] = key
        return key

    # -- language ---------------------------------------------------------------------------

    def set_language(self, language: str) -> None:
        self.separator = decimal_separator(language)
        self.separator_key.setText(self.separator)
        self.retranslate()

    def retranslate(self) -> None:
        self.separator_key.setAccessibleName(self.tr("Decimal separator"))
        self.backspace_key.setAccessibleName(self.tr("Backspace"))
        self.ok_key.setText(self.tr("OK"))
        self.ok_key.setAccessibleName(self.tr("Done, next field"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- typing -----------------------------------------------------------------------------

    def attach(self, line_edit: QLineEdit | None) -> None:
        """Send the keys to ``line_edit`` from now on (None: to nothing)."""
        self._target = line_edit

    def target(self) -> QLineEdit | None:
        return self._target

    def type_text(self, text: str) -> None:
        self._send(ord(text) if len(text) == 1 else 0, text)

    def _type_separator(self) -> None:
        target = self._target
        if target is not None and ("." in target.text() or "," in target.text()):
            return  # one separator per number
        self.type_text(self.separator)

    def backspace(self) -> None:
        self._send(Qt.Key.Key_Backspace.value, "\b")

    def accept(self) -> None:
        self._send(Qt.Key.Key_Return.value, "\r")
        self.accepted.emit()

    def _send(self, key: int, text: str) -> None:
        if self._target is not None:
            send_key(self._target, key, text)
