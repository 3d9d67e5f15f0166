"""Unit conversions and display rounding (clinical.md §5), keyed by UCUM codes.

Rules of §5 this module follows:

- convert from the **original** value exactly once, and round only for display
  (:func:`display_value`); never convert a rounded display value back;
- ``mmol/L`` ↔ ``mg/dL`` is the *glucose* conversion with the project constant 18.016
  (1 mmol/L = 18.016 mg/dL); glucose is the only molar concentration the kiosk converts;
- ``%`` ↔ ``mmol/mol`` is the HbA1c NGSP ↔ IFCC master equation, the only use of that pair.

Linear units of one dimension convert through a base unit, so every pair within a
dimension works (``g`` → ``[lb_av]``, ``[in_i]`` → ``m``, ``g/dL`` → ``g/L``, ...).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from decimal import ROUND_HALF_UP, Decimal

#: 1 mmol/L of glucose in mg/dL (§5, project constant: molar mass 180.16 g/mol).
GLUCOSE_MG_DL_PER_MMOL_L = 18.016
#: 1 mmHg in kPa (§5: 101.325 / 760 ≈ 0.1333224; its inverse ≈ 7.50062).
KPA_PER_MMHG = 101.325 / 760
#: 1 international avoirdupois pound in kg (§5, exact).
KG_PER_LB = 0.45359237
#: 1 international inch in cm (§5, exact).
CM_PER_INCH = 2.54

# Linear units: dimension -> unit -> size of the unit in the dimension's base unit.
_LINEAR: Mapping[str, Mapping[str, float]] = {
    "pressure": {"kPa": 1.0, "mm[Hg]": KPA_PER_MMHG},
    "mass": {"kg": 1.0, "g": 0.001, "[lb_av]": KG_PER_LB},
    "length": {"cm": 1.0, "m": 100.0, "[in_i]": CM_PER_INCH},
    "mass_concentration": {"g/L": 1.0, "g/dL": 10.0, "mg/dL": 0.01},
}

_Affine = Callable[[float], float]

# Pairs that are not a plain factor within one dimension.
_SPECIAL: Mapping[tuple[str, str], _Affine] = {
    ("Cel", "[degF]"): lambda c: c * 9 / 5 + 32,
    ("[degF]", "Cel"): lambda f: (f - 32) * 5 / 9,
    ("mmol/L", "mg/dL"): lambda mmol: mmol * GLUCOSE_MG_DL_PER_MMOL_L,
    ("mg/dL", "mmol/L"): lambda mg: mg / GLUCOSE_MG_DL_PER_MMOL_L,
    ("%", "mmol/mol"): lambda ngsp: (ngsp - 2.15) * 10.929,
    ("mmol/mol", "%"): lambda ifcc: ifcc / 10.929 + 2.15,
}

#: The unit of the plausibility table (§4) for each reading type; ``lab`` is per code.
CANONICAL_UNITS: Mapping[str, str] = {
    "spo2": "%",
    "pulse_rate": "/min",
    "heart_rate": "/min",
    "perfusion_index": "%",
    "systolic_bp": "mm[Hg]",
    "diastolic_bp": "mm[Hg]",
    "mean_bp": "mm[Hg]",
    "cuff_pressure": "mm[Hg]",
    "body_temp": "Cel",
    "body_weight": "kg",
    "body_height": "cm",
    "bmi": "kg/m2",
    "body_fat": "%",
    "glucose": "mmol/L",
    "resp_rate": "/min",
}
#: Canonical units of ``lab`` readings by analyzer test code (§4), keys case-folded.
LAB_CANONICAL_UNITS: Mapping[str, str] = {"hba1c": "%", "hgb": "g/dL"}

# Display rounding, in decimal places (§5; the entries marked "kiosk" are our own choice,
# the reference is silent on them). Units not listed use _GENERAL_PLACES, zeros stripped.
_DISPLAY_PLACES: Mapping[str, int] = {
    "mm[Hg]": 0,
    "mg/dL": 0,
    "kPa": 1,
    "Cel": 1,
    "[degF]": 1,
    "mmol/L": 1,
    "/min": 0,  # kiosk
    "[lb_av]": 1,  # kiosk
    "g": 0,  # kiosk
    "cm": 1,  # kiosk
    "m": 2,  # kiosk
    "[in_i]": 1,  # kiosk
    "kg/m2": 1,  # kiosk
    "g/dL": 1,  # kiosk
    "g/L": 0,  # kiosk
    "mmol/mol": 0,  # kiosk (§5 check values are whole mmol/mol)
}
_GENERAL_PLACES = 2


class UnsupportedConversion(ValueError):
    """No conversion is defined between the two UCUM units (or for the reading type)."""


def _dimension_of(unit: str) -> str | None:
    for dimension, units in _LINEAR.items():
        if unit in units:
            return dimension
    return None


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """``value`` in ``from_unit`` expressed in ``to_unit`` (§5); unrounded.

    Raises :class:`UnsupportedConversion` for a pair §5 does not define.
    """
    if from_unit == to_unit:
        return float(value)
    special = _SPECIAL.get((from_unit, to_unit))
    if special is not None:
        return special(float(value))
    dimension = _dimension_of(from_unit)
    if dimension is None or dimension != _dimension_of(to_unit):
        raise UnsupportedConversion(f"no conversion from {from_unit!r} to {to_unit!r}")
    units = _LINEAR[dimension]
    return float(value) * units[from_unit] / units[to_unit]


def canonical_unit(reading_type: str, *, code: str | None = None) -> str:
    """The §4 table unit of a reading type (``lab`` needs its ``code``)."""
    if reading_type == "lab":
        unit = LAB_CANONICAL_UNITS.get((code or "").casefold())
    else:
        unit = CANONICAL_UNITS.get(reading_type)
    if unit is None:
        raise UnsupportedConversion(f"no canonical unit for {reading_type!r} (code {code!r})")
    return unit


def to_canonical(
    reading_type: str, value: float, unit: str, *, code: str | None = None
) -> tuple[float, str]:
    """``(value, unit)`` in the unit of the plausibility table (§4) for ``reading_type``."""
    target = canonical_unit(reading_type, code=code)
    return convert(value, unit, target), target


def round_half_up(value: float, places: int) -> Decimal:
    """``value`` rounded to ``places`` decimals, half away from zero, as written in decimal.

    Uses the shortest decimal text of the float (``repr``), so 35.05 rounds to 35.1 even
    though the binary double is a hair below 35.05.
    """
    if not math.isfinite(value):
        raise ValueError(f"cannot round a non-finite value {value!r}")
    rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return rounded.copy_abs() if rounded == 0 else rounded  # never show "-0.0"


def _kg_places(value: float) -> int:
    # §5: kg to 0.1, but 0.01 under 10 kg. 9.996 kg rounds to 10.00, which is not under
    # 10 kg any more, so it shows as 10.0 (kiosk choice).
    return 2 if abs(round_half_up(value, 2)) < 10 else 1


def display_value(value: float, unit: str) -> str:
    """``value`` as text for the screen, rounded half up per §5 (no unit symbol)."""
    if unit == "kg":
        return str(round_half_up(value, _kg_places(value)))
    places = _DISPLAY_PLACES.get(unit)
    if places is not None:
        return str(round_half_up(value, places))
    text = format(round_half_up(value, _GENERAL_PLACES), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
