"""``ble-bp`` end to end through the production bleak path (test-peers.md §b): the factory
picks our bumble backend from the environment, ``bleak.BleakClient`` and the real
:class:`~drivers.ble.session.BleSession` talk to an emulated cuff in an in-process room.
Each test runs its own event loop (``asyncio.run``) and tears the room down."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Callable

import pytest

from drivers.ble.simulator import Room
from drivers.ble_bp.io import open_session
from drivers.ble_bp.simulator import BpPeripheral
from kiosk import services
from kiosk.device_api import ConnectionState, DeviceStatus
from kiosk.domain import DeviceIdentity, Measurement
from kiosk.store import Store
from tests.conftest import make_patient

BP = ("systolic_bp", "diastolic_bp", "mean_bp", "pulse_rate")
Got = list[tuple[Measurement, DeviceIdentity]]


def run_session(
    monkeypatch: pytest.MonkeyPatch,
    cuff: BpPeripheral,
    until: Callable[[Got, list[DeviceStatus]], bool],
    *,
    allow_pairing: bool = True,
    timeout: float = 10.0,
) -> tuple[Got, list[DeviceStatus]]:
    got: Got = []
    statuses: list[DeviceStatus] = []

    async def main() -> None:
        async with Room([cuff]) as room:
            monkeypatch.setenv("KIOSK_BLE_BACKEND", "bumble")
            monkeypatch.setenv("BLEAK_BUMBLE_TRANSPORT", room.link_transport)
            session = open_session(
                cuff.address_text, allow_pairing=allow_pairing, retry_interval=0.05
            )
            task = asyncio.create_task(
                session.run(lambda m, i: got.append((m, i)), statuses.append)
            )
            deadline = time.monotonic() + timeout
            while not until(got, statuses) and time.monotonic() < deadline:
                await asyncio.sleep(0.01)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            await asyncio.sleep(0.05)  # let the last disconnection settle

    asyncio.run(main())
    return got, statuses


def types(got: Got) -> list[str]:
    return [m.type for m, _ in got]


def complete(count: int) -> Callable[[Got, list[DeviceStatus]], bool]:
    return lambda got, _s: types(got).count("systolic_bp") >= count


def test_normal_reading_with_identity_and_states(monkeypatch: pytest.MonkeyPatch) -> None:
    cuff = BpPeripheral("normal", pause=0.05)
    got, statuses = run_session(monkeypatch, cuff, complete(2))
    assert types(got)[:7] == ["cuff_pressure"] * 3 + list(BP)
    reading = {m.type: m for m, _ in got}
    assert (reading["systolic_bp"].value, reading["diastolic_bp"].value) == (120, 80)
    assert reading["mean_bp"].value == 93 and reading["pulse_rate"].value == 72
    identity = got[-1][1]
    assert (identity.manufacturer, identity.model, identity.serial) == (
        "Dala Simulators",
        "BP-1",
        "SIM-BP-normal",
    )
    assert identity.key == "ble-bp-SIM-BP-normal" and identity.port == cuff.address_text
    states = [(s.state, s.reason) for s in statuses]
    assert states[:3] == [
        (ConnectionState.CONNECTING, None),
        (ConnectionState.CONNECTED, None),
        (ConnectionState.DISCONNECTED, "device.ble_disconnected"),
    ]
    assert (ConnectionState.CONNECTED, None) in states[3:]  # reconnected by itself
    assert cuff.written_times, "the CTS clock was set on connect"


def test_backlog_dump_keeps_every_record(monkeypatch: pytest.MonkeyPatch) -> None:
    cuff = BpPeripheral("backlog", records=5)
    got, _ = run_session(
        monkeypatch, cuff, lambda g, s: complete(5)(g, s) and s[-1].state == "disconnected"
    )
    systolic = [(m.value, m.time) for m, _ in got if m.type == "systolic_bp"]
    assert systolic == [(118 + i, f"2024-10-02T{8 + i:02}:45:15") for i in range(5)]
    assert types(got).count("pulse_rate") == 5


def test_disconnect_mid_measurement_stores_nothing_partial(monkeypatch: pytest.MonkeyPatch) -> None:
    cuff = BpPeripheral("disconnect-mid", pause=0.05)
    got, statuses = run_session(monkeypatch, cuff, complete(1))
    first_link = types(got)[: types(got).index("systolic_bp")]
    assert set(first_link) == {"cuff_pressure"}  # the dropped measurement left no BP value
    assert "device.ble_disconnected" in [s.reason for s in statuses]
    assert types(got).count("systolic_bp") == 1 and types(got).count("mean_bp") == 1


def test_bonded_only_cuff_needs_pairing(monkeypatch: pytest.MonkeyPatch) -> None:
    refused = BpPeripheral("pairing")
    got, _ = run_session(
        monkeypatch,
        refused,
        lambda _g, s: any(x.reason == "device.ble_pairing_required" for x in s),
        allow_pairing=False,
    )
    assert not [t for t in types(got) if t in BP]
    cuff = BpPeripheral("pairing")
    got, _ = run_session(monkeypatch, cuff, complete(1))
    assert [t for t in types(got) if t in BP] == list(BP)


def test_and_clock_is_set_through_date_time_in_the_bp_service(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cuff = BpPeripheral("clock-set")
    before = dt.datetime.now().replace(microsecond=0)
    got, _ = run_session(monkeypatch, cuff, complete(1))
    after = dt.datetime.now()
    assert cuff.name.startswith("A&D_UA-651BLE")
    written = cuff.written_times[0]
    assert written is not None and before - dt.timedelta(seconds=1) <= written <= after
    systolic = next(m for m, _ in got if m.type == "systolic_bp")
    assert systolic.time == written.isoformat()  # the cuff stamped it with the kiosk's time


def test_malformed_values_give_no_reading_and_no_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    cuff = BpPeripheral("malformed", pause=0.05)
    got, statuses = run_session(
        monkeypatch, cuff, lambda _g, s: [x.state for x in s].count("connected") >= 2
    )
    assert got == []
    assert statuses[-1].state in ("connected", "disconnected")


def test_readings_are_stored_as_an_encounter(
    monkeypatch: pytest.MonkeyPatch, store: Store, now: dt.datetime
) -> None:
    got, _ = run_session(monkeypatch, BpPeripheral("normal"), complete(1))
    encounter = services.start_encounter(
        store, patient_id=make_patient(store, now), site="test", now=now
    )
    for measurement, identity in got:
        if measurement.type in BP:
            services.record_reading(
                store,
                encounter_id=encounter.id,
                measurement=measurement,
                identity=identity,
                now=now,
            )
    rows = store.query("SELECT type, value, unit, device_key FROM readings ORDER BY type")
    assert [(r["type"], r["value"], r["unit"]) for r in rows][:4] == [
        ("diastolic_bp", 80, "mm[Hg]"),
        ("mean_bp", 93, "mm[Hg]"),
        ("pulse_rate", 72, "/min"),
        ("systolic_bp", 120, "mm[Hg]"),
    ]
    assert {r["device_key"] for r in rows} == {"ble-bp-SIM-BP-normal"}
