"""The sign-in and lock screen: staff as big name buttons, a PIN pad, lockout countdown.

The kiosk shows it at start and whenever it locks itself (:mod:`ui.idle_lock`). A nurse
touches her name (switching user is the same touch: whoever worked before is signed out),
types her PIN on the screen's own digit buttons and touches OK. The PIN shows as dots only;
it lives in this widget until OK and is dropped as soon as it is handed to
:meth:`kiosk.sign_in_flow.SignInFlow.sign_in` (checked on the writer thread); it is never
logged. A wrong PIN says so; a name locked after too many wrong PINs shows a translated
countdown, and its PIN pad stays off until the countdown ends.

Setup mode (no staff account yet, before ``kiosk staff add``): :meth:`SignInScreen.load`
emits :attr:`SignInScreen.setup_mode` instead of showing names, and the shell goes straight
to work — a fresh kiosk is usable until its first account exists.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Sequence
from typing import TypeVar

from kiosk.errors import UserFacingError
from kiosk.i18n import LANGUAGES, translate
from kiosk.security.staff import SignInRefused, StaffMember
from kiosk.sign_in_flow import SignInChoices, SignInFlow
from ui.bridge import QtBridge
from ui.qt import (
    QEvent,
    QGridLayout,
    QHBoxLayout,
    QKeyEvent,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.style import STYLE_SHEET as BASE_STYLE

log = logging.getLogger(__name__)
W = TypeVar("W", bound=QWidget)

PIN_LENGTH = (4, 8)
KEY_SIZE = 64
NAME_HEIGHT = 72
DIGIT_ROWS = ("123", "456", "789")
DOT = "●"
# Not a core message: the screen's own "something went wrong" (its tr() text).
UNEXPECTED = "sign_in.unexpected"

STYLE_SHEET = (
    BASE_STYLE
    + """
