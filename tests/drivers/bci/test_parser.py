"""Golden vectors and framing of the bci parser (reference/devices.md §10.1, §16, §17)."""

from __future__ import annotations

import random
from functools import partial
from typing import Any

import pytest

from drivers.bci import plugin
from drivers.bci.parser import RECORD_END, RECORD_PREAMBLE, BciParser, decode_packet
from drivers.bci.simulator import encode_packet
from tests.drivers import serial_vectors
from tests.drivers.serial_vectors import (
    as_json,
    assert_exact,
    assert_splits_decode_alike,
    load_vectors,
    random_chunks,
)

DRIVER = "bci"
_DATA = load_vectors(__file__, "bci")
VECTORS: list[dict[str, Any]] = _DATA["vectors"]
RECORDS: list[dict[str, Any]] = _DATA["records"]
STREAM = b"".join(bytes.fromhex(v["hex"]) for v in VECTORS)
FULL_STREAM = STREAM + bytes.fromhex(RECORDS[0]["hex"]) + STREAM


def expected(vector: dict[str, Any]) -> list[dict[str, Any]]:
    return serial_vectors.expected(DRIVER, vector)


def decode_chunks(chunks: list[bytes], waveform: bool = True) -> list[tuple[dict[str, Any], bytes]]:
    return serial_vectors.decode_chunks(BciParser(waveform=waveform), chunks)


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_golden_vector(vector: dict[str, Any]) -> None:
    frame = bytes.fromhex(vector["hex"])
    readings = BciParser().feed(frame)
    assert_exact(DRIVER, vector, readings)  # 97, not 97.0; absent, not 0, not null
    assert all(m.raw == frame for m in readings)


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_pleth_only_with_waveform(vector: dict[str, Any]) -> None:
    frame = bytes.fromhex(vector["hex"])
    pleth = [m for m in BciParser(waveform=True).feed(frame) if m.type == "pleth"]
    assert [m.value for m in pleth] == ([vector["pleth"]] if vector["pleth"] is not None else [])
    assert all(m.raw == frame and m.unit is None for m in pleth)
    assert not [m for m in BciParser().feed(frame) if m.type == "pleth"]


def test_record_download() -> None:
    vector = RECORDS[0]
    parser = BciParser(waveform=True)
    readings = parser.feed(bytes.fromhex(vector["hex"]))
    assert as_json(readings) == expected(vector)
    assert [m.raw for m in readings] == [bytes.fromhex(r) for r in vector["raw"]]
    assert parser.record_length == bytes.fromhex(vector["length"])


def test_live_data_resumes_after_the_records_end_or_a_stray_byte() -> None:
    live = bytes.fromhex(VECTORS[1]["hex"])
    download = bytes.fromhex(RECORDS[0]["hex"])
    assert as_json(BciParser().feed(download + live)) == expected(RECORDS[0]) + expected(VECTORS[1])
    # A download cut short: a record counts only when a record or the end marker follows it,
    # so the live packet that comes instead is not mistaken for one (and decodes).
    records = bytes.fromhex("F0 C8 61 F1 8A 60")
    readings = BciParser().feed(RECORD_PREAMBLE + b"\x00\x00\x06" + records + live)
    assert [(m.type, m.value, m.flags) for m in readings] == [
        ("spo2", 97, ("from-storage",)),
        ("pulse_rate", 72, ("from-storage",)),
        ("spo2", 97, ()),
        ("pulse_rate", 72, ()),
    ]
    assert as_json(BciParser().feed(RECORD_PREAMBLE + live)) == expected(VECTORS[1])
    # The record bytes are not live packets: nothing is decoded from them in live mode.
    assert BciParser().feed(download[9:]) == []
    assert RECORD_END == b"\xf6\xf6\xf6"


def test_plugin_parser_decodes_like_the_class() -> None:
    assert as_json(plugin.create_parser().feed(FULL_STREAM)) == as_json(
        BciParser().feed(FULL_STREAM)
    )


def test_split_at_every_offset_and_random_chunks_equal_one_block() -> None:
    stream = FULL_STREAM * 2
    whole = decode_chunks([stream])
    per_copy = sum(len(v["readings"]) + (v["pleth"] is not None) for v in VECTORS)
    assert len(whole) == 2 * (2 * per_copy + len(RECORDS[0]["readings"]))
    chunkings = partial(random_chunks, stream, random.Random(7), 20)
    assert_splits_decode_alike(decode_chunks, stream, whole, chunkings, 300)


def test_a_packet_with_a_sync_byte_inside_is_dropped() -> None:
    golden = bytes.fromhex(VECTORS[1]["hex"])
    torn = golden[:3] + golden  # the first packet is cut by the second one's sync byte
    assert as_json(BciParser().feed(torn)) == expected(VECTORS[1])
    strays = bytes.fromhex("01 02 03 7F 00")  # data bytes outside a packet are ignored
    assert as_json(BciParser().feed(strays + golden + strays)) == expected(VECTORS[1])


def test_garbage_then_a_golden_frame_resynchronises_within_one_frame() -> None:
    rng = random.Random(11)
    golden = bytes.fromhex(VECTORS[2]["hex"])
    for _ in range(500):
        parser = BciParser()
        parser.feed(rng.randbytes(rng.randrange(40)))
        assert as_json(parser.feed(golden)) == expected(VECTORS[2])


def test_invalid_fields_give_no_reading_of_their_type() -> None:
    only_pr_invalid = encode_packet(signal=5, beep=False, pleth=9, bar=1, pr=0xFF, spo2=95)
    assert [(m.type, m.value) for m in decode_packet(only_pr_invalid)] == [("spo2", 95)]
    only_spo2_invalid = encode_packet(signal=5, beep=False, pleth=9, bar=1, pr=64, spo2=0x7F)
    assert [(m.type, m.value) for m in decode_packet(only_spo2_invalid)] == [("pulse_rate", 64)]
    out_of_range = encode_packet(signal=5, beep=False, pleth=9, bar=1, pr=0, spo2=101)
    assert decode_packet(out_of_range) == []


def test_status_bits_become_flags() -> None:
    no_signal = bytes([0x90, 0x10, 0x01, 0x48, 0x61])  # byte 0 bit 4, values still sent
    assert {m.flags for m in decode_packet(no_signal)} == {("finger-out",)}
    both = bytes([0x90, 0x10, 0x71, 0x7F, 0x7F]) + bytes([0xC0, 0x10, 0x40, 0x7F, 0x7F])
    readings = BciParser().feed(both)
    assert as_json(readings) == [
        {
            "driver": "bci",
            "type": "status",
            "value": None,
            "unit": None,
            "time": None,
            "flags": ["finger-out", "searching"],
            "code": None,
        }
    ]  # the second packet (PR 0xFF, SpO2 0x7F, no status bit) gives nothing
    # Byte 0 bits 5-6 and the signal/bar bits are not in the §16 table: no flags.
    assert decode_packet(bytes([0xEF, 0x10, 0x0F, 0x48, 0x61]))[0].flags == ()


def test_simulator_packet_encoder_round_trips() -> None:
    for pr in (1, 72, 127, 128, 200, 254):
        frame = encode_packet(signal=3, beep=True, pleth=50, bar=4, pr=pr, spo2=90, flags2=0x20)
        assert [(m.type, m.value) for m in decode_packet(frame)] == [
            ("spo2", 90),
            ("pulse_rate", pr),
        ]
