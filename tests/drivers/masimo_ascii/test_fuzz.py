"""Seeded fuzz of the masimo-ascii parser (reference/devices.md §17 item 5).

The seed is printed; ``FUZZ_SEED=<n>`` pins it. Each input is random bytes, bytes from the
protocol's own alphabet, or a mutated golden stream, fed in two parts at a random cut. No
exception may escape, every reading must come from one whole line (its ``raw`` decodes alone
to the same reading), and after the garbage a CR LF plus a golden line must decode exactly:
resynchronisation within one line.
"""

from __future__ import annotations

import os
import random
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.masimo_ascii.parser import MAX_LINE, MasimoAsciiParser, decode_line
from kiosk.domain import READING_TYPES
from tests.drivers.masimo_ascii.test_parser import VECTORS, expected

DEFAULT_RUNS = 100_000
SLOW_RUNS = 1_000_000
GOLDEN = [(v["line"].encode("ascii") + b"\r\n", expected(v)) for v in VECTORS]
ALPHABET = b"0123456789ABCDEFSPOBMINXCLR=/:% -.+\r\n"


def fuzz_seed() -> int:
    seed = int(os.environ.get("FUZZ_SEED", random.SystemRandom().randrange(2**32)))
    print(f"FUZZ_SEED={seed}")
    return seed


def garbage(rng: random.Random) -> bytes:
    """Random bytes, bytes of the protocol's alphabet, or a mutated golden stream."""
    kind = rng.randrange(3)
    if kind == 0:
        return rng.randbytes(rng.randrange(200))
    if kind == 1:
        return bytes(rng.choices(ALPHABET, k=rng.randrange(200)))
    data = bytearray(b"".join(line for line, _ in rng.choices(GOLDEN, k=rng.randint(1, 3))))
    for _ in range(rng.randint(1, 8)):
        if not data:
            break
        position = rng.randrange(len(data))
        action = rng.randrange(4)
        if action == 0:
            data[position] ^= 1 << rng.randrange(8)
        elif action == 1:
            del data[position : position + rng.randint(1, 4)]
        elif action == 2:
            data.insert(position, rng.choice(ALPHABET))
        else:
            data[position] = rng.choice(ALPHABET)
    return bytes(data[: rng.randrange(len(data) + 1)])


def check_one(rng: random.Random) -> None:
    parser = MasimoAsciiParser()
    data = garbage(rng)
    cut = rng.randrange(len(data) + 1)
    readings = parser.feed(data[:cut]) + parser.feed(data[cut:]) + parser.feed(b"\r\n")
    for reading in readings:
        assert reading.type in READING_TYPES
        if reading.type == "spo2":
            assert 0 < reading.value <= 100  # type: ignore[operator]
    for raw in {reading.raw for reading in readings}:
        assert 0 < len(raw) <= MAX_LINE and b"\r" not in raw and b"\n" not in raw
        from_line = {m for m in readings if m.raw == raw}
        assert set(decode_line(raw)[0]) == from_line  # one whole line, decoded on its own
    line, golden = rng.choice(GOLDEN)
    assert [m.to_json() for m in parser.feed(line)] == golden, (data, line)


def run(runs: int) -> None:
    seed = fuzz_seed()
    rng = random.Random(seed)
    start, cpu = time.perf_counter(), time.process_time()
    for index in range(runs):
        try:
            check_one(rng)
        except Exception as error:
            raise AssertionError(f"FUZZ_SEED={seed} failed at input {index}") from error
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"{runs} inputs in {wall:.2f} s ({cpu:.2f} s CPU)")


def test_fuzz_default() -> None:
    run(DEFAULT_RUNS)


@pytest.mark.slow
def test_fuzz_million(request: pytest.FixtureRequest) -> None:
    # As contec-v7: run only when asked for (`-m slow` or RUN_SLOW=1).
    if "slow" not in str(request.config.getoption("markexpr")) and not os.environ.get("RUN_SLOW"):
        pytest.skip("million-input fuzz: run with -m slow (./dev test-slow) or RUN_SLOW=1")
    run(SLOW_RUNS)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.binary(max_size=80), max_size=6))
def test_any_chunks_never_raise_and_resync(chunks: list[bytes]) -> None:
    parser = MasimoAsciiParser()
    for chunk in chunks:
        parser.feed(chunk)
    parser.feed(b"\n")
    line, golden = GOLDEN[0]
    assert [m.to_json() for m in parser.feed(line)] == golden
