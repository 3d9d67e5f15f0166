"""Plausibility of readings and unit confusion (clinical.md §3, §4; kiosk policy).

A reading is judged in the unit of the §4 table: it is converted first (§5), but the value
is never clamped, rounded or otherwise changed; :class:`Plausibility` carries the original
value and unit untouched next to the converted one.

Verdicts (§3): ``impossible`` outside the "impossible" range (device or typing error, not a
clinical reading), ``confirm`` outside the "plausible" range (the nurse must confirm or
re-measure), else ``ok``. Range bounds are inclusive and compared exactly.

Unit-confusion patterns (§4) are checked on the value *as given* and flagged with their own
reason; they make the verdict at least ``confirm`` (a value that is also outside the
impossible range stays ``impossible``, with the confusion reason as a hint for the nurse).

Kiosk choices where §4 is silent: a reading type or lab code without a row is ``ok`` with
reason ``no_range``; a unit that cannot be converted to the table unit, or a value that is
not a finite number, is ``impossible``; "matches a recent weight × 2.2" means within 5 %.
"""

from __future__ import annotations

import dataclasses
import enum
import math
from collections.abc import Mapping

from kiosk.clinical.units import UnsupportedConversion, to_canonical

LB_PER_KG = 1 / 0.45359237
WEIGHT_MATCH_TOLERANCE = 0.05


class Verdict(enum.StrEnum):
    OK = "ok"
    CONFIRM = "confirm"
    IMPOSSIBLE = "impossible"

    @property
    def rank(self) -> int:
        return list(Verdict).index(self)


class Reason(enum.StrEnum):
    BELOW_POSSIBLE = "below_possible"
    ABOVE_POSSIBLE = "above_possible"
    BELOW_PLAUSIBLE = "below_plausible"
    ABOVE_PLAUSIBLE = "above_plausible"
    NOT_FINITE = "not_finite"
    UNIT_NOT_CONVERTIBLE = "unit_not_convertible"
    NO_RANGE = "no_range"
    PROBABLY_FAHRENHEIT = "probably_fahrenheit"
    PROBABLY_MMOL = "probably_mmol"
    PROBABLY_MG_DL = "probably_mg_dl"
    PROBABLY_KPA = "probably_kpa"
    PROBABLY_METRES = "probably_metres"
    LB_KG_MIXUP = "lb_kg_mixup"
    SYSTOLIC_NOT_ABOVE_DIASTOLIC = "systolic_not_above_diastolic"
    PULSE_PRESSURE_BELOW_10 = "pulse_pressure_below_10"
    MEAN_NOT_BETWEEN = "mean_not_between"
    BMI_MISMATCH = "bmi_mismatch"


@dataclasses.dataclass(frozen=True, slots=True)
class Range:
    """One row of the §4 table; bounds inclusive; ``confirm`` None means no such check."""

    reading_type: str
    unit: str
    impossible: tuple[float, float]
    confirm: tuple[float, float] | None
    code: str | None = None


#: The §4 table (kiosk policy).
RANGES: tuple[Range, ...] = (
    Range("spo2", "%", (0, 100), (70, 100)),
    Range("pulse_rate", "/min", (0, 350), (25, 250)),
    Range("heart_rate", "/min", (0, 350), (25, 250)),
    Range("perfusion_index", "%", (0, 100), (0.02, 20)),
    Range("systolic_bp", "mm[Hg]", (0, 350), (60, 260)),
    Range("diastolic_bp", "mm[Hg]", (0, 300), (30, 150)),
    Range("mean_bp", "mm[Hg]", (0, 300), (40, 200)),
    Range("cuff_pressure", "mm[Hg]", (0, 350), None),
    Range("body_temp", "Cel", (20, 45), (34.0, 42.0)),
    Range("body_weight", "kg", (0, 500), (0.5, 250)),
    Range("body_height", "cm", (0, 300), (40, 220)),
    Range("bmi", "kg/m2", (0, 200), (10, 70)),
    Range("body_fat", "%", (0, 100), (3, 70)),
    Range("glucose", "mmol/L", (0, 100), (1.1, 33.3)),
    Range("resp_rate", "/min", (0, 150), (6, 80)),
    Range("lab", "%", (0, 30), (3, 18), code="HbA1c"),
    Range("lab", "g/dL", (0, 30), (3, 22), code="HGB"),
)


@dataclasses.dataclass(frozen=True, slots=True)
class CheckContext:
    """What else is known: the other BP value (mm[Hg] as labelled), a recent weight (kg)."""

    recent_weight_kg: float | None = None
    systolic_bp: float | None = None
    diastolic_bp: float | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class Plausibility:
    verdict: Verdict
    reasons: tuple[Reason, ...]
    value: float
    unit: str
    canonical_value: float | None
    canonical_unit: str | None


def find_range(reading_type: str, code: str | None = None) -> Range | None:
    for row in RANGES:
        if row.reading_type != reading_type:
            continue
        if row.code is None or row.code.casefold() == (code or "").casefold():
            return row
    return None


def _outside(
    value: float, bounds: tuple[float, float], below: Reason, above: Reason
) -> list[Reason]:
    low, high = bounds
    return [below] if value < low else [above] if value > high else []


