"""Unit conversions and display rounding: every check value of clinical.md §5."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.clinical.units import (
    CANONICAL_UNITS,
    UnsupportedConversion,
    canonical_unit,
    convert,
    display_value,
    round_half_up,
    to_canonical,
)


@pytest.mark.parametrize(
    ("value", "from_unit", "to_unit", "expected", "places"),
    [
        (120, "mm[Hg]", "kPa", "16.00", 2),
        (16, "kPa", "mm[Hg]", "120.0", 1),
        (37.0, "Cel", "[degF]", "98.6", 1),
        (100.4, "[degF]", "Cel", "38.0", 1),
        (5.5, "mmol/L", "mg/dL", "99.1", 1),
        (7.0, "mmol/L", "mg/dL", "126.1", 1),
        (11.1, "mmol/L", "mg/dL", "200.0", 1),
        (100, "mg/dL", "mmol/L", "5.55", 2),
        (126, "mg/dL", "mmol/L", "6.99", 2),
        (200, "mg/dL", "mmol/L", "11.10", 2),
        (150, "[lb_av]", "kg", "68.04", 2),
        (70, "kg", "[lb_av]", "154.32", 2),
        (5.9, "%", "mmol/mol", "41", 0),
        (7.0, "%", "mmol/mol", "53", 0),
    ],
)
def test_check_values(
    value: float, from_unit: str, to_unit: str, expected: str, places: int
) -> None:
    assert round_half_up(convert(value, from_unit, to_unit), places) == Decimal(expected)


@pytest.mark.parametrize(
    ("value", "from_unit", "to_unit", "expected"),
    [
        (1, "[in_i]", "cm", 2.54),
        (10, "[in_i]", "cm", 25.4),
        (1.75, "m", "cm", 175.0),
        (175, "cm", "m", 1.75),
        (13.5, "g/dL", "g/L", 135.0),
        (1500, "g", "kg", 1.5),
        (1, "mm[Hg]", "kPa", 101.325 / 760),
        (1, "kPa", "mm[Hg]", 7.50062),
        (1, "[lb_av]", "kg", 0.45359237),
    ],
)
def test_exact_factors(value: float, from_unit: str, to_unit: str, expected: float) -> None:
    assert convert(value, from_unit, to_unit) == pytest.approx(expected, rel=1e-6)


def test_same_unit_is_identity() -> None:
    assert convert(36.6, "Cel", "Cel") == 36.6


@pytest.mark.parametrize(
    ("from_unit", "to_unit"), [("kg", "cm"), ("Cel", "kg"), ("mmol/L", "kPa"), ("furlong", "m")]
)
def test_unsupported_pair_raises(from_unit: str, to_unit: str) -> None:
    with pytest.raises(UnsupportedConversion, match="no conversion"):
        convert(1.0, from_unit, to_unit)


def test_unsupported_is_a_value_error() -> None:
    assert issubclass(UnsupportedConversion, ValueError)


@pytest.mark.parametrize(
    ("reading_type", "value", "unit", "code", "expected"),
    [
        ("body_temp", 100.4, "[degF]", None, (38.0, "Cel")),
        ("body_weight", 150, "[lb_av]", None, (68.0388555, "kg")),
        ("body_weight", 3250, "g", None, (3.25, "kg")),
        ("body_height", 1.75, "m", None, (175.0, "cm")),
        ("glucose", 100, "mg/dL", None, (5.5506216, "mmol/L")),
        ("systolic_bp", 16, "kPa", None, (120.0098692, "mm[Hg]")),
        ("spo2", 97, "%", None, (97.0, "%")),
        ("lab", 135, "g/L", "HGB", (13.5, "g/dL")),
        ("lab", 53, "mmol/mol", "hba1c", (6.9994830, "%")),
    ],
)
def test_to_canonical(
    reading_type: str, value: float, unit: str, code: str | None, expected: tuple[float, str]
) -> None:
    converted, target = to_canonical(reading_type, value, unit, code=code)
    assert target == expected[1]
    assert converted == pytest.approx(expected[0], rel=1e-6)


@pytest.mark.parametrize(
    ("reading_type", "code"), [("status", None), ("lab", "Alb"), ("lab", None)]
)
def test_no_canonical_unit(reading_type: str, code: str | None) -> None:
    with pytest.raises(UnsupportedConversion):
        canonical_unit(reading_type, code=code)


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (120.4, "mm[Hg]", "120"),
        (120.5, "mm[Hg]", "121"),  # half up, not half even
        (15.998684, "kPa", "16.0"),
        (37.0, "Cel", "37.0"),
        (35.05, "Cel", "35.1"),  # the double is below 35.05; Decimal text rounds half up
        (98.6, "[degF]", "98.6"),
        (99.088, "mg/dL", "99"),
        (5.5506, "mmol/L", "5.6"),
        (68.0388555, "kg", "68.0"),
        (72.25, "kg", "72.3"),
        (3.255, "kg", "3.26"),  # under 10 kg: 0.01
        (9.994, "kg", "9.99"),
        (9.996, "kg", "10.0"),  # rounds to 10.00, which is not under 10 kg
        (10.04, "kg", "10.0"),
        (-0.04, "Cel", "0.0"),  # never "-0.0"
        (97, "%", "97"),
        (0.025, "%", "0.03"),
        (23.5, "%", "23.5"),
    ],
)
def test_display_value(value: float, unit: str, expected: str) -> None:
    assert display_value(value, unit) == expected


def test_display_rejects_non_finite() -> None:
    with pytest.raises(ValueError, match="non-finite"):
        display_value(math.nan, "kg")


_PAIRS = [
    ("mm[Hg]", "kPa"),
    ("Cel", "[degF]"),
    ("mmol/L", "mg/dL"),
    ("kg", "[lb_av]"),
    ("kg", "g"),
    ("cm", "[in_i]"),
    ("m", "cm"),
    ("m", "[in_i]"),
    ("%", "mmol/mol"),
    ("g/dL", "g/L"),
]
_finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


@given(pair=st.sampled_from(_PAIRS), value=_finite, reverse=st.booleans())
def test_round_trip(pair: tuple[str, str], value: float, reverse: bool) -> None:
    first, second = reversed(pair) if reverse else pair
    back = convert(convert(value, first, second), second, first)
    assert back == pytest.approx(value, rel=1e-9, abs=1e-9)


@given(value=st.floats(min_value=-1e6, max_value=1e6, allow_nan=False))
def test_display_is_within_half_a_step(value: float) -> None:
    shown = Decimal(display_value(value, "Cel"))
    assert abs(shown - Decimal(repr(value))) <= Decimal("0.05")


def test_canonical_units_cover_every_valued_type() -> None:
    from kiosk.domain import READING_TYPES

    assert set(CANONICAL_UNITS) == READING_TYPES - {"lab", "status"}
