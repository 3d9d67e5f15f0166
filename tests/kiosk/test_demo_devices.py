"""``kiosk.demo_devices`` without Qt: the three demo simulators (contec-v7 on a pty, the BLE cuff
and thermometer in one emulated bumble room) start, each is read by its driver's production
session in LiveDevices, and everything stops: no thread left, the environment put back."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import threading
import time
from collections.abc import Iterator

import pytest

from kiosk.config import KioskConfig
from kiosk.demo_devices import (
    BP_MONITOR,
    DEMO_ROOM,
    OXIMETER,
    THERMOMETER,
    DemoDevices,
    demo_devices,
)
from kiosk.device_api import ConnectionState
from kiosk.live import LiveDevices, LiveValue
from kiosk.runtime import Runtime

ENVIRONMENT = ("KIOSK_BLE_BACKEND", "BLEAK_BUMBLE_TRANSPORT")
THREADS = ("ble-room", "contec-v7-simulator", "serial-", "kiosk-")
WANTED = {OXIMETER: "spo2", BP_MONITOR: "systolic_bp", THERMOMETER: "body_temp"}


def our_threads() -> set[str]:
    return {t.name for t in threading.enumerate() if t.name.startswith(THREADS)}


@pytest.fixture
def live(kiosk_config: KioskConfig) -> Iterator[LiveDevices]:
    with Runtime(kiosk_config.store_path) as runtime:
        yield LiveDevices(runtime)


def wait_for_each_device(live: LiveDevices, since: dt.datetime, timeout: float) -> list[LiveValue]:
    end = time.monotonic() + timeout
    while True:
        values = live.fresh_values(("spo2", "systolic_bp", "body_temp", "pulse_rate"), since)
        if {(v.identity.driver_id, v.measurement.type) for v in values} >= set(WANTED.items()):
            return values
        if time.monotonic() > end:
            return values
        time.sleep(0.05)


def test_the_demo_has_the_oximeter_the_cuff_and_the_thermometer() -> None:
    devices = demo_devices(seed=3, oximeter={"spo2": 95})
    assert [d.driver_id for d in devices] == [OXIMETER, BP_MONITOR, THERMOMETER]
    assert devices[0].options == {"seed": 3, "spo2": 95}
    assert {d.options["room"] for d in devices[1:]} == {DEMO_ROOM}  # one room, one transport
    assert 20 <= float(str(devices[1].options["pause"])) + 1 <= 30  # a measurement every 20-30 s
    assert 12 <= float(str(devices[2].options["pause"])) + 1 <= 18  # and about every 15 s


def test_demo_devices_start_are_read_through_live_devices_and_stop(
    live: LiveDevices, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    before = our_threads()
    since = dt.datetime.now(dt.UTC)
    demo = DemoDevices(live, demo_devices(bp_every=0.5, temperature_every=0.5, inflation_step=0.05))
    try:
        ports = demo.start()
        assert set(ports) == {OXIMETER, BP_MONITOR, THERMOMETER}
        assert os.environ["KIOSK_BLE_BACKEND"] == "bumble"
        assert os.environ["BLEAK_BUMBLE_TRANSPORT"].startswith("tcp-client:127.0.0.1:")
        values = wait_for_each_device(live, since, timeout=30)
        statuses = {(s.driver_id, s.state) for s in live.statuses()}
    finally:
        demo.stop(sessions=True)

    got = {(v.identity.driver_id, v.measurement.type): v for v in values}
    assert set(WANTED.items()) <= set(got)
    assert got[(BP_MONITOR, "systolic_bp")].measurement.value == 120
    assert got[(BP_MONITOR, "systolic_bp")].identity.key == "ble-bp-SIM-BP-normal"
    assert got[(THERMOMETER, "body_temp")].identity.key == "ble-thermometer-SIM-HT-normal"
    assert got[(THERMOMETER, "body_temp")].identity.port == ports[THERMOMETER]
    assert {driver for driver, state in statuses if state is ConnectionState.CONNECTED} | {
        driver for driver, _ in got
    } >= set(WANTED)
    assert all(name not in os.environ for name in ENVIRONMENT)
    assert demo.simulators == {}
    deadline = time.monotonic() + 5
    while our_threads() - before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert our_threads() - before == set()


def test_a_simulator_that_cannot_start_stops_the_others(
    live: LiveDevices, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_BLE_BACKEND", "system")
    before = our_threads()
    devices = demo_devices()
    broken = (*devices[:2], dataclasses.replace(devices[2], scenario="no-such-scenario"))
    demo = DemoDevices(live, broken)

    with pytest.raises(ValueError, match="no-such-scenario"):
        demo.start()

    assert demo.simulators == {}
    assert os.environ["KIOSK_BLE_BACKEND"] == "system"  # put back
    assert live.ports() == []  # no session was started
    deadline = time.monotonic() + 5
    while our_threads() - before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert our_threads() - before == set()
