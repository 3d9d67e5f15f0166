"""IEEE 11073 SFLOAT / FLOAT: every vector and special value of reference/devices.md §1."""

from __future__ import annotations

import pytest

from drivers.ble.sfloat import (
    decode_float,
    decode_sfloat,
    encode_float,
    encode_sfloat,
    float_at,
    sfloat_at,
)


@pytest.mark.parametrize(
    ("raw", "expected", "kind"),
    [
        (0x0002, 2, int),
        (0xF014, 2.0, float),
        (0xE0C8, 2.00, float),
        (0x1002, 20, int),
        (0x2002, 200, int),
        (0x04D2, 1234, int),
        (0x0B2E, -1234, int),
        (0xB078, 120e-5, float),
        (0xF7FF, 204.7, float),  # exponent -1: not NaN (exponent checked first)
        (0x0064, 100, int),
        (0xF3E8, 100.0, float),  # 1000 × 10^-1: the same quantity at another exponent
    ],
)
def test_sfloat_vectors(raw: int, expected: float, kind: type) -> None:
    value = decode_sfloat(raw)
    assert value == expected
    assert type(value) is kind


@pytest.mark.parametrize("wire", ["FF07", "0008", "FE07", "0208", "0108"])
def test_sfloat_specials_are_none(wire: str) -> None:
    assert sfloat_at(bytes.fromhex(wire)) is None


def test_sfloat_wire_order_and_exactness() -> None:
    assert sfloat_at(bytes.fromhex("2E0B")) == -1234
    assert sfloat_at(bytes.fromhex("BDF0")) == 18.9  # exactly, not 18.900000000000002
    assert sfloat_at(bytes.fromhex("B0F0")) == 17.6  # A&D: 17.6 kPa
    assert sfloat_at(bytes.fromhex("8000")) == 128  # A&D: 128 mmHg
    assert sfloat_at(bytes.fromhex("6400")) == sfloat_at(bytes.fromhex("E8F3")) == 100
    assert sfloat_at(bytes.fromhex("0048"), byteorder="big") == 72
    assert sfloat_at(bytes.fromhex("FFF7")) == 204.7
    with pytest.raises(IndexError):
        sfloat_at(b"\x01")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (0x00000002, 2),
        (0xFF000014, 2.0),
        (0xFE0000C8, 2.00),
        (0x01000002, 20),
        (0x00FFFB2E, -1234),
        (0xFF00016C, 36.4),
    ],
)
def test_float_vectors(raw: int, expected: float) -> None:
    assert decode_float(raw) == expected


@pytest.mark.parametrize("wire", ["FFFF7F00", "00008000", "FEFF7F00", "02008000", "01008000"])
def test_float_specials_are_none(wire: str) -> None:
    assert float_at(bytes.fromhex(wire)) is None


def test_float_special_patterns_with_an_exponent_are_numbers() -> None:
    assert float_at(bytes.fromhex("FFFF7FFF")) == 0x7FFFFF / 10
    assert float_at(bytes.fromhex("6C0100FF")) == 36.4
    with pytest.raises(IndexError):
        float_at(b"\x00\x00\x00")


def test_round_trips() -> None:
    for mantissa in (-2048, -1234, -1, 0, 1, 120, 2045):
        for exponent in (-8, -1, 0, 1, 7):
            if exponent == 0 and mantissa in (2045, -2048):  # special values
                continue
            decoded = decode_sfloat(int.from_bytes(encode_sfloat(mantissa, exponent), "little"))
            expected = mantissa * 10**exponent if exponent >= 0 else mantissa / 10**-exponent
            assert decoded == expected
    assert float_at(encode_float(364, -1)) == 36.4
    with pytest.raises(ValueError):
        encode_sfloat(0x7FF)
    with pytest.raises(ValueError):
        encode_sfloat(5000)
    with pytest.raises(ValueError):
        encode_float(0x7FFFFF)
