"""The technician's on-screen way out of kiosk mode: a "Leave kiosk mode" button in the top
bar only while a technician or administrator is signed in (never for a nurse, nobody, a
locked screen, or outside kiosk mode), a confirmation whose "Stay" keeps kiosk mode and
whose "Leave" ends it (framed window, cursor back) and closes the window like a permitted
close. Real store, staff, sign-in screen and main window; the display is offscreen.

The offscreen screen is 800×800, narrower than Home's minimum width, so there a signed-in
window drops out of full screen by itself; "kiosk mode kept" is therefore checked as mode,
window flags, cursor and window state unchanged, and the layout at 1024×600 by hand."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from kiosk.i18n import LANGUAGES
from kiosk.security import staff
from kiosk.security.roles import Role
from kiosk.security.session import StaffSession
from kiosk.sign_in_flow import SignInFlow
from kiosk.store.db import Store
from tests.ui.screen_walk import controls
from tests.ui.test_accessibility import settle, too_small, unnamed
from tests.ui.test_layout_sizes import layout_problems, report
from ui.app import SCREEN_SIZE, Backend
from ui.bridge import QtBridge
from ui.i18n import Translations
from ui.kiosk_mode import KIOSK_FLAGS, KioskMode, LeaveKioskControl, technician_present
from ui.main_window import MainWindow
from ui.qt import QApplication, QPushButton, QSize, Qt, QWidget

#: (user name, display name, role, PIN): the staff of these tests.
STAFF = (
    ("aigerim", "Әйгерім Серікбаева", Role.ADMINISTRATOR, "482916"),
    ("dana", "Дана Омарова", Role.NURSE, "7351"),
    ("timur", "Тимур Жақсыбеков", Role.TECHNICIAN, "602418"),
)
PINS = {username: pin for username, _name, _role, pin in STAFF}
LEAVE_TEXT = {
    "kk": "Киоск режимінен шығу",
    "ru": "Выйти из режима киоска",
    "en": "Leave kiosk mode",
}


def add_staff(store: Store) -> None:
    first = None
    for username, name, role, pin in STAFF:
        added = staff.add_staff(
            store, username=username, display_name=name, role=role, pin=pin,
            now=dt.datetime.now(dt.UTC), by=first,
        )  # fmt: skip
        first = first or added


class Kiosk:
    """The main window as ``kiosk run --fullscreen`` shows it, with its sign-in flow."""

    def __init__(self, qtbot: QtBot, window: MainWindow, flow: SignInFlow) -> None:
        self.qtbot, self.window, self.flow = qtbot, window, flow
        self.mode: KioskMode | None = None

    def enter(self, *, hide_cursor: bool = False) -> KioskMode:
        self.mode = KioskMode(
            self.window, hide_cursor=hide_cursor, may_leave=technician_present(self.flow.session)
        ).enter()
        self.qtbot.waitUntil(self.window.isFullScreen)
        return self.mode

    @property
    def control(self) -> LeaveKioskControl:
        assert self.mode is not None and self.mode.leave_control is not None
        return self.mode.leave_control

    def sign_in(self, username: str) -> None:
        screen = self.window.optional.sign_in
        if self.window.current != "sign_in":
            self.window.optional.lock()
        self.qtbot.waitUntil(lambda: len(screen.staff) == len(STAFF))
        screen.choose(next(m for m in screen.staff if m.username == username))
        for digit in PINS[username]:
            screen.press_digit(digit)
        screen.submit()
        self.qtbot.waitUntil(lambda: self.window.current != "sign_in", timeout=10_000)
        assert self.window.model.staff == username


def leave_buttons(window: MainWindow) -> list[QPushButton]:
    """The "Leave kiosk mode" buttons a person can see and press now."""
    found = window.findChildren(QPushButton, "leaveKioskButton")
    return [button for button in found if button.isVisibleTo(window)]


@pytest.fixture
def kiosk(
    qtbot: QtBot, backend: Backend, bridge: QtBridge, translations: Translations
) -> Iterator[Kiosk]:
    backend.runtime.write(add_staff).result(timeout=10)
    flow = SignInFlow(backend.runtime, StaffSession(dt.timedelta(minutes=5)))
    window = MainWindow(backend.quick_visit(), bridge, translations, "en", sign_in=flow)
    qtbot.addWidget(window)
    window.resize(*SCREEN_SIZE)
    made = Kiosk(qtbot, window, flow)
    yield made
    window.camera.stop()
    flow.session.end()
    translations.use("en")


def test_no_leave_button_outside_kiosk_mode(kiosk: Kiosk, qtbot: QtBot) -> None:
    kiosk.window.show()
    kiosk.sign_in("timur")
    assert kiosk.window.findChildren(QPushButton, "leaveKioskButton") == []


def test_a_nurse_and_nobody_never_see_it(kiosk: Kiosk, qtbot: QtBot) -> None:
    kiosk.enter()
    assert kiosk.window.current == "sign_in" and leave_buttons(kiosk.window) == []
    kiosk.sign_in("dana")
    settle(qtbot)
    assert kiosk.window.current == "home" and leave_buttons(kiosk.window) == []
    kiosk.control.ask()  # even asked directly, a nurse gets no question
    assert not kiosk.control.confirmation.isVisible()
    assert kiosk.mode is not None and kiosk.mode.active


@pytest.mark.parametrize("username", ["timur", "aigerim"])
def test_a_technician_or_administrator_sees_it_until_the_lock(
    username: str, kiosk: Kiosk, qtbot: QtBot
) -> None:
    kiosk.enter()
    kiosk.sign_in(username)
    (button,) = leave_buttons(kiosk.window)
    assert button.text() == "Leave kiosk mode" and button.accessibleName()
    assert button.height() >= 48 and button.width() >= 48
    assert button.parentWidget() is kiosk.window  # in the top bar, on every page
    kiosk.window.optional.lock()  # the idle lock: the screen is nobody's
    assert leave_buttons(kiosk.window) == []
    kiosk.sign_in("dana")  # and another member signing in is checked again
    assert leave_buttons(kiosk.window) == []
    kiosk.sign_in(username)
    assert len(leave_buttons(kiosk.window)) == 1


def test_stay_keeps_kiosk_mode(kiosk: Kiosk, qtbot: QtBot, qapp: QApplication) -> None:
    mode = kiosk.enter(hide_cursor=True)
    kiosk.sign_in("timur")
    confirmation = kiosk.control.confirmation
    state = kiosk.window.windowState()  # full screen on a real 1024×600 screen (see below)
    qtbot.mouseClick(leave_buttons(kiosk.window)[0], Qt.MouseButton.LeftButton)
    assert confirmation.isVisible() and confirmation.geometry() == kiosk.window.rect()
    assert confirmation.question.text() == "Leave kiosk mode?"
    qtbot.mouseClick(confirmation.stay_button, Qt.MouseButton.LeftButton)
    assert not confirmation.isVisible()
    assert mode.active and kiosk.window.isVisible() and kiosk.window.windowState() == state
    assert kiosk.window.windowFlags() & KIOSK_FLAGS == KIOSK_FLAGS
    cursor = qapp.overrideCursor()
    assert cursor is not None and cursor.shape() == Qt.CursorShape.BlankCursor
    qtbot.mouseClick(leave_buttons(kiosk.window)[0], Qt.MouseButton.LeftButton)
    qtbot.keyClick(confirmation, Qt.Key.Key_Escape)  # Esc is "Stay" too
    assert not confirmation.isVisible() and mode.active
    kiosk.control.ask()  # asked again, the answer now is "Leave"
    kiosk.control.confirmation.leave_button.click()
    assert not mode.active and qapp.overrideCursor() is None
    settle(qtbot)


def test_leave_ends_kiosk_mode_and_closes_like_a_permitted_close(
    kiosk: Kiosk, qtbot: QtBot, qapp: QApplication
) -> None:
    mode = kiosk.enter(hide_cursor=True)
    kiosk.sign_in("timur")
    qtbot.mouseClick(leave_buttons(kiosk.window)[0], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(kiosk.control.left):
        qtbot.mouseClick(kiosk.control.confirmation.leave_button, Qt.MouseButton.LeftButton)
    assert not mode.active and mode.refused_closes == 0
    assert not kiosk.window.windowFlags() & KIOSK_FLAGS
    assert qapp.overrideCursor() is None  # the cursor is back
    qtbot.waitUntil(lambda: not kiosk.window.isVisible())
    assert not kiosk.window.isFullScreen()
    settle(qtbot)


def test_the_lock_withdraws_an_open_question(kiosk: Kiosk, qtbot: QtBot) -> None:
    mode = kiosk.enter()
    kiosk.sign_in("aigerim")
    kiosk.control.ask()
    assert kiosk.control.confirmation.isVisible()
    kiosk.window.optional.lock()
    assert not kiosk.control.confirmation.isVisible()
    kiosk.control.confirm()  # a press arriving after the lock: refused, still kiosk mode
    assert mode.active and kiosk.window.isVisible() and mode.refused_closes == 0
    assert kiosk.window.windowFlags() & KIOSK_FLAGS == KIOSK_FLAGS


def own_problems(root: QWidget) -> list[str]:
    """Layout, name and size problems of this feature's widgets under ``root``."""
    found = layout_problems(root) + unnamed("", root) + too_small("", root)
    return [problem for problem in found if "leaveKiosk" in problem]


