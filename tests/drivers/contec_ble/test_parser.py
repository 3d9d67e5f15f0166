"""Golden vectors of the contec-ble parser (reference/devices.md §9, §16, §17)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from drivers.contec_ble.manifest import MANIFEST
from drivers.contec_ble.parser import START_STREAMING, ContecBleParser
from kiosk.device_api import Transport
from tests.drivers.gatt_vectors import assert_vector, feed_all, load, values_of

DRIVER, VECTORS = load(Path(__file__).parent / "vectors" / "contec_ble.json")


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_golden_vector(vector: dict[str, Any]) -> None:
    assert_vector(DRIVER, vector, feed_all(ContecBleParser(), values_of(vector)))


def test_full_characteristic_uuid() -> None:
    value = bytes.fromhex("EB 01 06 4E 61 7F 00 20")
    readings = ContecBleParser().feed_gatt("0000ff02-0000-1000-8000-00805f9b34fb", value)
    assert [(m.type, m.value) for m in readings] == [("spo2", 97), ("pulse_rate", 78)]


def test_start_command_and_manifest() -> None:
    assert bytes.fromhex("9B 01 1C") == START_STREAMING
    assert MANIFEST.id == DRIVER == "contec-ble"
    assert MANIFEST.transport is Transport.BLE
    assert MANIFEST.ble_services == ("ff02",)
