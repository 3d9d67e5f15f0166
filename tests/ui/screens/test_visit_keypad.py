"""The numeric keypad types into the field it is attached to through real key events: the
digits, the decimal separator of the screen's language (one per number), ⌫, and OK."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from ui.i18n import Translations
from ui.keypad import NumericKeypad, decimal_separator
from ui.qt import QLineEdit, Qt, QVBoxLayout, QWidget


def test_the_keypad_types_digits_the_locale_separator_and_ok(
    qtbot: QtBot, translations: Translations
) -> None:
    translations.use("en")
    host = QWidget()
    field = QLineEdit()
    keypad = NumericKeypad("kk")
    layout = QVBoxLayout(host)
    layout.addWidget(field)
    layout.addWidget(keypad)
    qtbot.addWidget(host)
    host.show()
    keypad.attach(field)
    assert [decimal_separator(lang) for lang in ("kk", "ru", "en")] == [",", ",", "."]
    for name in ("3", "6", "separator", "separator", "7", "backspace", "6"):
        qtbot.mouseClick(keypad.keys[name], Qt.MouseButton.LeftButton)
    assert field.text() == "36,6"  # one separator per number; ⌫ took the 7
    with qtbot.waitSignals([keypad.accepted, field.returnPressed]):
        qtbot.mouseClick(keypad.ok_key, Qt.MouseButton.LeftButton)
    keypad.set_language("en")
    field.clear()
    for name in ("3", "8", "separator", "5"):
        qtbot.mouseClick(keypad.keys[name], Qt.MouseButton.LeftButton)
    assert field.text() == "38.5" and keypad.separator_key.text() == "."
    assert all(key.height() >= 48 and key.accessibleName() for key in keypad.keys.values())
    assert not any(key.hasFocus() for key in keypad.keys.values())  # keys never take focus
