"""Seeded fuzz of the masimo-ascii parser (reference/devices.md §17 item 5).

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

from drivers.masimo_ascii.parser import MAX_LINE, MasimoAsciiParser, decode_line
from kiosk.domain import READING_TYPES, Measurement
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
from tests.drivers.masimo_ascii.test_parser import VECTORS, expected

GOLDEN = [(v["line"].encode("ascii") + b"\r\n", expected(v)) for v in VECTORS]
ALPHABET = b"0123456789ABCDEFSPOBMINXCLR=/:% -.+\r\n"


def mutated(rng: random.Random) -> bytes:
    """1 to 3 golden lines, mutated in the protocol's alphabet, cut short."""
    data = bytearray(b"".join(line for line, _ in rng.choices(GOLDEN, k=rng.randint(1, 3))))
    return prefix(rng, mutate_in_alphabet(rng, data, 8, ALPHABET))


def garbage(rng: random.Random, _index: int) -> bytes:
    """Random bytes, bytes of the protocol's alphabet, or a mutated golden stream."""
    return one_of(
        rng,
        lambda rng: random_bytes(rng, 200),
        lambda rng: alphabet_bytes(rng, ALPHABET, 200),
        mutated,
    )


def check_readings(_parser: MasimoAsciiParser, readings: list[Measurement]) -> None:
    for reading in readings:
        assert reading.type in READING_TYPES
        if reading.type == "spo2":
            assert 0 < reading.value <= 100  # type: ignore[operator]
    for raw in {reading.raw for reading in readings}:
        assert 0 < len(raw) <= MAX_LINE and b"\r" not in raw and b"\n" not in raw
        from_line = {m for m in readings if m.raw == raw}
        assert set(decode_line(raw)[0]) == from_line  # one whole line, decoded on its own


def run(runs: int) -> None:
    fuzz_stream_parser(
        lambda rng: MasimoAsciiParser(),
        GOLDEN,
        runs,
        garbage=garbage,
        check_readings=check_readings,
        tail=b"\r\n",
        label="masimo-ascii fuzz",
    )


test_fuzz_default, test_fuzz_million = fuzz_tests(run)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.binary(max_size=80), max_size=6))
def test_any_chunks_never_raise_and_resync(chunks: list[bytes]) -> None:
    assert_resyncs(MasimoAsciiParser(), chunks, b"\n", *GOLDEN[0])
