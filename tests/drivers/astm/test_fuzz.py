"""Seeded fuzz of the astm parser (reference/devices.md §17 item 5).

The seed is printed; ``FUZZ_SEED=<n>`` pins it. Every input is random bytes, control-heavy
bytes or a mutated golden stream, split at a random point; then ENQ + a golden frame + EOT
must decode exactly (resynchronisation within one frame: ENQ, STX and EOT always resync the
link layer, and a new H record drops any unfinished record). No exception may escape, every
reading must be a whole ``lab`` reading, and the replies owed are only ACK/NAK bytes.
"""

from __future__ import annotations

import random
from typing import Any

from drivers.astm.lowlevel import ACK, ENQ, EOT, NAK, encode_frame
from drivers.astm.parser import AstmParser
from kiosk.domain import Measurement
from tests.drivers.astm.test_parser import DER, TWO_FRAMES, VECTORS, expected
from tests.drivers.fuzzing import (
    Golden,
    alphabet_bytes,
    fuzz_stream_parser,
    fuzz_tests,
    mutate,
    one_of,
    prefix,
    random_bytes,
)

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


def garbage(rng: random.Random, _index: int) -> bytes:
    """Random bytes, control-heavy bytes, or a mutated golden stream."""
    return one_of(
        rng,
        lambda rng: random_bytes(rng, 64),
        lambda rng: alphabet_bytes(rng, ALPHABET, 64),
        lambda rng: prefix(rng, mutate(rng, bytearray(CORPUS), 6)),
    )


def check_readings(parser: AstmParser, readings: list[Measurement]) -> None:
    for reading in readings:
        assert reading.type == "lab" and reading.code and isinstance(reading.value, int | float)
        assert reading.raw[:1] == b"\x02"
    assert set(parser.take_replies()) <= {ACK, NAK}


def golden(rng: random.Random) -> Golden:
    return rng.choices(GOLDEN, WEIGHTS)[0]


def decode_golden(parser: AstmParser, frame: bytes) -> list[dict[str, Any]]:
    return [m.to_json() for m in parser.feed(bytes([ENQ]) + frame + bytes([EOT]))]


def run(runs: int) -> None:
    fuzz_stream_parser(
        lambda rng: AstmParser(),
        golden,
        runs,
        garbage=garbage,
        check_readings=check_readings,
        decode_golden=decode_golden,
        label="astm fuzz",
    )


test_fuzz_default, test_fuzz_million = fuzz_tests(run)


def test_lone_golden_frame_after_noise_without_handshake() -> None:
    """A capture without ENQ: after noise that holds no control byte, a bare frame decodes."""
    rng = random.Random(3)
    for _ in range(2000):
        noise = bytes(b for b in rng.randbytes(rng.randrange(80)) if b not in (2, 3, 4, 5, 0x17))
        frame, readings = rng.choice(GOLDEN)
        assert [m.to_json() for m in AstmParser().feed(noise + frame)] == readings
