"""NEWS2, the Royal College of Physicians' National Early Warning Score 2 (clinical.md §1).

For adults only (:func:`applies_to`, §1). Input rules (§1.1, kiosk policy):

- respiration rate and pulse are whole counts per minute: a non-integer (or a negative
  count) raises :class:`ValueError` rather than being rounded, because it is a typing or
  parsing error; an integral float such as ``16.0`` is accepted;
- temperature is converted from °F first (§5), then rounded to one decimal half up before
  scoring (35.05 → 35.1 → 1 point); the raw value stays with the caller as measured;
- SpO2 and systolic BP are scored as whole numbers, rounded half up (kiosk choice: the table
  has integer bands, and the reference is silent on fractions);
- if any of the 7 parameters is missing there is no total (§1.1), only the missing list.

SpO2 scale 2 is used only when the patient record carries the clinician's flag
(``spo2_scale=2``); the nurse cannot choose it per visit (§1.1).
"""

from __future__ import annotations

import dataclasses
import enum
import math
from collections.abc import Mapping
from typing import Literal

from kiosk.clinical import Priority
from kiosk.clinical.units import convert, round_half_up

ADULT_AGE_YEARS = 16


class Acvpu(enum.StrEnum):
    """Level of consciousness (§1.1). Only *new* confusion scores; long-standing does not."""

    ALERT = "alert"
    NEW_CONFUSION = "new_confusion"
    LONGSTANDING_CONFUSION = "longstanding_confusion"
    VOICE = "voice"
    PAIN = "pain"
    UNRESPONSIVE = "unresponsive"


class Parameter(enum.StrEnum):
    """The 7 NEWS2 parameters, in the order of the §1.1 table."""

    RESP_RATE = "resp_rate"
    SPO2 = "spo2"
    AIR_OR_OXYGEN = "air_or_oxygen"
    SYSTOLIC_BP = "systolic_bp"
    PULSE = "pulse"
    CONSCIOUSNESS = "consciousness"
    TEMPERATURE = "temperature"


class Band(enum.StrEnum):
    """Clinical risk band (§1.2), lowest first."""

    LOW = "low"
    LOW_MEDIUM = "low-medium"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        return list(Band).index(self)


class Action(enum.StrEnum):
    """What the kiosk does (§1.2 "kiosk action")."""

    NONE = "none"  # total 0
    SHOW_SCORE = "show_score"  # total 1-4, no single 3
    URGENT_REVIEW = "urgent_review"  # priority urgent + banner
    EMERGENCY = "emergency"  # priority stat + red banner + suggest calling for transfer
    INCOMPLETE = "incomplete"  # a parameter is missing: "incomplete: missing ..."


_PRIORITY = {
    Band.LOW: Priority.ROUTINE,
    Band.LOW_MEDIUM: Priority.URGENT,
    Band.MEDIUM: Priority.URGENT,
    Band.HIGH: Priority.STAT,
}


@dataclasses.dataclass(frozen=True, slots=True)
class News2Inputs:
    """One set of observations; ``None`` means not measured."""

    resp_rate: float | None = None
    spo2: float | None = None
    on_oxygen: bool | None = None
    systolic_bp: float | None = None
    pulse: float | None = None
    consciousness: Acvpu | None = None
    temperature: float | None = None
    temperature_unit: str = "Cel"
    spo2_scale: Literal[1, 2] = 1

    def __post_init__(self) -> None:
        if self.spo2_scale not in (1, 2):
            raise ValueError(f"spo2_scale must be 1 or 2, not {self.spo2_scale!r}")
        for name in ("resp_rate", "pulse"):
            value = getattr(self, name)
            if value is not None:
                whole_count(value, name)
        if self.temperature_unit not in ("Cel", "[degF]"):
            raise ValueError(f"temperature unit must be Cel or [degF], not {self.temperature_unit}")


@dataclasses.dataclass(frozen=True, slots=True)
class News2Result:
    """The score (§1.2). ``band`` and ``total`` are ``None`` when a parameter is missing.

    ``minimum_band`` is the band the known points alone already reach (missing parameters
    can only add points), so ``priority`` is never lower than the full score's would be.
    """

    total: int | None
    missing: tuple[Parameter, ...]
    points: Mapping[Parameter, int | None]
    band: Band | None
    minimum_band: Band
    action: Action
    priority: Priority


def applies_to(age_years: int) -> bool:
    """NEWS2 is for adults of 16 and over only (§1); under 5 use IMCI, 5-15 no score."""
    if age_years < 0:
        raise ValueError("age cannot be negative")
    return age_years >= ADULT_AGE_YEARS


def whole_count(value: float, name: str = "count") -> int:
    """A per-minute count as an int; non-integers, negatives and bools raise ValueError."""
    if isinstance(value, bool) or not math.isfinite(value) or value != int(value) or value < 0:
        raise ValueError(f"{name} must be a whole count per minute, not {value!r}")
    return int(value)


def _whole(value: float) -> int:
    return int(round_half_up(value, 0))


def score_resp_rate(resp_rate: float) -> int:
    rr = whole_count(resp_rate, "resp_rate")
    if rr <= 8:
        return 3
    if rr <= 11:
        return 1
    if rr <= 20:
        return 0
    return 2 if rr <= 24 else 3


