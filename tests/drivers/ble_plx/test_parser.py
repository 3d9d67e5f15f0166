"""Golden vectors of the ble-plx parser (reference/devices.md §1, §5, §16, §17)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from drivers.ble_plx.manifest import MANIFEST
from drivers.ble_plx.parser import PlxFeatures, PlxParser, decode_features
from kiosk.device_api import Transport
from tests.drivers.gatt_vectors import assert_vector, feed_all, load, values_of

DRIVER, VECTORS = load(Path(__file__).parent / "vectors" / "ble_plx.json")


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_golden_vector(vector: dict[str, Any]) -> None:
    parser = PlxParser()
    readings = feed_all(parser, values_of(vector))
    assert_vector(DRIVER, vector, readings)
    if "features" in vector:
        assert parser.features == PlxFeatures(*vector["features"])


def test_one_quantity_at_two_exponents_is_equal() -> None:
    """`E8 F3` (1000e-1) and `64 00` (100e0) are both 100 (§1)."""
    tenth = PlxParser().feed_gatt("2a5f", bytes.fromhex("00 E8 F3 84 F3"))
    units = PlxParser().feed_gatt("2a5f", bytes.fromhex("00 64 00 5A 00"))
    assert [m.value for m in tenth] == [m.value for m in units] == [100, 90]


def test_features_cut_short() -> None:
    assert decode_features(bytes.fromhex("A3 00 40")) is None
    assert decode_features(bytes.fromhex("A0 00")) == PlxFeatures(0xA0)


def test_manifest() -> None:
    assert MANIFEST.id == DRIVER == "ble-plx"
    assert MANIFEST.transport is Transport.BLE
    assert MANIFEST.ble_services == ("1822",)
