"""NEWS2: every boundary value and whole-patient case of clinical.md §1.3, plus properties."""

from __future__ import annotations

import dataclasses
import itertools
from typing import Any, Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.clinical import Priority
from kiosk.clinical.news2 import (
    Action,
    Acvpu,
    Band,
    News2Inputs,
    Parameter,
    applies_to,
    band_for,
    score,
    score_air_or_oxygen,
    score_consciousness,
    score_pulse,
    score_resp_rate,
    score_spo2,
    score_systolic_bp,
    score_temperature,
    scoring_temperature,
)


def _pairs(text: str) -> list[tuple[float, int]]:
    """'8 → 3 · 9 → 1' (as written in §1.3) to [(8, 3), (9, 1)]."""
    pairs = [item.split("→") for item in text.split("·")]
    return [(float(value), int(points)) for value, points in pairs]


RESP = _pairs("8 → 3 · 9 → 1 · 11 → 1 · 12 → 0 · 20 → 0 · 21 → 2 · 24 → 2 · 25 → 3")
SPO2_1 = _pairs("91 → 3 · 92 → 2 · 93 → 2 · 94 → 1 · 95 → 1 · 96 → 0 · 100 → 0")
SPO2_2_AIR = _pairs(
    "83 → 3 · 84 → 2 · 85 → 2 · 86 → 1 · 87 → 1 · 88 → 0 · 92 → 0 · 93 → 0 · 100 → 0"
)
SPO2_2_O2 = _pairs("88 → 0 · 92 → 0 · 93 → 1 · 94 → 1 · 95 → 2 · 96 → 2 · 97 → 3 · 100 → 3")
SBP = _pairs("90 → 3 · 91 → 2 · 100 → 2 · 101 → 1 · 110 → 1 · 111 → 0 · 219 → 0 · 220 → 3")
PULSE = _pairs(
    "40 → 3 · 41 → 1 · 50 → 1 · 51 → 0 · 90 → 0 · 91 → 1 · 110 → 1 · 111 → 2 · 130 → 2 · 131 → 3"
)
TEMP = _pairs(
    "35.0 → 3 · 35.1 → 1 · 36.0 → 1 · 36.1 → 0 · 38.0 → 0 · 38.1 → 1 · 39.0 → 1 · 39.1 → 2"
    " · 35.05 → 1 · 36.04 → 1 · 38.05 → 1"
)


@pytest.mark.parametrize(("value", "points"), RESP)
def test_resp_rate(value: float, points: int) -> None:
    assert score_resp_rate(value) == points


@pytest.mark.parametrize(("value", "points"), SPO2_1)
@pytest.mark.parametrize("on_oxygen", [False, True])
def test_spo2_scale_1_ignores_oxygen(value: float, points: int, on_oxygen: bool) -> None:
    assert score_spo2(value, on_oxygen=on_oxygen, scale=1) == points


@pytest.mark.parametrize(("value", "points"), SPO2_2_AIR)
def test_spo2_scale_2_air(value: float, points: int) -> None:
    assert score_spo2(value, on_oxygen=False, scale=2) == points


@pytest.mark.parametrize(("value", "points"), SPO2_2_O2)
def test_spo2_scale_2_oxygen(value: float, points: int) -> None:
    assert score_spo2(value, on_oxygen=True, scale=2) == points


def test_air_or_oxygen() -> None:
    assert (score_air_or_oxygen(False), score_air_or_oxygen(True)) == (0, 2)


@pytest.mark.parametrize(("value", "points"), SBP)
def test_systolic_bp(value: float, points: int) -> None:
    assert score_systolic_bp(value) == points


@pytest.mark.parametrize(("value", "points"), PULSE)
def test_pulse(value: float, points: int) -> None:
    assert score_pulse(value) == points


@pytest.mark.parametrize(
    ("level", "points"),
    [
        (Acvpu.ALERT, 0),
        (Acvpu.NEW_CONFUSION, 3),
        (Acvpu.VOICE, 3),
        (Acvpu.PAIN, 3),
        (Acvpu.UNRESPONSIVE, 3),
        (Acvpu.LONGSTANDING_CONFUSION, 0),  # §1.1: long-standing confusion does not count
    ],
)
def test_consciousness(level: Acvpu, points: int) -> None:
    assert score_consciousness(level) == points


