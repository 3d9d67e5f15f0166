"""The technician's ``[screen]`` settings on the real screens: ``screen.idle_lock_minutes``
locks the shell after exactly that idle time (a moved clock, the real idle lock and sign-in
screen on a real store), ``screen.hide_cursor`` is what kiosk mode does with the cursor, and
``kiosk run`` (run_app) hands both on."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.config import KioskConfig, load_config
from kiosk.domain import utc_now
from kiosk.screen_settings import screen_settings
from kiosk.security import staff
from kiosk.sign_in_flow import SignInFlow
from kiosk.store import Store
from ui.app import SCREEN_SIZE, Backend, kiosk_cursor_hidden, run_app
from ui.bridge import QtBridge
from ui.i18n import Translations
from ui.kiosk_mode import KioskMode
from ui.main_window import MainWindow
from ui.qt import QApplication, Qt, QTimer, QWidget

PIN = "482916"
SECOND = dt.timedelta(seconds=1)


class MovedClock:
    """Real UTC time plus an offset the test moves on (no real waiting for minutes)."""

    def __init__(self) -> None:
        self.offset = dt.timedelta(0)

    def __call__(self) -> dt.datetime:
        return utc_now() + self.offset


def write_screen(data_dir: Path, text: str) -> None:
    (data_dir / "config.toml").write_text(text, encoding="utf-8")
    load_config(data_dir)  # the kiosk would start with this file


def restore_cursor(qapp: QApplication) -> None:
    while qapp.overrideCursor() is not None:
        qapp.restoreOverrideCursor()


@pytest.fixture
def staffed(backend: Backend) -> None:
    with Store(backend.config.store_path) as store:
        staff.add_staff(
            store, username="aigerim", display_name="Айгерім Сейітова", role="administrator",
            pin=PIN, now=utc_now(), by=None,
        )  # fmt: skip


@pytest.fixture
def plain_window(qtbot: QtBot) -> QWidget:
    made = QWidget()
    qtbot.addWidget(made)
    return made


@pytest.mark.parametrize(
    ("text", "env", "minutes"),
    [
        ("", {}, 5),  # no setting: today's five minutes
        ("[screen]\nidle_lock_minutes = 2\n", {}, 2),
        ("[screen]\nidle_lock_minutes = 20\n", {"KIOSK_IDLE_LOCK_MINUTES": "1"}, 1),
    ],
)
def test_the_configured_idle_time_locks_the_screen(
    qtbot: QtBot,
    backend: Backend,
    bridge: QtBridge,
    translations: Translations,
    staffed: None,
    text: str,
    env: dict[str, str],
    minutes: int,
) -> None:
    write_screen(backend.config.data_dir, text)
    clock = MovedClock()
    settings = screen_settings(backend.config.data_dir, env)
    flow = SignInFlow(backend.runtime, clock=clock, idle_lock_after=settings.idle_lock)
    translations.use("en")
    window = MainWindow(backend.quick_visit(), bridge, translations, "en", sign_in=flow)
    qtbot.addWidget(window)
    window.resize(*SCREEN_SIZE)
    window.show()
    screen = window.optional.sign_in
    qtbot.waitUntil(lambda: len(screen.staff) == 1)
    screen.choose(screen.staff[0])
    for digit in PIN:
        screen.press_digit(digit)
    screen.submit()
    qtbot.waitUntil(lambda: window.current == "home")
    try:
        clock.offset = dt.timedelta(minutes=minutes) - SECOND
        window.optional.idle_lock.check()  # what its timer does every second
        assert window.current == "home" and flow.current is not None, "locked too early"

        clock.offset = dt.timedelta(minutes=minutes)
        qtbot.waitUntil(lambda: window.current == "sign_in", timeout=5000)  # its own timer
        assert flow.current is None and flow.session.locked
    finally:
        window.optional.idle_lock.stop()
        flow.session.end()


@pytest.mark.parametrize(
    ("mode", "env", "touch", "hidden"),
    [
        ("always", {}, False, True),
        ("never", {}, True, False),
        ("auto", {}, True, True),
        ("auto", {}, False, False),
        ("never", {"KIOSK_HIDE_CURSOR": "1"}, False, True),  # the older variable wins
        ("always", {"KIOSK_HIDE_CURSOR": "no"}, True, False),
        ("never", {"KIOSK_HIDE_CURSOR": "maybe"}, True, False),  # not 1/0: the setting
    ],
)
def test_kiosk_mode_honours_hide_cursor(
    qtbot: QtBot,
    qapp: QApplication,
    plain_window: QWidget,
    tmp_path: Path,
    mode: str,
    env: dict[str, str],
    touch: bool,
    hidden: bool,
) -> None:
    write_screen(tmp_path, f'[screen]\nhide_cursor = "{mode}"\n')
    settings = screen_settings(tmp_path, env)
    assert settings.hide_cursor == mode
    assert qapp.overrideCursor() is None
    kiosk = KioskMode(
        plain_window,
        hide_cursor=kiosk_cursor_hidden(settings.hide_cursor, env, lambda: touch),
        may_leave=lambda: True,
    ).enter()
    try:
        qtbot.waitUntil(plain_window.isFullScreen)
        cursor = qapp.overrideCursor()
        if hidden:
            assert cursor is not None and cursor.shape() == Qt.CursorShape.BlankCursor
        else:
            assert cursor is None
    finally:
        assert kiosk.leave()
        restore_cursor(qapp)
    assert qapp.overrideCursor() is None


@pytest.fixture
def screen_config(kiosk_config: KioskConfig, monkeypatch: pytest.MonkeyPatch) -> KioskConfig:
    for name in ("KIOSK_IDLE_LOCK_MINUTES", "KIOSK_HIDE_CURSOR"):
        monkeypatch.delenv(name, raising=False)
    write_screen(kiosk_config.data_dir, '[screen]\nidle_lock_minutes = 2\nhide_cursor = "always"\n')
    read = load_config(kiosk_config.data_dir)  # as `kiosk run` reads its config.toml, once
    return dataclasses.replace(
        kiosk_config,
        screen_idle_lock_minutes=read.screen_idle_lock_minutes,
        screen_hide_cursor=read.screen_hide_cursor,
    )


def test_kiosk_run_hands_both_settings_on(
    qtbot: QtBot, qapp: QApplication, screen_config: KioskConfig
) -> None:
    seen: list[tuple[dt.timedelta, Qt.CursorShape | None, bool]] = []

    def look_then_close() -> None:
        shown = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not shown or seen:
            return
        windows = shown[:1]
        qtbot.addWidget(windows[0])  # deleted after the test: no window left for the next one
        cursor = qapp.overrideCursor()
        shape = None if cursor is None else cursor.shape()
        idle: dt.timedelta = windows[0].optional.flow.session.idle_lock_after
        seen.append((idle, shape, windows[0].isFullScreen()))
        windows[0].close()

    poll = QTimer()
    poll.timeout.connect(look_then_close)
    poll.start(50)
    safety_net = QTimer()
    safety_net.setSingleShot(True)
    safety_net.timeout.connect(qapp.quit)
    safety_net.start(20_000)
    try:
        code = run_app(screen_config, demo=True, fullscreen=True)
    finally:
        poll.stop()
        safety_net.stop()
        restore_cursor(qapp)
    assert code == 0
    assert seen == [(dt.timedelta(minutes=2), Qt.CursorShape.BlankCursor, True)]
