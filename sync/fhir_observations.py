"""Readings → vital-signs and laboratory Observations (fhir-mapping.md §3.3, §3.4). Pure.

- LOINC (+ MDC when a device made it), UCUM in the profile's unit, ``meta.profile``;
- BP is one panel Observation with components, never loose values;
- a device reading: identifier ``device-reading``, id ``uuid5`` of it, ``device``, gateway
  extension; a typed one: no device, ``performer`` display and the note "entered by hand";
- an implausible value the nurse confirmed (clinical.md §3): ``interpretation``
  ``v3-ObservationInterpretation`` H / L / A (on the component for BP) and a note;
- a lab result whose analyzer code has no LOINC: the local ``{base}CodeSystem/lab-code``;
- the device's battery level when it sent the value (``Reading.device_battery``, issue 5):
  R4 has no Device property for it, and a component would break the vital-signs profiles
  (their components are the measured values), so it is sent only when it matters to the
  reader: below :data:`LOW_BATTERY_PERCENT`, as the note "device battery N % (low)". Every
  level stays in the kiosk store (``readings.device_battery``); the firmware revision goes
  on the Device (``Device.version``, :mod:`sync.fhir_registration`).

:func:`reading_entries` returns each entry with the ids of the readings it carries, so the
score Observations can point at them (``derivedFrom``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from kiosk.domain import Encounter, Reading, Source
from kiosk.store.encounter_records import Check
from sync import fhir_codes as codes
from sync.fhir_common import (
    CLOCK_TOLERANCE,
    MANUAL_NOTE,
    Json,
    MappingError,
    code_system,
    device_identifier,
    fhir_time,
    put_entry,
    reading_device_key,
    reading_resource_id,
    sid,
)

INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
_INTERPRETATION_DISPLAY = {"H": "High", "L": "Low", "A": "Abnormal"}
#: plausibility reasons (kiosk.clinical.plausibility.Reason) with their own direction
_DIRECTION = {"above_plausible": "H", "below_plausible": "L"}
#: a device reading taken below this battery level (percent) gets a note (module docstring)
LOW_BATTERY_PERCENT = 20


@dataclasses.dataclass(frozen=True, slots=True)
class ObsContext:
    base: str
    site: str
    encounter: Encounter
    encounter_ref: str
    subject: Json
    device_refs: Mapping[str, str]
    kiosk: Json
    checks: Mapping[str, Check] = dataclasses.field(default_factory=dict)
    #: reading id → the Observation id an earlier version already used for it
    ids: Mapping[str, str] = dataclasses.field(default_factory=dict)


def reference(resource_type: str, server_id: str | None, identifier: Json) -> Json:
    if server_id:
        return {"reference": f"{resource_type}/{server_id}"}
    return {"type": resource_type, "identifier": identifier}


def reading_entries(ctx: ObsContext) -> list[tuple[Json, tuple[str, ...]]]:
    """Every sendable reading as a PUT entry, with the reading ids behind it, no repeats."""
    readings = sorted(ctx.encounter.readings, key=lambda r: (r.kiosk_time, r.id))
    found: list[tuple[Json, tuple[str, ...]]] = [
        (_simple_observation(reading, ctx), (reading.id,))
        for reading in readings
        if reading.type not in codes.NOT_SENT and reading.type not in codes.BP_TYPES
    ]
    found += [
        (_bp_observation(group, ctx), tuple(r.id for r in group.values()))
        for group in _bp_groups(readings)
    ]
    merged: dict[str, tuple[Json, tuple[str, ...]]] = {}
    for entry, ids in found:  # the same reading twice maps to one id (§3.4)
        url = entry["fullUrl"]
        merged[url] = (merged[url][0], merged[url][1] + ids) if url in merged else (entry, ids)
    return list(merged.values())


def _codeable(system: str, codings: Iterable[codes.Coding]) -> list[Json]:
    return [{"system": system, "code": code, "display": display} for code, display in codings]


def _skeleton(ctx: ObsContext, profile: str | None, code: list[Json], category: str) -> Json:
    obs: Json = {}
    if profile:
        obs["meta"] = {"profile": [codes.PROFILE_BASE + profile]}
    obs["status"] = "final"
    obs["category"] = [{"coding": [{"system": codes.OBSERVATION_CATEGORY, "code": category}]}]
    obs["code"] = {"coding": code}
    obs["subject"] = ctx.subject
    obs["encounter"] = {"reference": f"Encounter/{ctx.encounter_ref}"}
    return obs


def _simple_observation(reading: Reading, ctx: ObsContext) -> Json:
    """Every reading type except BP (§3.3 table): LOINC (+ MDC when a device made it)."""
    vital = codes.VITALS.get(reading.type)
    if vital is not None:
        mdc = vital.mdc
        if reading.type == "pulse_rate" and reading.device_key in _cuff_keys(ctx):
            mdc = codes.PULSE_FROM_CUFF
        unit, display = vital.unit, vital.unit_display or codes.UNIT_DISPLAY[vital.unit]
        coding, profile, category = (
            _codeable(codes.LOINC, vital.loinc),
            vital.profile,
            "vital-signs",
        )
        key = (mdc or vital.loinc[0])[0]
    else:
        coding, mdc, unit, key = _laboratory_codes(reading, ctx.base)
        display, profile, category = codes.UNIT_DISPLAY.get(unit, unit), None, "laboratory"
    if mdc is not None and reading.source is Source.DEVICE:
        coding += _codeable(codes.MDC, [mdc])
    obs = _skeleton(ctx, profile, coding, category)
    obs.update(_timing(reading))
    obs["valueQuantity"] = _quantity(reading, unit, display)
    interpretation = _interpretation(ctx.checks.get(reading.id))
    if interpretation:
        obs["interpretation"] = interpretation
    return _with_provenance(obs, [reading], key, ctx)


def _cuff_keys(ctx: ObsContext) -> frozenset[str]:
    readings = ctx.encounter.readings
    return frozenset(r.device_key for r in readings if r.type in codes.BP_TYPES and r.device_key)


def _laboratory_codes(
    reading: Reading, base: str
) -> tuple[list[Json], codes.Coding | None, str, str]:
    """(code.coding, MDC, UCUM unit, identifier key) of a glucose or analyzer result."""
    if reading.type == "glucose":
        found = codes.GLUCOSE_BY_UNIT.get(reading.unit or "")
        if found is None:
            raise MappingError(f"glucose in unit {reading.unit!r}", "Observation.valueQuantity")
        mdc = codes.GLUCOSE_MDC
        return _codeable(codes.LOINC, [found]), mdc, str(reading.unit), mdc[0]
    if reading.type == "lab":
        if not reading.code or not reading.unit:
            raise MappingError("a lab result needs its analyzer code and unit", "Observation.code")
        local = {"system": code_system(base, "lab-code"), "code": reading.code}
        lab = codes.LAB_BY_CODE.get(reading.code)
        if lab is None:  # no LOINC for this analyzer code: the local code system only
            return [{**local, "display": reading.code}], None, reading.unit, reading.code
        return [*_codeable(codes.LOINC, [lab]), local], None, reading.unit, lab[0]
    raise MappingError(f"no FHIR mapping for reading type {reading.type!r}", "Observation.code")


def _bp_groups(readings: Sequence[Reading]) -> list[dict[str, Reading]]:
    """Pair systolic/diastolic (+ mean) of the same source and device, in time order."""
    buckets: dict[tuple[str, str], dict[str, list[Reading]]] = {}
    for reading in readings:
        if reading.type in codes.BP_TYPES:
            bucket = buckets.setdefault((str(reading.source), reading.device_key or ""), {})
            bucket.setdefault(reading.type, []).append(reading)
    groups = []
    for bucket in buckets.values():
        for index in range(max(len(found) for found in bucket.values())):
            group = {t: found[index] for t, found in bucket.items() if index < len(found)}
            groups.append(group)
    return groups


def _bp_observation(group: Mapping[str, Reading], ctx: ObsContext) -> Json:
    """BP is one Observation with components, never loose values (§3.3, §8.1)."""
    ordered = [group[t] for t in codes.BP_COMPONENTS if t in group]
    first = ordered[0]
    complete = "systolic_bp" in group and "diastolic_bp" in group
    device_made = first.source is Source.DEVICE
    coding = _codeable(codes.LOINC, [codes.BP_PANEL_LOINC])
    if device_made:
        coding += _codeable(codes.MDC, [codes.BP_PANEL_MDC])
    obs = _skeleton(ctx, "bp" if complete else None, coding, "vital-signs")
    obs.update(_timing(first))
    obs["component"] = [_bp_component(reading, device_made, ctx) for reading in ordered]
    return _with_provenance(obs, ordered, codes.BP_PANEL_MDC[0], ctx)


def _bp_component(reading: Reading, device_made: bool, ctx: ObsContext) -> Json:
    loinc, mdc = codes.BP_COMPONENTS[reading.type]
    coding = _codeable(codes.LOINC, [loinc]) + (_codeable(codes.MDC, [mdc]) if device_made else [])
    component: Json = {
        "code": {"coding": coding},
        "valueQuantity": _quantity(reading, "mm[Hg]", "mmHg"),
    }
    interpretation = _interpretation(ctx.checks.get(reading.id))
    if interpretation:
        component["interpretation"] = interpretation
    return component


def _quantity(reading: Reading, unit: str, display: str) -> Json:
    """``valueQuantity`` in the profile's unit, converted once from the original (§3.3)."""
    if reading.value is None:
        raise MappingError(f"{reading.type} has no value", "Observation.valueQuantity")
    value: float | int = reading.value
    if reading.unit != unit:
        conversion = codes.CONVERSIONS.get((reading.unit or "", unit))
        if conversion is None:
            raise MappingError(
                f"{reading.type}: cannot convert {reading.unit!r} to {unit!r}",
                "Observation.valueQuantity",
            )
        value = round(conversion.factor(float(value)), conversion.digits)
    if isinstance(value, float) and value.is_integer() and reading.unit == unit:
        value = int(value)
    return {"value": value, "unit": display, "system": codes.UCUM, "code": unit}


