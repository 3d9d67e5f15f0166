"""Golden vectors of the ble-glucose parser and its RACP helper (devices.md §1, §7, §16, §17)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from drivers.ble_glucose import racp
from drivers.ble_glucose.manifest import MANIFEST
from drivers.ble_glucose.parser import GlucoseParser, feature_names
from kiosk.device_api import Transport
from tests.drivers.gatt_vectors import assert_vector, feed_all, load, values_of

PATH = Path(__file__).parent / "vectors" / "ble_glucose.json"
DRIVER, VECTORS = load(PATH)
RACP_VECTORS: dict[str, list[dict[str, Any]]] = json.loads(PATH.read_text(encoding="utf-8"))["racp"]


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_golden_vector(vector: dict[str, Any]) -> None:
    parser = GlucoseParser()
    values = values_of(vector)
    if vector.get("held"):  # context follows: nothing until the next value completes it
        assert parser.feed_gatt(*values[0]) == []
        readings = feed_all(parser, values[1:])
    else:
        readings = feed_all(parser, values)
    assert_vector(DRIVER, vector, readings)
    assert parser.flush() == []
    assert parser.last_sequence == vector["last_sequence"]
    if "features" in vector:
        assert parser.feature is not None
        assert list(feature_names(parser.feature)) == vector["features"]


@pytest.mark.parametrize("vector", RACP_VECTORS["requests"], ids=lambda v: v["name"])
def test_racp_request(vector: dict[str, Any]) -> None:
    name, *args = vector["call"]
    assert getattr(racp, name)(*args) == bytes.fromhex(vector["hex"])


@pytest.mark.parametrize("vector", RACP_VECTORS["responses"], ids=lambda v: v["hex"])
def test_racp_response(vector: dict[str, Any]) -> None:
    parsed = racp.parse_response(bytes.fromhex(vector["hex"]))
    if vector.get("rejected"):
        assert parsed is None
    elif "count" in vector:
        assert parsed == racp.RacpCount(vector["count"])
    else:
        assert parsed == racp.RacpResponse(*vector["response"])


def test_racp_response_codes_named() -> None:
    success = racp.parse_response(bytes.fromhex("06 00 01 01"))
    none_found = racp.parse_response(bytes.fromhex("06 00 01 06"))
    assert isinstance(success, racp.RacpResponse) and success.success
    assert isinstance(none_found, racp.RacpResponse) and none_found.no_records
    with pytest.raises(ValueError, match="u16"):
        racp.report_since(0x10000)


def test_sfloat_special_concentrations_give_no_glucose() -> None:
    for special in ("FF 07", "00 08", "FE 07", "02 08", "01 08"):
        value = bytes.fromhex(f"02 01 00 E8 07 05 14 13 00 00 {special} 11")
        assert GlucoseParser().feed_gatt("2a18", value) == []


def test_parser_created_with_last_sequence_skips_it() -> None:
    parser = GlucoseParser(last_sequence=34)
    value = bytes.fromhex("0B 22 00 E7 07 0B 05 08 0F 00 1E 00 5F B0 11 00 00")
    assert parser.feed_gatt("2a18", value) == []
    assert parser.has_seen(34) and parser.last_sequence == 34


class Meter:
    """A glucose meter's record store answering RACP "report" requests (tests only)."""

    def __init__(self) -> None:
        self.records: list[bytes] = []

    def store(self, sequence: int, minute: int) -> None:
        base = bytes.fromhex("E8 07 05 14 08") + bytes([minute, 0])
        self.records.append(b"\x02" + sequence.to_bytes(2, "little") + base + b"\x5a\xb0\x11")

    def answer(self, request: bytes) -> list[tuple[str, bytes]]:
        if request == racp.report_all():
            first = 0
        else:
            assert request[:3] == bytes([1, 3, 1])
            first = int.from_bytes(request[3:5], "little")
        chosen = [r for r in self.records if int.from_bytes(r[1:3], "little") >= first]
        code = racp.ResponseCode.SUCCESS if chosen else racp.ResponseCode.NO_RECORDS_FOUND
        return [("2a18", r) for r in chosen] + [("2a52", bytes([6, 0, 1, code]))]


def test_backlog_since_the_last_sequence_imports_nothing_twice() -> None:
    meter = Meter()
    for sequence in (1, 2, 3):
        meter.store(sequence, sequence)
    first = GlucoseParser()
    got = feed_all(first, meter.answer(racp.report_after(first.last_sequence)))
    assert [m.time for m in got] == [f"2024-05-20T08:0{i}:00" for i in (1, 2, 3)]
    assert first.last_sequence == 3
    meter.store(4, 4)
    second = GlucoseParser(last_sequence=first.last_sequence)  # the session persists it
    request = racp.report_after(second.last_sequence)
    assert request == bytes.fromhex("01 03 01 04 00")
    assert [m.time for m in feed_all(second, meter.answer(request))] == ["2024-05-20T08:04:00"]
    third = GlucoseParser(last_sequence=second.last_sequence)
    answer = meter.answer(racp.report_after(third.last_sequence))
    assert feed_all(third, answer) == []
    assert isinstance(third.last_racp, racp.RacpResponse) and third.last_racp.no_records


def test_manifest() -> None:
    assert MANIFEST.id == DRIVER == "ble-glucose"
    assert MANIFEST.transport is Transport.BLE
    assert MANIFEST.ble_services == ("1808",)
