"""WHO IMCI for children under 5 years (clinical.md §2).

- General danger signs: any one means urgent referral, consult priority ``stat`` (§2).
- Fast breathing by *completed* months: under 2 months ≥ 60, 2-11 months ≥ 50,
  12-59 months ≥ 40 /min; a child of exactly 12 months uses 40 (§2).
- Young infants (under 2 months): signs of possible serious bacterial infection; device
  readings fill in RR and temperature, the nurse answers the rest; any positive sign sets
  the consult priority to ``stat`` (§2).

Kiosk choices where §2 is silent (documented, tested):

- chest indrawing or stridor in a calm child are "severe signs of their own"; the kiosk
  treats them like danger signs (urgent referral, ``stat``) at every age under 5 years;
- fast breathing alone in a child of 2-59 months asks for consult priority ``urgent``;
- general danger signs are honoured at every age under 5 years, young infants included;
- a young infant's temperature is rounded to one decimal half up before the 37.5 / 35.5
  thresholds, as NEWS2 does (§1.1), so 37.45 °C counts as 37.5.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import enum
from collections.abc import Set

from kiosk.clinical import Priority
from kiosk.clinical.news2 import whole_count
from kiosk.clinical.units import round_half_up

IMCI_UPPER_MONTHS = 60
YOUNG_INFANT_MONTHS = 2
FEVER_C = 37.5
HYPOTHERMIA_C = 35.5


class DangerSign(enum.StrEnum):
    """General danger signs (§2)."""

    NOT_ABLE_TO_DRINK = "not_able_to_drink_or_breastfeed"
    VOMITS_EVERYTHING = "vomits_everything"
    CONVULSIONS = "convulsions_this_illness"
    LETHARGIC_OR_UNCONSCIOUS = "lethargic_or_unconscious"
    CONVULSING_NOW = "convulsing_now"


class SevereSign(enum.StrEnum):
    """Severe signs asked on the form for a calm child (§2)."""

    CHEST_INDRAWING = "chest_indrawing"
    STRIDOR = "stridor"


class InfantSign(enum.StrEnum):
    """Young infant signs of possible serious bacterial infection (§2)."""

    NOT_FEEDING_WELL = "not_feeding_well"
    CONVULSIONS = "convulsions"
    FAST_BREATHING = "fast_breathing"
    SEVERE_CHEST_INDRAWING = "severe_chest_indrawing"
    FEVER = "temperature_high"  # ≥ 37.5 °C
    HYPOTHERMIA = "temperature_low"  # < 35.5 °C
    MOVEMENT_ONLY_WHEN_STIMULATED = "movement_only_when_stimulated_or_none"


class AgeGroup(enum.StrEnum):
    YOUNG_INFANT = "young_infant"  # under 2 months
    CHILD = "child"  # 2 months up to 5 years
    NOT_APPLICABLE = "not_applicable"  # 5 years and over


@dataclasses.dataclass(frozen=True, slots=True)
class ImciResult:
    """The classification that drives the consult (``priority`` None when IMCI does not apply)."""

    age_group: AgeGroup
    fast_breathing: bool | None
    threshold: int | None
    danger_signs: frozenset[DangerSign]
    severe_signs: frozenset[SevereSign]
    infant_signs: frozenset[InfantSign]
    urgent_referral: bool
    priority: Priority | None

    @property
    def applies(self) -> bool:
        return self.age_group is not AgeGroup.NOT_APPLICABLE


def _check_months(age_months: int) -> int:
    if isinstance(age_months, bool) or not isinstance(age_months, int) or age_months < 0:
        raise ValueError(f"age must be whole completed months >= 0, not {age_months!r}")
    return age_months


def age_group(age_months: int) -> AgeGroup:
    months = _check_months(age_months)
    if months < YOUNG_INFANT_MONTHS:
        return AgeGroup.YOUNG_INFANT
    return AgeGroup.CHILD if months < IMCI_UPPER_MONTHS else AgeGroup.NOT_APPLICABLE


def fast_breathing_threshold(age_months: int) -> int | None:
    """RR at or above which breathing is fast (§2); None from 60 months on."""
    months = _check_months(age_months)
    if months < YOUNG_INFANT_MONTHS:
        return 60
    if months < 12:
        return 50
    return 40 if months < IMCI_UPPER_MONTHS else None


def fast_breathing(age_months: int, resp_rate: float) -> bool | None:
    """Fast breathing by completed months (§2); None when IMCI does not apply (≥ 60 months).

    ``resp_rate`` is a whole count per minute (ValueError otherwise, as in NEWS2).
    """
    threshold = fast_breathing_threshold(age_months)
    if threshold is None:
        return None
    return whole_count(resp_rate, "resp_rate") >= threshold


def completed_months(birth_date: dt.date, on_date: dt.date) -> int:
    """Whole months lived on ``on_date``.

    A month is completed on the same day of a later month, or on that month's last day when
    it is shorter (born 31 January: one month completed on 28/29 February).
    """
    if on_date < birth_date:
        raise ValueError("on_date is before birth_date")
    months = (on_date.year - birth_date.year) * 12 + on_date.month - birth_date.month
    last_day = calendar.monthrange(on_date.year, on_date.month)[1]
    if on_date.day < birth_date.day and on_date.day != last_day:
        months -= 1
    return months


def temperature_signs(temperature_c: float) -> frozenset[InfantSign]:
    """Young infant fever (≥ 37.5 °C) or low temperature (< 35.5 °C), §2."""
    temp = float(round_half_up(temperature_c, 1))
    if temp >= FEVER_C:
        return frozenset({InfantSign.FEVER})
    if temp < HYPOTHERMIA_C:
        return frozenset({InfantSign.HYPOTHERMIA})
    return frozenset()


def _infant_signs(
    answered: Set[InfantSign], fast: bool | None, temperature_c: float | None
) -> frozenset[InfantSign]:
    signs = set(answered)
    if fast:
        signs.add(InfantSign.FAST_BREATHING)
    if temperature_c is not None:
        signs |= temperature_signs(temperature_c)
    return frozenset(signs)


def assess(
    age_months: int,
    danger_signs: Set[DangerSign] = frozenset(),
    resp_rate: float | None = None,
    temperature_c: float | None = None,
    infant_signs: Set[InfantSign] = frozenset(),
    severe_signs: Set[SevereSign] = frozenset(),
) -> ImciResult:
    """Classify one child (§2). Infant signs only count under 2 months."""
    group = age_group(age_months)
    threshold = fast_breathing_threshold(age_months)
    fast = None if resp_rate is None else fast_breathing(age_months, resp_rate)
    if group is AgeGroup.NOT_APPLICABLE:
        return ImciResult(group, None, None, frozenset(), frozenset(), frozenset(), False, None)
    infant = frozenset[InfantSign]()
    if group is AgeGroup.YOUNG_INFANT:
        infant = _infant_signs(infant_signs, fast, temperature_c)
    severe = frozenset(severe_signs)
    referral = bool(danger_signs or infant or severe)
    priority = Priority.STAT if referral else Priority.URGENT if fast else Priority.ROUTINE
    return ImciResult(
        age_group=group,
        fast_breathing=fast,
        threshold=threshold,
        danger_signs=frozenset(danger_signs),
        severe_signs=severe,
        infant_signs=infant,
        urgent_referral=referral,
        priority=priority,
    )