def widths_with_and_without(
    button: QPushButton, window: MainWindow, qtbot: QtBot
) -> tuple[QSize, QSize]:
    """The window's minimum size with ``button`` shown and hidden, measured while nothing
    else changes: Home's background refresh may resize the window's other rows between two
    measurements on a loaded machine, so a pair framed by two unequal "shown" is taken again."""
    for _ in range(20):
        button.show()
        settle(qtbot)
        before = window.minimumSizeHint()
        button.hide()
        settle(qtbot)
        hidden = window.minimumSizeHint()
        button.show()
        settle(qtbot)
        if window.minimumSizeHint() == before:
            return before, hidden
    raise AssertionError("the window never held still long enough to be measured")


def test_it_fits_and_is_touchable_in_every_language(
    kiosk: Kiosk, qtbot: QtBot, translations: Translations
) -> None:
    """Under the signed-in name the button takes no width of its own; it and the question
    are whole, named and finger-sized at 1024×600 in kk, ru and en."""
    mode = kiosk.enter()
    kiosk.sign_in("aigerim")
    window = kiosk.window
    # The offscreen screen is 800×800: keep kiosk mode on, but size the window by hand.
    window.removeEventFilter(mode)
    window.showNormal()
    window.resize(*SCREEN_SIZE)
    problems: list[str] = []
    for language in LANGUAGES:
        translations.use(language)
        settle(qtbot)
        (button,) = leave_buttons(window)
        assert button.text() == LEAVE_TEXT[language]
        shown, hidden = widths_with_and_without(button, window, qtbot)
        kiosk.control.refresh()
        settle(qtbot)
        assert button.isVisible()
        assert shown.width() == hidden.width(), language
        assert shown.height() <= SCREEN_SIZE[1], language
        problems += [f"[{language}] top bar: {p}" for p in own_problems(window)]
        kiosk.control.ask()
        settle(qtbot)
        confirmation = kiosk.control.confirmation
        assert confirmation.geometry() == window.rect()
        problems += [f"[{language}] question: {p}" for p in own_problems(confirmation)]
        assert len(own_controls := controls(confirmation)) == 2, own_controls
        kiosk.control.cancel()
    assert problems == [], report(problems)
    window.installEventFilter(mode)
