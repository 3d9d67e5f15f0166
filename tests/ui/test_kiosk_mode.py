"""Kiosk full-screen mode: frameless full screen, hidden cursor, no way out by the window
system without a technician, and ``app.quit()`` (SIGTERM) still closes it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from kiosk.security.roles import Role
from kiosk.security.session import StaffSession
from kiosk.security.staff import StaffMember
from ui.kiosk_mode import KIOSK_FLAGS, KioskMode, cursor_hidden, technician_present
from ui.qt import QApplication, Qt, QWidget

NOW = dt.datetime(2026, 11, 28, 9, 0, tzinfo=dt.UTC)


def member(role: Role) -> StaffMember:
    return StaffMember(f"id-{role}", f"{role}", f"A {role}", role, True)


@pytest.fixture
def session() -> Iterator[StaffSession]:
    made = StaffSession(dt.timedelta(minutes=5))
    yield made
    made.end()


@pytest.fixture
def window(qtbot: QtBot) -> QWidget:
    made = QWidget()
    qtbot.addWidget(made)
    return made


@pytest.mark.parametrize(
    ("value", "touch", "hidden"),
    [("1", False, True), ("yes", False, True), ("0", True, False), ("off", True, False),
     ("", True, True), ("", False, False)],
)  # fmt: skip
def test_the_cursor_is_hidden_on_touch_screens_unless_told(
    value: str, touch: bool, hidden: bool
) -> None:
    assert cursor_hidden({"KIOSK_HIDE_CURSOR": value}, lambda: touch) is hidden


def test_kiosk_mode_is_frameless_full_screen_without_a_cursor(
    qtbot: QtBot, window: QWidget, qapp: QApplication
) -> None:
    mode = KioskMode(window, hide_cursor=True).enter()
    try:
        qtbot.waitUntil(window.isVisible)
        assert window.isFullScreen()
        assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
        assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
        cursor = qapp.overrideCursor()
        assert cursor is not None and cursor.shape() == Qt.CursorShape.BlankCursor

        window.showMinimized()  # something tries to hide the kiosk: it comes back
        qtbot.waitUntil(window.isFullScreen, timeout=5000)
    finally:
        mode.may_leave = lambda: True
        assert mode.leave()
    assert not window.isFullScreen()
    assert not window.windowFlags() & KIOSK_FLAGS
    assert qapp.overrideCursor() is None


def test_only_a_technician_may_close_it_from_the_window_system(
    window: QWidget, session: StaffSession
) -> None:
    mode = KioskMode(window, hide_cursor=False, may_leave=technician_present(session)).enter()
    assert not mode.allows_close(from_window_system=True)  # nobody signed in
    assert mode.allows_close(from_window_system=False)  # the app itself (shell, SIGTERM)
    session.begin(member(Role.NURSE), NOW)
    assert not mode.allows_close(from_window_system=True)
    assert not mode.leave() and window.isFullScreen()
    session.begin(member(Role.SENIOR_NURSE), NOW)
    assert not mode.allows_close(from_window_system=True)
    session.begin(member(Role.TECHNICIAN), NOW)
    assert mode.allows_close(from_window_system=True)
    session.lock()  # a locked screen is nobody's
    assert not mode.allows_close(from_window_system=True)
    session.begin(member(Role.ADMINISTRATOR), NOW)
    assert mode.leave() and not window.isFullScreen()


def test_the_app_can_still_close_a_kiosk_window(window: QWidget) -> None:
    """systemd's SIGTERM makes run_app call app.quit(), which closes every window with the
    same non-spontaneous close event as ``close()``: kiosk mode must let it through. (Not
    app.quit() itself here: it would end the Qt application every later test uses.)"""
    mode = KioskMode(window, hide_cursor=False).enter()
    assert window.close()
    assert not window.isVisible() and mode.refused_closes == 0
