"""Seeded fuzz of the ble-glucose parser (reference/devices.md §17 item 5).

After garbage the parser is flushed and a golden value must decode exactly, unless the
garbage already imported that sequence number: then it must give nothing (never twice).
"""

from __future__ import annotations

from typing import Any

from drivers.ble_glucose.parser import GlucoseParser
from tests.drivers.ble_glucose.test_parser import DRIVER, VECTORS
from tests.drivers.fuzzing import fuzz_tests
from tests.drivers.gatt_vectors import Fuzzer, Gatt, Value, expected, feed_all, values_of


def sequences(values: list[Value]) -> set[int]:
    return {int.from_bytes(v[1:3], "little") for uuid, v in values if uuid == "2a18"}


def check_golden(parser: Gatt, values: list[Value], want: list[dict[str, Any]]) -> None:
    assert isinstance(parser, GlucoseParser)
    parser.flush()
    already = any(parser.has_seen(sequence) for sequence in sequences(values))
    got = [m.to_json() for m in feed_all(parser, values) + parser.flush()]
    assert got == ([] if already else want)


GOLDEN = [(values_of(v), expected(DRIVER, v)) for v in VECTORS if len(sequences(values_of(v))) <= 1]
FUZZER = Fuzzer(
    GlucoseParser,
    ["2a18", "2a34", "2a51", "2a52"],
    GOLDEN,
    fresh_parser=True,
    check_golden=check_golden,
)


test_fuzz_default, test_fuzz_million = fuzz_tests(FUZZER.run)
