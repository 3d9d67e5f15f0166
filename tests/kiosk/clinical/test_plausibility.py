"""Plausibility (clinical.md §3, §4): boundaries generated from the table, unit confusion,
cross-checks, and that a check never changes a value."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.clinical.plausibility import (
    RANGES,
    CheckContext,
    Range,
    Reason,
    Verdict,
    check,
    cross_check,
    find_range,
)
from kiosk.clinical.units import canonical_unit, convert


def _id(row: Range) -> str:
    return f"{row.reading_type}-{row.code}" if row.code else row.reading_type


def _below(x: float) -> float:
    return math.nextafter(x, -math.inf)


def _above(x: float) -> float:
    return math.nextafter(x, math.inf)


def _boundary_cases() -> list[tuple[Range, float, Verdict]]:
    cases: list[tuple[Range, float, Verdict]] = []
    for row in RANGES:
        low, high = row.impossible
        cases += [(row, _below(low), Verdict.IMPOSSIBLE), (row, _above(high), Verdict.IMPOSSIBLE)]
        if row.confirm is None:
            cases += [(row, low, Verdict.OK), (row, high, Verdict.OK)]
            continue
        row_bounds = row.confirm
        cases += [(row, row_bounds[0], Verdict.OK), (row, row_bounds[1], Verdict.OK)]
        cases += [(row, (row_bounds[0] + row_bounds[1]) / 2, Verdict.OK)]
        if row_bounds[0] > low:
            cases += [(row, _below(row_bounds[0]), Verdict.CONFIRM), (row, low, Verdict.CONFIRM)]
        if row_bounds[1] < high:
            cases += [(row, _above(row_bounds[1]), Verdict.CONFIRM), (row, high, Verdict.CONFIRM)]
    return cases


BOUNDARIES = _boundary_cases()


@pytest.mark.parametrize(
    ("row", "value", "verdict"),
    BOUNDARIES,
    ids=[f"{_id(r)}-{v!r}-{verdict}" for r, v, verdict in BOUNDARIES],
)
def test_table_boundaries(row: Range, value: float, verdict: Verdict) -> None:
    result = check(row.reading_type, value, row.unit, code=row.code)
    assert result.verdict is verdict, result.reasons


def test_boundary_reasons() -> None:
    assert check("spo2", 69, "%").reasons == (Reason.BELOW_PLAUSIBLE,)
    assert check("spo2", 101, "%").reasons == (Reason.ABOVE_POSSIBLE,)
    assert check("spo2", -1, "%").reasons == (Reason.BELOW_POSSIBLE,)
    assert check("pulse_rate", 251, "/min").reasons == (Reason.ABOVE_PLAUSIBLE,)
    assert check("spo2", 97, "%").reasons == ()


@pytest.mark.parametrize("row", RANGES, ids=_id)
def test_table_units_are_the_canonical_units(row: Range) -> None:
    assert canonical_unit(row.reading_type, code=row.code) == row.unit


def test_converted_before_the_range_check() -> None:
    assert check("body_temp", 100.4, "[degF]").verdict is Verdict.OK
    assert check("body_temp", 92.0, "[degF]").verdict is Verdict.CONFIRM  # 33.3 °C
    assert check("glucose", 99, "mg/dL").verdict is Verdict.OK
    assert check("glucose", 650, "mg/dL").verdict is Verdict.CONFIRM  # 36.1 mmol/L
    assert check("body_weight", 150, "[lb_av]").verdict is Verdict.OK
    assert check("systolic_bp", 16, "kPa").verdict is Verdict.OK
    assert check("lab", 135, "g/L", code="HGB").verdict is Verdict.OK
    assert check("lab", 250, "g/L", code="hgb").verdict is Verdict.CONFIRM


def test_unconvertible_unit_is_impossible() -> None:
    result = check("body_temp", 37.0, "kg")
    assert result.verdict is Verdict.IMPOSSIBLE
    assert result.reasons == (Reason.UNIT_NOT_CONVERTIBLE,)


@pytest.mark.parametrize(
    ("reading_type", "code"), [("status", None), ("lab", "Alb"), ("lab", None)]
)
def test_no_range_is_ok_but_says_so(reading_type: str, code: str | None) -> None:
    result = check(reading_type, 4.2, "g/dL", code=code)
    assert (result.verdict, result.reasons) == (Verdict.OK, (Reason.NO_RANGE,))


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_non_finite_is_impossible(value: float) -> None:
    assert check("spo2", value, "%").reasons == (Reason.NOT_FINITE,)


# --- unit confusion (§4) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reading_type", "value", "unit", "reason", "verdict"),
    [
        ("body_temp", 93, "Cel", Reason.PROBABLY_FAHRENHEIT, Verdict.IMPOSSIBLE),
        ("body_temp", 98.6, "Cel", Reason.PROBABLY_FAHRENHEIT, Verdict.IMPOSSIBLE),
        ("body_temp", 110, "Cel", Reason.PROBABLY_FAHRENHEIT, Verdict.IMPOSSIBLE),
        ("glucose", 5.5, "mg/dL", Reason.PROBABLY_MMOL, Verdict.CONFIRM),
        ("glucose", 29.9, "mg/dL", Reason.PROBABLY_MMOL, Verdict.CONFIRM),
        ("glucose", 40.1, "mmol/L", Reason.PROBABLY_MG_DL, Verdict.CONFIRM),
        ("glucose", 99, "mmol/L", Reason.PROBABLY_MG_DL, Verdict.CONFIRM),
        ("glucose", 126, "mmol/L", Reason.PROBABLY_MG_DL, Verdict.IMPOSSIBLE),
        ("body_height", 1.2, "cm", Reason.PROBABLY_METRES, Verdict.CONFIRM),
        ("body_height", 1.75, "cm", Reason.PROBABLY_METRES, Verdict.CONFIRM),
        ("body_height", 2.2, "cm", Reason.PROBABLY_METRES, Verdict.CONFIRM),
    ],
)
def test_unit_confusion(
    reading_type: str, value: float, unit: str, reason: Reason, verdict: Verdict
) -> None:
    result = check(reading_type, value, unit)
    assert reason in result.reasons
    assert result.verdict is verdict


@pytest.mark.parametrize(
    ("reading_type", "value", "unit"),
    [
        ("body_temp", 92.9, "Cel"),
        ("body_temp", 110.1, "Cel"),
        ("body_temp", 98.6, "[degF]"),
        ("glucose", 30, "mg/dL"),
        ("glucose", 40, "mmol/L"),
        ("body_height", 1.19, "cm"),
        ("body_height", 2.21, "cm"),
        ("body_height", 1.75, "m"),
    ],
)
def test_no_unit_confusion(reading_type: str, value: float, unit: str) -> None:
    confusion = {r for r in check(reading_type, value, unit).reasons if r.startswith("probably")}
    assert confusion == set()


def test_kpa_bp_needs_both_values() -> None:
    alone = check("systolic_bp", 16, "mm[Hg]")
    assert Reason.PROBABLY_KPA not in alone.reasons
    both = check("systolic_bp", 16, "mm[Hg]", context=CheckContext(diastolic_bp=10.5))
    assert Reason.PROBABLY_KPA in both.reasons
    assert both.verdict is Verdict.CONFIRM
    dia = check("diastolic_bp", 10.5, "mm[Hg]", context=CheckContext(systolic_bp=16))
    assert Reason.PROBABLY_KPA in dia.reasons
    ok = check("systolic_bp", 41, "mm[Hg]", context=CheckContext(diastolic_bp=10.5))
    assert Reason.PROBABLY_KPA not in ok.reasons
    in_kpa = check("systolic_bp", 16, "kPa", context=CheckContext(diastolic_bp=10.5))
    assert in_kpa.reasons == ()


@pytest.mark.parametrize(
    ("weight", "recent", "flagged"),
    [
        (154.3, 70.0, True),  # typed in lb
        (31.8, 70.0, True),  # recent weight was typed in lb
        (70.4, 70.0, False),
        (160.0, 70.0, True),  # within 5 % of × 2.2
        (165.0, 70.0, False),
        (154.3, None, False),
    ],
)
def test_lb_kg_mixup(weight: float, recent: float | None, flagged: bool) -> None:
    result = check("body_weight", weight, "kg", context=CheckContext(recent_weight_kg=recent))
    assert (Reason.LB_KG_MIXUP in result.reasons) is flagged
    if flagged:
        assert result.verdict is not Verdict.OK


def test_lb_kg_mixup_only_for_kg() -> None:
    result = check("body_weight", 154.3, "[lb_av]", context=CheckContext(recent_weight_kg=70.0))
    assert Reason.LB_KG_MIXUP not in result.reasons


# --- cross-checks (§3) ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("readings", "reasons"),
    [
        ({"systolic_bp": 120, "diastolic_bp": 80, "mean_bp": 93}, []),
        ({"systolic_bp": 120, "diastolic_bp": 110}, []),  # difference exactly 10
        ({"systolic_bp": 120, "diastolic_bp": 111}, [Reason.PULSE_PRESSURE_BELOW_10]),
        (
            {"systolic_bp": 80, "diastolic_bp": 120},
            [Reason.SYSTOLIC_NOT_ABOVE_DIASTOLIC, Reason.PULSE_PRESSURE_BELOW_10],
        ),
        (
            {"systolic_bp": 120, "diastolic_bp": 120},
            [Reason.SYSTOLIC_NOT_ABOVE_DIASTOLIC, Reason.PULSE_PRESSURE_BELOW_10],
        ),
        ({"systolic_bp": 120, "diastolic_bp": 80, "mean_bp": 80}, []),
        ({"systolic_bp": 120, "diastolic_bp": 80, "mean_bp": 79}, [Reason.MEAN_NOT_BETWEEN]),
        ({"systolic_bp": 120, "diastolic_bp": 80, "mean_bp": 121}, [Reason.MEAN_NOT_BETWEEN]),
        ({"systolic_bp": 30, "diastolic_bp": 18}, [Reason.PROBABLY_KPA]),
        (
            {"systolic_bp": 16, "diastolic_bp": 10},
            [Reason.PULSE_PRESSURE_BELOW_10, Reason.PROBABLY_KPA],
        ),
        ({"mean_bp": 200}, []),
        ({"body_weight": 70, "body_height": 175, "bmi": 22.9}, []),
        ({"body_weight": 70, "body_height": 175, "bmi": 23.8}, []),  # 22.86 vs 23.8: 0.94
        ({"body_weight": 70, "body_height": 175, "bmi": 23.9}, [Reason.BMI_MISMATCH]),
        ({"body_weight": 70, "body_height": 175, "bmi": 21.8}, [Reason.BMI_MISMATCH]),
        ({"body_weight": 70, "bmi": 40}, []),
        ({"body_weight": 70, "body_height": 0, "bmi": 40}, []),
    ],
)
def test_cross_check(readings: dict[str, float], reasons: list[Reason]) -> None:
    assert cross_check(readings) == reasons


# --- properties ----------------------------------------------------------------------------

_types = st.sampled_from([(r.reading_type, r.code, r.unit) for r in RANGES])
_values = st.floats(min_value=-1e4, max_value=1e4, allow_nan=False)


@given(_types, _values, st.floats(0.5, 300))
def test_check_never_changes_the_value(
    row: tuple[str, str | None, str], value: float, recent: float
) -> None:
    reading_type, code, unit = row
    result = check(reading_type, value, unit, code=code, context=CheckContext(recent))
    assert result.value is value
    assert result.unit == unit
    assert result.canonical_value == value
    assert result.canonical_unit == unit


@given(
    st.sampled_from(
        [
            ("body_temp", "[degF]"),
            ("glucose", "mg/dL"),
            ("body_weight", "[lb_av]"),
            ("body_height", "m"),
            ("systolic_bp", "kPa"),
        ]
    ),
    _values,
)
def test_converted_value_is_the_plain_conversion(pair: tuple[str, str], value: float) -> None:
    reading_type, unit = pair
    row = find_range(reading_type)
    assert row is not None
    result = check(reading_type, value, unit)
    assert result.value is value
    assert result.canonical_value == convert(value, unit, row.unit)


@given(_types, _values)
def test_verdict_matches_the_ranges(row: tuple[str, str | None, str], value: float) -> None:
    reading_type, code, unit = row
    found = find_range(reading_type, code)
    assert found is not None
    result = check(reading_type, value, unit, code=code)
    low, high = found.impossible
    if not low <= value <= high:
        assert result.verdict is Verdict.IMPOSSIBLE
    elif found.confirm and not found.confirm[0] <= value <= found.confirm[1]:
        assert result.verdict is Verdict.CONFIRM
    else:
        assert result.verdict is not Verdict.IMPOSSIBLE
