"""Seeded fuzz of the berrymed-ble parser (reference/devices.md §17 items 5-6).

Garbage may leave part of a packet waiting; every golden notification starts with a sync
byte, so the BCI resync rule drops the partial packet and the golden value decodes exactly.
"""

from __future__ import annotations

import pytest

from drivers.berrymed_ble.parser import NOTIFY, WRITE, BerryMedParser
from tests.drivers.berrymed_ble.test_parser import DRIVER, VECTORS
from tests.drivers.gatt_vectors import (
    DEFAULT_RUNS,
    SLOW_RUNS,
    Fuzzer,
    expected,
    skip_unless_slow,
    values_of,
)

FUZZER = Fuzzer(
    BerryMedParser,
    [NOTIFY, NOTIFY, WRITE],
    [(values_of(v), expected(DRIVER, v)) for v in VECTORS],
)


def test_fuzz_default() -> None:
    FUZZER.run(DEFAULT_RUNS)


@pytest.mark.slow
def test_fuzz_million(request: pytest.FixtureRequest) -> None:
    skip_unless_slow(request)
    FUZZER.run(SLOW_RUNS)
