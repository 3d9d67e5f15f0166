"""``ble-plx`` end to end through the production bleak path (test-peers.md §b): an emulated
PLX oximeter in an in-process bumble room, the real :class:`~drivers.ble.session.BleSession`
chosen by the backend factory, readings stored as an encounter's readings."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from drivers.ble.simulator import Room
from drivers.ble_plx import plugin
from drivers.ble_plx.io import open_session
from drivers.ble_plx.simulator import PlxPeripheral, PlxSimulator
from kiosk import services
from kiosk.device_api import DeviceStatus
from kiosk.domain import DeviceIdentity, Measurement
from kiosk.store import Store
from tests.conftest import make_patient

Got = list[tuple[Measurement, DeviceIdentity]]


async def stop(task: asyncio.Task[None]) -> None:
    """Cancel the session and wait for it; cancel again if Python 3.11's ``wait_for`` lost the
    cancellation (it does when the awaited operation completes at the same moment)."""
    while not task.done():
        task.cancel()
        await asyncio.wait({task}, timeout=0.5)
    with contextlib.suppress(asyncio.CancelledError):
        task.result()


def run_session(
    peripheral: PlxPeripheral, until: Callable[[Got, list[DeviceStatus]], bool]
) -> tuple[Got, list[DeviceStatus]]:
    got: Got = []
    statuses: list[DeviceStatus] = []

    async def main() -> None:
        async with Room([peripheral]) as room:
            with pytest.MonkeyPatch.context() as patch:
                patch.setenv("KIOSK_BLE_BACKEND", "bumble")
                patch.setenv("BLEAK_BUMBLE_TRANSPORT", room.link_transport)
                session = open_session(peripheral.address_text, retry_interval=0.05)
                task = asyncio.create_task(
                    session.run(lambda m, i: got.append((m, i)), statuses.append)
                )
                deadline = time.monotonic() + 15
                try:
                    while not until(got, statuses) and time.monotonic() < deadline:
                        await asyncio.sleep(0.01)
                finally:
                    await stop(task)
                    await asyncio.sleep(0.05)

    asyncio.run(main())
    return got, statuses


def spot_checks(got: Got) -> list[Measurement]:
    return [m for m, _ in got if m.time is not None]


def test_continuous_stream_with_identity(store: Store, now: dt.datetime) -> None:
    oximeter = PlxPeripheral("normal", interval=0.02)
    got, statuses = run_session(oximeter, lambda g, _s: len(g) >= 15)
    kinds = [m.type for m, _ in got[:15]]
    assert kinds == ["spo2", "pulse_rate", "perfusion_index"] * 5
    assert all(95 <= m.value <= 99 for m, _ in got if m.type == "spo2")  # type: ignore[operator]
    assert all(m.flags == () and m.time is None for m, _ in got)
    identity = got[0][1]
    assert (identity.manufacturer, identity.model, identity.serial) == (
        "Dala Simulators",
        "PLX-1",
        "SIM-PLX-normal",
    )
    assert [s.state for s in statuses][:2] == ["connecting", "connected"]
    encounter = services.start_encounter(
        store, patient_id=make_patient(store, now), site="test", now=now
    )
    for measurement, device in got[:3]:
        services.record_reading(
            store, encounter_id=encounter.id, measurement=measurement, identity=device, now=now
        )
    rows = store.query("SELECT type, value, unit, device_key FROM readings ORDER BY type")
    assert [(r["type"], r["unit"]) for r in rows] == [
        ("perfusion_index", "%"),
        ("pulse_rate", "/min"),
        ("spo2", "%"),
    ]
    assert {r["device_key"] for r in rows} == {"ble-plx-SIM-PLX-normal"}


def test_spot_check_is_stamped_with_the_clock_the_kiosk_set() -> None:
    oximeter = PlxPeripheral("spot-check", pause=0.05)
    got, _ = run_session(oximeter, lambda g, _s: len(spot_checks(g)) >= 3)
    clock = oximeter.written_times[0]
    assert clock is not None
    assert [(m.type, m.value, m.time, m.flags) for m in spot_checks(got)[:3]] == [
        ("spo2", 97, clock.isoformat(), ()),
        ("pulse_rate", 72, clock.isoformat(), ()),
        ("perfusion_index", 4.3, clock.isoformat(), ()),
    ]


def test_disconnect_before_the_spot_check_stores_nothing_partial() -> None:
    oximeter = PlxPeripheral("disconnect", pause=0.05)
    got, statuses = run_session(oximeter, lambda g, _s: len(spot_checks(g)) >= 3)
    assert len(spot_checks(got)) == 3  # one spot-check: the one of the second link
    assert got[9][0].time is None and got[9][0].type == "spo2"  # first link: continuous only
    assert oximeter.connections_seen >= 2
    assert "device.ble_disconnected" in [s.reason for s in statuses]


def test_malformed_values_give_no_reading_and_no_crash() -> None:
    oximeter = PlxPeripheral("malformed", pause=0.05)
    got, _ = run_session(oximeter, lambda _g, s: [x.state for x in s].count("connected") >= 2)
    assert got == []


def test_replay_plx_capture(tmp_path: Path) -> None:
    from kiosk.cli import cli  # the CLI only here: the other tests need none of it

    capture = tmp_path / "capture.jsonl"
    lines = [
        {"characteristic": "2a5f", "value": "00e8f384f3", "service": "1822"},
        {"characteristic": "2a5e", "value": "0facf3bef5e8070b1d17083920402200006 6e3"},
        {"characteristic": "2a60", "value": "a3004010800100"},
    ]
    lines[1]["value"] = lines[1]["value"].replace(" ", "")
    capture.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["drivers", "replay", "ble-plx", str(capture), "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["type"], r["value"]) for r in rows] == [
        ("spo2", 100),
        ("pulse_rate", 90),
        ("spo2", 94),
        ("pulse_rate", 147),
        ("perfusion_index", 8.7),
    ]
    assert rows[2]["time"] == "2024-11-29T23:08:57"
    assert rows[2]["flags"] == ["questionable", "equipment-malfunction", "low-perfusion"]


def test_simulator_starts_and_stops() -> None:
    simulator = plugin.start_simulator("spot-check")
    try:
        assert isinstance(simulator, PlxSimulator)
        assert simulator.port == simulator.peripheral.address_text
    finally:
        simulator.stop()