QWidget#signInScreen, QWidget#staffNames { background: #ffffff; }
QLabel#signInTitle { font-size: 28px; font-weight: bold; }
QLabel#pinPrompt { font-size: 24px; }
QLabel#pinDots { font-size: 40px; letter-spacing: 8px; min-height: 52px; }
QLabel#signInMessage { font-size: 22px; font-weight: bold; color: #8a1414; }
QPushButton[class="staffButton"] { font-size: 24px; text-align: left; padding: 4px 18px; }
QPushButton[class="staffButton"]:checked { background: #0b4fa8; color: #ffffff; }
QPushButton[class="pinKey"] { font-size: 32px; }
QPushButton#pinOk { background: #0b4fa8; color: #ffffff; }
QPushButton#pinOk:disabled, QPushButton[class="pinKey"]:disabled {
    background: #d9d9d9; color: #555555; border-color: #8a8a8a;
}
"""
)


def named(widget: W, object_name: str) -> W:
    widget.setObjectName(object_name)
    return widget


class SignInScreen(QWidget):
    """Who is working: the staff's names, a PIN pad, and the answer of the PIN check."""

    signed_in = Signal(object)  # StaffMember
    setup_mode = Signal()  # no staff account yet: nothing to sign in to

    def __init__(self, model: SignInFlow, bridge: QtBridge, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("signInScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(STYLE_SHEET)
        self.model = model
        self.bridge = bridge
        self.language = self.catalogue_language()
        self.staff: tuple[StaffMember, ...] = ()
        self.name_buttons: dict[str, QPushButton] = {}
        self.selected: StaffMember | None = None
        self.busy = False
        self._pin = ""
        self._locked_until: dict[str, float] = {}  # user name -> time.monotonic()
        self._message_key: tuple[str, dict[str, object]] | None = None
        self._countdown = QTimer(self, interval=1000)
        self._countdown.timeout.connect(self._tick)
        self._build()
        self.retranslate()

    # -- layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = named(QLabel(), "signInTitle")
        self.names = named(QWidget(), "staffNames")
        self.names_layout = QVBoxLayout(self.names)
        self.names_layout.setSpacing(10)
        self.names_layout.addStretch(1)
        scroll = named(QScrollArea(), "staffScroll")
        scroll.setWidget(self.names)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.prompt = named(QLabel(), "pinPrompt")
        self.prompt.setWordWrap(True)
        self.dots = named(QLabel(), "pinDots")
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = named(QLabel(), "signInMessage")
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(56)
        left = QVBoxLayout()
        left.addWidget(self.title)
        left.addWidget(scroll, 1)
        left.addWidget(self.message)
        right = QVBoxLayout()
        right.addStretch(1)  # the pad in the middle of a tall screen
        right.addWidget(self.prompt)
        right.addWidget(self.dots)
        right.addLayout(self._keypad())
        right.addStretch(1)
        root = QHBoxLayout(self)
        root.setContentsMargins(24, 8, 24, 8)
        root.setSpacing(32)
        root.addLayout(left, 1)
        root.addLayout(right, 1)

    def _key(self, object_name: str, text: str) -> QPushButton:
        key = named(QPushButton(text), object_name)
        key.setProperty("class", "pinKey")
        key.setMinimumSize(KEY_SIZE, KEY_SIZE)
        key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        key.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        key.setAutoRepeat(False)
        return key

    def _keypad(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setSpacing(8)
        self.digit_keys: dict[str, QPushButton] = {}
        for row, digits in enumerate(DIGIT_ROWS):
            for column, digit in enumerate(digits):
                self.digit_keys[digit] = self._key(f"pinKey{digit}", digit)
                grid.addWidget(self.digit_keys[digit], row, column)
        self.backspace_key = self._key("pinBackspace", "⌫")
        self.digit_keys["0"] = self._key("pinKey0", "0")
        self.ok_key = self._key("pinOk", "")
        grid.addWidget(self.backspace_key, 3, 0)
        grid.addWidget(self.digit_keys["0"], 3, 1)
        grid.addWidget(self.ok_key, 3, 2)
        for digit, key in self.digit_keys.items():
            key.clicked.connect(lambda _checked=False, d=digit: self.press_digit(d))
        self.backspace_key.clicked.connect(self.press_backspace)
        self.ok_key.clicked.connect(self.submit)
        return grid

    def keys_in_order(self) -> list[QPushButton]:
        """The PIN pad as the tab key visits it: 1–9 row by row, then ⌫, 0, OK."""
        digits = [self.digit_keys[d] for d in "".join(DIGIT_ROWS)]
        return [*digits, self.backspace_key, self.digit_keys["0"], self.ok_key]

    # -- staff -----------------------------------------------------------------------------

    def load(self) -> None:
        """Ask for the staff list again (at start, and every time the screen locks)."""
        self.clear_pin()
        self.bridge.when_done(self.model.load(), self._show_choices, self._load_failed)

    def _show_choices(self, choices: SignInChoices) -> None:
        if choices.setup_mode:
            log.info("no staff account yet: setup mode, the sign-in screen is skipped")
            self.setup_mode.emit()
            return
        self.show_staff(choices.staff)

    def _load_failed(self, error: BaseException) -> None:
        log.error("the staff list could not be read: %s", type(error).__name__)
        if isinstance(error, UserFacingError):
            self._show_message((error.key, dict(error.params)))
        else:
            self._show_message((UNEXPECTED, {}))

    def show_staff(self, members: Sequence[StaffMember]) -> None:
        """One big button per active member; the only one is chosen at once."""
        for button in self.name_buttons.values():
            self.names_layout.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.staff = tuple(members)
        self.name_buttons = {}
        for index, member in enumerate(self.staff):
            button = named(QPushButton(member.display_name), f"staff_{member.username}")
            button.setProperty("class", "staffButton")
            button.setCheckable(True)
            button.setMinimumHeight(NAME_HEIGHT)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.clicked.connect(lambda _checked=False, m=member: self.choose(m))
            self.names_layout.insertWidget(index, button)
            self.name_buttons[member.username] = button
        self._fix_tab_order()
        keep = self.selected and self.selected.username in self.name_buttons
        self.choose(self.selected if keep else (self.staff[0] if len(self.staff) == 1 else None))
        self.retranslate()

    def _fix_tab_order(self) -> None:
        chain = [*self.name_buttons.values(), *self.keys_in_order()]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def choose(self, member: StaffMember | None) -> None:
        """``member`` is the one signing in now (None: nobody chosen yet)."""
        self.selected = member
        self.clear_pin()
        self._message_key = None
        for username, button in self.name_buttons.items():
            button.setChecked(member is not None and username == member.username)
        self._tick()
        self.retranslate()

    # -- the PIN ---------------------------------------------------------------------------

    @property
    def pin_length(self) -> int:
        return len(self._pin)

    def press_digit(self, digit: str) -> None:
        if self._pad_enabled() and len(self._pin) < PIN_LENGTH[1]:
            self._pin += digit
            self._message_key = None
            self._refresh()

    def press_backspace(self) -> None:
        self._pin = self._pin[:-1]
        self._refresh()

    def clear_pin(self) -> None:
        self._pin = ""
        self._refresh()

    def submit(self) -> None:
        """Check the typed PIN (writer thread); the pad is off until the answer comes."""
        member = self.selected
        if member is None or not self._pad_enabled() or len(self._pin) < PIN_LENGTH[0]:
            return
        pin, self._pin = self._pin, ""
        self.busy = True
        self._refresh()
        future = self.model.sign_in(member.username, pin)
        del pin
        self.bridge.when_done(future, self._signed_in, self._refused)

    def _signed_in(self, member: StaffMember) -> None:
        self.busy = False
        self._message_key = None
        self._refresh()
        log.info("staff member signed in (role %s)", member.role)
        self.signed_in.emit(member)

    def _refused(self, error: BaseException) -> None:
        self.busy = False
        if isinstance(error, SignInRefused) and error.retry_after is not None:
            username = self.selected.username if self.selected else ""
            self._locked_until[username] = time.monotonic() + error.retry_after.total_seconds()
            self._tick()
        elif isinstance(error, UserFacingError):
            self._show_message((error.key, dict(error.params)))
        else:
            log.error("sign-in failed: %s", type(error).__name__)
            self._show_message((UNEXPECTED, {}))
        self._refresh()

    def locked_seconds(self) -> int:
        """Seconds until the chosen name may try again (0: it may now)."""
        if self.selected is None:
            return 0
        until = self._locked_until.get(self.selected.username, 0.0)
        return max(0, int(until - time.monotonic() + 0.999))

    def _tick(self) -> None:
        seconds = self.locked_seconds()
        if seconds:
            self._message_key = ("access.locked_out", {"seconds": seconds})
            if not self._countdown.isActive():
                self._countdown.start()
        else:
            if self._message_key and self._message_key[0] == "access.locked_out":
                self._message_key = None
            self._countdown.stop()
        self._refresh()

    def _pad_enabled(self) -> bool:
        return self.selected is not None and not self.busy and not self.locked_seconds()

    def _show_message(self, key: tuple[str, dict[str, object]] | None) -> None:
        self._message_key = key
        self._refresh()

    def message_text(self) -> str:
        if self._message_key is None:
            return ""
        key, params = self._message_key
        if key == UNEXPECTED:
            return self.tr("Sign-in failed. Please try again.")
        return translate(key, self.language, **params)

    def _refresh(self) -> None:
        if not hasattr(self, "ok_key"):
            return
        enabled = self._pad_enabled()
        for key in self.digit_keys.values():
            key.setEnabled(enabled and len(self._pin) < PIN_LENGTH[1])
        self.backspace_key.setEnabled(enabled and bool(self._pin))
        self.ok_key.setEnabled(enabled and len(self._pin) >= PIN_LENGTH[0])
        self.dots.setText(DOT * len(self._pin) if self._pin else "—")
        typed = self.tr("PIN: {count} digits typed").format(count=len(self._pin))
        self.dots.setAccessibleName(typed)
        self.message.setText(self.message_text())
        self._prompt()

    def _prompt(self) -> None:
        if self.busy:
            self.prompt.setText(self.tr("Checking the PIN…"))
        elif self.selected is None:
            self.prompt.setText(self.tr("Touch your name."))
        else:
            text = self.tr("{name}, type your PIN and touch OK.")
            self.prompt.setText(text.format(name=self.selected.display_name))

    # -- language and keys -----------------------------------------------------------------

    def catalogue_language(self) -> str:
        """The language of the installed catalogue (``en`` when none is installed)."""
        code = self.tr("en", "the code of this catalogue's language: kk, ru or en")
        return code if code in LANGUAGES else "en"

    def set_language(self, language: str) -> None:
        """Core messages (wrong PIN, countdown) in ``language``; the tr() strings follow the
        installed catalogue (LanguageChange)."""
        self.language = language
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.language = self.catalogue_language()
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Who is working?"))
        self.ok_key.setText(self.tr("OK"))
        self.ok_key.setAccessibleName(self.tr("Sign in"))
        self.backspace_key.setAccessibleName(self.tr("Delete the last digit"))
        for digit, key in self.digit_keys.items():
            key.setAccessibleName(self.tr("Digit {digit}").format(digit=digit))
        for member in self.staff:
            button = self.name_buttons[member.username]
            button.setAccessibleName(self.tr("Sign in as {name}").format(name=member.display_name))
        self._refresh()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text.isdigit() and len(text) == 1:
            self.press_digit(text)
        elif event.key() == Qt.Key.Key_Backspace:
            self.press_backspace()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
        else:
            super().keyPressEvent(event)
