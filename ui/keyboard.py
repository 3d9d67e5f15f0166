"""An on-screen keyboard in Widgets for gloved fingers: Kazakh, Russian, Latin and a keypad.

Qt Virtual Keyboard has no Kazakh layout (and needs pyside6-addons), so this is a plain widget
meant to be docked at the bottom of a window (no separate top-level window, so it works with
no window manager). Its keys never take the focus; each press sends real key events
(:class:`QKeyEvent` with text) to the text field that last had the focus, so validators,
input masks and signals behave as with a physical keyboard.

:func:`attach_keyboard` shows the keypad for number fields (an int/double validator, a digits
input mask or a ``numeric`` property) and the letters for every other text field.
:class:`KeyboardDock` does the same for a keyboard docked in a window, and also shows it
while a text field has the focus and hides it when the focus moves elsewhere.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from ui.qt import (
    QApplication,
    QDoubleValidator,
    QEvent,
    QGridLayout,
    QHBoxLayout,
    QIntValidator,
    QKeyEvent,
    QLineEdit,
    QObject,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    Qt,
    QTextEdit,
    QVBoxLayout,
    QWidget,
    Signal,
)

# Smallest side of a key in pixels (the brief asks for 48 px; gloves like more).
KEY_SIZE = 56
LANGUAGE_ORDER = ("kk", "ru", "en")
NUMERIC = "numeric"

# Letter rows per layout; the Kazakh one has all 42 letters (33 Russian + ә ғ қ ң ө ұ ү һ і).
ROWS: dict[str, tuple[str, ...]] = {
    "kk": ("әіңғүұқөһ", "йцукенгшщзхъ", "фывапролджэ", "ячсмитьбюё"),
    "ru": ("йцукенгшщзхъ", "фывапролджэ", "ячсмитьбюё"),
    "en": ("qwertyuiop", "asdfghjkl", "zxcvbnm"),
}
KEYPAD = ("789", "456", "123", "-0.")

STYLE_SHEET = """
QWidget#keyboard { background: #1a1a1a; }
QPushButton {
    font-size: 28px; font-weight: bold; color: #000000; background: #ffffff;
    border: 2px solid #000000; border-radius: 6px; padding: 0px;
}
QPushButton:pressed { background: #0b4fa8; color: #ffffff; }
QPushButton[class="special"] { background: #d9d9d9; font-size: 22px; }
QPushButton[class="special"]:checked { background: #0b4fa8; color: #ffffff; }
"""

EditWidget = QLineEdit | QPlainTextEdit | QTextEdit


class Keyboard(QWidget):
    """The keys, one page per layout; :meth:`show_layout` picks one (``kk``, ``ru``, ``en`` or
    ``numeric``). Shift cycles: off → next letter upper case → caps lock → off."""

    def __init__(self, language: str = "kk", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyboard")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(STYLE_SHEET)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.language = language if language in ROWS else LANGUAGE_ORDER[0]
        self.shift = False
        self.caps = False
        self._target: QWidget | None = None
        self.letter_keys: dict[str, list[QPushButton]] = {}
        self.special: dict[str, list[QPushButton]] = {}
        self.pages: dict[str, QWidget] = {}
        self.stack = QStackedWidget(self)
        for name in ROWS:
            self.pages[name] = self._letters_page(name)
        self.pages[NUMERIC] = self._keypad_page()
        for page in self.pages.values():
            self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.stack)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        self.retranslate()
        self.show_layout(self.language)

    # -- building ------------------------------------------------------------------------

    def _key(self, text: str, on_click: Callable[[], None], kind: str = "") -> QPushButton:
        key = QPushButton(text)
        key.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        key.setAutoDefault(False)
        key.setMinimumSize(KEY_SIZE, KEY_SIZE)
        key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        key.setAccessibleName(text)
        if kind:
            key.setProperty("class", "special")
            self.special.setdefault(kind, []).append(key)
        key.clicked.connect(on_click)
        return key

    def _letters_page(self, name: str) -> QWidget:
        page = QWidget()
        rows = QVBoxLayout(page)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(6)
        letters: list[QPushButton] = []
        for index, row in enumerate(ROWS[name]):
            line = QHBoxLayout()
            line.setSpacing(6)
            if index == len(ROWS[name]) - 1:
                line.addWidget(self._key("⇧", self._toggle_shift, "shift"))
            for char in row:
                key = self._key(char, functools.partial(self._type_letter, char))
                key.setProperty("char", char)
                letters.append(key)
                line.addWidget(key)
            if index == 0:
                line.addWidget(self._key("⌫", self.backspace, "backspace"), 2)
            rows.addLayout(line)
        bottom = QHBoxLayout()
        bottom.setSpacing(6)
        bottom.addWidget(self._key("123", lambda: self.show_layout(NUMERIC), "numbers"), 2)
        bottom.addWidget(self._key("", self.next_language, "language"), 3)
        for char in ", .-":  # the space bar between the comma and the full stop
            kind, stretch = ("space", 8) if char == " " else ("", 1)
            typed = self._key("" if kind else char, functools.partial(self.type_text, char), kind)
            bottom.addWidget(typed, stretch)
        bottom.addWidget(self._key("", self.enter, "enter"), 3)
        rows.addLayout(bottom)
        self.letter_keys[name] = letters
        return page

    def _keypad_page(self) -> QWidget:
        page = QWidget()
        grid = QGridLayout(page)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(6)
        for row, chars in enumerate(KEYPAD):
            for column, char in enumerate(chars):
                grid.addWidget(
                    self._key(char, functools.partial(self.type_text, char)), row, column
                )
        grid.addWidget(self._key("⌫", self.backspace, "backspace"), 0, 3)
        grid.addWidget(self._key("", self.enter, "enter"), 1, 3, 2, 1)
        grid.addWidget(self._key("", lambda: self.show_layout(self.language), "letters"), 3, 3)
        return page

    # -- language and shift ----------------------------------------------------------------
    def retranslate(self) -> None:
        names = {"kk": self.tr("Kazakh"), "ru": self.tr("Russian"), "en": self.tr("English")}
        texts = {
            "space": (self.tr("Space"), self.tr("Space")),
            "enter": (self.tr("Enter"), self.tr("Enter")),
            "backspace": ("⌫", self.tr("Backspace")),
            "numbers": ("123", self.tr("Numbers")),
            "letters": (self.tr("ABC"), self.tr("Letters")),
            "language": (names[self.language], self.tr("Switch language")),
        }
        for kind, keys in self.special.items():
            if kind == "shift":
                label, name = "⇧", self.tr("Caps lock") if self.caps else self.tr("Shift")
            else:
                label, name = texts[kind]
            for key in keys:
                key.setText(label)
                key.setAccessibleName(name)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_layout(self, name: str) -> None:
        if name != NUMERIC:
            self.language = name
        self.stack.setCurrentWidget(self.pages[name])
        self._refresh()

    def layout_name(self) -> str:
        current = self.stack.currentWidget()
        return next(name for name, page in self.pages.items() if page is current)

    def next_language(self) -> None:
        index = LANGUAGE_ORDER.index(self.language)
        self.show_layout(LANGUAGE_ORDER[(index + 1) % len(LANGUAGE_ORDER)])

    def _toggle_shift(self) -> None:
        if self.caps:
            self.shift = self.caps = False
        elif self.shift:
            self.caps = True
        else:
            self.shift = True
        self._refresh()

    def _refresh(self) -> None:
        upper = self.shift or self.caps
        for keys in self.letter_keys.values():
            for key in keys:
                char = str(key.property("char"))
                shown = char.upper() if upper else char
                key.setText(shown)
                key.setAccessibleName(shown)
        for key in self.special.get("shift", []):
            key.setCheckable(True)
            key.setChecked(upper)
        self.retranslate()

    # -- typing ----------------------------------------------------------------------------

    def set_target(self, widget: QWidget | None) -> None:
        self._target = widget

    def target(self) -> QWidget | None:
        return self._target

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if isinstance(new, EditWidget):
            self._target = new

    def _type_letter(self, char: str) -> None:
        upper = self.shift or self.caps
        self.type_text(char.upper() if upper else char)
        if self.shift and not self.caps:
            self.shift = False
            self._refresh()

    def type_text(self, text: str) -> None:
        key = ord(text.upper()) if len(text) == 1 else 0
        shifted = text != text.lower()
        self._send(key, text, shifted)

    def backspace(self) -> None:
        self._send(Qt.Key.Key_Backspace.value, "\b")

    def enter(self) -> None:
        self._send(Qt.Key.Key_Return.value, "\r")

    def _send(self, key: int, text: str, shifted: bool = False) -> None:
        if self._target is not None:
            send_key(self._target, key, text, shifted)


def send_key(target: QWidget, key: int, text: str, shifted: bool = False) -> None:
    """Press and release ``key`` (typing ``text``) in ``target``, as a physical key would."""
    modifiers = Qt.KeyboardModifier.ShiftModifier if shifted else Qt.KeyboardModifier.NoModifier
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(target, QKeyEvent(kind, key, modifiers, text))


def is_numeric_field(widget: QWidget) -> bool:
    """A field for numbers: a ``numeric`` property, a number validator or a digits mask."""
    if widget.property(NUMERIC):
        return True
    if not isinstance(widget, QLineEdit):
        return False
    if isinstance(widget.validator(), QIntValidator | QDoubleValidator):
        return True
    mask = widget.inputMask().split(";")[0]
    editable = [c for c in mask if c in "AaNnXx90Dd#HhBb"]
    return bool(editable) and all(c in "09Dd#" for c in editable)


class _FocusFollower(QObject):
    """Lives in the window, so its connection to ``focusChanged`` dies with the window."""

    def __init__(self, window: QWidget, keyboard: Keyboard) -> None:
        super().__init__(window)
        self._window = window
        self._keyboard = keyboard

    def follow(self, _old: QWidget | None, new: QWidget | None) -> None:
        if not isinstance(new, EditWidget) or not self._window.isAncestorOf(new):
            return
        self._keyboard.set_target(new)
        numeric = is_numeric_field(new)
        self._keyboard.show_layout(NUMERIC if numeric else self._keyboard.language)


def attach_keyboard(window: QWidget, keyboard: Keyboard) -> Callable[[], None]:
    """Follow the focus in ``window``: the keypad for number fields, the letters for other
    text fields. Returns a function that detaches it."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    follower = _FocusFollower(window, keyboard)
    app.focusChanged.connect(follower.follow)

    def detach() -> None:
        app.focusChanged.disconnect(follower.follow)
        follower.deleteLater()

    return detach


class KeyboardDock(QObject):
    """Shows ``keyboard`` (docked at the bottom of ``window``) while a text field of the
    window has the focus, and hides it when the focus goes to anything else. Fields with the
    ``keypad`` property are served by a numeric keypad of their own and get no keyboard.
    :attr:`shown` tells the window, so it can make room (``True``) and give it back."""

    shown = Signal(bool)

    def __init__(self, window: QWidget, keyboard: Keyboard) -> None:
        super().__init__(window)
        self._window = window
        self.keyboard = keyboard
        keyboard.setVisible(False)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self.follow)

    def follow(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or not self._window.isAncestorOf(new):
            return  # the focus left the window (or went nowhere): keep what is shown
        if isinstance(new, EditWidget) and new.isVisible() and not new.property("keypad"):
            readonly = isinstance(new, QLineEdit | QPlainTextEdit | QTextEdit) and new.isReadOnly()
            if not readonly:
                self.keyboard.set_target(new)
                numeric = is_numeric_field(new)
                self.keyboard.show_layout(NUMERIC if numeric else self.keyboard.language)
                self._show(True)
                return
        if not self.keyboard.isAncestorOf(new):
            self._show(False)

    def hide(self) -> None:
        self._show(False)

    def _show(self, visible: bool) -> None:
        if self.keyboard.isVisibleTo(self._window) != visible:
            self.keyboard.setVisible(visible)
            self.shown.emit(visible)
