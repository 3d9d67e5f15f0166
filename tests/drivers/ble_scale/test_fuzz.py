"""Seeded fuzz of the ble-scale parser (reference/devices.md §17 item 5)."""

from __future__ import annotations

import pytest

from drivers.ble_scale.parser import ScaleParser
from tests.drivers.ble_scale.test_parser import DRIVER, VECTORS
from tests.drivers.gatt_vectors import (
    DEFAULT_RUNS,
    SLOW_RUNS,
    Fuzzer,
    expected,
    skip_unless_slow,
    values_of,
)

FUZZER = Fuzzer(
    ScaleParser,
    ["2a9d", "2a9c", "2a9e", "2a9b"],
    [(values_of(v), expected(DRIVER, v)) for v in VECTORS],
)


def test_fuzz_default() -> None:
    FUZZER.run(DEFAULT_RUNS)


@pytest.mark.slow
def test_fuzz_million(request: pytest.FixtureRequest) -> None:
    skip_unless_slow(request)
    FUZZER.run(SLOW_RUNS)
