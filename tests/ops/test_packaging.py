"""The runtime side of packaging: the sd_notify client and the udev rules check.
(The package itself is built and installed by tests/packaging/test_deb.py.)"""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk import sdnotify

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "packaging"))
from check_udev_rules import check_text


@pytest.fixture
def notify_socket(tmp_path: Path) -> Iterator[tuple[socket.socket, dict[str, str]]]:
    path = tmp_path / "notify"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(path))
    sock.settimeout(2)
    try:
        yield sock, {"NOTIFY_SOCKET": str(path), "WATCHDOG_USEC": "2000000",
                     "WATCHDOG_PID": str(os.getpid())}  # fmt: skip
    finally:
        sock.close()


def test_ready_watchdog_stopping(notify_socket: tuple[socket.socket, dict[str, str]]) -> None:
    sock, env = notify_socket
    assert sdnotify.ready("serving", env)
    assert sock.recv(100) == b"READY=1\nSTATUS=serving"
    watchdog = sdnotify.Watchdog(env)
    assert watchdog.enabled and watchdog.period == 1.0
    assert watchdog.tick() and not watchdog.tick(), "at most once per period"
    assert sock.recv(100) == b"WATCHDOG=1"
    assert sdnotify.stopping(env)
    assert sock.recv(100) == b"STOPPING=1"


def test_outside_systemd_everything_is_a_no_op(tmp_path: Path) -> None:
    assert sdnotify.notify("READY=1", {}) is False
    assert sdnotify.notify("READY=1", {"NOTIFY_SOCKET": str(tmp_path / "gone")}) is False
    assert sdnotify.watchdog_interval({"WATCHDOG_USEC": "5000000", "WATCHDOG_PID": "1"}) is None
    assert not sdnotify.Watchdog({}).tick()


def test_abstract_socket_address() -> None:
    assert sdnotify._address({"NOTIFY_SOCKET": "@/org/x"}) == "\0/org/x"
    assert sdnotify._address({"NOTIFY_SOCKET": "relative"}) is None


def test_udev_syntax_check() -> None:
    good = 'SUBSYSTEM=="tty", ATTRS{idVendor}=="10c4", GROUP="dala-kiosk", SYMLINK+="dala/x"\n'
    assert check_text(good) == []
    errors = check_text('SUBSYSTEM="tty", FOO=="1"\nATTRS{idVendor}=="10C4", MODE="0660"\n')
    assert any("match key" in e for e in errors) and any("unknown key FOO" in e for e in errors)
    assert any("4 lower-case hex" in e for e in errors)
    assert check_text('KERNEL=="ttyUSB*"\n') == [
        "<rules>:1: a rule without any assignment does nothing"
    ]
