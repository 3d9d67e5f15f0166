"""Golden vectors and framing of the nonin-df2 parser (reference/devices.md §10.3, §16, §17)."""

from __future__ import annotations

import random
from functools import partial
from typing import Any

import pytest

from drivers.nonin_df2 import plugin
from drivers.nonin_df2.parser import FRAME_SIZE, Df2Parser, frame, status_flags
from tests.drivers import serial_vectors
from tests.drivers.serial_vectors import (
    as_json,
    assert_exact,
    assert_splits_decode_alike,
    load_vectors,
    random_chunks,
)

DRIVER = "nonin-df2"
VECTORS: list[dict[str, Any]] = load_vectors(__file__, "nonin_df2")["vectors"]
LIB = bytes.fromhex(VECTORS[0]["hex"])
CONFIRM = LIB[:FRAME_SIZE]  # any valid frame: a SYNC frame that starts the next packet


def expected(vector: dict[str, Any]) -> list[dict[str, Any]]:
    return serial_vectors.expected(DRIVER, vector)


def packet(hr: int = 72, spo2: int = 97, status: int = 0x82, pleth: int = 50) -> bytes:
    """A whole 25-frame packet: SYNC on frame 0, every DATA field of §10.3 filled in."""
    data = [0] * 25
    for msb, lsb in ((0, 1), (13, 14), (19, 20), (21, 22)):
        data[msb], data[lsb] = hr >> 7, hr & 0x7F
    for index in (2, 8, 9, 10, 15, 16):
        data[index] = spo2
    data[3] = 0x30
    return b"".join(frame(status | (index == 0), pleth, d) for index, d in enumerate(data))


STREAM = b"".join(bytes.fromhex(v["hex"]) for v in VECTORS) + packet() + packet(hr=300)


def decode_chunks(chunks: list[bytes], waveform: bool = True) -> list[tuple[dict[str, Any], bytes]]:
    return serial_vectors.decode_chunks(Df2Parser(waveform=waveform), chunks)


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_golden_vector(vector: dict[str, Any]) -> None:
    wire = bytes.fromhex(vector["hex"])
    frames = [wire[i : i + FRAME_SIZE] for i in range(0, len(wire), FRAME_SIZE)]
    parser = Df2Parser()
    readings = parser.feed(wire) + parser.feed(CONFIRM)  # the next frame confirms the last
    assert_exact(DRIVER, vector, readings)  # 97, not 97.0; absent, not 0, not null
    assert [m.raw for m in readings] == [
        b"".join(frames[i] for i in indices) for indices in vector["raw_frames"]
    ]
    assert parser.firmware_revision == vector["firmware_revision"]


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_pleth_only_with_waveform(vector: dict[str, Any]) -> None:
    wire = bytes.fromhex(vector["hex"])
    pleth = [m for m in Df2Parser(waveform=True).feed(wire + CONFIRM) if m.type == "pleth"]
    assert [m.value for m in pleth] == vector["pleth"]
    assert all(len(m.raw) == FRAME_SIZE and m.raw in wire for m in pleth)
    assert not [m for m in Df2Parser().feed(wire + CONFIRM) if m.type == "pleth"]


def test_a_frame_waits_for_the_next_one() -> None:
    parser = Df2Parser()
    assert as_json(parser.feed(LIB[:15])) == expected(VECTORS[0])[:1]  # SpO2 frame pending
    assert parser.firmware_revision is None
    assert as_json(parser.feed(LIB[15:])) == expected(VECTORS[0])[1:]
    assert parser.firmware_revision is None and parser.feed(CONFIRM) == []
    assert parser.firmware_revision == 0x30


def test_a_lost_checksum_byte_never_yields_a_value_from_a_false_frame() -> None:
    # Frame 2 loses its checksum; 01 80 01 7F + the next frame's 01 checks out (0x101 & 0xFF):
    # decoded at once, it would give SpO2 127 → here any SpO2 byte S with 0x82 + S = 0x101.
    frame2 = frame(0x80, 0x01, 0x7E)
    assert sum(frame2[:4]) & 0xFF == 0x00
    false_head = bytes([0x01, 0x80, 0x00, 0x80])  # sum 0x101: + next 01 is a valid frame
    stream = LIB[:10] + false_head + LIB[15:] + CONFIRM
    assert [(m.type, m.value) for m in Df2Parser().feed(stream)] == [("pulse_rate", 72)]


