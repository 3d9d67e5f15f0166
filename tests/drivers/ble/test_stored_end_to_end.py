"""Every BLE driver whose own session tests stop at the measurement: read end to end through the
production bleak path (our bumble backend, the real BleSession) from its emulated device, then
stored as an encounter's readings through the services — issue 5's "done when" for each id.
(ble-bp, ble-glucose and ble-plx store readings in their own session tests.)"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import importlib
import time
from typing import Any

import pytest

from drivers.ble.simulator import Room
from kiosk import services
from kiosk.device_api import DeviceStatus
from kiosk.domain import DeviceIdentity, Measurement, Source
from kiosk.services import NOT_RECORDABLE
from kiosk.store import Store, records
from tests.conftest import make_patient

# driver id, package, peripheral class, its options for a quick normal measurement
DEVICES = [
    ("ble-thermometer", "ble_thermometer", "ThermometerPeripheral", {"pause": 0.2}),
    ("ble-scale", "ble_scale", "ScalePeripheral", {"pause": 0.05}),
    ("ble-heart-rate", "ble_heart_rate", "HeartRatePeripheral", {"interval": 0.02}),
    ("berrymed-ble", "berrymed_ble", "BerryMedPeripheral", {"interval": 0.01}),
    ("contec-ble", "contec_ble", "ContecPeripheral", {"interval": 0.02}),
]


async def _stop(task: asyncio.Task[None]) -> None:
    while not task.done():  # Python 3.11 can lose a cancel that lands as a write completes
        task.cancel()
        await asyncio.wait({task}, timeout=0.5)
    with contextlib.suppress(asyncio.CancelledError):
        task.result()


def _read(package: str, peripheral: Any) -> list[tuple[Measurement, DeviceIdentity]]:
    open_session = importlib.import_module(f"drivers.{package}.io").open_session
    got: list[tuple[Measurement, DeviceIdentity]] = []
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
                    while time.monotonic() < deadline and not any(
                        m.type not in NOT_RECORDABLE and m.value is not None for m, _ in got
                    ):
                        await asyncio.sleep(0.01)
                finally:
                    await _stop(task)

    asyncio.run(main())
    return got


@pytest.mark.parametrize(
    ("driver_id", "package", "cls", "options"), DEVICES, ids=[d[0] for d in DEVICES]
)
def test_read_through_bleak_and_stored(
    store: Store, now: dt.datetime, driver_id: str, package: str, cls: str, options: dict[str, Any]
) -> None:
    peripheral = getattr(importlib.import_module(f"drivers.{package}.simulator"), cls)(
        "normal", **options
    )
    got = _read(package, peripheral)
    recordable = [(m, i) for m, i in got if m.type not in NOT_RECORDABLE and m.value is not None]
    assert recordable, f"{driver_id}: no measurement arrived through bleak"
    measurement, identity = recordable[0]
    assert measurement.driver == driver_id and identity.driver_id == driver_id
    assert identity.serial  # from the emulated Device Information service

    encounter = services.start_encounter(
        store, patient_id=make_patient(store, now), site="KZ-T-1", now=now
    )
    services.record_reading(
        store, encounter_id=encounter.id, measurement=measurement, identity=identity, now=now
    )
    saved = services.save_encounter(store, encounter_id=encounter.id, now=now)
    (reading,) = saved.readings
    assert (reading.type, reading.value, reading.unit) == (
        measurement.type,
        measurement.value,
        measurement.unit,
    )
    assert reading.source is Source.DEVICE and reading.raw == measurement.raw
    assert (reading.driver_id, reading.device_key) == (driver_id, identity.key)
    assert records.get_device(store, identity.key) is not None
