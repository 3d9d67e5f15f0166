"""Golden vectors and split/merged notifications of berrymed-ble (devices.md §9, §10.1, §17)."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from drivers.berrymed_ble.manifest import MANIFEST
from drivers.berrymed_ble.parser import NOTIFY, BerryMedParser
from kiosk.device_api import Transport
from tests.drivers.gatt_vectors import assert_vector, feed_all, load, values_of

DRIVER, VECTORS = load(Path(__file__).parent / "vectors" / "berrymed_ble.json")
STREAM = b"".join(v for vector in VECTORS for uuid, v in values_of(vector) if uuid == NOTIFY)


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_golden_vector(vector: dict[str, Any]) -> None:
    readings = feed_all(BerryMedParser(), values_of(vector))
    assert_vector(DRIVER, vector, readings)
    assert all(len(m.raw) == 5 and m.raw[0] & 0x80 for m in readings)


def decode(chunks: list[bytes]) -> list[tuple[dict[str, Any], bytes]]:
    parser = BerryMedParser()
    return [(m.to_json(), m.raw) for c in chunks for m in parser.feed_gatt(NOTIFY, c)]


def test_split_and_merged_notifications_decode_alike() -> None:
    """§17.6: one block, byte by byte, every split point and random chunk sizes."""
    stream = STREAM * 3
    whole = decode([stream])
    assert len(whole) == 3 * sum(len(v["readings"]) for v in VECTORS if v["readings"])
    assert decode([bytes([b]) for b in stream]) == whole
    for offset in range(len(stream) + 1):
        assert decode([stream[:offset], stream[offset:]]) == whole, offset
    rng = random.Random(5)
    for _ in range(200):
        chunks, position = [], 0
        while position < len(stream):
            size = rng.randint(1, 20)  # a notification holds up to 20 bytes at the default MTU
            chunks.append(stream[position : position + size])
            position += size
        assert decode(chunks) == whole


def test_pleth_only_with_waveform() -> None:
    value = bytes.fromhex("C5 33 06 48 61")
    pleth = [m for m in BerryMedParser(waveform=True).feed_gatt(NOTIFY, value) if m.type == "pleth"]
    assert [(m.driver, m.value) for m in pleth] == [(DRIVER, 51)]
    assert all(m.type != "pleth" for m in BerryMedParser().feed_gatt(NOTIFY, value))


def test_manifest() -> None:
    assert MANIFEST.id == DRIVER == "berrymed-ble"
    assert MANIFEST.transport is Transport.BLE
    assert MANIFEST.ble_services == ("49535343-fe7d-4ae5-8fa9-9fafd205e455",)
