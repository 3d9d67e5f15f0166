"""Every ``ble-bp`` vector of reference/devices.md §3, as exact assertions (§17.1-4, 7-8)."""

from __future__ import annotations

import pytest

from drivers.ble_bp.parser import BEURER, SPEC, BloodPressureParser, create_parser, quirks_for

MMHG, KPA = "mm[Hg]", "kPa"


def decode(hex_frame: str, name: str | None = None, char: str = "2a35") -> list[tuple]:
    out = create_parser(device_name=name).feed_gatt(char, bytes.fromhex(hex_frame), "1810")
    return [(m.type, m.value, m.unit, m.time, m.flags) for m in out]


def test_lib_vector_full_record_with_unknown_year() -> None:
    flags = ("body-movement", "cuff-loose", "irregular-pulse", "improper-position")
    assert decode("1E 8A 00 58 00 78 00 00 00 04 11 14 29 3B 3C 00 01 27 00") == [
        ("systolic_bp", 138, MMHG, None, flags),
        ("diastolic_bp", 88, MMHG, None, flags),
        ("mean_bp", 120, MMHG, None, flags),
        ("pulse_rate", 60, "/min", None, flags),
    ]


def test_lib_vector_kpa_with_pulse_and_status() -> None:
    flags = ("cuff-loose", "pulse-rate-low")
    assert decode("15 BD F0 0B 00 9F F0 3C 00 12 00") == [
        ("systolic_bp", 18.9, KPA, None, flags),
        ("diastolic_bp", 11, KPA, None, flags),
        ("mean_bp", 15.9, KPA, None, flags),
        ("pulse_rate", 60, "/min", None, flags),
    ]


def test_lib_vector_minimal_record() -> None:
    assert decode("00 BD F0 0B 00 9F F0") == [
        ("systolic_bp", 18.9, MMHG, None, ()),
        ("diastolic_bp", 11, MMHG, None, ()),
        ("mean_bp", 15.9, MMHG, None, ()),
    ]


def test_and_document_values() -> None:
    assert decode("00 80 00 50 00 5D 00")[0] == ("systolic_bp", 128, MMHG, None, ())
    assert decode("01 B0 F0 50 00 5D 00")[0] == ("systolic_bp", 17.6, KPA, None, ())


def test_der_vectors() -> None:
    assert decode("00 78 00 50 00 5D 00") == [
        ("systolic_bp", 120, MMHG, None, ()),
        ("diastolic_bp", 80, MMHG, None, ()),
        ("mean_bp", 93, MMHG, None, ()),
    ]
    when, flags = "2024-10-02T08:45:15", ("pulse-rate-low",)
    assert decode("16 75 00 4C 00 57 00 E8 07 0A 02 08 2D 0F 48 00 10 00") == [
        ("systolic_bp", 117, MMHG, when, flags),
        ("diastolic_bp", 76, MMHG, when, flags),
        ("mean_bp", 87, MMHG, when, flags),
        ("pulse_rate", 72, "/min", when, flags),
    ]


def test_cuff_pressure_notification() -> None:
    assert decode("00 38 00 FF 07 FF 07", char="2a36") == [("cuff_pressure", 56, MMHG, None, ())]


BM85 = "56 7E 00 52 00 00 00 E8 07 03 0A 09 1E 00 00 48 02 00 01"


@pytest.mark.parametrize("name", ["BM85", "BM48", "BM59", "ELITE900", "bm85 4711"])
def test_beurer_quirks_by_name(name: str) -> None:
    when, flags = "2024-03-10T09:30:00", ("body-movement",)
    assert decode(BM85, name) == [
        ("systolic_bp", 126, MMHG, when, flags),
        ("diastolic_bp", 82, MMHG, when, flags),
        ("pulse_rate", 72, "/min", when, flags),  # MAP 0 = not measured: no mean_bp
    ]


