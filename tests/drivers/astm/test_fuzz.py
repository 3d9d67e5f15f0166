"""Seeded fuzz of the astm parser (reference/devices.md §17 item 5).

The seed is printed; ``FUZZ_SEED=<n>`` pins it. Every input is random bytes, control-heavy
bytes or a mutated golden stream, split at a random point; then ENQ + a golden frame + EOT
must decode exactly (resynchronisation within one frame: ENQ, STX and EOT always resync the
link layer, and a new H record drops any unfinished record). No exception may escape, every
reading must be a whole ``lab`` reading, and the replies owed are only ACK/NAK bytes.
"""

from __future__ import annotations

import os
import random
import time
from typing import Any

import pytest

from drivers.astm.lowlevel import ACK, ENQ, EOT, NAK, encode_frame
from drivers.astm.parser import AstmParser
from tests.drivers.astm.test_parser import DER, TWO_FRAMES, VECTORS, expected

DEFAULT_RUNS = 100_000
SLOW_RUNS = 1_000_000
SHORT = encode_frame(1, b"H|\\^&\rR|1|^^^K|4.1|mmol/L\rL|1\r")
SHORT_READINGS = [
    {
        "driver": "astm",
        "type": "lab",
        "value": 4.1,
        "unit": "mmol/L",
        "time": None,
        "flags": [],
        "code": "K",
    }
]
GOLDEN: list[tuple[bytes, list[dict[str, Any]]]] = [
    (DER, expected(VECTORS[3])),
    (TWO_FRAMES, expected(VECTORS[4])),
    (SHORT, SHORT_READINGS),
]
CORPUS = b"\x05" + TWO_FRAMES + b"\x04" + SHORT
WEIGHTS = (1, 1, 3)  # the short golden frame most often: the fuzz budget goes to the garbage
CONTROL = (0x02, 0x03, 0x04, 0x05, 0x06, 0x0D, 0x0A, 0x15, 0x17, 0x7C, 0x5E, 0x48, 0x52)
ALPHABET = CONTROL * 8 + tuple(range(0x20, 0x7F))  # about half control and delimiter bytes


def fuzz_seed() -> int:
    seed = int(os.environ.get("FUZZ_SEED", random.SystemRandom().randrange(2**32)))
    print(f"FUZZ_SEED={seed}")
    return seed


def garbage(rng: random.Random) -> bytes:
    """Random bytes, control-heavy bytes, or a mutated golden stream."""
    kind = rng.randrange(3)
    if kind == 0:
        return rng.randbytes(rng.randrange(64))
    if kind == 1:
        return bytes(rng.choices(ALPHABET, k=rng.randrange(64)))
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
    return bytes(data[: rng.randrange(len(data) + 1)])


def check_one(rng: random.Random) -> None:
    parser = AstmParser()
    data = garbage(rng)
    cut = rng.randrange(len(data) + 1)
    for reading in parser.feed(data[:cut]) + parser.feed(data[cut:]):
        assert reading.type == "lab" and reading.code and isinstance(reading.value, int | float)
        assert reading.raw[:1] == b"\x02"
    assert set(parser.take_replies()) <= {ACK, NAK}
    frame, readings = rng.choices(GOLDEN, WEIGHTS)[0]
    got = [m.to_json() for m in parser.feed(bytes([ENQ]) + frame + bytes([EOT]))]
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
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"astm fuzz: {runs} inputs in {elapsed:.2f} s ({cpu:.2f} s CPU)")


def test_fuzz_default() -> None:
    run(DEFAULT_RUNS)


@pytest.mark.slow
def test_fuzz_million(request: pytest.FixtureRequest) -> None:
    # No conftest deselects `slow` yet: run only when asked for (`-m slow` or RUN_SLOW=1).
    if "slow" not in str(request.config.getoption("markexpr")) and not os.environ.get("RUN_SLOW"):
        pytest.skip("million-input fuzz: run with -m slow (./dev test-slow) or RUN_SLOW=1")
    run(SLOW_RUNS)


def test_lone_golden_frame_after_noise_without_handshake() -> None:
    """A capture without ENQ: after noise that holds no control byte, a bare frame decodes."""
    rng = random.Random(3)
    for _ in range(2000):
        noise = bytes(b for b in rng.randbytes(rng.randrange(80)) if b not in (2, 3, 4, 5, 0x17))
        frame, readings = rng.choice(GOLDEN)
        assert [m.to_json() for m in AstmParser().feed(noise + frame)] == readings