# --- plausibility (clinical.md §3, fhir-mapping.md §3.3) ---------------------------------


def _interpretation(check: Check | None) -> list[Json]:
    """H / L for a value above / below the plausible range, A for any other reason."""
    if check is None or check.verdict != "implausible":
        return []
    found = dict.fromkeys(_DIRECTION.get(reason, "A") for reason in check.reasons or ("",))
    return [
        {"coding": [{"system": INTERPRETATION, "code": c, "display": _INTERPRETATION_DISPLAY[c]}]}
        for c in found
    ]


def plausibility_note(reading: Reading, check: Check | None) -> str | None:
    if check is None or check.verdict != "implausible":
        return None
    why = ", ".join(check.reasons) or "outside the plausible range"
    if check.confirmed_by:
        when = f" at {check.confirmed_at}" if check.confirmed_at else ""
        return f"implausible {reading.type} ({why}) confirmed by {check.confirmed_by}{when}"
    return f"implausible {reading.type} ({why}), not confirmed (saved before checks existed)"


# --- time and provenance (§3.3, §3.4) ----------------------------------------------------


def _timing(reading: Reading) -> Json:
    """``effectiveDateTime`` with a zone (§3.3), plus a clock note when needed (§3.4)."""
    moment, note = _effective(reading)
    timing: Json = {"effectiveDateTime": fhir_time(moment)}
    if note:
        timing["note"] = [{"text": note}]
    return timing


