"""Seeded fuzz of the ble-plx parser (reference/devices.md §17 item 5)."""

from __future__ import annotations

from drivers.ble_plx.parser import PlxParser
from tests.drivers.ble_plx.test_parser import DRIVER, VECTORS
from tests.drivers.fuzzing import fuzz_tests
from tests.drivers.gatt_vectors import Fuzzer, expected, values_of

FUZZER = Fuzzer(
    PlxParser,
    ["2a5e", "2a5f", "2a60", "2a52"],
    [(values_of(v), expected(DRIVER, v)) for v in VECTORS],
)


test_fuzz_default, test_fuzz_million = fuzz_tests(FUZZER.run)
