"""``ble-glucose`` end to end through the production bleak path (test-peers.md §b): an
emulated, bonded-only meter in an in-process bumble room, the real
:class:`~drivers.ble.session.BleSession`, the RACP exchange of devices.md §7 — and nothing
imported twice, across reconnections, sessions and restarts."""

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

from drivers.ble.session import BleSession, GattProfile, GattWrite
from drivers.ble.simulator import Room
from drivers.ble_glucose import plugin
from drivers.ble_glucose.io import open_session
from drivers.ble_glucose.memory import SequenceMemory
from drivers.ble_glucose.parser import GlucoseParser
from drivers.ble_glucose.racp import count_all, report_all, report_since
from drivers.ble_glucose.simulator import GlucosePeripheral, GlucoseSimulator
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


async def run_session(
    room: Room, session: BleSession, until: Callable[[Got, list[DeviceStatus]], bool]
) -> tuple[Got, list[DeviceStatus]]:
    got: Got = []
    statuses: list[DeviceStatus] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KIOSK_BLE_BACKEND", "bumble")
        patch.setenv("BLEAK_BUMBLE_TRANSPORT", room.link_transport)
        task = asyncio.create_task(session.run(lambda m, i: got.append((m, i)), statuses.append))
        deadline = time.monotonic() + 15
        try:
            while not until(got, statuses) and time.monotonic() < deadline:
                await asyncio.sleep(0.01)
        finally:
            await stop(task)
            await asyncio.sleep(0.05)  # let the last disconnection settle
    return got, statuses


def requests_at_least(meter: GlucosePeripheral, count: int) -> Callable[..., bool]:
    """``count`` RACP requests written, and the session past the last write (connected)."""
    return lambda _g, s: (
        len(meter.requests) >= count and [x.state for x in s].count("connected") >= count
    )


def glucose(got: Got) -> list[tuple[float | int | None, str | None]]:
    return [(m.value, m.time) for m, _ in got if m.type == "glucose"]


def test_first_session_imports_all_later_ones_only_new_records(
    tmp_path: Path, store: Store, now: dt.datetime
) -> None:
    meter = GlucosePeripheral("normal", pause=0.05)
    stored = list(meter.stored)

    async def main() -> tuple[Got, Got]:
        async with Room([meter]) as room:
            first = open_session(
                meter.address_text, retry_interval=0.05, memory=SequenceMemory(tmp_path)
            )
            # the first transfer, then a reconnection that finds nothing new
            got1, _ = await run_session(room, first, requests_at_least(meter, 2))
            meter.add_record(131)
            meter.add_record(88)
            restarted = SequenceMemory(tmp_path)  # a kiosk restart: the state comes from disk
            second = open_session(meter.address_text, retry_interval=0.05, memory=restarted)
            got2, _ = await run_session(room, second, requests_at_least(meter, 4))
            return got1, got2

    got1, got2 = asyncio.run(main())
    assert meter.requests[:4] == [report_all(), report_since(4), report_since(4), report_since(6)]
    assert len(glucose(got1)) == 3 and len(glucose(got2)) == 2  # nothing twice
    assert [m.raw for m, _ in got1] == [r.measurement for r in stored]
    assert [v for v, _ in glucose(got2)] == [131, 88]
    clocks = {t.isoformat() for t in meter.written_times if t is not None}
    assert glucose(got2)[0][1] in clocks  # stamped with the time the kiosk set through CTS
    first = got1[0][0]
    assert first.unit == "mg/dL" and first.flags == ("before-meal",)
    assert first.time == "2024-09-01T07:30:00"
    identity = got1[0][1]
    assert (identity.manufacturer, identity.model, identity.serial) == (
        "Dala Simulators",
        "GL-1",
        "SIM-GL-normal",
    )
    state = json.loads((tmp_path / "ble-glucose-SIM-GL-normal.json").read_text())
    assert state == {"last_sequence": 5}
    encounter = services.start_encounter(
        store, patient_id=make_patient(store, now), site="test", now=now
    )
    for measurement, device in got1 + got2:
        services.record_reading(
            store, encounter_id=encounter.id, measurement=measurement, identity=device, now=now
        )
    rows = store.query("SELECT type, value, unit, device_key FROM readings")
    assert len(rows) == 5 and {r["device_key"] for r in rows} == {"ble-glucose-SIM-GL-normal"}
    assert {(r["type"], r["unit"]) for r in rows} == {("glucose", "mg/dL")}


def test_disconnect_mid_transfer_resumes_after_the_last_record(tmp_path: Path) -> None:
    meter = GlucosePeripheral("disconnect", pause=0.05)

    async def main() -> tuple[Got, list[DeviceStatus]]:
        async with Room([meter]) as room:
            session = open_session(
                meter.address_text, retry_interval=0.05, memory=SequenceMemory(tmp_path)
            )
            return await run_session(room, session, requests_at_least(meter, 3))

    got, statuses = asyncio.run(main())
    assert meter.requests[:3] == [report_all(), report_since(3), report_since(4)]
    sequences = [int.from_bytes(m.raw[1:3], "little") for m, _ in got]
    assert sequences == [1, 2, 3]  # every record once: none lost, none twice
    assert "device.ble_disconnected" in [s.reason for s in statuses]


