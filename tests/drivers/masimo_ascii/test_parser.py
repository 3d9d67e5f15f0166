"""Golden vectors, framing and field rules of the masimo-ascii parser (devices.md §10.4, §17)."""

from __future__ import annotations

import random
from functools import partial
from typing import Any

import pytest

from drivers.ascii_lines import LineFramer
from drivers.masimo_ascii import plugin
from drivers.masimo_ascii.parser import ALARM_FLAGS, EXC_FLAGS, MAX_LINE, MasimoAsciiParser
from tests.drivers import serial_vectors
from tests.drivers.serial_vectors import (
    as_json,
    assert_exact,
    assert_splits_decode_alike,
    load_vectors,
    random_chunks,
)

DRIVER = "masimo-ascii"
VECTORS: list[dict[str, Any]] = load_vectors(__file__, "masimo_ascii")["vectors"]
STREAM = b"".join(v["line"].encode("ascii") + b"\r\n" for v in VECTORS)
GOOD = VECTORS[0]["line"]


def expected(vector: dict[str, Any]) -> list[dict[str, Any]]:
    return serial_vectors.expected(DRIVER, vector)


def decode(text: str) -> list[dict[str, Any]]:
    return as_json(MasimoAsciiParser().feed(text.encode("ascii") + b"\r\n"))


def decode_chunks(chunks: list[bytes]) -> list[tuple[dict[str, Any], bytes]]:
    return serial_vectors.decode_chunks(MasimoAsciiParser(), chunks)


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_golden_vector(vector: dict[str, Any]) -> None:
    line = vector["line"].encode("ascii")
    parser = MasimoAsciiParser()
    readings = parser.feed(line + b"\r\n")
    assert_exact(DRIVER, vector, readings)  # 96, not 96.0; absent, not 0 and not null
    assert all(m.raw == line for m in readings)
    assert parser.device_serial == vector["serial"]


def test_plugin_parser_decodes_like_the_class() -> None:
    assert as_json(plugin.create_parser().feed(STREAM)) == as_json(MasimoAsciiParser().feed(STREAM))


def test_split_at_every_offset_and_random_chunks_equal_one_block() -> None:
    stream = STREAM * 3
    whole = decode_chunks([stream])
    assert len(whole) == 3 * sum(len(v["readings"]) for v in VECTORS)
    rng = random.Random(7)
    chunkings = partial(random_chunks, stream, rng, 60)
    assert_splits_decode_alike(decode_chunks, stream, whole, chunkings, 200)


@pytest.mark.parametrize("ending", [b"\r\n", b"\n", b"\r", b"\r\n\r\n"])
def test_any_line_ending(ending: bytes) -> None:
    stream = STREAM.replace(b"\r\n", ending)
    assert as_json(MasimoAsciiParser().feed(stream)) == as_json(MasimoAsciiParser().feed(STREAM))


def test_tokens_by_key_in_any_order_and_any_case() -> None:
    shuffled = "06/03/24 10:15:02 exc=000800 PI=02.15% bpm=081 Foo=bar SPO2=096% SN=0000012345"
    assert decode(shuffled) == expected(VECTORS[0])


def test_a_missing_key_only_loses_its_reading() -> None:
    got = decode("06/03/24 10:15:02 SPO2=096% EXC=000800")
    assert [(r["type"], r["value"]) for r in got] == [("spo2", 96)]


@pytest.mark.parametrize(
    "field",
    ["SPO2=101%", "SPO2=9x%", "SPO2=%", "SPO2=0096%", "SPO2=-96%", "SPO2=000%", "SPO2=+--"],
)
def test_invalid_spo2_gives_no_spo2_but_keeps_the_rest(field: str) -> None:
    got = decode(GOOD.replace("SPO2=096%", field))
    assert [r["type"] for r in got] == ["pulse_rate", "perfusion_index"]


@pytest.mark.parametrize("field", ["BPM=301", "BPM=8l", "BPM=000", "BPM=---", "BPM=81.5"])
def test_invalid_pulse_rate_gives_no_pulse_rate(field: str) -> None:
    got = decode(GOOD.replace("BPM=081", field))
    assert [r["type"] for r in got] == ["spo2", "perfusion_index"]


@pytest.mark.parametrize("field", ["PI=--.--%", "PI=2.1.5%", "PI=00.00%", "PI=1e3", "PI=.5"])
def test_invalid_perfusion_index_gives_no_perfusion_index(field: str) -> None:
    got = decode(GOOD.replace("PI=02.15%", field))
    assert [r["type"] for r in got] == ["spo2", "pulse_rate"]


