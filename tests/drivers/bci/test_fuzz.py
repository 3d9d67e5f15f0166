"""Seeded fuzz of the bci parser (reference/devices.md §17 item 5).

The seed is printed; ``FUZZ_SEED=<n>`` pins it. After any garbage a golden frame appended at
the end must decode exactly: its sync byte (bit 7) ends whatever packet was in progress, so
the parser is back in step within one frame (§10.1 resync rule). A record download cut off
by garbage ends at the first byte that is not a record, so the golden frame decodes then too.
"""

from __future__ import annotations

import os
import random
import time
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.bci.parser import BciParser
from kiosk.domain import READING_TYPES
from tests.drivers.bci.test_parser import RECORDS, VECTORS, expected

DEFAULT_RUNS = 100_000
SLOW_RUNS = 1_000_000
GOLDEN = [(bytes.fromhex(v["hex"]), expected(v)) for v in VECTORS if v["readings"]]
CORPUS = b"".join(bytes.fromhex(v["hex"]) for v in VECTORS) + bytes.fromhex(RECORDS[0]["hex"])
_BIASED = (0x80, 0xC5, 0xF0, 0xF1, 0xF2, 0xF6, 0x00, 0x40, 0x7F)
_BIAS = bytes(_BIASED[byte % len(_BIASED)] | (byte >> 5) for byte in range(256))


def fuzz_seed() -> int:
    seed = int(os.environ.get("FUZZ_SEED", random.SystemRandom().randrange(2**32)))
    print(f"FUZZ_SEED={seed}")
    return seed


def garbage(rng: random.Random) -> bytes:
    """Random bytes, protocol-flavoured bytes, or a mutated golden stream with records."""
    kind = rng.randrange(3)
    if kind == 0:
        return rng.randbytes(rng.randrange(48))
    if kind == 1:
        return rng.randbytes(rng.randrange(48)).translate(_BIAS)
    data = bytearray(CORPUS)
    for _ in range(rng.randint(1, 6)):
        position = rng.randrange(len(data))
        action = rng.randrange(3)
        if action == 0:
            data[position] ^= 1 << rng.randrange(8)
        elif action == 1:
            del data[position]
        else:
            data.insert(position, rng.randrange(256))
    return bytes(data[rng.randrange(len(data)) :])


def check_one(rng: random.Random) -> None:
    parser = BciParser(waveform=rng.random() < 0.5)
    data = garbage(rng)
    cut = rng.randrange(len(data) + 1)
    for reading in parser.feed(data[:cut]) + parser.feed(data[cut:]):
        assert reading.type in READING_TYPES or reading.type == "pleth"
        assert len(reading.raw) in (3, 5) and reading.raw[0] >= 0x80
    frame, readings = GOLDEN[rng.randrange(len(GOLDEN))]
    got: list[dict[str, Any]] = [m.to_json() for m in parser.feed(frame) if m.type != "pleth"]
    assert got == readings, (data.hex(), frame.hex())


def run(runs: int) -> None:
    seed = fuzz_seed()
    rng = random.Random(seed)
    started, cpu = time.perf_counter(), time.process_time()
    for index in range(runs):
        try:
            check_one(rng)
        except Exception as error:
            raise AssertionError(f"FUZZ_SEED={seed} failed at input {index}") from error
    print(
        f"bci fuzz: {runs} inputs in {time.perf_counter() - started:.2f} s"
        f" ({time.process_time() - cpu:.2f} s CPU)"
    )


def test_fuzz_default() -> None:
    run(DEFAULT_RUNS)


@pytest.mark.slow
def test_fuzz_million(request: pytest.FixtureRequest) -> None:
    # Like contec-v7: runs only when asked for (`-m slow` or RUN_SLOW=1).
    if "slow" not in str(request.config.getoption("markexpr")) and not os.environ.get("RUN_SLOW"):
        pytest.skip("million-input fuzz: run with -m slow (./dev test-slow) or RUN_SLOW=1")
    run(SLOW_RUNS)


def test_long_garbage_is_linear_and_never_raises() -> None:
    rng = random.Random(5)
    parser = BciParser(waveform=True)
    blob = rng.randbytes(2_000_000)
    started = time.perf_counter()
    parser.feed(blob)
    assert time.perf_counter() - started < 2.0  # ~40 s of 4800 baud in far less than a second
    frame, readings = GOLDEN[0]
    assert [m.to_json() for m in parser.feed(frame) if m.type != "pleth"] == readings


@settings(max_examples=300, deadline=None)
@given(st.lists(st.binary(max_size=40), max_size=6))
def test_any_chunks_never_raise_and_resync(chunks: list[bytes]) -> None:
    parser = BciParser()
    for chunk in chunks:
        parser.feed(chunk)
    frame, readings = GOLDEN[1]
    assert [m.to_json() for m in parser.feed(frame)] == readings