def test_backlog_arrives_whole_and_in_order() -> None:
    meter = GlucosePeripheral("backlog", records=12, pause=0.05)

    async def main() -> Got:
        async with Room([meter]) as room:
            session = open_session(
                meter.address_text, retry_interval=0.05, memory=SequenceMemory(None)
            )
            got, _ = await run_session(room, session, lambda g, _s: len(g) >= 12)
            return got

    got = asyncio.run(main())
    times = [t for _, t in glucose(got)]
    assert len(times) == 12 and times == sorted(times)


def test_malformed_values_give_no_reading_and_no_crash() -> None:
    meter = GlucosePeripheral("malformed", pause=0.05)

    async def main() -> tuple[Got, list[DeviceStatus]]:
        async with Room([meter]) as room:
            session = open_session(
                meter.address_text, retry_interval=0.05, memory=SequenceMemory(None)
            )
            return await run_session(room, session, requests_at_least(meter, 2))

    got, statuses = asyncio.run(main())
    assert got == []
    assert [s.state for s in statuses].count("connected") >= 2


def test_unbonded_session_is_refused() -> None:
    meter = GlucosePeripheral("normal")

    async def main() -> tuple[Got, list[DeviceStatus]]:
        async with Room([meter]) as room:
            session = open_session(
                meter.address_text, allow_pairing=False, memory=SequenceMemory(None)
            )
            return await run_session(
                room,
                session,
                lambda _g, s: any(x.reason == "device.ble_pairing_required" for x in s),
            )

    got, statuses = asyncio.run(main())
    assert got == [] and meter.requests == []
    assert statuses[-1].reason == "device.ble_pairing_required"


def test_request_before_indications_are_on_is_refused() -> None:
    """§7: a RACP request written before 0x2A52 indications are enabled is an ATT error."""
    meter = GlucosePeripheral("normal")
    profile = GattProfile(
        driver_id="ble-glucose",
        services=("1808",),
        subscribe=(("1808", "2a18"),),
        parser_factory=lambda name: GlucoseParser(device_name=name),
        after_subscribe=lambda _p, _i: (GattWrite("1808", "2a52", report_all()),),
    )

    async def main() -> tuple[Got, list[DeviceStatus]]:
        async with Room([meter]) as room:
            session = BleSession(profile, meter.address_text)
            return await run_session(
                room, session, lambda _g, s: meter.refused > 0 and s[-1].state == "connected"
            )

    got, _ = asyncio.run(main())
    assert got == [] and meter.requests == [] and meter.refused >= 1


def test_meter_answers_racp_filters_with_the_response_codes() -> None:
    meter = GlucosePeripheral("backlog", records=5)
    assert [r.sequence for r in meter.select(3, b"\x01\x04\x00")[0]] == [4, 5]
    assert [r.sequence for r in meter.select(2, b"\x01\x02\x00")[0]] == [1, 2]
    assert [r.sequence for r in meter.select(4, b"\x01\x02\x00\x03\x00")[0]] == [2, 3]
    assert [r.sequence for r in meter.select(6, b"")[0]] == [5]
    assert meter.select(1, b"")[1] == 1 and len(meter.select(1, b"")[0]) == 5
    assert meter.select(0, b"")[1] == 3  # invalid operator
    assert meter.select(3, b"\x02\x04\x00")[1] == 9  # operand (filter type) not supported
    assert meter.select(3, b"\x01\x04")[1] == 5  # invalid operand
    assert meter.select(1, b"\x00")[1] == 5
    assert count_all() == b"\x04\x01"


def test_replay_glucose_capture(tmp_path: Path) -> None:
    from kiosk.cli import cli  # the CLI only here: the other tests need none of it

    capture = tmp_path / "capture.jsonl"
    lines = [
        {"characteristic": "2a18", "value": "0b2200e7070b05080f001e005fb0110000"},
        {"characteristic": "2a18", "value": "1b0100e3070"},
        {"characteristic": "2a52", "value": "06000101", "service": "1808"},
    ]
    lines[1]["value"] = "060700e807051413000036c011"
    capture.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["drivers", "replay", "ble-glucose", str(capture), "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["type"], r["value"], r["unit"], r["time"]) for r in rows] == [
        ("glucose", 95, "mg/dL", "2023-11-05T08:45:00"),
        ("glucose", 5.4, "mmol/L", "2024-05-20T19:00:00"),
    ]


def test_simulator_starts_and_stops() -> None:
    simulator = plugin.start_simulator("normal")
    try:
        assert isinstance(simulator, GlucoseSimulator)
        assert simulator.port == simulator.peripheral.address_text
    finally:
        simulator.stop()
