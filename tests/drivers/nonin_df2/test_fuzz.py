"""Seeded fuzz of the nonin-df2 parser (reference/devices.md §17 item 5).

The seed is printed; ``FUZZ_SEED=<n>`` pins it. After any garbage a golden packet start
appended at the end must decode exactly: a frame is ``01`` + STATUS bit 7 + a valid checksum,
a frame is believed only with a valid frame right after it (the appended frames confirm each
other; one more frame confirms the last), and a gap loses the frame index until the next SYNC
(§10.3 resync rule), so the parser is back in step within the golden SYNC frame.
"""

from __future__ import annotations

import random
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.nonin_df2.parser import Df2Parser
from kiosk.domain import READING_TYPES, Measurement
from tests.drivers.fuzzing import (
    assert_linear,
    assert_resyncs,
    biased_bytes,
    fuzz_stream_parser,
    fuzz_tests,
    mutate,
    one_of,
    random_bytes,
)
from tests.drivers.nonin_df2.test_parser import CONFIRM, VECTORS, expected, packet

GOLDEN = [(bytes.fromhex(v["hex"]), expected(v)) for v in VECTORS if v["readings"]]
CORPUS = b"".join(bytes.fromhex(v["hex"]) for v in VECTORS) + packet(hr=140)
_BIASED = (0x01, 0x01, 0x80, 0x81, 0xC1, 0xA0, 0x00, 0x48, 0x7F, 0xFF)
_BIAS = bytes(_BIASED[byte % len(_BIASED)] for byte in range(256))


def mutated(rng: random.Random) -> bytes:
    """A random stretch of the stream of frames, mutated."""
    start = rng.randrange(len(CORPUS) - 60)
    return bytes(mutate(rng, bytearray(CORPUS[start : start + rng.randrange(1, 60)]), 4))


def garbage(rng: random.Random, _index: int) -> bytes:
    """Random bytes, protocol-flavoured bytes, or a mutated stream of frames."""
    return one_of(
        rng,
        lambda rng: random_bytes(rng, 64),
        lambda rng: biased_bytes(rng, _BIAS, 64),
        mutated,
    )


def check_readings(_parser: Df2Parser, readings: list[Measurement]) -> None:
    for reading in readings:
        assert reading.type in READING_TYPES or reading.type == "pleth"
        assert len(reading.raw) % 5 == 0 and reading.raw[0] == 0x01


def not_pleth(measurement: Measurement) -> bool:
    return measurement.type != "pleth"


def decode_golden(parser: Df2Parser, frame: bytes) -> list[dict[str, Any]]:
    return [m.to_json() for m in parser.feed(frame) + parser.feed(CONFIRM) if not_pleth(m)]


def run(runs: int) -> None:
    fuzz_stream_parser(
        lambda rng: Df2Parser(waveform=rng.random() < 0.5),
        GOLDEN,
        runs,
        garbage=garbage,
        check_readings=check_readings,
        decode_golden=decode_golden,
        # The garbage's own last frame, if valid, waited for a successor: the golden frame is
        # one, so that frame's reading (one at most) may come first.
        max_early=1,
        label="nonin-df2 fuzz",
    )


test_fuzz_default, test_fuzz_million = fuzz_tests(run)


def test_long_garbage_is_linear_and_never_raises() -> None:
    # ~35 min of 9600 baud in far less
    frame, readings = GOLDEN[0]
    parser = Df2Parser(waveform=True)
    assert_linear(parser, random.Random(5), 2_000_000, 2.0, frame + CONFIRM, readings, not_pleth)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.binary(max_size=40), max_size=6))
def test_any_chunks_never_raise_and_resync(chunks: list[bytes]) -> None:
    frame, readings = GOLDEN[0]
    assert_resyncs(Df2Parser(), chunks, b"", frame + CONFIRM, readings)