@pytest.mark.parametrize(("value", "points"), TEMP)
def test_temperature(value: float, points: int) -> None:
    assert score_temperature(value) == points


@pytest.mark.parametrize(
    ("fahrenheit", "points"), [(95.0, 3), (95.2, 1), (100.4, 0), (100.6, 1), (102.4, 2)]
)
def test_temperature_in_fahrenheit_is_converted_first(fahrenheit: float, points: int) -> None:
    assert score_temperature(fahrenheit, "[degF]") == points


def test_scoring_temperature_rounds_half_up() -> None:
    assert scoring_temperature(35.05) == 35.1
    assert scoring_temperature(36.04) == 36.0


@pytest.mark.parametrize("bad", [17.5, 16.2, -1, float("nan"), True])
def test_counts_must_be_whole(bad: float) -> None:
    with pytest.raises(ValueError, match="whole count"):
        score_resp_rate(bad)
    with pytest.raises(ValueError, match="whole count"):
        score_pulse(bad)
    with pytest.raises(ValueError, match="whole count"):
        News2Inputs(resp_rate=bad)
    with pytest.raises(ValueError, match="whole count"):
        News2Inputs(pulse=bad)


def test_integral_float_counts_are_accepted() -> None:
    assert score_resp_rate(16.0) == 0
    assert score_pulse(131.0) == 3


def test_spo2_and_sbp_fractions_round_half_up() -> None:
    assert score_spo2(95.5, on_oxygen=False) == 0  # 96
    assert score_systolic_bp(110.5) == 0  # 111
    assert score_systolic_bp(110.4) == 1


_O2 = {"air": False, "oxygen": True}
CASES = [
    ("A", 1, "16, 97, air, 125, 72, A, 36.8", 0, Band.LOW),
    ("B", 1, "20, 96, air, 111, 90, A, 38.0", 0, Band.LOW),
    ("C", 1, "21, 95, air, 110, 91, A, 38.1", 6, Band.MEDIUM),
    ("D", 1, "8, 97, air, 130, 80, A, 37.0", 3, Band.LOW_MEDIUM),
    ("E", 1, "12, 96, air, 111, 51, C, 36.1", 3, Band.LOW_MEDIUM),
    ("F", 1, "22, 94, air, 100, 95, A, 37.0", 6, Band.MEDIUM),
    ("G", 1, "24, 93, oxygen, 105, 115, A, 38.6", 10, Band.HIGH),
    ("H", 1, "25, 91, oxygen, 90, 131, V, 39.1", 19, Band.HIGH),
    ("I", 2, "18, 88, oxygen, 130, 80, A, 37.0", 2, Band.LOW),
    ("J", 2, "18, 97, oxygen, 130, 80, A, 37.0", 5, Band.MEDIUM),
    ("K", 2, "18, 97, air, 130, 80, A, 37.0", 0, Band.LOW),
]
_ACVPU = {"A": Acvpu.ALERT, "C": Acvpu.NEW_CONFUSION, "V": Acvpu.VOICE}


def _inputs(text: str, scale: Literal[1, 2]) -> News2Inputs:
    rr, spo2, o2, sbp, pulse, acvpu, temp = (part.strip() for part in text.split(","))
    return News2Inputs(
        resp_rate=int(rr),
        spo2=int(spo2),
        on_oxygen=_O2[o2],
        systolic_bp=int(sbp),
        pulse=int(pulse),
        consciousness=_ACVPU[acvpu],
        temperature=float(temp),
        spo2_scale=scale,
    )


@pytest.mark.parametrize(("case", "scale", "text", "total", "band"), CASES)
def test_whole_patient(case: str, scale: Literal[1, 2], text: str, total: int, band: Band) -> None:
    result = score(_inputs(text, scale))
    assert (result.total, result.band, result.missing) == (total, band, ())
    assert result.minimum_band is band


def test_case_h_is_the_maximum_made_of_its_parts() -> None:
    points = score(_inputs(CASES[7][2], 1)).points
    assert list(points.values()) == [3, 3, 2, 3, 3, 3, 2]


