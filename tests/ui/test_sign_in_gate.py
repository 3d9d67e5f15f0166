"""The sign-in gate on the real main window: sign-in first, Home after, the idle lock covers
the work, the same nurse returns to it, another member lands on Home; setup mode skips it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from kiosk.security.session import StaffSession
from kiosk.sign_in_flow import SignInFlow
from tests.ui.screen_walk_staff import STAFF, add_staff
from ui.app import SCREEN_SIZE, Backend
from ui.bridge import QtBridge
from ui.i18n import Translations
from ui.main_window import MainWindow
from ui.qt import Qt
from ui.sign_in_gate import PAGE, SignInGate

WAIT_MS = 10_000


@pytest.fixture
def window(
    qtbot: QtBot, backend: Backend, bridge: QtBridge, translations: Translations
) -> Iterator[MainWindow]:
    shown = MainWindow(backend.quick_visit(), bridge, translations, "en")
    qtbot.addWidget(shown)
    shown.resize(*SCREEN_SIZE)
    shown.show()
    yield shown
    shown.camera.stop()


def gate_for(window: MainWindow, backend: Backend, bridge: QtBridge, idle_ms: int) -> SignInGate:
    flow = SignInFlow(backend.runtime, StaffSession(dt.timedelta(milliseconds=idle_ms)))
    return SignInGate(window, flow, bridge, check_ms=50)


def sign_in(qtbot: QtBot, gate: SignInGate, username: str) -> None:
    screen = gate.screen
    qtbot.waitUntil(lambda: username in screen.name_buttons, timeout=WAIT_MS)
    qtbot.mouseClick(screen.name_buttons[username], Qt.MouseButton.LeftButton)
    pin = next(pin for name, _n, _r, pin in STAFF if name == username)
    for digit in pin:
        screen.press_digit(digit)
    with qtbot.waitSignal(screen.signed_in, timeout=WAIT_MS):
        screen.submit()


def test_sign_in_then_idle_lock_then_back_to_the_work(
    qtbot: QtBot, window: MainWindow, backend: Backend, bridge: QtBridge
) -> None:
    backend.runtime.write(add_staff).result(timeout=10)
    gate = gate_for(window, backend, bridge, idle_ms=600)
    try:
        gate.start()
        assert window.current == PAGE
        assert not gate.may_leave()

        sign_in(qtbot, gate, "dana")
        assert window.current == "home" and window.user_name == "Дана Омарова"
        assert gate.idle.active and not gate.may_leave()  # a nurse cannot leave kiosk mode
        window.go("visit")

        qtbot.waitUntil(lambda: window.current == PAGE, timeout=WAIT_MS)  # idle: locked
        assert gate.flow.current is None and window.user_name is None
        sign_in(qtbot, gate, "dana")
        assert window.current == "visit", "the same nurse returns to her work"

        qtbot.waitUntil(lambda: window.current == PAGE, timeout=WAIT_MS)
        sign_in(qtbot, gate, "aigerim")  # an administrator takes over: Home, not Dana's visit
        assert window.current == "home" and gate.may_leave()
    finally:
        gate.idle.stop()
        gate.flow.session.end()


def test_setup_mode_goes_straight_home_without_a_lock(
    qtbot: QtBot, window: MainWindow, backend: Backend, bridge: QtBridge
) -> None:
    gate = gate_for(window, backend, bridge, idle_ms=200)
    gate.start()
    qtbot.waitUntil(lambda: gate.setup_mode, timeout=WAIT_MS)
    assert window.current == "home" and not gate.idle.active
    qtbot.wait(400)
    assert window.current == "home"
