"""Seeded fuzz of the bci parser (reference/devices.md §17 item 5).

The seed is printed; ``FUZZ_SEED=<n>`` pins it. After any garbage a golden frame appended at
the end must decode exactly: its sync byte (bit 7) ends whatever packet was in progress, so
the parser is back in step within one frame (§10.1 resync rule). A record download cut off
by garbage ends at the first byte that is not a record, so the golden frame decodes then too.
"""

from __future__ import annotations

import random
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.bci.parser import BciParser
from kiosk.domain import READING_TYPES, Measurement
from tests.drivers.bci.test_parser import RECORDS, VECTORS, expected
from tests.drivers.fuzzing import (
    assert_linear,
    assert_resyncs,
    biased_bytes,
    fuzz_stream_parser,
    fuzz_tests,
    mutate,
    one_of,
    random_bytes,
    suffix,
)

GOLDEN = [(bytes.fromhex(v["hex"]), expected(v)) for v in VECTORS if v["readings"]]
CORPUS = b"".join(bytes.fromhex(v["hex"]) for v in VECTORS) + bytes.fromhex(RECORDS[0]["hex"])
_BIASED = (0x80, 0xC5, 0xF0, 0xF1, 0xF2, 0xF6, 0x00, 0x40, 0x7F)
_BIAS = bytes(_BIASED[byte % len(_BIASED)] | (byte >> 5) for byte in range(256))


def garbage(rng: random.Random, _index: int) -> bytes:
    """Random bytes, protocol-flavoured bytes, or a mutated golden stream with records."""
    return one_of(
        rng,
        lambda rng: random_bytes(rng, 48),
        lambda rng: biased_bytes(rng, _BIAS, 48),
        lambda rng: suffix(rng, mutate(rng, bytearray(CORPUS), 6)),
    )


def check_readings(_parser: BciParser, readings: list[Measurement]) -> None:
    for reading in readings:
        assert reading.type in READING_TYPES or reading.type == "pleth"
        assert len(reading.raw) in (3, 5) and reading.raw[0] >= 0x80


def not_pleth(measurement: Measurement) -> bool:
    return measurement.type != "pleth"


def decode_golden(parser: BciParser, frame: bytes) -> list[dict[str, Any]]:
    return [m.to_json() for m in parser.feed(frame) if not_pleth(m)]


def run(runs: int) -> None:
    fuzz_stream_parser(
        lambda rng: BciParser(waveform=rng.random() < 0.5),
        GOLDEN,
        runs,
        garbage=garbage,
        check_readings=check_readings,
        decode_golden=decode_golden,
        label="bci fuzz",
    )


test_fuzz_default, test_fuzz_million = fuzz_tests(run)


def test_long_garbage_is_linear_and_never_raises() -> None:
    # ~40 s of 4800 baud in far less than a second
    parser = BciParser(waveform=True)
    assert_linear(parser, random.Random(5), 2_000_000, 2.0, *GOLDEN[0], keep=not_pleth)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.binary(max_size=40), max_size=6))
def test_any_chunks_never_raise_and_resync(chunks: list[bytes]) -> None:
    assert_resyncs(BciParser(), chunks, b"", *GOLDEN[1])
