"""The early frame of ``kiosk run`` (ui/early_frame.py): painted at once, in the kiosk's look
and language, and replaced by the real MainWindow — in the same place, full-screen when asked
— closing only once that window has painted, so the screen never shows the desktop between
them. Also: systemd's SIGTERM still stops ``kiosk run`` started through the console script."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.config import KioskConfig, default_data_dir
from ui import early_frame
from ui.app import SCREEN_SIZE, run_app
from ui.early_frame import EarlyFrame, show, take
from ui.kiosk_mode import KIOSK_FLAGS
from ui.main_window import MainWindow
from ui.qt import QApplication, QEvent, QLabel, QObject, QTimer, QWidget
from ui.style import STYLE_SHEET


@pytest.fixture
def shown_frames(qtbot: QtBot) -> Iterator[list[EarlyFrame]]:
    """Early frames shown by a test; closed afterwards, and none left for run_app."""
    frames: list[EarlyFrame] = []
    yield frames
    take()
    for frame in frames:
        frame.close()
        frame.deleteLater()
    for widget in QApplication.topLevelWidgets():  # the MainWindows run_app left (closed)
        if isinstance(widget, MainWindow):
            widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _show(argv: list[str], frames: list[EarlyFrame], **environ: str) -> EarlyFrame:
    frame = show(argv, environ)
    assert frame is not None
    frames.append(frame)
    return frame


def _starting(frame: EarlyFrame) -> str:
    (label,) = [w for w in frame.findChildren(QLabel) if w.objectName() == "earlyStarting"]
    return label.text()


def test_the_frame_is_painted_when_show_returns_at_the_kiosks_size(
    qapp: QApplication, tmp_path: Path, shown_frames: list[EarlyFrame]
) -> None:
    frame = _show(["--data-dir", str(tmp_path), "run"], shown_frames)

    assert frame.painted and frame.frame_done and frame.isVisible()
    assert (frame.width(), frame.height()) == SCREEN_SIZE == early_frame.EARLY_SIZE
    assert not frame.isFullScreen()
    titles = [w.text() for w in frame.findChildren(QLabel) if w.objectName() == "earlyTitle"]
    assert titles == ["Dala Kiosk"]
    assert QApplication.instance() is qapp  # adopted, not a second application
    assert take() is frame and take() is None


def test_the_kiosks_colours() -> None:
    for colour in (early_frame.BLUE, early_frame.TEXT, early_frame.BACKGROUND):
        assert colour in STYLE_SHEET


def test_the_default_data_dir_is_the_configs() -> None:
    assert early_frame.default_data_dir() == default_data_dir()


@pytest.mark.parametrize(
    ("config", "argv", "environ", "expected"),
    [
        ('language = "kk"\n', [], {}, early_frame.STARTING["kk"]),
        ('language = "kk"\n', ["--lang", "ru"], {}, early_frame.STARTING["ru"]),
        ('language = "kk"\n', [], {"KIOSK_LANG": "en"}, early_frame.STARTING["en"]),
        ('site = "KZ-1"\n', [], {}, "Іске қосылуда…\nЗапуск…\nStarting…"),
        ("language = [broken\n", [], {}, "Іске қосылуда…\nЗапуск…\nStarting…"),
        (None, [], {}, "Іске қосылуда…\nЗапуск…\nStarting…"),
    ],
)
def test_starting_is_said_in_the_kiosks_language_or_in_all_three(
    qapp: QApplication,
    tmp_path: Path,
    shown_frames: list[EarlyFrame],
    config: str | None,
    argv: list[str],
    environ: dict[str, str],
    expected: str,
) -> None:
    if config is not None:
        (tmp_path / "config.toml").write_text(config, encoding="utf-8")
    frame = _show([*argv, "run"], shown_frames, KIOSK_DATA_DIR=str(tmp_path), **environ)
    assert _starting(frame) == expected


def test_fullscreen_as_the_kiosk_mode_shows_it(
    qapp: QApplication, tmp_path: Path, shown_frames: list[EarlyFrame]
) -> None:
    frame = _show(["--data-dir", str(tmp_path), "run", "--fullscreen"], shown_frames)
    assert frame.isFullScreen() and frame.frame_done
    assert frame.windowFlags() & KIOSK_FLAGS == KIOSK_FLAGS


def test_the_frame_closes_when_the_real_window_closes_unpainted_or_after_a_while(
    qapp: QApplication,
    qtbot: QtBot,
    tmp_path: Path,
    shown_frames: list[EarlyFrame],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = _show(["--data-dir", str(tmp_path), "run"], shown_frames)
    closed_early = QWidget()
    qtbot.addWidget(closed_early)
    first.hand_over(closed_early)
    closed_early.close()  # never shown, never painted
    qtbot.waitUntil(lambda: not first.isVisible(), timeout=5000)

    monkeypatch.setattr(early_frame, "HAND_OVER_FALLBACK_MS", 50)
    second = _show(["--data-dir", str(tmp_path), "run"], shown_frames)
    never_shown = QWidget()
    qtbot.addWidget(never_shown)
    second.hand_over(never_shown)
    qtbot.waitUntil(lambda: not second.isVisible(), timeout=5000)


class _Timeline(QObject):
    """What the screen shows, in order: paints of the real window, hiding of the early one."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched.isWidgetType() and isinstance(watched, QWidget) and watched.isWindow():
            name = watched.objectName()
            if event.type() == QEvent.Type.Paint and name == "mainWindow":
                self.events.append("main painted")
            elif event.type() == QEvent.Type.Hide and name == "earlyFrame":
                self.events.append("early hidden")
        return False


