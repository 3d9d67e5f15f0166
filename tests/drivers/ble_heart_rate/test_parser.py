"""Golden vectors of the ble-heart-rate parser (reference/devices.md §8, §16, §17)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from drivers.ble_heart_rate.manifest import MANIFEST
from drivers.ble_heart_rate.parser import HeartRateParser
from kiosk.device_api import Transport
from tests.drivers.gatt_vectors import assert_vector, feed_all, load, values_of

DRIVER, VECTORS = load(Path(__file__).parent / "vectors" / "ble_heart_rate.json")


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_golden_vector(vector: dict[str, Any]) -> None:
    parser = HeartRateParser()
    readings = feed_all(parser, values_of(vector))
    assert_vector(DRIVER, vector, readings)
    if "energy" in vector:
        assert parser.energy_expended == vector["energy"]
        assert list(parser.rr_intervals) == vector["rr"]


def test_body_sensor_location_is_kept() -> None:
    parser = HeartRateParser()
    parser.feed_gatt("2a38", b"\x01")
    assert parser.body_sensor_location == 1


def test_manifest() -> None:
    assert MANIFEST.id == DRIVER == "ble-heart-rate"
    assert MANIFEST.transport is Transport.BLE
    assert MANIFEST.ble_services == ("180d",)