def score_spo2(spo2: float, *, on_oxygen: bool, scale: Literal[1, 2] = 1) -> int:
    """SpO2 points on scale 1 or 2 (§1.1); on scale 2, ≥ 93 % on air scores 0."""
    sat = _whole(spo2)
    if scale == 1:
        return 3 if sat <= 91 else 2 if sat <= 93 else 1 if sat <= 95 else 0
    if sat <= 83:
        return 3
    if sat <= 85:
        return 2
    if sat <= 87:
        return 1
    if sat <= 92 or not on_oxygen:
        return 0
    return 1 if sat <= 94 else 2 if sat <= 96 else 3


def score_air_or_oxygen(on_oxygen: bool) -> int:
    """Supplemental oxygen adds 2, on either scale (§1.1)."""
    return 2 if on_oxygen else 0


def score_systolic_bp(systolic_bp: float) -> int:
    sbp = _whole(systolic_bp)
    if sbp <= 90:
        return 3
    if sbp <= 100:
        return 2
    if sbp <= 110:
        return 1
    return 0 if sbp <= 219 else 3


def score_pulse(pulse: float) -> int:
    hr = whole_count(pulse, "pulse")
    if hr <= 40:
        return 3
    if hr <= 50:
        return 1
    if hr <= 90:
        return 0
    if hr <= 110:
        return 1
    return 2 if hr <= 130 else 3


def score_consciousness(level: Acvpu) -> int:
    return 0 if level in (Acvpu.ALERT, Acvpu.LONGSTANDING_CONFUSION) else 3


def scoring_temperature(temperature: float, unit: str = "Cel") -> float:
    """The temperature NEWS2 scores: °C, one decimal, half up (§1.1 input rules)."""
    return float(round_half_up(convert(temperature, unit, "Cel"), 1))


def score_temperature(temperature: float, unit: str = "Cel") -> int:
    temp = scoring_temperature(temperature, unit)
    if temp <= 35.0:
        return 3
    if temp <= 36.0:
        return 1
    if temp <= 38.0:
        return 0
    return 1 if temp <= 39.0 else 2


def band_for(total: int, any_three: bool) -> Band:
    """§1.2: the highest band that applies (≥ 7 high, 5-6 medium, a single 3 low-medium)."""
    if total >= 7:
        return Band.HIGH
    if total >= 5:
        return Band.MEDIUM
    return Band.LOW_MEDIUM if any_three else Band.LOW


def _spo2_points(inputs: News2Inputs) -> int | None:
    """SpO2 points; on scale 2 at 93 % or more they depend on air/oxygen, so may be unknown."""
    if inputs.spo2 is None:
        return None
    oxygen = bool(inputs.on_oxygen)
    points = score_spo2(inputs.spo2, on_oxygen=oxygen, scale=inputs.spo2_scale)
    if inputs.on_oxygen is None and inputs.spo2_scale == 2:
        unknown = points != score_spo2(inputs.spo2, on_oxygen=not oxygen, scale=2)
        return None if unknown else points
    return points


def _points(inputs: News2Inputs) -> dict[Parameter, int | None]:
    i = inputs
    return {
        Parameter.RESP_RATE: None if i.resp_rate is None else score_resp_rate(i.resp_rate),
        Parameter.SPO2: _spo2_points(i),
        Parameter.AIR_OR_OXYGEN: None if i.on_oxygen is None else score_air_or_oxygen(i.on_oxygen),
        Parameter.SYSTOLIC_BP: None if i.systolic_bp is None else score_systolic_bp(i.systolic_bp),
        Parameter.PULSE: None if i.pulse is None else score_pulse(i.pulse),
        Parameter.CONSCIOUSNESS: (
            None if i.consciousness is None else score_consciousness(i.consciousness)
        ),
        Parameter.TEMPERATURE: (
            None if i.temperature is None else score_temperature(i.temperature, i.temperature_unit)
        ),
    }


def _missing(inputs: News2Inputs) -> tuple[Parameter, ...]:
    return tuple(p for p in Parameter if getattr(inputs, _FIELD[p]) is None)


_FIELD = {
    Parameter.RESP_RATE: "resp_rate",
    Parameter.SPO2: "spo2",
    Parameter.AIR_OR_OXYGEN: "on_oxygen",
    Parameter.SYSTOLIC_BP: "systolic_bp",
    Parameter.PULSE: "pulse",
    Parameter.CONSCIOUSNESS: "consciousness",
    Parameter.TEMPERATURE: "temperature",
}


def _action(total: int | None, band: Band) -> Action:
    if total is None:
        return Action.INCOMPLETE
    if band is Band.HIGH:
        return Action.EMERGENCY
    if band is not Band.LOW:
        return Action.URGENT_REVIEW
    return Action.NONE if total == 0 else Action.SHOW_SCORE


def score(inputs: News2Inputs) -> News2Result:
    """Score one set of observations (§1.1, §1.2)."""
    points = _points(inputs)
    known = [p for p in points.values() if p is not None]
    missing = _missing(inputs)
    minimum = band_for(sum(known), 3 in known)
    total = None if missing else sum(known)
    return News2Result(
        total=total,
        missing=missing,
        points=points,
        band=None if missing else minimum,
        minimum_band=minimum,
        action=_action(total, minimum),
        priority=_PRIORITY[minimum],
    )
