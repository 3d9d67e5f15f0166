"""Shared GATT types: Date Time, Current Time, Device Information (reference/devices.md §2)."""

from __future__ import annotations

import datetime as dt

import pytest

from drivers.ble.gatt_types import (
    DeviceInformation,
    PnpId,
    decode_battery_level,
    decode_current_time,
    decode_date_time,
    decode_pnp_id,
    decode_system_id,
    decode_utf8,
    encode_current_time,
    encode_date_time,
)


@pytest.mark.parametrize(
    ("wire", "expected"),
    [
        ("E2 07 04 11 0F 33 00", "2018-04-17T15:51:00"),
        ("00 00 00 00 12 1A 20", None),  # date unknown, 18:26:32
        ("DD 07 08 1A 09 0A 14", "2013-08-26T09:10:20"),
        ("E8 07 0A 02 08 2D 0F", "2024-10-02T08:45:15"),
        ("E8 07 00 02 08 2D 0F", None),  # month 0
        ("E8 07 0A 00 08 2D 0F", None),  # day 0
        ("E8 07 04 1F 08 2D 0F", None),  # 31 April
        ("E8 07 04 1E 18 00 00", None),  # hour 24
        ("E8 07 04 1E 17 3C 00", None),  # minute 60
        ("E8 07 04 1E 17 3B 3C", None),  # second 60
        ("E8 07 0D 01 00 00 00", None),  # month 13
        ("E8 07 04 1E 17 3B", None),  # cut short
    ],
)
def test_date_time_vectors(wire: str, expected: str | None) -> None:
    assert decode_date_time(bytes.fromhex(wire)) == expected


def test_date_time_round_trip_and_offset() -> None:
    moment = dt.datetime(2024, 3, 10, 9, 30, 0)
    assert encode_date_time(moment).hex(" ") == "e8 07 03 0a 09 1e 00"
    assert decode_date_time(b"\xaa" + encode_date_time(moment), 1) == "2024-03-10T09:30:00"


def test_current_time_vector() -> None:
    value = bytes.fromhex("E8 07 06 06 0C 04 2C 04 80 00")
    decoded = decode_current_time(value)
    assert decoded is not None
    assert decoded.iso == "2024-06-06T12:04:44"
    assert decoded.day_of_week == 4  # Thursday
    assert decoded.fractions256 == 128
    assert decoded.adjust_reason == 0
    moment = dt.datetime(2024, 6, 6, 12, 4, 44)
    assert encode_current_time(moment, fractions256=128, adjust_reason=0) == value
    assert decode_current_time(value[:9]) is None


def test_device_information() -> None:
    info = DeviceInformation.from_values(
        {
            "2a29": b"A&D Medical\x00\x00",
            "2a24": b"UA-651BLE ",
            "2a25": b"5140300123",
            "2a26": b"\xff\xfe1.0",
            "2a50": bytes.fromhex("01 0D 00 34 12 00 01"),
            "2a23": bytes.fromhex("01 02 03 04 05 AA BB CC"),
        }
    )
    assert info.manufacturer == "A&D Medical"
    assert info.model == "UA-651BLE"
    assert info.serial == "5140300123"
    assert info.firmware_revision is not None and info.firmware_revision.endswith("1.0")
    assert info.hardware_revision is None
    assert info.pnp_id == PnpId(1, 0x000D, 0x1234, 0x0100)
    assert info.system_id == "CCBBAA-0504030201"
    assert decode_pnp_id(b"\x01\x02") is None
    assert decode_system_id(b"\x01") is None
    assert decode_utf8(b"\x00") is None


@pytest.mark.parametrize(
    ("wire", "expected"), [(b"\x55", 85), (b"\x64", 100), (b"\x65", None), (b"", None)]
)
def test_battery_level(wire: bytes, expected: int | None) -> None:
    assert decode_battery_level(wire) == expected