@pytest.mark.parametrize(
    ("case", "action", "priority"),
    [
        ("A", Action.NONE, Priority.ROUTINE),
        ("I", Action.SHOW_SCORE, Priority.ROUTINE),
        ("D", Action.URGENT_REVIEW, Priority.URGENT),
        ("C", Action.URGENT_REVIEW, Priority.URGENT),
        ("G", Action.EMERGENCY, Priority.STAT),
    ],
)
def test_action_and_priority(case: str, action: Action, priority: Priority) -> None:
    _, scale, text, _, _ = next(row for row in CASES if row[0] == case)
    result = score(_inputs(text, scale))  # type: ignore[arg-type]
    assert (result.action, result.priority) == (action, priority)


def test_scale_2_only_when_flagged() -> None:
    """The J and K vitals on the default scale 1 score SpO2 97 as 0, oxygen or not."""
    j_on_scale_1 = score(_inputs(CASES[9][2], 1))
    assert j_on_scale_1.points[Parameter.SPO2] == 0
    assert j_on_scale_1.total == 2
    assert News2Inputs().spo2_scale == 1
    with pytest.raises(ValueError, match="spo2_scale"):
        News2Inputs(spo2_scale=3)  # type: ignore[arg-type]


def test_missing_parameters_give_no_total() -> None:
    result = score(News2Inputs(resp_rate=16, spo2=97, on_oxygen=False, pulse=72))
    assert result.total is None
    assert result.band is None
    assert result.action is Action.INCOMPLETE
    assert result.missing == (Parameter.SYSTOLIC_BP, Parameter.CONSCIOUSNESS, Parameter.TEMPERATURE)
    assert result.points[Parameter.PULSE] == 0
    assert result.points[Parameter.TEMPERATURE] is None


def test_incomplete_still_escalates_on_what_is_known() -> None:
    result = score(News2Inputs(resp_rate=30, consciousness=Acvpu.VOICE, pulse=140))
    assert result.total is None
    assert result.minimum_band is Band.HIGH  # 3 + 3 + 3 already reach 7
    assert result.priority is Priority.STAT


def test_scale_2_without_air_or_oxygen_cannot_score_high_saturation() -> None:
    result = score(News2Inputs(spo2=97, spo2_scale=2))
    assert result.points[Parameter.SPO2] is None
    assert score(News2Inputs(spo2=83, spo2_scale=2)).points[Parameter.SPO2] == 3


@pytest.mark.parametrize(("age", "applies"), [(0, False), (4, False), (15, False), (16, True)])
def test_applies_to(age: int, applies: bool) -> None:
    assert applies_to(age) is applies


def test_band_rules_exhaustively() -> None:
    for total, three in itertools.product(range(21), (False, True)):
        band = band_for(total, three)
        assert band.rank <= band_for(total + 1, three).rank
        assert band.rank <= band_for(total, True).rank
        assert (band is Band.HIGH) == (total >= 7)


complete_inputs = st.builds(
    News2Inputs,
    resp_rate=st.integers(0, 80),
    spo2=st.integers(50, 100),
    on_oxygen=st.booleans(),
    systolic_bp=st.integers(40, 300),
    pulse=st.integers(0, 250),
    consciousness=st.sampled_from(Acvpu),
    temperature=st.floats(30, 44, allow_nan=False),
    spo2_scale=st.sampled_from([1, 2]),
)


@given(complete_inputs)
def test_total_is_the_sum_of_points_and_bands_are_exact(inputs: News2Inputs) -> None:
    result = score(inputs)
    points = [p for p in result.points.values() if p is not None]
    assert len(points) == 7
    assert result.total == sum(points)
    assert 0 <= result.total <= 20
    expected = (
        Band.HIGH
        if result.total >= 7
        else Band.MEDIUM
        if result.total >= 5
        else Band.LOW_MEDIUM
        if 3 in points
        else Band.LOW
    )
    assert result.band is expected
    assert (result.action is Action.NONE) == (result.total == 0)


@given(complete_inputs, st.sampled_from(list(Parameter)))
def test_dropping_a_parameter_never_raises_the_minimum_band(
    inputs: News2Inputs, dropped: Parameter
) -> None:
    field = {
        Parameter.AIR_OR_OXYGEN: "on_oxygen",
    }.get(dropped, dropped.value)
    full = score(inputs)
    changes: dict[str, Any] = {field: None}
    partial = score(dataclasses.replace(inputs, **changes))
    assert partial.total is None
    assert dropped in partial.missing
    assert partial.minimum_band.rank <= full.minimum_band.rank
