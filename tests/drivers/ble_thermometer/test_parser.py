"""Golden vectors of the ble-thermometer parser (reference/devices.md §1, §2, §4, §17)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from drivers.ble_thermometer.manifest import MANIFEST
from drivers.ble_thermometer.parser import ThermometerParser, create_parser
from kiosk.device_api import Transport
from tests.drivers.gatt_vectors import assert_vector, feed_all, load, values_of

DRIVER, VECTORS = load(Path(__file__).parent / "vectors" / "ble_thermometer.json")


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_golden_vector(vector: dict[str, Any]) -> None:
    parser = ThermometerParser()
    readings = feed_all(parser, values_of(vector))
    assert_vector(DRIVER, vector, readings)
    assert all(m.raw == values_of(vector)[-1][1] for m in readings)
    if "temperature_type" in vector:
        assert parser.temperature_type == vector["temperature_type"]


def test_full_uuid_and_service_accepted() -> None:
    value = bytes.fromhex("00 6C 01 00 FF")
    full = "00002A1C-0000-1000-8000-00805F9B34FB"
    readings = create_parser().feed_gatt(
        full, value, service="00001809-0000-1000-8000-00805f9b34fb"
    )
    assert [m.value for m in readings] == [36.4]


def test_manifest() -> None:
    assert MANIFEST.id == DRIVER == "ble-thermometer"
    assert MANIFEST.transport is Transport.BLE
    assert MANIFEST.ble_services == ("1809",)
    assert MANIFEST.reading_types == ("body_temp",)
