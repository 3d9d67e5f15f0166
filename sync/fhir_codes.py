"""Code tables for the FHIR mapping: LOINC, MDC, UCUM and vital-signs profiles.

Pure data (fhir-mapping.md §3.3 "Codes for every reading type", clinical.md §5 for the unit
conversions). :mod:`sync.fhir_mapping` reads these tables; nothing here does I/O.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

LOINC = "http://loinc.org"
MDC = "urn:iso:std:iso:11073:10101"
UCUM = "http://unitsofmeasure.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
V3_ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
V2_YES_NO = "http://terminology.hl7.org/CodeSystem/v2-0136"
PROFILE_BASE = "http://hl7.org/fhir/StructureDefinition/"
GATEWAY_EXTENSION = "http://hl7.org/fhir/StructureDefinition/observation-gatewayDevice"
BLUETOOTH_SYSTEM = "http://hl7.org/fhir/sid/eui-48/bluetooth"
CONTINUA_IDS = "http://hl7.org/fhir/uv/phd/CodeSystem/ContinuaDeviceIdentifiers"

#: Display text sent with each UCUM code (§8.1 uses "beats/minute", "mmHg", "°C").
UNIT_DISPLAY: dict[str, str] = {
    "%": "%",
    "/min": "beats/minute",
    "Cel": "°C",
    "kg": "kg",
    "cm": "cm",
    "kg/m2": "kg/m2",
    "mm[Hg]": "mmHg",
    "mg/dL": "mg/dL",
    "mmol/L": "mmol/L",
    "g/dL": "g/dL",
    "mg/L": "mg/L",
    "mg/g": "mg/g",
}

Coding = tuple[str, str]  # (code, display)


@dataclasses.dataclass(frozen=True, slots=True)
class Conversion:
    """From a device unit to the profile's unit (clinical.md §5), rounded to ``digits``."""

    factor: Callable[[float], float]
    digits: int


def _scale(k: float) -> Callable[[float], float]:
    return lambda v: v * k


#: (from unit, to unit) -> conversion. Identity conversions are implicit.
CONVERSIONS: dict[tuple[str, str], Conversion] = {
    ("[degF]", "Cel"): Conversion(lambda f: (f - 32.0) * 5.0 / 9.0, 2),
    ("[lb_av]", "kg"): Conversion(_scale(0.45359237), 3),
    ("g", "kg"): Conversion(_scale(0.001), 3),
    ("m", "cm"): Conversion(_scale(100.0), 1),
    ("[in_i]", "cm"): Conversion(_scale(2.54), 1),
    ("mm", "cm"): Conversion(_scale(0.1), 1),
    ("kPa", "mm[Hg]"): Conversion(_scale(7.50062), 1),
    ("/s", "/min"): Conversion(_scale(60.0), 1),
}


@dataclasses.dataclass(frozen=True, slots=True)
class VitalCode:
    """How one reading type becomes an Observation (fhir-mapping.md §3.3 table)."""

    loinc: tuple[Coding, ...]
    mdc: Coding | None
    unit: str
    profile: str | None
    category: str = "vital-signs"
    unit_display: str | None = None


VITALS: dict[str, VitalCode] = {
    "spo2": VitalCode(
        (
            ("2708-6", "Oxygen saturation in Arterial blood"),
            ("59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry"),
        ),
        ("150456", "MDC_PULS_OXIM_SAT_O2"),
        "%",
        "oxygensat",
    ),
    "pulse_rate": VitalCode(
        (("8867-4", "Heart rate"),), ("149530", "MDC_PULS_OXIM_PULS_RATE"), "/min", "heartrate"
    ),
    "heart_rate": VitalCode(
        (("8867-4", "Heart rate"),), ("147842", "MDC_ECG_HEART_RATE"), "/min", "heartrate"
    ),
    "perfusion_index": VitalCode(
        (("61006-3", "Perfusion index Blood Postductal Pulse oximetry"),),
        ("150488", "MDC_BLD_PERF_INDEX"),
        "%",
        None,
    ),
    "body_temp": VitalCode(
        (("8310-5", "Body temperature"),), ("150364", "MDC_TEMP_BODY"), "Cel", "bodytemp"
    ),
    "body_weight": VitalCode(
        (("29463-7", "Body weight"),), ("188736", "MDC_MASS_BODY_ACTUAL"), "kg", "bodyweight"
    ),
    "body_height": VitalCode(
        (("8302-2", "Body height"),), ("188740", "MDC_LEN_BODY_ACTUAL"), "cm", "bodyheight"
    ),
    "bmi": VitalCode(
        (("39156-5", "Body mass index (BMI) [Ratio]"),),
        ("188752", "MDC_RATIO_MASS_BODY_LEN_SQ"),
        "kg/m2",
        "bmi",
    ),
    "body_fat": VitalCode(
        (("41982-0", "Percentage of body fat Measured"),), ("188748", "MDC_BODY_FAT"), "%", None
    ),
    "resp_rate": VitalCode(
        (("9279-1", "Respiratory rate"),),
        ("151562", "MDC_RESP_RATE"),
        "/min",
        "resprate",
        unit_display="breaths/minute",
    ),
}

#: The pulse from a BP cuff (same device as a BP reading): MDC_PULS_RATE_NON_INV.
PULSE_FROM_CUFF: Coding = ("149546", "MDC_PULS_RATE_NON_INV")

#: Blood pressure: one panel Observation with components (fhir-mapping.md §3.3).
BP_PANEL_LOINC: Coding = ("85354-9", "Blood pressure panel with all children optional")
BP_PANEL_MDC: Coding = ("150020", "MDC_PRESS_BLD_NONINV")
BP_COMPONENTS: dict[str, tuple[Coding, Coding]] = {
    "systolic_bp": (("8480-6", "Systolic blood pressure"), ("150021", "MDC_PRESS_BLD_NONINV_SYS")),
    "diastolic_bp": (
        ("8462-4", "Diastolic blood pressure"),
        ("150022", "MDC_PRESS_BLD_NONINV_DIA"),
    ),
    "mean_bp": (
        ("8478-0", "Mean blood pressure"),
        ("150023", "MDC_PRESS_BLD_NONINV_MEAN"),
    ),
}
BP_TYPES = frozenset(BP_COMPONENTS)

#: Glucose: the LOINC depends on the unit measured (capillary glucometer).
GLUCOSE_MDC: Coding = ("160184", "MDC_CONC_GLU_CAPILLARY_WHOLEBLOOD")
GLUCOSE_BY_UNIT: dict[str, Coding] = {
    "mg/dL": ("41653-7", "Glucose [Mass/volume] in Capillary blood by Glucometer"),
    "mmol/L": ("14743-9", "Glucose [Moles/volume] in Capillary blood by Glucometer"),
}

#: Analyzer results (``type: lab``) by the analyzer's test code.
LAB_BY_CODE: dict[str, Coding] = {
    "HbA1c": ("4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood"),
    "HGB": ("718-7", "Hemoglobin [Mass/volume] in Blood"),
    "Alb": ("14957-5", "Microalbumin [Mass/volume] in Urine"),
    "Crt": ("2161-8", "Creatinine [Mass/volume] in Urine"),
    "Ratio": ("14959-1", "Microalbumin/Creatinine [Mass Ratio] in Urine"),
}

#: Types that never become an Observation (progress values, status words, waveforms).
NOT_SENT = frozenset({"status", "cuff_pressure", "pleth"})
