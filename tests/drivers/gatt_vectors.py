"""Shared helpers of the GATT driver tests (reference/devices.md §17): golden vectors and fuzz.

A vectors file is ``{"driver": ID, "vectors": [...]}``; each vector has a ``characteristic``
(short UUID), ``hex`` (one value) or ``values`` (a list of ``[characteristic, hex]`` fed in
order), the expected ``readings`` (type, value, unit, time, flags) and the types that must be
``absent``. Fuzz: random values on random characteristics and mutations of golden values, a
seeded ``random.Random`` (``FUZZ_SEED`` pins it; the seed is printed), then a golden value
that must decode exactly.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from kiosk.domain import READING_TYPES, WAVEFORM_TYPES, Measurement
from tests.drivers.fuzzing import run_seeded

Value = tuple[str, bytes]


class Gatt(Protocol):
    def feed_gatt(
        self, characteristic: str, value: bytes, service: str | None = None
    ) -> list[Measurement]: ...


def load(path: Path) -> tuple[str, list[dict[str, Any]]]:
    document = json.loads(path.read_text(encoding="utf-8"))
    return document["driver"], document["vectors"]


def values_of(vector: dict[str, Any]) -> list[Value]:
    if "values" in vector:
        return [(uuid, bytes.fromhex(text)) for uuid, text in vector["values"]]
    return [(vector["characteristic"], bytes.fromhex(vector["hex"]))]


def expected(driver: str, vector: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"driver": driver, "code": None, **reading} for reading in vector["readings"]]


def feed_all(parser: Gatt, values: Sequence[Value]) -> list[Measurement]:
    return [m for uuid, value in values for m in parser.feed_gatt(uuid, value)]


def assert_vector(driver: str, vector: dict[str, Any], readings: list[Measurement]) -> None:
    """Exact JSON, exact Python types (96 is not 96.0) and absent types."""
    assert [m.to_json() for m in readings] == expected(driver, vector), vector["name"]
    for got, want in zip(readings, vector["readings"], strict=True):
        assert type(got.value) is type(want["value"]), (vector["name"], got)
    assert not {m.type for m in readings} & set(vector.get("absent", []))


def mutate(rng: random.Random, value: bytes) -> bytes:
    """Bit flips, deletions, insertions, then maybe a truncation of a golden value."""
    data = bytearray(value)
    for _ in range(rng.randint(1, 4)):
        action = rng.randrange(4)
        if action == 0 and data:
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        elif action == 1 and data:
            del data[rng.randrange(len(data))]
        elif action == 2:
            data.insert(rng.randrange(len(data) + 1), rng.randrange(256))
        else:
            data = data[: rng.randrange(len(data) + 1)]
    return bytes(data)


class Fuzzer:
    """One driver's fuzz: ``uuids`` it decodes, ``golden`` (values, expected JSON) pairs."""

    def __init__(
        self,
        make_parser: Callable[[], Gatt],
        uuids: Sequence[str],
        golden: Sequence[tuple[list[Value], list[dict[str, Any]]]],
        *,
        fresh_parser: bool = False,
        check_golden: Callable[[Gatt, list[Value], list[dict[str, Any]]], None] | None = None,
    ) -> None:
        self.make_parser, self.golden, self.fresh = make_parser, golden, fresh_parser
        self.uuids = [*uuids, "2a19", "2a08", "ffff", "49535343-0000-0000-0000-000000000000"]
        self.corpus = [value for values, _ in golden for value in values]
        self.check_golden = check_golden or self._check_exact

    @staticmethod
    def _check_exact(parser: Gatt, values: list[Value], want: list[dict[str, Any]]) -> None:
        assert [m.to_json() for m in feed_all(parser, values)] == want

    def garbage(self, rng: random.Random) -> Value:
        kind = rng.randrange(3)
        if kind == 0:
            return rng.choice(self.uuids), rng.randbytes(rng.randrange(24))
        uuid, value = rng.choice(self.corpus)
        if kind == 1:
            uuid = rng.choice(self.uuids)
        return uuid, mutate(rng, value)

    def run(self, runs: int) -> None:
        parser = self.make_parser()

        def check_one(rng: random.Random, _index: int) -> None:
            nonlocal parser
            if self.fresh:
                parser = self.make_parser()
            for _ in range(rng.randint(1, 3)):
                uuid, value = self.garbage(rng)
                for reading in parser.feed_gatt(uuid, value):
                    assert reading.type in READING_TYPES | WAVEFORM_TYPES
            values, want = rng.choice(self.golden)
            self.check_golden(parser, values, want)

        run_seeded(check_one, runs, "gatt fuzz")
