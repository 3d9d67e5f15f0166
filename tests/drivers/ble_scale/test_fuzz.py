"""Seeded fuzz of the ble-scale parser (reference/devices.md §17 item 5)."""

from __future__ import annotations

from drivers.ble_scale.parser import ScaleParser
from tests.drivers.ble_scale.test_parser import DRIVER, VECTORS
from tests.drivers.fuzzing import fuzz_tests
from tests.drivers.gatt_vectors import Fuzzer, expected, values_of

FUZZER = Fuzzer(
    ScaleParser,
    ["2a9d", "2a9c", "2a9e", "2a9b"],
    [(values_of(v), expected(DRIVER, v)) for v in VECTORS],
)


test_fuzz_default, test_fuzz_million = fuzz_tests(FUZZER.run)
