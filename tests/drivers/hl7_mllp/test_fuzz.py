"""Seeded fuzz of the hl7-mllp parser (reference/devices.md §17 item 5).

The seed is printed; ``FUZZ_SEED=<n>`` pins it. Every input is random bytes, framing-heavy
bytes or a mutated golden stream, split at a random point; then a golden MLLP message must
decode exactly (a ``0B`` always starts a new message: resynchronisation within one frame).
No exception may escape (whatever the hl7 library does with the input), and every message
that was framed is answered.

The hl7 library needs about 0.5 ms per message, so 100,000 freshly mutated messages would
take minutes. Mutated message bodies therefore come from a seeded pool (each parsed by the
library once, then answered from the parser's small cache like any resend), while framing,
noise, truncation and split points are fresh for every input. The slow run uses a pool ten
times larger.
"""

from __future__ import annotations

import os
import random
import time
from typing import Any

import pytest

from drivers.hl7_mllp.parser import Hl7Parser, frame
from tests.drivers.hl7_mllp.test_parser import DER, VECTORS, expected

DEFAULT_RUNS = 100_000
SLOW_RUNS = 1_000_000
QC = bytes.fromhex(VECTORS[1]["hex"])
GOLDEN: list[tuple[bytes, list[dict[str, Any]]]] = [(DER, expected(VECTORS[0]))]
CORPUS = DER + QC + bytes.fromhex(VECTORS[2]["hex"])
WINDOW = 60  # mutated messages in use at a time (the parser caches 512 payloads)
TEXT = tuple(b"MSHOBXNM0123.")
ALPHABET = (0x0B, 0x1C, 0x0D, 0x0A, 0x7C, 0x5E, 0x7E, 0x5C, 0x26) * 6 + TEXT


def fuzz_seed() -> int:
    seed = int(os.environ.get("FUZZ_SEED", random.SystemRandom().randrange(2**32)))
    print(f"FUZZ_SEED={seed}")
    return seed


def mangled(rng: random.Random) -> bytes:
    """A framed message whose text is mangled: whatever the library does must not escape."""
    body = bytearray(DER[1:-2])
    for _ in range(rng.randint(1, 4)):
        body[rng.randrange(len(body))] = rng.choice((*TEXT, 0x7C, 0x5E, 0x0D))
    return frame(bytes(body))


def mutated(rng: random.Random) -> bytes:
    """The golden corpus with bits flipped, bytes dropped and bytes inserted."""
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
    return bytes(data)


def garbage(rng: random.Random, pool: list[bytes]) -> bytes:
    kind = rng.randrange(3)
    if kind == 0:
        return rng.randbytes(rng.randrange(64))
    if kind == 1:
        return bytes(rng.choices(ALPHABET, k=rng.randrange(64)))
    data = rng.choice(pool)
    return data[: rng.randrange(len(data) + 1)] if rng.random() < 0.5 else data


def check_one(rng: random.Random, pool: list[bytes]) -> None:
    """One input; ``pool`` is the window of mutated messages in use now."""
    parser = Hl7Parser()
    data = garbage(rng, pool)
    cut = rng.randrange(len(data) + 1)
    for reading in parser.feed(data[:cut]) + parser.feed(data[cut:]):
        assert reading.type == "lab" and reading.code and isinstance(reading.value, int | float)
    replies = parser.take_replies()
    assert replies.count(b"\x0b") == replies.count(b"\x1c\r")
    golden, readings = GOLDEN[0]
    got = [m.to_json() for m in parser.feed(golden)]
    # a message left ending in 1C (no 0D yet) completes at the golden 0B: it may read first
    assert got[len(got) - len(readings) :] == readings and len(got) <= 2 * len(readings), data.hex()
    assert parser.take_replies().endswith(b"MSA|AA|1\r\x1c\r")


def run(runs: int, pool_size: int) -> None:
    seed = fuzz_seed()
    rng = random.Random(seed)
    started, cpu = time.perf_counter(), time.process_time()
    pool = [(mangled if i % 2 else mutated)(rng) for i in range(pool_size)]
    for index in range(runs):
        start = index * (pool_size - WINDOW) // runs  # a sliding window the cache can hold
        try:
            check_one(rng, pool[start : start + WINDOW])
        except Exception as error:
            raise AssertionError(f"FUZZ_SEED={seed} failed at input {index}") from error
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"hl7-mllp fuzz: {runs} inputs in {elapsed:.2f} s ({cpu:.2f} s CPU), {pool_size} bodies")


def test_fuzz_default() -> None:
    run(DEFAULT_RUNS, pool_size=1_000)


@pytest.mark.slow
def test_fuzz_million(request: pytest.FixtureRequest) -> None:
    # No conftest deselects `slow` yet: run only when asked for (`-m slow` or RUN_SLOW=1).
    if "slow" not in str(request.config.getoption("markexpr")) and not os.environ.get("RUN_SLOW"):
        pytest.skip("million-input fuzz: run with -m slow (./dev test-slow) or RUN_SLOW=1")
    run(SLOW_RUNS, pool_size=10_000)