def _device_wall_clock(reading: Reading) -> dt.datetime | None:
    if not reading.device_time:
        return None
    try:
        return dt.datetime.fromisoformat(reading.device_time)
    except ValueError:
        return None


def _effective(reading: Reading) -> tuple[dt.datetime, str | None]:
    """The device's time if its clock agrees with the kiosk's, else the receive time.

    A device time without a zone is read in the zone offset (whole quarter hours) that
    brings it closest to the kiosk's UTC receive time; it counts only when what is left
    is within :data:`CLOCK_TOLERANCE`.
    """
    kiosk = reading.kiosk_time
    device = _device_wall_clock(reading)
    if device is None:
        return kiosk, None
    if device.utcoffset() is not None:
        off = abs(device - kiosk)
        note = f"device clock differs from the kiosk by {off}" if off > CLOCK_TOLERANCE else None
        return device, note
    drift = device - kiosk.replace(tzinfo=None)
    quarter = dt.timedelta(minutes=15)
    offset = round(drift / quarter) * quarter
    if abs(offset) <= dt.timedelta(hours=14) and abs(drift - offset) <= CLOCK_TOLERANCE:
        return device.replace(tzinfo=dt.timezone(offset)), None
    return kiosk, f"device clock read {reading.device_time}; the kiosk receive time is used"