@pytest.mark.parametrize(
    "line",
    [
        GOOD.replace("EXC=000800", "EXC=00080G"),  # unreadable status word
        GOOD.replace("EXC=000800", "EXC="),
        GOOD.replace("ALARM=0000", "ALARM=00 00"),  # a token without '='
        GOOD.replace("ALARM=0000", "ALARM=----"),
        GOOD + " SPO2=090%",  # a repeated key: which one is true?
        GOOD.replace("06/03/24 10:15:02", "6/03/24 10:15:02"),  # damaged timestamp
        "x" + GOOD,  # a line picked up half-way / noise in front
        GOOD[40:],  # no timestamp at all
        GOOD.replace("10:15:02 ", "10:15:02"),  # timestamp glued to a token
        GOOD.replace("SN=", "SN=\x01"),  # a control character
        "09/21/08 09:56:12 SpO2=097 PR=069 PI=04.69 EXC=800:S%T",
    ],
)
def test_a_damaged_line_gives_nothing(line: str) -> None:
    assert decode(line) == []


def test_impossible_date_keeps_the_measurement_with_time_null() -> None:
    for stamp in (
        "13/03/24 10:15:02",
        "02/30/24 10:15:02",
        "06/03/24 25:15:02",
        "00/00/00 00:00:00",
    ):
        got = decode(GOOD.replace("06/03/24 10:15:02", stamp))
        assert [(r["type"], r["time"]) for r in got] == [
            ("spo2", None),
            ("pulse_rate", None),
            ("perfusion_index", None),
        ]


@pytest.mark.parametrize(("bit", "flag"), EXC_FLAGS)
def test_each_exc_bit_becomes_its_flag(bit: int, flag: str) -> None:
    got = decode(GOOD.replace("EXC=000800", f"EXC={bit | 0x800:06X}"))
    assert [r["flags"] for r in got] == [[flag]] * 3


@pytest.mark.parametrize(("bit", "flag"), ALARM_FLAGS)
def test_each_alarm_bit_becomes_its_flag(bit: int, flag: str) -> None:
    got = decode(GOOD.replace("ALARM=0000", f"ALARM={bit:04X}"))
    assert [r["flags"] for r in got] == [[flag]] * 3


def test_set_mode_and_undocumented_bits_give_no_flag() -> None:
    assert [r["flags"] for r in decode(GOOD.replace("EXC=000800", "EXC=FFF300"))] == [[]] * 3
    assert [r["flags"] for r in decode(GOOD.replace("ALARM=0000", "ALARM=FFC0"))] == [[]] * 3


def test_status_word_without_values_is_a_status_reading() -> None:
    line = "06/03/24 10:16:41 SPO2=---% BPM=--- ALARM=0030 EXC=000808"
    assert decode(line) == [
        {
            "driver": "masimo-ascii",
            "type": "status",
            "value": None,
            "unit": None,
            "time": "2024-06-03T10:16:41",
            "flags": ["searching", "alarm-active", "alarm-muted"],
            "code": None,
        }
    ]
    assert decode("06/03/24 10:16:41 SPO2=---% BPM=--- ALARM=0000 EXC=000800") == []


def test_garbage_without_newlines_is_bounded_and_the_next_line_decodes() -> None:
    parser = MasimoAsciiParser()
    rng = random.Random(3)
    for _ in range(1000):
        assert parser.feed(rng.randbytes(1000).replace(b"\r", b"").replace(b"\n", b"")) == []
        assert parser._lines._framer.pending <= MAX_LINE
    assert as_json(parser.feed(b"\r\n" + GOOD.encode() + b"\r\n")) == expected(VECTORS[0])


def test_line_framer_rules() -> None:
    framer = LineFramer(5)
    assert framer.feed(b"ab\r\ncd\n\ref\r") == [b"ab", b"cd", b"ef"]
    assert framer.feed(b"1234") == [] and framer.pending == 4
    assert framer.feed(b"56") == [] and framer.pending == 0  # too long: dropped
    assert framer.feed(b"78\r\n12345\n") == [b"12345"]  # the rest of the long line too
    framer.feed(b"xyz")
    framer.reset()
    assert framer.feed(b"\n") == []
    with pytest.raises(ValueError):
        LineFramer(0)