def _range_reasons(row: Range, value: float) -> tuple[Verdict, list[Reason]]:
    reasons = _outside(value, row.impossible, Reason.BELOW_POSSIBLE, Reason.ABOVE_POSSIBLE)
    if reasons:
        return Verdict.IMPOSSIBLE, reasons
    if row.confirm is not None:
        reasons = _outside(value, row.confirm, Reason.BELOW_PLAUSIBLE, Reason.ABOVE_PLAUSIBLE)
    return (Verdict.CONFIRM if reasons else Verdict.OK), reasons


def _both_kpa_like(first: float | None, second: float | None) -> bool:
    return all(v is not None and 8 <= v <= 40 for v in (first, second))


def _matches_lb_kg(weight_kg: float, recent_kg: float | None) -> bool:
    if recent_kg is None or recent_kg <= 0:
        return False
    ratio = weight_kg / recent_kg
    return any(
        abs(ratio / factor - 1) <= WEIGHT_MATCH_TOLERANCE for factor in (LB_PER_KG, 1 / LB_PER_KG)
    )


def confusion_reasons(
    reading_type: str, value: float, unit: str, context: CheckContext
) -> list[Reason]:
    """The §4 unit-confusion patterns, on the value as given."""
    found: list[Reason] = []
    if reading_type == "body_temp" and unit == "Cel" and 93 <= value <= 110:
        found.append(Reason.PROBABLY_FAHRENHEIT)
    if (
        reading_type == "body_weight"
        and unit == "kg"
        and _matches_lb_kg(value, context.recent_weight_kg)
    ):
        found.append(Reason.LB_KG_MIXUP)
    if reading_type == "glucose" and unit == "mg/dL" and value < 30:
        found.append(Reason.PROBABLY_MMOL)
    if reading_type == "glucose" and unit == "mmol/L" and value > 40:
        found.append(Reason.PROBABLY_MG_DL)
    if (
        reading_type == "systolic_bp"
        and unit == "mm[Hg]"
        and _both_kpa_like(value, context.diastolic_bp)
    ):
        found.append(Reason.PROBABLY_KPA)
    if (
        reading_type == "diastolic_bp"
        and unit == "mm[Hg]"
        and _both_kpa_like(context.systolic_bp, value)
    ):
        found.append(Reason.PROBABLY_KPA)
    if reading_type == "body_height" and unit == "cm" and 1.2 <= value <= 2.2:
        found.append(Reason.PROBABLY_METRES)
    return found


def check(
    reading_type: str,
    value: float,
    unit: str,
    *,
    code: str | None = None,
    context: CheckContext | None = None,
) -> Plausibility:
    """Judge one reading against §4 (unit confusion first, then ranges; §3)."""
    row = find_range(reading_type, code)
    if not math.isfinite(value):
        return Plausibility(Verdict.IMPOSSIBLE, (Reason.NOT_FINITE,), value, unit, None, None)
    if row is None:
        return Plausibility(Verdict.OK, (Reason.NO_RANGE,), value, unit, None, None)
    try:
        canonical, canonical_unit = to_canonical(reading_type, value, unit, code=code)
    except UnsupportedConversion:
        unconvertible = (Reason.UNIT_NOT_CONVERTIBLE,)
        return Plausibility(Verdict.IMPOSSIBLE, unconvertible, value, unit, None, row.unit)
    confusion = confusion_reasons(reading_type, value, unit, context or CheckContext())
    verdict, range_reasons = _range_reasons(row, canonical)
    if confusion and verdict is Verdict.OK:
        verdict = Verdict.CONFIRM
    reasons = tuple(confusion + range_reasons)
    return Plausibility(verdict, reasons, value, unit, canonical, canonical_unit)


def _bp_reasons(systolic: float, diastolic: float, mean: float | None) -> list[Reason]:
    found: list[Reason] = []
    if not systolic > diastolic:
        found.append(Reason.SYSTOLIC_NOT_ABOVE_DIASTOLIC)
    if systolic - diastolic < 10:
        found.append(Reason.PULSE_PRESSURE_BELOW_10)
    if mean is not None and not diastolic <= mean <= systolic:
        found.append(Reason.MEAN_NOT_BETWEEN)
    if _both_kpa_like(systolic, diastolic):
        found.append(Reason.PROBABLY_KPA)
    return found


def bmi_from(weight_kg: float, height_cm: float) -> float:
    return weight_kg / (height_cm / 100) ** 2


def _bmi_mismatch(readings: Mapping[str, float]) -> bool:
    try:
        weight, height, bmi = readings["body_weight"], readings["body_height"], readings["bmi"]
    except KeyError:
        return False
    return height > 0 and abs(bmi_from(weight, height) - bmi) > 1


def cross_check(readings: Mapping[str, float]) -> list[Reason]:
    """§3 cross-checks of one encounter's readings, all in the §4 table units.

    Rules whose readings are absent are skipped; so is the BMI rule for a height ≤ 0.
    """
    found: list[Reason] = []
    systolic, diastolic = readings.get("systolic_bp"), readings.get("diastolic_bp")
    if systolic is not None and diastolic is not None:
        found += _bp_reasons(systolic, diastolic, readings.get("mean_bp"))
    if _bmi_mismatch(readings):
        found.append(Reason.BMI_MISMATCH)
    return found
