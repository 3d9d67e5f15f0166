"""Golden vectors and framing of the contec-v7 parser (reference/devices.md §10.2, §17)."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drivers.contec_v7 import plugin
from drivers.contec_v7.parser import (
    ASK_DEVICE_ID,
    COMMAND,
    KEEP_ALIVE,
    PACKET_LENGTHS,
    START_REALTIME,
    STOP_REALTIME,
    ContecV7Parser,
    V7Framer,
    command,
    encode_packet,
)
from kiosk.domain import Measurement

VECTORS: list[dict[str, Any]] = json.loads(
    (Path(__file__).parent / "vectors" / "contec_v7.json").read_text(encoding="utf-8")
)["vectors"]
STREAM = b"".join(bytes.fromhex(v["hex"]) for v in VECTORS)


def expected(vector: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"driver": "contec-v7", "code": None, **r} for r in vector["readings"]]


def as_json(readings: list[Measurement]) -> list[dict[str, Any]]:
    return [m.to_json() for m in readings]


def decode_chunks(chunks: list[bytes]) -> list[tuple[dict[str, Any], bytes]]:
    parser = ContecV7Parser()
    return [(m.to_json(), m.raw) for chunk in chunks for m in parser.feed(chunk)]


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_golden_vector(vector: dict[str, Any]) -> None:
    frame = bytes.fromhex(vector["hex"])
    parser = ContecV7Parser()
    readings = parser.feed(frame)
    assert as_json(readings) == expected(vector)
    assert all(m.raw == frame for m in readings)
    pairs = zip(readings, vector["readings"], strict=True)
    assert all(type(m.value) is type(r["value"]) for m, r in pairs)  # 96, not 96.0
    types = {m.type for m in readings}
    assert not types & set(vector["absent"])  # invalid → absent, not 0 and not null
    assert parser.device_id == vector.get("device_id")


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_pleth_only_with_waveform(vector: dict[str, Any]) -> None:
    frame = bytes.fromhex(vector["hex"])
    pleth = [m for m in ContecV7Parser(waveform=True).feed(frame) if m.type == "pleth"]
    assert [m.value for m in pleth] == ([vector["pleth"]] if vector["pleth"] is not None else [])
    assert not [m for m in ContecV7Parser().feed(frame) if m.type == "pleth"]


def test_plugin_parser_decodes_like_the_class() -> None:
    assert as_json(plugin.create_parser().feed(STREAM)) == as_json(ContecV7Parser().feed(STREAM))


def test_split_at_every_offset_and_random_chunks_equal_one_block() -> None:
    stream = STREAM * 3
    whole = decode_chunks([stream])
    assert len(whole) == 3 * sum(len(v["readings"]) for v in VECTORS)
    assert decode_chunks([bytes([b]) for b in stream]) == whole
    for offset in range(len(stream) + 1):
        assert decode_chunks([stream[:offset], stream[offset:]]) == whole, offset
    rng = random.Random(7)
    for _ in range(200):
        chunks, rest = [], stream
        while rest:
            size = rng.randint(1, 20)
            chunks.append(rest[:size])
            rest = rest[size:]
        assert decode_chunks(chunks) == whole


def test_flags_searching_and_low_spo2_ride_on_the_values() -> None:
    # d0 = low SpO2 (bit 5) + signal 3, d1 = searching (bit 7) + pleth 10, PR 60, SpO2 85.
    frame = encode_packet(0x01, bytes([0x23, 0x8A, 0x10, 60, 85, 0xFF, 0xFF]))
    readings = ContecV7Parser().feed(frame)
    assert [(m.type, m.value, m.flags) for m in readings] == [
        ("spo2", 85, ("searching", "low-spo2")),
        ("pulse_rate", 60, ("searching", "low-spo2")),
    ]


def test_searching_without_values_gives_a_status() -> None:
    frame = encode_packet(0x01, bytes([0x00, 0x80, 0x10, 0xFF, 0x7F, 0xFF, 0xFF]))
    assert as_json(ContecV7Parser().feed(frame)) == [
        {
            "driver": "contec-v7",
            "type": "status",
            "value": None,
            "unit": None,
            "time": None,
            "flags": ["searching"],
            "code": None,
        }
    ]


def test_nothing_valid_and_no_reason_gives_nothing() -> None:
    frame = encode_packet(0x01, bytes([0x00, 0x00, 0x10, 0xFF, 0x7F, 0xFF, 0xFF]))
    assert ContecV7Parser().feed(frame) == []


def test_resync_drops_an_interrupted_packet_and_skips_unknown_types() -> None:
    golden = bytes.fromhex(VECTORS[2]["hex"])
    noise = bytes.fromhex("01 A8 C6") + bytes.fromhex("05 81 82 83 84 85 86 87 88 89 8A")
    skipped = bytes.fromhex("0C 80 06 80 81 82 0A 80 81 82")  # A7 / A0 / segment amount
    parser = ContecV7Parser()
    assert as_json(parser.feed(noise + skipped + golden)) == expected(VECTORS[2])
    assert parser.free_count == 1 and parser.stored_count == 0


def test_a_skipped_type_keeps_its_length() -> None:
    # A 0x0C packet is 2 bytes: continuation bytes after it are stray and must not start data.
    stream = bytes.fromhex("0C 80 81 82") + bytes.fromhex(VECTORS[0]["hex"])
    assert as_json(ContecV7Parser().feed(stream)) == expected(VECTORS[0])
    assert PACKET_LENGTHS[0x0F] == 8 and PACKET_LENGTHS[0x0C] == 2 and PACKET_LENGTHS[0x06] == 4


def test_unusable_device_id_keeps_the_last_good_one() -> None:
    parser = ContecV7Parser()
    parser.feed(bytes.fromhex(VECTORS[3]["hex"]))
    parser.feed(encode_packet(0x04, bytes([0x4B, 0x01, 0x49, 0x20, 0x20, 0x20, 0x20])))
    parser.feed(encode_packet(0x04, b"       "))
    assert parser.device_id == "KIOSK"


def test_command_builder() -> None:
    assert command(START_REALTIME) == bytes.fromhex("7D 81 A1 80 80 80 80 80 80")
    assert command(STOP_REALTIME) == bytes.fromhex("7D 81 A2 80 80 80 80 80 80")
    assert command(ASK_DEVICE_ID) == bytes.fromhex("7D 81 AA 80 80 80 80 80 80")
    assert command(KEEP_ALIVE) == bytes.fromhex("7D 81 AF 80 80 80 80 80 80")
    assert command(0xB1, 0x18, 0x86) == bytes.fromhex("7D 85 B1 98 86 80 80 80 80")
    with pytest.raises(ValueError):
        command(0xA1, 1, 2, 3, 4, 5, 6, 7)
    with pytest.raises(ValueError):
        command(0x1A1)


@given(
    st.sampled_from(sorted(PACKET_LENGTHS)),
    st.binary(min_size=7, max_size=7),
)
def test_encode_then_frame_restores_every_bit(packet_type: int, data: bytes) -> None:
    data = data[: PACKET_LENGTHS[packet_type] - 2]
    wire = encode_packet(packet_type, data)
    assert all(b >= 0x80 for b in wire[1:])
    [packet] = V7Framer().feed(wire)
    assert (packet.type, packet.data, packet.raw) == (packet_type, data, wire)
    if packet_type == COMMAND:
        assert len(wire) == 9
