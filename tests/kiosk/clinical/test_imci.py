"""IMCI: every fast-breathing test value of clinical.md §2, danger signs, young infants."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.clinical import Priority
from kiosk.clinical.imci import (
    AgeGroup,
    DangerSign,
    InfantSign,
    SevereSign,
    assess,
    completed_months,
    fast_breathing,
    fast_breathing_threshold,
)


@pytest.mark.parametrize(
    ("months", "rr", "fast"),
    [
        (1, 59, False),
        (1, 60, True),
        (2, 49, False),
        (2, 50, True),
        (11, 50, True),
        (12, 39, False),
        (12, 40, True),
        (59, 40, True),
        (60, 40, None),
        (60, 80, None),
    ],
)
def test_fast_breathing_test_values(months: int, rr: int, fast: bool | None) -> None:
    assert fast_breathing(months, rr) is fast


@pytest.mark.parametrize(
    ("months", "threshold"),
    [(0, 60), (1, 60), (2, 50), (11, 50), (12, 40), (59, 40), (60, None), (200, None)],
)
def test_thresholds(months: int, threshold: int | None) -> None:
    assert fast_breathing_threshold(months) == threshold


@pytest.mark.parametrize("bad", [-1, 1.5, True])
def test_age_must_be_whole_months(bad: int) -> None:
    with pytest.raises(ValueError, match="completed months"):
        fast_breathing_threshold(bad)


def test_resp_rate_must_be_whole() -> None:
    with pytest.raises(ValueError, match="whole count"):
        fast_breathing(12, 40.5)


@pytest.mark.parametrize(
    ("born", "on", "months"),
    [
        (dt.date(2024, 3, 15), dt.date(2024, 3, 15), 0),
        (dt.date(2024, 3, 15), dt.date(2025, 3, 14), 11),
        (dt.date(2024, 3, 15), dt.date(2025, 3, 15), 12),  # exactly 12 months uses 40 (§2)
        (dt.date(2023, 1, 31), dt.date(2023, 2, 27), 0),
        (dt.date(2023, 1, 31), dt.date(2023, 2, 28), 1),  # shorter month: its last day
        (dt.date(2024, 1, 31), dt.date(2024, 2, 29), 1),
        (dt.date(2020, 2, 29), dt.date(2025, 2, 28), 60),
        (dt.date(2020, 6, 1), dt.date(2025, 5, 31), 59),
    ],
)
def test_completed_months(born: dt.date, on: dt.date, months: int) -> None:
    assert completed_months(born, on) == months


def test_completed_months_refuses_a_date_before_birth() -> None:
    with pytest.raises(ValueError, match="before"):
        completed_months(dt.date(2025, 1, 2), dt.date(2025, 1, 1))


@pytest.mark.parametrize("sign", list(DangerSign))
@pytest.mark.parametrize("months", [0, 2, 30, 59])
def test_any_danger_sign_is_urgent_referral(sign: DangerSign, months: int) -> None:
    result = assess(months, {sign})
    assert result.urgent_referral
    assert result.priority is Priority.STAT
    assert result.danger_signs == {sign}


@pytest.mark.parametrize("sign", list(SevereSign))
def test_severe_signs_refer(sign: SevereSign) -> None:
    assert assess(24, severe_signs={sign}).priority is Priority.STAT


def test_well_child() -> None:
    result = assess(24, resp_rate=30, temperature_c=37.0)
    assert result.age_group is AgeGroup.CHILD
    assert (result.fast_breathing, result.threshold) == (False, 40)
    assert not result.urgent_referral
    assert result.priority is Priority.ROUTINE


def test_fast_breathing_alone_in_a_child_is_urgent() -> None:
    result = assess(24, resp_rate=40)
    assert result.fast_breathing is True
    assert not result.urgent_referral
    assert result.priority is Priority.URGENT


def test_not_applicable_from_60_months() -> None:
    result = assess(60, {DangerSign.CONVULSING_NOW}, resp_rate=50)
    assert not result.applies
    assert result.age_group is AgeGroup.NOT_APPLICABLE
    assert result.priority is None
    assert result.fast_breathing is None


@pytest.mark.parametrize(
    ("rr", "temp", "sign"),
    [
        (60, 36.8, InfantSign.FAST_BREATHING),
        (40, 37.5, InfantSign.FEVER),
        (40, 37.45, InfantSign.FEVER),  # rounded half up to 37.5 first (kiosk choice)
        (40, 35.4, InfantSign.HYPOTHERMIA),
        (40, 35.44, InfantSign.HYPOTHERMIA),
    ],
)
def test_young_infant_device_signs(rr: int, temp: float, sign: InfantSign) -> None:
    result = assess(1, resp_rate=rr, temperature_c=temp)
    assert result.age_group is AgeGroup.YOUNG_INFANT
    assert result.infant_signs == {sign}
    assert result.priority is Priority.STAT


@pytest.mark.parametrize(("rr", "temp"), [(59, 37.4), (30, 35.5), (59, 37.44), (30, 35.45)])
def test_young_infant_without_signs(rr: int, temp: float) -> None:
    result = assess(0, resp_rate=rr, temperature_c=temp)
    assert result.infant_signs == frozenset()
    assert result.priority is Priority.ROUTINE


@pytest.mark.parametrize("sign", list(InfantSign))
def test_any_answered_infant_sign_is_stat(sign: InfantSign) -> None:
    result = assess(1, infant_signs={sign})
    assert result.urgent_referral
    assert result.priority is Priority.STAT


def test_infant_signs_do_not_apply_from_2_months() -> None:
    result = assess(2, resp_rate=45, temperature_c=37.8, infant_signs={InfantSign.NOT_FEEDING_WELL})
    assert result.infant_signs == frozenset()
    assert result.priority is Priority.ROUTINE


@given(months=st.integers(0, 59), rr=st.integers(0, 150))
def test_fast_breathing_agrees_with_threshold(months: int, rr: int) -> None:
    threshold = fast_breathing_threshold(months)
    assert threshold is not None
    assert fast_breathing(months, rr) is (rr >= threshold)
