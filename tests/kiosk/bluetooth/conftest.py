"""A private, real D-Bus daemon per test, and the fake BlueZ on it.

``dbus-daemon`` (Debian package ``dbus-daemon``, installed by ``./dev setup``) runs with a
minimal session-bus configuration of our own in the test's temporary folder (so it needs no
``session.conf`` and no system bus); it prints its address and is stopped by its pid.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.kiosk.bluetooth.fake_bluez import FakeBluezThread, FakeDevice

CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={folder}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


@pytest.fixture
def dbus_address() -> Iterator[str]:
    """The address of a fresh ``dbus-daemon``; it is stopped (by pid) after the test."""
    binary = shutil.which("dbus-daemon")
    if binary is None:
        pytest.skip("dbus-daemon is not installed (Debian: apt-get install dbus-daemon)")
    # a short folder: unix socket paths are limited to 108 bytes
    folder = Path(tempfile.mkdtemp(prefix="kiosk-dbus-"))
    config = folder / "bus.conf"
    config.write_text(CONFIG.format(folder=folder), encoding="utf-8")
    process = subprocess.Popen(
        [binary, f"--config-file={config}", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        address = process.stdout.readline().strip()
        if not address:
            raise RuntimeError("dbus-daemon printed no address")
        yield address
    finally:
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
        if process.stdout is not None:
            process.stdout.close()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def system_bus(dbus_address: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The private daemon stands in for the system bus of the code under test (the CLI)."""
    monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", dbus_address)
    return dbus_address


@pytest.fixture
def start_bluez(dbus_address: str) -> Iterator[Callable[..., FakeBluezThread]]:
    """``start_bluez([FakeDevice(...)], powered=True)`` → the running fake (stopped after)."""
    started: list[FakeBluezThread] = []

    def start(devices: list[FakeDevice], **options: Any) -> FakeBluezThread:
        runner = FakeBluezThread(dbus_address, devices, **options).start()
        started.append(runner)
        return runner

    yield start
    for runner in started:
        runner.stop()
