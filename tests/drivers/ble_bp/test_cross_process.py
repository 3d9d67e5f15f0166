"""The one cross-process check (test-peers.md §b): ``kiosk drivers simulate ble-bp`` holds a
bumble room on ``127.0.0.1:PORT``; ``kiosk drivers monitor ble-bp --port ADDRESS`` in another
process, with the environment the simulator printed, reads a blood pressure through bleak;
the reading is stored as an encounter's reading through kiosk services."""

from __future__ import annotations

import atexit
import datetime as dt
import json
import os
import selectors
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from kiosk import services
from kiosk.domain import DeviceIdentity, Measurement
from kiosk.store import Store
from tests.conftest import make_patient

MONITOR = ("--count", "4", "--json", "--seconds", "20")


def _stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
    for pipe in (process.stdout, process.stderr):
        if pipe is not None:
            pipe.close()


def _read_line(process: subprocess.Popen[str], timeout: float) -> str:
    assert process.stdout is not None
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    try:
        if not selector.select(timeout):
            raise AssertionError("the simulator printed nothing")
        return process.stdout.readline().strip()
    finally:
        selector.close()


@pytest.fixture
def simulator() -> Iterator[tuple[str, dict[str, str]]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "drivers", "simulate", "ble-bp", "--seconds", "60"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    atexit.register(_stop, process)
    try:
        address = _read_line(process, 30)
        assert process.stdout is not None  # the second line follows at once (click flushes)
        environment = dict(item.split("=", 1) for item in process.stdout.readline().split())
        yield address, environment
    finally:
        _stop(process)
        atexit.unregister(_stop)
        assert process.returncode is not None


def test_simulate_and_monitor_in_two_processes(
    simulator: tuple[str, dict[str, str]], store: Store, now: dt.datetime
) -> None:
    address, environment = simulator
    assert environment["KIOSK_BLE_BACKEND"] == "bumble"
    assert environment["BLEAK_BUMBLE_TRANSPORT"].startswith("tcp-client:127.0.0.1:")
    started = time.monotonic()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "kiosk",
            "drivers",
            "monitor",
            "ble-bp",
            "--port",
            address,
            *MONITOR,
        ],
        env={**os.environ, **environment},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(r["type"], r["value"]) for r in rows][:4] == [
        ("cuff_pressure", 40),
        ("cuff_pressure", 90),
        ("cuff_pressure", 150),
        ("systolic_bp", 120),
    ]
    assert time.monotonic() - started < 20
    identity = DeviceIdentity("ble-bp", "ble-bp-SIM-BP-normal", "Dala Simulators", "BP-1")
    encounter = services.start_encounter(
        store, patient_id=make_patient(store, now), site="test", now=now
    )
    systolic = rows[3]
    services.record_reading(
        store,
        encounter_id=encounter.id,
        measurement=Measurement("ble-bp", "systolic_bp", systolic["value"], systolic["unit"]),
        identity=identity,
        now=now,
    )
    (row,) = store.query("SELECT type, value, device_key FROM readings")
    assert row == {"type": "systolic_bp", "value": 120, "device_key": "ble-bp-SIM-BP-normal"}
