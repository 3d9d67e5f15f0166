"""Golden vectors of the ble-scale parser (reference/devices.md §2, §6, §16, §17)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from drivers.ble_scale.manifest import MANIFEST
from drivers.ble_scale.parser import ScaleParser
from kiosk.device_api import Transport
from tests.drivers.gatt_vectors import assert_vector, feed_all, load, values_of

DRIVER, VECTORS = load(Path(__file__).parent / "vectors" / "ble_scale.json")


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_golden_vector(vector: dict[str, Any]) -> None:
    parser = ScaleParser()
    readings = feed_all(parser, values_of(vector))
    assert_vector(DRIVER, vector, readings)
    if "user_id" in vector:
        assert parser.user_id == vector["user_id"]


def test_stub_never_carries_the_previous_body_fat() -> None:
    """BF788: a zeroed composition frame after a real one emits nothing (§6)."""
    parser = ScaleParser()
    real = parser.feed_gatt("2a9c", bytes.fromhex("00 06 C2 00 88 13 40 38"))
    stub = parser.feed_gatt("2a9c", bytes.fromhex("10 00 00 00 00 00"))
    assert [m.type for m in real] == ["body_fat", "body_weight"]
    assert stub == []


def test_declared_resolution_does_not_rescale() -> None:
    """0x2A9E may declare 0.1 kg; the wire unit stays 0.005 kg (§6)."""
    parser = ScaleParser()
    parser.feed_gatt("2a9e", (3 << 3 | 0x07).to_bytes(4, "little"))
    assert parser.weight_scale_feature == 0x1F
    assert [m.value for m in parser.feed_gatt("2a9d", bytes.fromhex("00 B0 36"))] == [70.0]


def test_manifest() -> None:
    assert MANIFEST.id == DRIVER == "ble-scale"
    assert MANIFEST.transport is Transport.BLE
    assert MANIFEST.ble_services == ("181d", "181b")
