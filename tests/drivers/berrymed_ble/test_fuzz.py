"""Seeded fuzz of the berrymed-ble parser (reference/devices.md §17 items 5-6).

Garbage may leave part of a packet waiting; every golden notification starts with a sync
byte, so the BCI resync rule drops the partial packet and the golden value decodes exactly.
"""

from __future__ import annotations

from drivers.berrymed_ble.parser import NOTIFY, WRITE, BerryMedParser
from tests.drivers.berrymed_ble.test_parser import DRIVER, VECTORS
from tests.drivers.fuzzing import fuzz_tests
from tests.drivers.gatt_vectors import Fuzzer, expected, values_of

FUZZER = Fuzzer(
    BerryMedParser,
    [NOTIFY, NOTIFY, WRITE],
    [(values_of(v), expected(DRIVER, v)) for v in VECTORS],
)


test_fuzz_default, test_fuzz_million = fuzz_tests(FUZZER.run)
