"""Device information and battery level as provenance (issue 5), end to end: an emulated cuff
on a real bumble stack → the production bleak session → ``services.record_reading`` → the
store → the Device registration bundle (validated with ``fhir.resources`` R4B)."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Callable
from typing import Any

import pytest
from bumble import gatt
from bumble.core import UUID
from bumble.device import Connection

from drivers.ble.simulator import Room, device_information_service
from drivers.ble_bp.io import open_session
from drivers.ble_bp.simulator import BpPeripheral, measurement_frame
from kiosk import services
from kiosk.config import KioskConfig
from kiosk.domain import DeviceIdentity, Measurement
from kiosk.store import Store, records
from sync.bundles import build_bundle
from tests.conftest import make_patient
from tests.sync.fhir_r4b import assert_valid_bundle

Got = list[tuple[Measurement, DeviceIdentity]]


class ProvenanceCuff(BpPeripheral):
    """A cuff with firmware 1.2.3 and a notifying battery at 42 %: on one connection it sends
    a measurement, notifies the battery at 41 %, then sends a second measurement."""

    def __init__(self) -> None:
        super().__init__("normal", pause=0.05)
        self.battery_level = 42

    def build_services(self) -> list[gatt.Service]:
        others = [s for s in super().build_services() if s.uuid != UUID("180A")]
        info = device_information_service("Dala Simulators", "BP-1", "SIM-BP-P", firmware="1.2.3")
        return [*others, info]

    async def on_subscribed(
        self, connection: Connection, characteristic: gatt.Characteristic[Any]
    ) -> None:
        if characteristic is not self.measurement:
            return
        await asyncio.sleep(0.02)
        device = self.device_checked()
        await device.indicate_subscribers(
            self.measurement, measurement_frame(120, 80, 93, 72, None)
        )
        await self.set_battery_level(41)
        await asyncio.sleep(0.05)
        await device.indicate_subscribers(
            self.measurement, measurement_frame(118, 76, 90, 70, None)
        )
        await asyncio.sleep(0.05)
        await self.rest(connection)


def run_session(
    monkeypatch: pytest.MonkeyPatch,
    cuff: BpPeripheral,
    until: Callable[[Got], bool],
    timeout: float = 10.0,
) -> Got:
    got: Got = []

    async def main() -> None:
        async with Room([cuff]) as room:
            monkeypatch.setenv("KIOSK_BLE_BACKEND", "bumble")
            monkeypatch.setenv("BLEAK_BUMBLE_TRANSPORT", room.link_transport)
            session = open_session(cuff.address_text, retry_interval=0.05)
            task = asyncio.create_task(
                session.run(lambda m, i: got.append((m, i)), lambda _status: None)
            )
            deadline = time.monotonic() + timeout
            while not until(got) and time.monotonic() < deadline:
                await asyncio.sleep(0.01)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            await asyncio.sleep(0.05)

    asyncio.run(main())
    return got


def systolic(count: int) -> Callable[[Got], bool]:
    return lambda got: [m.type for m, _ in got].count("systolic_bp") >= count


def test_firmware_and_battery_are_in_the_identity_and_follow_notifications(
    monkeypatch: pytest.MonkeyPatch,
    kiosk_config: KioskConfig,
    store: Store,
    now: dt.datetime,
) -> None:
    got = run_session(monkeypatch, ProvenanceCuff(), systolic(2))
    readings = [(m, i) for m, i in got if m.type == "systolic_bp"][:2]
    assert [(m.value, i.firmware, i.battery_level) for m, i in readings] == [
        (120, "1.2.3", 42),
        (118, "1.2.3", 41),
    ]

    encounter = services.start_encounter(
        store, patient_id=make_patient(store, now), site="test", now=now
    )
    for moment, (measurement, identity) in enumerate(readings):
        services.record_reading(
            store,
            encounter_id=encounter.id,
            measurement=measurement,
            identity=identity,
            now=now + dt.timedelta(seconds=moment),
        )
    rows = store.query("SELECT value, device_battery FROM readings ORDER BY kiosk_time")
    assert [(r["value"], r["device_battery"]) for r in rows] == [(120, 42), (118, 41)]
    key = readings[0][1].key
    device = records.get_device(store, key)
    assert device is not None
    assert (device["firmware"], device["battery_level"]) == ("1.2.3", 41)
    assert device["battery_at"] == records.to_db_time(now + dt.timedelta(seconds=1))
    assert (
        store.scalar(
            "SELECT count(*) FROM outbox WHERE kind = 'register-device' AND ref = ?", (key,)
        )
        == 1
    )
    stored = records.get_encounter(store, encounter.id)
    assert stored is not None and {r.device_battery for r in stored.readings} == {41, 42}

    bundle = build_bundle(store, kiosk_config, "register-device", key)
    assert_valid_bundle(bundle)
    (entry,) = bundle["entry"]
    assert entry["resource"]["version"][0]["value"] == "1.2.3"
    assert entry["resource"]["version"][0]["type"]["coding"][0]["code"] == "531976"


def test_a_battery_without_notify_is_read_on_connect(monkeypatch: pytest.MonkeyPatch) -> None:
    got = run_session(monkeypatch, BpPeripheral("normal", pause=0.05), systolic(1))
    identity = next(i for m, i in got if m.type == "systolic_bp")
    assert (identity.firmware, identity.battery_level) == ("1.0", 87)
