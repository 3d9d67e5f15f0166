"""The on-screen keyboard types through real key events: every Kazakh letter in both cases,
the Russian and Latin letters, the keypad; keys stay ≥ 48 px at 1024×600."""

from __future__ import annotations

import sys

import pytest
from pytestqt.qtbot import QtBot

from ui.i18n import Translations
from ui.keyboard import NUMERIC, ROWS, Keyboard, KeyboardDock, attach_keyboard, is_numeric_field
from ui.qt import (
    QApplication,
    QDoubleValidator,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
)

KAZAKH = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"


class Host(QWidget):
    """A 1024×600 window: two fields on top, the keyboard docked at the bottom."""

    def __init__(self) -> None:
        super().__init__()
        self.text = QLineEdit()
        self.number = QLineEdit()
        self.number.setValidator(QDoubleValidator(25.0, 45.0, 1))
        self.notes = QPlainTextEdit()
        self.keyboard = Keyboard("kk")
        layout = QVBoxLayout(self)
        for widget in (self.text, self.number, self.notes, self.keyboard):
            layout.addWidget(widget)
        self.resize(1024, 600)


@pytest.fixture
def host(qtbot: QtBot, translations: Translations) -> Host:
    translations.use("en")  # the keys are found by their English accessible names
    shown = Host()
    qtbot.addWidget(shown)
    shown.show()
    shown.activateWindow()
    qtbot.waitExposed(shown)
    shown.text.setFocus()
    qtbot.waitUntil(lambda: shown.keyboard.target() is shown.text)
    return shown


def key(keyboard: Keyboard, name: str) -> QPushButton:
    page = keyboard.pages[keyboard.layout_name()]
    found = [k for k in page.findChildren(QPushButton) if k.accessibleName() == name]
    assert len(found) == 1, f"{name!r}: {len(found)} keys"
    return found[0]


def press(qtbot: QtBot, keyboard: Keyboard, name: str) -> None:
    qtbot.mouseClick(key(keyboard, name), Qt.MouseButton.LeftButton)


def test_the_kazakh_layout_has_all_42_letters() -> None:
    assert len(KAZAKH) == 42
    assert sorted("".join(ROWS["kk"])) == sorted(KAZAKH)


def test_types_every_kazakh_letter_in_both_cases(qtbot: QtBot, host: Host) -> None:
    keyboard = host.keyboard
    for letter in KAZAKH:
        press(qtbot, keyboard, letter)
    for letter in KAZAKH:
        press(qtbot, keyboard, "Shift")  # one letter upper case, then back
        press(qtbot, keyboard, letter.upper())
    assert host.text.text() == KAZAKH + KAZAKH.upper()
    assert host.text.hasFocus()  # the keys never take the focus


def test_caps_lock_space_and_backspace(qtbot: QtBot, host: Host) -> None:
    keyboard = host.keyboard
    press(qtbot, keyboard, "Shift")
    press(qtbot, keyboard, "Shift")  # twice: caps lock
    for letter in "ӘЙ":
        press(qtbot, keyboard, letter)
    press(qtbot, keyboard, "Space")
    press(qtbot, keyboard, "Ң")
    press(qtbot, keyboard, "Backspace")
    press(qtbot, keyboard, "Caps lock")  # off again
    press(qtbot, keyboard, "і")
    assert host.text.text() == "ӘЙ і"


@pytest.mark.parametrize("layout", ["ru", "en"])
def test_russian_and_latin_layouts_type_their_letters(
    qtbot: QtBot, host: Host, layout: str
) -> None:
    keyboard = host.keyboard
    while keyboard.layout_name() != layout:
        press(qtbot, keyboard, "Switch language")
    letters = "".join(ROWS[layout])
    for letter in letters:
        press(qtbot, keyboard, letter)
    assert host.text.text() == letters
    expected = set(
        "йцукенгшщзхъфывапролджэячсмитьбюё" if layout == "ru" else "abcdefghijklmnopqrstuvwxyz"
    )
    assert set(letters) == expected


def test_the_keypad_types_a_temperature_into_a_number_field(qtbot: QtBot, host: Host) -> None:
    keyboard = host.keyboard
    attach_keyboard(host, keyboard)
    host.number.setFocus()
    qtbot.waitUntil(lambda: keyboard.layout_name() == NUMERIC)
    for char in "36.7":
        press(qtbot, keyboard, char)
    press(qtbot, keyboard, "Backspace")
    press(qtbot, keyboard, "6")
    assert host.number.text() == "36.6"
    with qtbot.waitSignal(host.number.returnPressed):
        press(qtbot, keyboard, "Enter")
    host.notes.setFocus()
    qtbot.waitUntil(lambda: keyboard.layout_name() == "kk")
    press(qtbot, keyboard, "қ")
    assert host.notes.toPlainText() == "қ"


