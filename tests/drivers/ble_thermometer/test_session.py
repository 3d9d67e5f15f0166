"""End to end: an emulated thermometer (bumble) → the production bleak session → readings.

The room is in-process (test-peers.md §b); the session is ``drivers.ble_thermometer.io``
unmodified, on bleak's public API over the project's bumble backend.
"""

from __future__ import annotations

import asyncio
import contextlib

import pytest

from drivers.ble.simulator import Room
from drivers.ble_thermometer import plugin
from drivers.ble_thermometer.simulator import ThermometerPeripheral, ThermometerSimulator
from kiosk.device_api import DeviceStatus
from kiosk.domain import DeviceIdentity, Measurement


async def collect(
    peripheral: ThermometerPeripheral, count: int, timeout: float = 15.0
) -> tuple[list[Measurement], list[DeviceStatus], DeviceIdentity | None]:
    readings: list[Measurement] = []
    statuses: list[DeviceStatus] = []
    identities: list[DeviceIdentity] = []
    done = asyncio.Event()

    def on_measurement(measurement: Measurement, identity: DeviceIdentity) -> None:
        readings.append(measurement)
        identities.append(identity)
        if len([m for m in readings if "intermediate" not in m.flags]) >= count:
            done.set()

    async with Room([peripheral]) as room:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("KIOSK_BLE_BACKEND", "bumble")
            patch.setenv("BLEAK_BUMBLE_TRANSPORT", room.link_transport)
            session = plugin.open_session(peripheral.address_text)
            task = asyncio.create_task(session.run(on_measurement, statuses.append))
            try:
                await asyncio.wait_for(done.wait(), timeout)
            finally:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
    return readings, statuses, identities[-1] if identities else None


def test_normal_reading_with_clock_set() -> None:
    peripheral = ThermometerPeripheral("normal", pause=0.2)
    readings, _, identity = asyncio.run(collect(peripheral, 1))
    intermediate = [m for m in readings if "intermediate" in m.flags]
    final = [m for m in readings if "intermediate" not in m.flags]
    assert [m.value for m in intermediate[:2]] == [35.2, 36.1]
    assert peripheral.written_times and peripheral.written_times[-1] is not None
    clock = peripheral.written_times[-1].isoformat(timespec="seconds")
    assert [(m.type, m.value, m.unit, m.time) for m in final[:1]] == [
        ("body_temp", 36.4, "Cel", clock)
    ]
    assert identity is not None and identity.serial == "SIM-HT-normal"
    assert identity.manufacturer == "Dala Simulators" and identity.model == "HT-1"


def test_backlog_keeps_every_record() -> None:
    peripheral = ThermometerPeripheral("backlog", records=3, pause=0.2)
    readings, _, _ = asyncio.run(collect(peripheral, 3))
    assert [(m.value, m.time) for m in readings[:3]] == [
        (36.4, "2024-06-06T12:04:44"),
        (36.5, "2024-06-06T13:04:44"),
        (36.6, "2024-06-06T14:04:44"),
    ]


def test_disconnect_mid_measurement_stores_nothing_partial() -> None:
    peripheral = ThermometerPeripheral("disconnect", pause=0.2)
    readings, statuses, _ = asyncio.run(collect(peripheral, 1))
    final = [m for m in readings if "intermediate" not in m.flags]
    assert len(final) == 1 and final[0].value == 36.4
    assert peripheral.connections_seen >= 2
    assert any(s.state == "disconnected" for s in statuses)


def test_malformed_values_give_nothing_and_the_session_lives_on() -> None:
    peripheral = ThermometerPeripheral("malformed", pause=0.2)
    with pytest.raises(TimeoutError):
        asyncio.run(collect(peripheral, 1, timeout=1.5))


def test_simulator_starts_and_stops() -> None:
    simulator = plugin.start_simulator("normal")
    try:
        assert isinstance(simulator, ThermometerSimulator)
        assert simulator.port == simulator.peripheral.address_text
    finally:
        simulator.stop()
