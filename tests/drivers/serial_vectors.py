"""Shared helpers of the serial (byte-stream) driver tests (reference/devices.md §17): golden
vectors and exact comparison of readings.

A driver's vectors are ``tests/drivers/<driver>/vectors/<name>.json``, a document whose
``vectors`` each have a ``name``, the wire bytes (``hex``, or a text ``line``), the expected
``readings`` (type, value, unit, time, flags, and ``code`` for lab results) and the types
that must be ``absent``.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from kiosk.domain import Measurement

Vector = dict[str, Any]


class StreamParser(Protocol):
    def feed(self, data: bytes) -> list[Measurement]: ...


def load_vectors(test_file: str, name: str) -> dict[str, Any]:
    """The vectors document ``vectors/<name>.json`` next to the test module ``test_file``."""
    path = Path(test_file).parent / "vectors" / f"{name}.json"
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return document


def wire(vector: Vector) -> bytes:
    """The vector's bytes (its ``hex``)."""
    return bytes.fromhex(vector["hex"])


def expected(driver: str, vector: Vector, *, code: bool = True) -> list[dict[str, Any]]:
    """The vector's readings as ``Measurement.to_json()`` gives them (``code`` None unless
    the vector gives one; ``code=False`` for drivers whose vectors always give it)."""
    base: dict[str, Any] = {"driver": driver, "code": None} if code else {"driver": driver}
    return [{**base, **reading} for reading in vector["readings"]]


def as_json(readings: Sequence[Measurement]) -> list[dict[str, Any]]:
    return [m.to_json() for m in readings]


def decode_chunks(
    parser: StreamParser, chunks: Sequence[bytes]
) -> list[tuple[dict[str, Any], bytes]]:
    """(JSON, raw) of every reading of ``chunks`` fed one after the other."""
    return [(m.to_json(), m.raw) for chunk in chunks for m in parser.feed(chunk)]


def assert_exact(driver: str, vector: Vector, readings: Sequence[Measurement]) -> None:
    """Exact JSON, exact Python types (96 is not 96.0), and the ``absent`` types absent
    (not 0 and not null)."""
    assert as_json(readings) == expected(driver, vector)
    pairs = zip(readings, vector["readings"], strict=True)
    assert all(type(m.value) is type(r["value"]) for m, r in pairs)
    assert not {m.type for m in readings} & set(vector["absent"])


def random_chunks(data: bytes, rng: random.Random, largest: int) -> list[bytes]:
    """``data`` in consecutive chunks of 1 to ``largest`` bytes."""
    chunks = []
    while data:
        size = rng.randint(1, largest)
        chunks.append(data[:size])
        data = data[size:]
    return chunks


def random_cuts(data: bytes, rng: random.Random, most: int = 20) -> list[bytes]:
    """``data`` cut at 1 to ``most`` distinct random places."""
    cuts = sorted(rng.sample(range(1, len(data)), rng.randint(1, most)))
    return [data[a:b] for a, b in zip([0, *cuts], [*cuts, len(data)], strict=True)]


def assert_splits_decode_alike(
    decode: Callable[[list[bytes]], object],
    stream: bytes,
    whole: object,
    chunkings: Callable[[], list[bytes]],
    rounds: int,
) -> None:
    """``stream`` fed byte by byte, cut at every offset and cut ``rounds`` times by
    ``chunkings()`` decodes to ``whole``, what it decodes to in one block."""
    assert decode([bytes([b]) for b in stream]) == whole
    for offset in range(len(stream) + 1):
        assert decode([stream[:offset], stream[offset:]]) == whole, offset
    for _ in range(rounds):
        assert decode(chunkings()) == whole
