"""Seeded fuzz of the ble-heart-rate parser (reference/devices.md §17 item 5)."""

from __future__ import annotations

from drivers.ble_heart_rate.parser import HeartRateParser
from tests.drivers.ble_heart_rate.test_parser import DRIVER, VECTORS
from tests.drivers.fuzzing import fuzz_tests
from tests.drivers.gatt_vectors import Fuzzer, expected, values_of

FUZZER = Fuzzer(
    HeartRateParser,
    ["2a37", "2a38", "2a39"],
    [(values_of(v), expected(DRIVER, v)) for v in VECTORS],
)


test_fuzz_default, test_fuzz_million = fuzz_tests(FUZZER.run)
