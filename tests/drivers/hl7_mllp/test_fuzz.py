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

import random
from typing import Any

from drivers.hl7_mllp.parser import Hl7Parser, frame
from kiosk.domain import Measurement
from tests.drivers.fuzzing import (
    alphabet_bytes,
    fuzz_stream_parser,
    fuzz_tests,
    mutate,
    random_bytes,
)
from tests.drivers.hl7_mllp.test_parser import DER, VECTORS, expected

QC = bytes.fromhex(VECTORS[1]["hex"])
GOLDEN: list[tuple[bytes, list[dict[str, Any]]]] = [(DER, expected(VECTORS[0]))]
CORPUS = DER + QC + bytes.fromhex(VECTORS[2]["hex"])
WINDOW = 60  # mutated messages in use at a time (the parser caches 512 payloads)
TEXT = tuple(b"MSHOBXNM0123.")
ALPHABET = (0x0B, 0x1C, 0x0D, 0x0A, 0x7C, 0x5E, 0x7E, 0x5C, 0x26) * 6 + TEXT


def mangled(rng: random.Random) -> bytes:
    """A framed message whose text is mangled: whatever the library does must not escape."""
    body = bytearray(DER[1:-2])
    for _ in range(rng.randint(1, 4)):
        body[rng.randrange(len(body))] = rng.choice((*TEXT, 0x7C, 0x5E, 0x0D))
    return frame(bytes(body))


def mutated(rng: random.Random) -> bytes:
    """The golden corpus with bits flipped, bytes dropped and bytes inserted."""
    return bytes(mutate(rng, bytearray(CORPUS), 6))


class Garbage:
    """Random bytes, framing-heavy bytes, or one of the window of pooled mutated messages
    in use now (``size`` of them, made from the seeded generator before the first input)."""

    def __init__(self, size: int, runs: int) -> None:
        self.size, self.runs = size, runs
        self.pool: list[bytes] = []

    def __call__(self, rng: random.Random, index: int) -> bytes:
        if index == 0:
            self.pool = [(mangled if i % 2 else mutated)(rng) for i in range(self.size)]
        kind = rng.randrange(3)
        if kind == 0:
            return random_bytes(rng, 64)
        if kind == 1:
            return alphabet_bytes(rng, ALPHABET, 64)
        start = index * (self.size - WINDOW) // self.runs  # a sliding window the cache can hold
        data = rng.choice(self.pool[start : start + WINDOW])
        return data[: rng.randrange(len(data) + 1)] if rng.random() < 0.5 else data


def check_readings(parser: Hl7Parser, readings: list[Measurement]) -> None:
    for reading in readings:
        assert reading.type == "lab" and reading.code and isinstance(reading.value, int | float)
    replies = parser.take_replies()
    assert replies.count(b"\x0b") == replies.count(b"\x1c\r")


def decode_golden(parser: Hl7Parser, golden: bytes) -> list[dict[str, Any]]:
    got = [m.to_json() for m in parser.feed(golden)]
    assert parser.take_replies().endswith(b"MSA|AA|1\r\x1c\r")
    return got


def run(runs: int) -> None:
    pool_size = runs // 100  # 1,000 bodies for the default run, 10,000 for the slow one
    fuzz_stream_parser(
        lambda rng: Hl7Parser(),
        lambda rng: GOLDEN[0],
        runs,
        garbage=Garbage(pool_size, runs),
        check_readings=check_readings,
        decode_golden=decode_golden,
        # a message left ending in 1C (no 0D yet) completes at the golden 0B: it may read first
        max_early=len,
        label=f"hl7-mllp fuzz ({pool_size} bodies)",
    )


test_fuzz_default, test_fuzz_million = fuzz_tests(run)