def test_every_field_of_a_whole_packet() -> None:
    parser = Df2Parser()
    readings = parser.feed(packet(hr=300, spo2=95))
    assert [(m.type, m.value) for m in readings] == [("pulse_rate", 300), ("spo2", 95)]
    names = ("hr", "e_hr", "hr_d", "e_hr_d", "spo2", "spo2_d", "spo2_fast", "spo2_b2b")
    assert parser.fields == {
        **dict.fromkeys(names[:4], 300),
        **dict.fromkeys(names[4:], 95),
        "e_spo2": 95,
        "e_spo2_d": 95,
        "firmware_revision": 0x30,
    }
    parser.feed(packet(hr=511, spo2=127, status=0xC0))
    assert set(parser.fields.values()) == {None, 0x30}  # missing fields are None


def test_plugin_parser_decodes_like_the_class() -> None:
    assert as_json(plugin.create_parser().feed(STREAM)) == as_json(Df2Parser().feed(STREAM))


def test_split_at_every_offset_and_random_chunks_equal_one_block() -> None:
    stream = STREAM * 2
    whole = decode_chunks([stream])
    assert len([r for r, _ in whole if r["type"] != "pleth"]) == 2 * (
        sum(len(v["readings"]) for v in VECTORS) + 4
    )
    chunkings = partial(random_chunks, stream, random.Random(7), 40)
    assert_splits_decode_alike(decode_chunks, stream, whole, chunkings, 300)


def test_a_bad_checksum_or_status_bit_7_is_not_a_frame() -> None:
    bad_checksum = bytearray(LIB)
    bad_checksum[9] ^= 0x01  # frame 1 (HR LSB) is lost: the packet waits for the next SYNC
    assert Df2Parser().feed(bytes(bad_checksum)) == []
    no_bit7 = frame(0x01, 1, 0) + LIB[5:]  # 01 01 01 00 03: STATUS bit 7 clear
    assert Df2Parser().feed(no_bit7) == []


def test_a_gap_between_frames_drops_the_packet_until_the_next_sync() -> None:
    # One stray byte between frames 1 and 2: frame 1 has no frame right after it (dropped),
    # and SpO2 would be read from a frame of unknown index: nothing until the next SYNC.
    gapped = LIB[:10] + b"\x55" + LIB[10:]
    assert [(m.type, m.value) for m in Df2Parser().feed(gapped + LIB + CONFIRM)] == [
        ("pulse_rate", 72),
        ("spo2", 97),
    ]
    gap_after_hr = LIB[:15] + b"\x55" + LIB[15:]  # frame 2 (SpO2) has no successor: no SpO2
    assert [(m.type, m.value) for m in Df2Parser().feed(gap_after_hr + CONFIRM)] == [
        ("pulse_rate", 72)
    ]


def test_frames_after_25_without_sync_are_not_indexed() -> None:
    no_sync = packet()[FRAME_SIZE:]  # frames 1-24 of a packet, then frames 1-24 again
    assert Df2Parser().feed(packet()[-FRAME_SIZE:] + no_sync + no_sync) == []
    overlong = packet() + frame(0x82, 0, 0) + no_sync  # 26th frame: index lost, no reading
    assert len(Df2Parser().feed(overlong + CONFIRM)) == 2


def test_garbage_then_a_golden_packet_resynchronises() -> None:
    rng = random.Random(11)
    for _ in range(500):
        parser = Df2Parser()
        parser.feed(rng.randbytes(rng.randrange(60)))
        assert as_json(parser.feed(LIB)) == expected(VECTORS[0])


def test_a_false_frame_straddling_garbage_and_data_does_not_hide_the_real_one() -> None:
    straddle = bytes([0x01, 0x80, 0xFF])  # + the real frame's 01 81: 01 80 FF 01 81 checks out
    assert (sum(straddle) + LIB[0]) & 0xFF == LIB[1]
    # The false frame has no frame right after it, so it is not believed; the real one is.
    assert as_json(Df2Parser().feed(straddle + LIB)) == expected(VECTORS[0])
    parser = Df2Parser()
    assert [m for b in straddle + LIB for m in parser.feed(bytes([b]))] == Df2Parser().feed(
        straddle + LIB
    )


def test_status_flags_by_bit() -> None:
    assert status_flags(0x80) == ()
    assert status_flags(0xC0) == ("no-sensor",)
    assert status_flags(0xA0) == ("artifact",)
    assert status_flags(0x90) == ("out-of-track",)
    assert status_flags(0x88) == ("sensor-alarm",)
    assert status_flags(0x82) == ()  # green
    assert status_flags(0x84) == ("low-perfusion",)  # red
    assert status_flags(0x86) == ()  # yellow
    assert status_flags(0x81) == ()  # SYNC
