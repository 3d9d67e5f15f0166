"""Seeded fuzz of the ble-thermometer parser (reference/devices.md §17 item 5)."""

from __future__ import annotations

from drivers.ble_thermometer.parser import ThermometerParser
from tests.drivers.ble_thermometer.test_parser import DRIVER, VECTORS
from tests.drivers.fuzzing import fuzz_tests
from tests.drivers.gatt_vectors import Fuzzer, expected, values_of

FUZZER = Fuzzer(
    ThermometerParser,
    ["2a1c", "2a1e", "2a1d", "2a21"],
    [(values_of(v), expected(DRIVER, v)) for v in VECTORS],
)


test_fuzz_default, test_fuzz_million = fuzz_tests(FUZZER.run)
