"""Seeded fuzz of the nonin-df2 parser (reference/devices.md §17 item 5).

The seed is printed; ``FUZZ_SEED=<n>`` pins it. After any garbage a golden packet start
appended at the end must decode exactly: a frame is ``01`` + STATUS bit 7 + a valid checksum,
a frame is believed only with a valid frame right after it (the appended frames confirm each
other; one more frame confirms the last), and a gap loses the frame index until the next SYNC
(§10.3 resync rule), so the parser is back in step within the golden SYNC frame.
"""

from __future__ import annotations

import os
import random
import time
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.nonin_df2.parser import Df2Parser
from kiosk.domain import READING_TYPES
from tests.drivers.nonin_df2.test_parser import CONFIRM, VECTORS, expected, packet

DEFAULT_RUNS = 100_000
SLOW_RUNS = 1_000_000
GOLDEN = [(bytes.fromhex(v["hex"]), expected(v)) for v in VECTORS if v["readings"]]
CORPUS = b"".join(bytes.fromhex(v["hex"]) for v in VECTORS) + packet(hr=140)
_BIASED = (0x01, 0x01, 0x80, 0x81, 0xC1, 0xA0, 0x00, 0x48, 0x7F, 0xFF)
_BIAS = bytes(_BIASED[byte % len(_BIASED)] for byte in range(256))


def fuzz_seed() -> int:
    seed = int(os.environ.get("FUZZ_SEED", random.SystemRandom().randrange(2**32)))
    print(f"FUZZ_SEED={seed}")
    return seed


def garbage(rng: random.Random) -> bytes:
    """Random bytes, protocol-flavoured bytes, or a mutated stream of frames."""
    kind = rng.randrange(3)
    if kind == 0:
        return rng.randbytes(rng.randrange(64))
    if kind == 1:
        return rng.randbytes(rng.randrange(64)).translate(_BIAS)
    start = rng.randrange(len(CORPUS) - 60)
    data = bytearray(CORPUS[start : start + rng.randrange(1, 60)])
    for _ in range(rng.randint(1, 4)):
        if not data:
            break
        position = rng.randrange(len(data))
        action = rng.randrange(3)
        if action == 0:
            data[position] ^= 1 << rng.randrange(8)
        elif action == 1:
            del data[position]
        else:
            data.insert(position, rng.randrange(256))
    return bytes(data)


def check_one(rng: random.Random) -> None:
    parser = Df2Parser(waveform=rng.random() < 0.5)
    data = garbage(rng)
    cut = rng.randrange(len(data) + 1)
    for reading in parser.feed(data[:cut]) + parser.feed(data[cut:]):
        assert reading.type in READING_TYPES or reading.type == "pleth"
        assert len(reading.raw) % 5 == 0 and reading.raw[0] == 0x01
    frame, readings = GOLDEN[rng.randrange(len(GOLDEN))]
    fed = parser.feed(frame) + parser.feed(CONFIRM)
    got: list[dict[str, Any]] = [m.to_json() for m in fed if m.type != "pleth"]
    # The garbage's own last frame, if valid, waited for a successor: the golden frame is one,
    # so that frame's reading (one at most) may come first.
    early = len(got) - len(readings)
    assert got[early:] == readings and early <= 1, (data.hex(), frame.hex())


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
        f"nonin-df2 fuzz: {runs} inputs in {time.perf_counter() - started:.2f} s"
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
    parser = Df2Parser(waveform=True)
    blob = rng.randbytes(2_000_000)
    started = time.perf_counter()
    parser.feed(blob)
    assert time.perf_counter() - started < 2.0  # ~35 min of 9600 baud in far less
    frame, readings = GOLDEN[0]
    assert [m.to_json() for m in parser.feed(frame + CONFIRM) if m.type != "pleth"] == readings


@settings(max_examples=300, deadline=None)
@given(st.lists(st.binary(max_size=40), max_size=6))
def test_any_chunks_never_raise_and_resync(chunks: list[bytes]) -> None:
    parser = Df2Parser()
    for chunk in chunks:
        parser.feed(chunk)
    frame, readings = GOLDEN[0]
    assert [m.to_json() for m in parser.feed(frame + CONFIRM)] == readings