def test_number_fields_are_recognised(qapp: QApplication) -> None:
    masked, plain, flagged = QLineEdit(), QLineEdit(), QLineEdit()
    masked.setInputMask("99.9;_")
    flagged.setProperty(NUMERIC, True)
    assert is_numeric_field(masked) and is_numeric_field(flagged)
    assert not is_numeric_field(plain)


def test_keys_are_at_least_48_px_at_1024x600(qtbot: QtBot, host: Host) -> None:
    keyboard = host.keyboard
    for name in keyboard.pages:
        keyboard.show_layout(name)
        qtbot.wait(10)
        for button in keyboard.pages[name].findChildren(QPushButton):
            size = button.size()
            assert size.width() >= 48 and size.height() >= 48, (name, button.accessibleName())
            assert button.accessibleName()
    assert host.width() == 1024 and host.height() <= 600


def test_the_word_keys_are_translated(qtbot: QtBot, host: Host, translations: Translations) -> None:
    keyboard = host.keyboard
    try:
        for language, space, switch in (
            ("kk", "Бос орын", "Қазақша"),
            ("ru", "Пробел", "Казахский"),
        ):
            translations.use(language)
            qtbot.waitUntil(lambda space=space: key(keyboard, space).text() == space)
            assert (
                key(keyboard, "Тілді ауыстыру" if language == "kk" else "Сменить язык").text()
                == switch
            )
    finally:
        translations.use("en")
    qtbot.waitUntil(lambda: key(keyboard, "Space").text() == "Space")


def test_a_shift_of_typing_keeps_the_references_to_none(host: Host) -> None:
    """PySide6 6.12.0 took a reference to None per void call (hence the pin in pyproject.toml);
    a Shift press relabels a hundred keys, so the keyboard would abort the app first."""
    keyboard = host.keyboard
    before = sys.getrefcount(None)
    for _ in range(500):
        keyboard.next_language()
        keyboard.type_text("ә")
        keyboard.backspace()
        keyboard.show_layout(NUMERIC)
    assert sys.getrefcount(None) >= before - 20
    assert host.text.text() == ""


class DockHost(QWidget):
    """A window with a name field, a notes box, a keypad-served field and a button, and the
    keyboard docked at the bottom by :class:`KeyboardDock`."""

    def __init__(self) -> None:
        super().__init__()
        self.name = QLineEdit()
        self.notes = QPlainTextEdit()
        self.vital = QLineEdit()
        self.vital.setProperty("keypad", True)  # served by a keypad of its own
        self.button = QPushButton("Next")
        self.keyboard = Keyboard("kk")
        layout = QVBoxLayout(self)
        for widget in (self.name, self.notes, self.vital, self.button, self.keyboard):
            layout.addWidget(widget)
        self.dock = KeyboardDock(self, self.keyboard)
        self.resize(1024, 600)


def test_the_docked_keyboard_types_every_kazakh_letter_and_steps_aside(
    qtbot: QtBot, translations: Translations
) -> None:
    translations.use("en")
    host = DockHost()
    qtbot.addWidget(host)
    host.show()
    host.activateWindow()
    qtbot.waitExposed(host)
    shown: list[bool] = []
    host.dock.shown.connect(shown.append)
    assert not host.keyboard.isVisible()

    host.notes.setFocus()
    qtbot.waitUntil(host.keyboard.isVisible)
    keyboard = host.keyboard
    for letter in KAZAKH:
        press(qtbot, keyboard, letter)
    press(qtbot, keyboard, "Shift")
    press(qtbot, keyboard, "Ә")
    assert host.notes.toPlainText() == KAZAKH + "Ә"
    assert host.notes.hasFocus() and keyboard.target() is host.notes

    host.vital.setFocus()  # a keypad field: no keyboard over the screen
    qtbot.waitUntil(lambda: not host.keyboard.isVisible())
    host.name.setFocus()
    qtbot.waitUntil(host.keyboard.isVisible)
    press(qtbot, keyboard, "қ")
    assert host.name.text() == "қ" and host.notes.toPlainText().endswith("Ә")
    host.button.setFocus()
    qtbot.waitUntil(lambda: not host.keyboard.isVisible())
    assert shown == [True, False, True, False]