@pytest.mark.parametrize("fullscreen", [False, True])
def test_run_app_replaces_the_early_frame_by_the_main_window(
    qapp: QApplication,
    qtbot: QtBot,
    kiosk_config: KioskConfig,
    shown_frames: list[EarlyFrame],
    fullscreen: bool,
) -> None:
    argv = ["--data-dir", str(kiosk_config.data_dir), "run", *(["--fullscreen"] * fullscreen)]
    early = _show(argv, shown_frames)
    early.move(40, 30)
    timeline = _Timeline()
    qapp.installEventFilter(timeline)
    seen: dict[str, object] = {"blank": False}

    def watch() -> None:
        if "position" in seen:
            return  # the test closed the window
        mains = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not (early.isVisible() or mains):
            seen["blank"] = True  # nothing of the kiosk on the screen
        if mains and not early.isVisible():
            seen["position"] = (mains[0].pos().x(), mains[0].pos().y())
            seen["fullscreen"] = mains[0].isFullScreen()
            mains[0].close()

    poll = QTimer(interval=5, timeout=watch)
    safety_net = QTimer(singleShot=True, interval=20_000, timeout=qapp.quit)
    poll.start()
    safety_net.start()
    try:
        code = run_app(kiosk_config, demo=True, fullscreen=fullscreen)
    finally:
        poll.stop()
        safety_net.stop()
        qapp.removeEventFilter(timeline)

    assert code == 0 and take() is None
    assert not early.isVisible() and early.handed_to is not None
    assert timeline.events[:2] == ["main painted", "early hidden"], timeline.events
    assert seen["blank"] is False
    assert seen["fullscreen"] is fullscreen
    if not fullscreen:
        assert seen["position"] == (40, 30)


def test_sigterm_stops_kiosk_run_started_through_the_console_script(tmp_path: Path) -> None:
    """The systemd path: ``kiosk run`` (early frame, then the CLI) quits cleanly on SIGTERM."""
    script = Path(sys.executable).with_name("kiosk")
    env = {k: v for k, v in os.environ.items() if k != "KIOSK_BLOCK_QT"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    process = subprocess.Popen(
        [str(script), "--data-dir", str(tmp_path / "d"), "run", "--demo"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        time.sleep(4)
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        process.send_signal(signal.SIGTERM)
        _out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, err[-2000:]


def test_no_display_means_no_early_frame_and_no_abort() -> None:
    """Without X11, Wayland or a chosen Qt platform, Qt would abort the process: the hook
    steps aside and the CLI runs on (and reports the problem itself)."""
    import subprocess
    import sys

    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    code = "from ui.early_frame import show; print(show(['run']))"
    done = subprocess.run(
        [sys.executable, "-c", code],
        check=False,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "None"


def test_the_early_frame_imports_nothing_but_qt_and_kiosk_mode() -> None:
    """The frame is painted before the CLI loads: importing it must not pull in the shell,
    the store (sqlite_utils, numpy) or the message catalogue (a regression once made the
    first frame 4× slower)."""
    code = (
        "import sys\nbefore = set(sys.modules)\nimport ui.early_frame\n"
        "print(' '.join(sorted(set(sys.modules) - before)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    ours = {name for name in done.stdout.split() if name.split(".")[0] in ("kiosk", "ui")}
    assert ours == {
        "kiosk",
        "kiosk.entry",
        "ui",
        "ui.qt",
        "ui.style",
        "ui.kiosk_mode",
        "ui.early_frame",
    }
    assert not {"sqlite_utils", "numpy", "click"} & set(done.stdout.split())