def _stamp(reading: Reading) -> str:
    """``YYYYMMDDThhmmss`` of the device's own clock, else the kiosk receive time (§3.4)."""
    moment = _device_wall_clock(reading) or reading.kiosk_time
    return moment.strftime("%Y%m%dT%H%M%S")


def _with_provenance(obs: Json, readings: Sequence[Reading], key: str, ctx: ObsContext) -> Json:
    """Device readings: identifier, id, device, gateway; manual ones: performer + note."""
    first = readings[0]
    flags = list(dict.fromkeys(flag for r in readings for flag in r.flags))
    if flags:
        obs.setdefault("component", []).extend(_flag_component(flag, ctx.base) for flag in flags)
    notes = [n for r in readings if (n := plausibility_note(r, ctx.checks.get(r.id)))]
    notes += [n for n in (battery_note(readings),) if n]
    obs["note"] = [*obs.get("note", []), *({"text": n} for n in notes)]
    if first.source is Source.MANUAL or not first.device_key:
        obs["performer"] = [{"display": f"nurse, {ctx.site}"}]
        obs["note"].append({"text": MANUAL_NOTE})
        return put_entry("Observation", ctx.ids.get(first.id, first.id), obs)
    if not obs["note"]:
        del obs["note"]
    system = sid(ctx.base, "device-reading")
    patient = ctx.encounter.patient_id
    value = f"{reading_device_key(first.device_key)}-{patient}-{key}-{_stamp(first)}"
    obs["identifier"] = [{"system": system, "value": value}]
    device_key = first.device_key
    identifier = device_identifier(device_key, ctx.base)
    obs["device"] = reference("Device", ctx.device_refs.get(device_key), identifier)
    obs["extension"] = [{"url": codes.GATEWAY_EXTENSION, "valueReference": ctx.kiosk}]
    resource_id = ctx.ids.get(first.id) or reading_resource_id(system, value)
    return put_entry("Observation", resource_id, obs)


def battery_note(readings: Sequence[Reading]) -> str | None:
    """The note for values a device sent below :data:`LOW_BATTERY_PERCENT` (its lowest
    level among them), else None."""
    levels = [r.device_battery for r in readings if r.device_battery is not None]
    if not levels or min(levels) >= LOW_BATTERY_PERCENT:
        return None
    return f"device battery {min(levels)} % (low)"


def _flag_component(flag: str, base: str) -> Json:
    """A device status flag in the PHD style, project CodeSystem until ASN1ToHL7 (§3.3)."""
    return {
        "code": {
            "coding": [{"system": code_system(base, "reading-flag"), "code": flag}],
            "text": flag,
        },
        "valueCodeableConcept": {
            "coding": [{"system": codes.V2_YES_NO, "code": "Y", "display": "Yes"}]
        },
    }
