"""The idle lock: input anywhere keeps the session open; after the idle time (short here)
the session locks and ``lock_required`` is emitted once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from kiosk.security.roles import Role
from kiosk.security.session import StaffSession
from kiosk.security.staff import StaffMember
from kiosk.sign_in_flow import SignInFlow
from ui.app import Backend
from ui.idle_lock import IdleLock
from ui.qt import QApplication, QPushButton, Qt

IDLE = dt.timedelta(milliseconds=1000)  # ten taps' worth: a loaded CI machine stalls
NURSE = StaffMember("id-dana", "dana", "Дана Омарова", Role.NURSE, True)


@pytest.fixture
def flow(backend: Backend) -> Iterator[SignInFlow]:
    made = SignInFlow(backend.runtime, StaffSession(IDLE))
    made.session.begin(NURSE, made.clock())
    yield made
    made.session.end()


@pytest.fixture
def lock(flow: SignInFlow, qapp: QApplication) -> Iterator[IdleLock]:
    made = IdleLock(flow, qapp, check_ms=50)  # it watches from the start
    yield made
    made.stop()


def test_input_keeps_the_session_open_then_idleness_locks_it(
    qtbot: QtBot, flow: SignInFlow, lock: IdleLock
) -> None:
    button = QPushButton("work")
    qtbot.addWidget(button)
    button.show()
    locked: list[bool] = []
    lock.lock_required.connect(lambda: locked.append(True))

    for _ in range(20):  # 20 × 100 ms of tapping: twice the idle time, still open
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.wait(100)
    assert locked == [] and flow.current == NURSE

    with qtbot.waitSignal(lock.lock_required, timeout=6000):
        pass  # no input now
    assert flow.current is None and flow.session.locked
    qtbot.wait(300)
    assert locked == [True], "lock_required is emitted once"
    assert lock.active, "it keeps watching for the next member"


def test_keys_count_as_input_and_nothing_is_swallowed(
    qtbot: QtBot, flow: SignInFlow, lock: IdleLock
) -> None:
    button = QPushButton("work")
    qtbot.addWidget(button)
    button.show()
    pressed: list[bool] = []
    button.clicked.connect(lambda: pressed.append(True))
    for _ in range(6):
        qtbot.keyClick(button, Qt.Key.Key_Space)
        qtbot.wait(100)
    assert flow.current == NURSE and len(pressed) == 6


def test_the_next_sign_in_is_watched_without_a_restart(
    qtbot: QtBot, flow: SignInFlow, lock: IdleLock
) -> None:
    with qtbot.waitSignal(lock.lock_required, timeout=6000):
        pass
    flow.session.begin(NURSE, flow.clock())
    assert lock.active and flow.current == NURSE
    with qtbot.waitSignal(lock.lock_required, timeout=6000):
        pass
    assert flow.current is None


def test_stopped_it_neither_touches_nor_locks(
    qtbot: QtBot, flow: SignInFlow, lock: IdleLock
) -> None:
    lock.stop()
    assert not lock.active
    qtbot.wait(700)
    assert flow.current == NURSE and not flow.session.locked
