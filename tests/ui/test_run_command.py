"""``kiosk run``: its help works without loading Qt, and run_app starts and stops cleanly."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.config import KioskConfig
from kiosk.store import Store
from ui.app import run_app
from ui.main_window import MainWindow
from ui.qt import QApplication, QTimer

HELP_WITHOUT_QT = """
import sys
from click.testing import CliRunner
from kiosk.cli import cli
result = CliRunner().invoke(cli, ["--data-dir", sys.argv[1], "run", "--help"])
print(result.output)
assert result.exit_code == 0, result.output
assert "PySide6" not in sys.modules, "kiosk run --help loaded Qt"
"""


def test_run_help_works_and_does_not_load_qt(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", HELP_WITHOUT_QT, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    assert "Start the touchscreen kiosk" in done.stdout
    assert "--demo" in done.stdout
    assert "--fullscreen" in done.stdout


def test_run_app_in_demo_mode_shows_readings_and_stops_everything(
    qtbot: QtBot,
    qapp: QApplication,
    kiosk_config: KioskConfig,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Also under systemd (a notify socket): READY=1 once shown, WATCHDOG=1, STOPPING=1."""
    notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    notify.bind(str(tmp_path / "notify"))
    notify.setblocking(False)
    monkeypatch.setenv("NOTIFY_SOCKET", str(tmp_path / "notify"))
    monkeypatch.setenv("WATCHDOG_USEC", "2000000")
    monkeypatch.setenv("WATCHDOG_PID", str(os.getpid()))
    before = {thread.name for thread in threading.enumerate()}
    shown: list[str] = []

    def close_when_measuring() -> None:
        windows = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow)]
        if windows and windows[0].tile.spo2_value.text().isdigit():
            shown.append(windows[0].tile.spo2_value.text())
            windows[0].close()

    poll = QTimer(interval=50, timeout=close_when_measuring)
    safety_net = QTimer(singleShot=True, interval=20_000, timeout=qapp.quit)
    poll.start()
    safety_net.start()
    try:
        code = run_app(kiosk_config, demo=True, fullscreen=True)
    finally:
        poll.stop()
        safety_net.stop()

    assert code == 0
    assert shown, "no reading reached the window"
    assert {thread.name for thread in threading.enumerate()} <= before
    with Store(kiosk_config.store_path) as store:
        assert store.scalar("SELECT count(*) FROM encounters") == 0
    sent = []
    with contextlib.suppress(BlockingIOError), notify:
        while True:
            sent.append(notify.recv(4096).decode())
    assert sent[0].startswith("WATCHDOG=1") or sent[0].startswith("READY=1"), sent
    assert any(message.startswith("READY=1") for message in sent), sent
    assert "WATCHDOG=1" in sent and sent[-1] == "STOPPING=1", sent


def test_sigterm_closes_the_running_app_cleanly(tmp_path: Path) -> None:
    """systemd stops the kiosk with SIGTERM: it must quit cleanly (exit 0), not abort."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "--data-dir", str(tmp_path / "d"), "run", "--demo"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(4)
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, stderr
    assert "Fatal Python error" not in stderr
