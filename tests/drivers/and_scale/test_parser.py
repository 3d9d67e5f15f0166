"""Golden vectors, framing and field rules of the and-scale parser (devices.md §11, §17)."""

from __future__ import annotations

import random
from functools import partial
from typing import Any

import pytest

from drivers.and_scale import plugin
from drivers.and_scale.parser import MAX_LINE, AndScaleParser
from tests.drivers import serial_vectors
from tests.drivers.serial_vectors import (
    as_json,
    assert_exact,
    assert_splits_decode_alike,
    load_vectors,
    random_chunks,
)

DRIVER = "and-scale"
VECTORS: list[dict[str, Any]] = load_vectors(__file__, "and_scale")["vectors"]
STREAM = b"".join(v["line"].encode("ascii") + b"\r\n" for v in VECTORS)


def expected(vector: dict[str, Any]) -> list[dict[str, Any]]:
    return serial_vectors.expected(DRIVER, vector)


def decode(text: str) -> list[dict[str, Any]]:
    return as_json(AndScaleParser().feed(text.encode("ascii") + b"\r\n"))


def decode_chunks(chunks: list[bytes]) -> list[tuple[dict[str, Any], bytes]]:
    return serial_vectors.decode_chunks(AndScaleParser(), chunks)


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_golden_vector(vector: dict[str, Any]) -> None:
    line = vector["line"].encode("ascii")
    readings = AndScaleParser().feed(line + b"\r\n")
    assert_exact(DRIVER, vector, readings)  # 12345, not 12345.0
    assert all(m.raw == line for m in readings)


def test_plugin_parser_decodes_like_the_class() -> None:
    assert as_json(plugin.create_parser().feed(STREAM)) == as_json(AndScaleParser().feed(STREAM))


def test_split_at_every_offset_and_random_chunks_equal_one_block() -> None:
    stream = STREAM * 3
    whole = decode_chunks([stream])
    assert len(whole) == 3 * sum(len(v["readings"]) for v in VECTORS)
    rng = random.Random(7)
    chunkings = partial(random_chunks, stream, rng, 25)
    assert_splits_decode_alike(decode_chunks, stream, whole, chunkings, 200)


@pytest.mark.parametrize("ending", [b"\r\n", b"\n", b"\r"])
def test_any_line_ending(ending: bytes) -> None:
    stream = STREAM.replace(b"\r\n", ending)
    assert as_json(AndScaleParser().feed(stream)) == as_json(AndScaleParser().feed(STREAM))


@pytest.mark.parametrize(
    "line",
    [
        "ST,+0001.2.4 kg",  # two decimal points
        "ST,+00O1.234 kg",  # a letter among the digits
        "ST,0001.234 kg",  # no sign
        "ST,+ kg",  # no digits
        "ST,+0001.234   kg",  # the unit is 3 characters: at most 2 spaces of padding
        "ST,+0000001234.5 g",  # longer than the data field
        "ST,+0001.234 kg ",  # something after the unit
        "XX,+0001.234 kg",  # unknown header
        "ST,XX,+0001.234 kg",  # unknown second header
        "ST;+0001.234 kg",
        " ST,+0001.234 kg",  # something before the header
        "ST,+0001.234 lb",  # outside the §16 mapping
        "ST,-0001.234 kg",  # below zero after tare: no body weight
        "US,+0000.000 kg",
        "QT,+0001.234 kg",  # a count header with a weight unit
        "OL,+999999.9 PC",
        "ST,+0001.234 k\x7fg",
    ],
)
def test_an_invalid_line_gives_no_reading(line: str) -> None:
    assert decode(line) == []


@pytest.mark.parametrize(
    ("line", "flags"),
    [
        ("ST,+0072.450 kg", []),
        ("US,+0072.450 kg", ["unstable"]),
        ("US,OK,+0072.450 kg", ["unstable"]),
        ("US,GS,+0072.45kg", ["unstable"]),
        ("ST,HI,+0072.450 kg", []),
    ],
)
def test_header_becomes_flags(line: str, flags: list[str]) -> None:
    assert [(r["type"], r["value"], r["flags"]) for r in decode(line)] == [
        ("body_weight", 72.45, flags)
    ]


@pytest.mark.parametrize("line", ["OL,+9999.999 kg", "OL,-9999.999 kg", "OL,NT,+9999.99kg"])
def test_overload_is_a_status_without_value(line: str) -> None:
    assert [(r["type"], r["value"], r["flags"]) for r in decode(line)] == [
        ("status", None, ["overload"])
    ]


def test_garbage_without_newlines_is_bounded_and_the_next_line_decodes() -> None:
    parser = AndScaleParser()
    rng = random.Random(3)
    for _ in range(1000):
        assert parser.feed(rng.randbytes(1000).replace(b"\r", b"").replace(b"\n", b"")) == []
        assert parser._framer.pending <= MAX_LINE
    assert as_json(parser.feed(b"\r\nST,+0001.234 kg\r\n")) == expected(VECTORS[5])
