"""Seeded fuzz of the and-scale parser (reference/devices.md §17 item 5).

The seed is printed; ``FUZZ_SEED=<n>`` pins it. Each input is random bytes, bytes from the
protocol's own alphabet, or a mutated golden stream, fed in two parts at a random cut. No
exception may escape, every reading must come from one whole line (its ``raw`` decodes alone
to the same reading), and after the garbage a CR LF plus a golden line must decode exactly:
resynchronisation within one line.
"""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.and_scale.parser import MAX_LINE, AndScaleParser, decode_line
from kiosk.domain import READING_TYPES, Measurement
from tests.drivers.and_scale.test_parser import VECTORS, expected
from tests.drivers.fuzzing import (
    alphabet_bytes,
    assert_resyncs,
    fuzz_stream_parser,
    fuzz_tests,
    mutate_in_alphabet,
    one_of,
    prefix,
    random_bytes,
)

GOLDEN = [(v["line"].encode("ascii") + b"\r\n", expected(v)) for v in VECTORS if v["readings"]]
LINES = [v["line"].encode("ascii") + b"\r\n" for v in VECTORS]  # no-reading ones too
ALPHABET = b"0123456789STUQOLKGPCNRHIgk%,+-. \r\n"


def mutated(rng: random.Random) -> bytes:
    """1 to 3 lines (no-reading ones too), mutated in the protocol's alphabet, cut short."""
    data = bytearray(b"".join(rng.choices(LINES, k=rng.randint(1, 3))))
    return prefix(rng, mutate_in_alphabet(rng, data, 8, ALPHABET))


def garbage(rng: random.Random, _index: int) -> bytes:
    """Random bytes, bytes of the protocol's alphabet, or a mutated golden stream."""
    return one_of(
        rng,
        lambda rng: random_bytes(rng, 80),
        lambda rng: alphabet_bytes(rng, ALPHABET, 80),
        mutated,
    )


def check_readings(_parser: AndScaleParser, readings: list[Measurement]) -> None:
    for reading in readings:
        assert reading.type in READING_TYPES
        if reading.type == "body_weight":
            assert reading.value > 0 and reading.unit in {"g", "kg"}  # type: ignore[operator]
    for raw in {reading.raw for reading in readings}:
        assert 0 < len(raw) <= MAX_LINE and b"\r" not in raw and b"\n" not in raw
        from_line = {m for m in readings if m.raw == raw}
        assert set(decode_line(raw)) == from_line  # one whole line, decoded on its own


def run(runs: int) -> None:
    fuzz_stream_parser(
        lambda rng: AndScaleParser(),
        GOLDEN,
        runs,
        garbage=garbage,
        check_readings=check_readings,
        tail=b"\r\n",
        label="and-scale fuzz",
    )


test_fuzz_default, test_fuzz_million = fuzz_tests(run)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.binary(max_size=40), max_size=6))
def test_any_chunks_never_raise_and_resync(chunks: list[bytes]) -> None:
    assert_resyncs(AndScaleParser(), chunks, b"\n", *GOLDEN[0])