@pytest.mark.parametrize("name", [None, "A&D_UA-651BLE_123", "Omron HEM-9200T", "BM"])
def test_beurer_frame_without_the_name_reads_per_spec(name: str | None) -> None:
    # generic layout: pulse LE "00 48" → exponent 4, mantissa −2048; status LE "02 00" → loose
    when, flags = "2024-03-10T09:30:00", ("cuff-loose",)
    assert decode(BM85, name) == [
        ("systolic_bp", 126, MMHG, when, flags),
        ("diastolic_bp", 82, MMHG, when, flags),
        ("mean_bp", 0, MMHG, when, flags),
        ("pulse_rate", -20480000, "/min", when, flags),
    ]


def test_quirk_selection() -> None:
    assert quirks_for("BM85") is BEURER
    assert quirks_for("A&D_UA-651BLE_1") is SPEC
    assert quirks_for(None) is SPEC


def test_rfu_flag_bits_are_ignored() -> None:
    for rfu in (0x20, 0x40, 0x80, 0xE0):
        frame = bytes([0x16 | rfu]) + bytes.fromhex(
            "75 00 4C 00 57 00 E8 07 0A 02 08 2D 0F 48 00 10 00"
        )
        assert decode(frame.hex()) == decode(
            "16 75 00 4C 00 57 00 E8 07 0A 02 08 2D 0F 48 00 10 00"
        )
    status_rfu = decode("10 78 00 50 00 5D 00 C0 FF")  # status RFU bits 6-15 set
    assert {m[4] for m in status_rfu} == {()}


def test_short_frames_are_rejected() -> None:
    assert decode("00 78 00 50 00 5D") == []  # 6 bytes
    assert decode("02 78 00 50 00 5D 00") == []  # timestamp flagged, absent
    assert decode("02 78 00 50 00 5D 00 E8 07 0A 02 08 2D") == []  # timestamp cut
    assert decode("1C 78 00 50 00 5D 00 48") == []  # pulse cut, user and status missing too
    assert decode("") == []


def test_a_cut_trailing_optional_field_loses_only_that_field() -> None:
    full = decode("14 78 00 50 00 5D 00 48 00 10 00")
    assert full[0][4] == ("pulse-rate-low",)
    cut = decode("14 78 00 50 00 5D 00 48 00 10")  # status cut: no flags, values kept
    assert cut == [(t, v, u, w, ()) for t, v, u, w, _ in full]
    assert decode("04 78 00 50 00 5D 00 48") == decode("00 78 00 50 00 5D 00")  # pulse cut


def test_special_values_give_no_reading_and_status_keeps_the_reason() -> None:
    assert decode("00 FF 07 50 00 FF 07") == [("diastolic_bp", 80, MMHG, None, ())]
    assert decode("10 FF 07 FF 07 00 08 01 00") == [
        ("status", None, None, None, ("body-movement",))
    ]
    assert decode("10 FF 07 FF 07 00 08 00 00") == []


def test_invalid_timestamp_keeps_the_measurement() -> None:
    out = decode("02 78 00 50 00 5D 00 E8 07 04 1F 08 2D 0F")  # 31 April
    assert [(t, w) for t, _, _, w, _ in out] == [
        ("systolic_bp", None),
        ("diastolic_bp", None),
        ("mean_bp", None),
    ]


def test_features_other_characteristics_and_services() -> None:
    parser = BloodPressureParser()
    assert parser.feed_gatt("2a49", b"\xff\x01") == []
    assert parser.features is not None and len(parser.features) == 9
    assert parser.feed_gatt("00002a35-0000-1000-8000-00805f9b34fb", bytes.fromhex("00780050005d00"))
    assert parser.feed_gatt("2a35", bytes.fromhex("00780050005d00"), "1809") == []
    assert parser.feed_gatt("2a1c", bytes.fromhex("00780050005d00")) == []
    raw = parser.feed_gatt("2A35", bytes.fromhex("00780050005d00"), "0x1810")
    assert raw[0].raw == bytes.fromhex("00780050005d00") and raw[0].driver == "ble-bp"
