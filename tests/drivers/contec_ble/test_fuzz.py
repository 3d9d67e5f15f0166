"""Seeded fuzz of the contec-ble parser (reference/devices.md §17 item 5)."""

from __future__ import annotations

from drivers.contec_ble.parser import ContecBleParser
from tests.drivers.contec_ble.test_parser import DRIVER, VECTORS
from tests.drivers.fuzzing import fuzz_tests
from tests.drivers.gatt_vectors import Fuzzer, expected, values_of

FUZZER = Fuzzer(
    ContecBleParser,
    ["ff02", "ff01"],
    [(values_of(v), expected(DRIVER, v)) for v in VECTORS],
)


test_fuzz_default, test_fuzz_million = fuzz_tests(FUZZER.run)
