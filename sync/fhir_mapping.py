"""Stored records → FHIR R4 transaction Bundles (fhir-mapping.md §1-§3, §8).

Pure functions: no I/O, no clock reads (every time comes from the stored records), no
hidden state. The same input always gives the identical dict, so a re-sent bundle is
byte-for-byte the one the server may already hold (§1 principle 2).

- :func:`patient_bundle`: ``register-patient`` (§3.1) — ``PUT Patient/{uuid}``.
- :func:`device_bundle`: ``register-device`` (§3.4, §8.2) — ``POST`` + ``ifNoneExist``.
- :func:`encounter_bundle`: ``encounter`` (§3.2, §3.3, §8.1) — plain ``PUT``s only.

The identifier base (§2) is always an argument (``KioskConfig.identifier_base``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from kiosk.domain import Encounter, EncounterStatus, Reading, Source
from sync import fhir_codes as codes
from sync.fhir_common import (
    CLOCK_TOLERANCE,
    MANUAL_NOTE,
    NAMESPACE,
    Json,
    MappingError,
    device_identifier,
    fhir_time,
    kiosk_identifier,
    put_entry,
    reading_device_key,
    reading_resource_id,
    sid,
    transaction,
)
from sync.fhir_registration import (
    device_bundle,
    device_entry,
    kiosk_device_entry,
    patient_bundle,
    patient_resource,
)

__all__ = [
    "NAMESPACE",
    "MappingError",
    "device_bundle",
    "device_entry",
    "encounter_bundle",
    "kiosk_device_entry",
    "patient_bundle",
    "patient_resource",
    "reading_resource_id",
]


# --- Encounter (§3.2) -------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class _Context:
    base: str
    site: str
    encounter: Encounter
    subject: Json
    device_refs: Mapping[str, str]
    kiosk: Json
    cuff_keys: frozenset[str]


def _reference(resource_type: str, server_id: str | None, identifier: Json) -> Json:
    if server_id:
        return {"reference": f"{resource_type}/{server_id}"}
    return {"type": resource_type, "identifier": identifier}


def encounter_bundle(
    encounter: Encounter,
    patient_ref: str,
    device_refs: Mapping[str, str],
    kiosk_ref: str | None,
    base: str,
    site: str,
) -> Json:
    """One closed encounter as one transaction of plain PUTs (§1, §3.2, §3.3, §8.1).

    ``patient_ref`` is the Patient's server id, ``device_refs`` maps device keys to their
    server ids, ``kiosk_ref`` is the kiosk Device's server id; a device without a known
    server id is referred to by its identifier.
    """
    if encounter.status is not EncounterStatus.FINISHED or encounter.ended_at is None:
        raise MappingError("only a finished encounter is sent", "Encounter.status")
    ctx = _Context(
        base=base,
        site=site,
        encounter=encounter,
        subject={"reference": f"Patient/{patient_ref}"},
        device_refs=device_refs,
        kiosk=_reference("Device", kiosk_ref, kiosk_identifier(base, site)),
        cuff_keys=frozenset(
            r.device_key for r in encounter.readings if r.type in codes.BP_TYPES and r.device_key
        ),
    )
    entries = [put_entry("Encounter", encounter.id, _encounter_resource(ctx))]
    seen: set[str] = set()
    for entry in _observation_entries(ctx):
        if entry["fullUrl"] not in seen:  # the same reading twice maps to one id (§3.4)
            seen.add(entry["fullUrl"])
            entries.append(entry)
    return transaction(entries)


def _encounter_resource(ctx: _Context) -> Json:
    encounter = ctx.encounter
    assert encounter.ended_at is not None
    return {
        "identifier": [{"system": sid(ctx.base, "kiosk-encounter"), "value": encounter.number}],
        "status": "finished",
        "class": {"system": codes.V3_ACT_CODE, "code": "AMB", "display": "ambulatory"},
        "subject": ctx.subject,
        "period": {"start": fhir_time(encounter.started_at), "end": fhir_time(encounter.ended_at)},
    }


# --- Observations (§3.3, §3.4) ----------------------------------------------------------


def _observation_entries(ctx: _Context) -> list[Json]:
    readings = sorted(ctx.encounter.readings, key=lambda r: (r.kiosk_time, r.id))
    entries = [
        _simple_observation(reading, ctx)
        for reading in readings
        if reading.type not in codes.NOT_SENT and reading.type not in codes.BP_TYPES
    ]
    entries += [_bp_observation(group, ctx) for group in _bp_groups(readings)]
    return entries


def _codeable(system: str, codings: Iterable[codes.Coding]) -> list[Json]:
    return [{"system": system, "code": code, "display": display} for code, display in codings]


def _skeleton(ctx: _Context, profile: str | None, code: list[Json], category: str) -> Json:
    obs: Json = {}
    if profile:
        obs["meta"] = {"profile": [codes.PROFILE_BASE + profile]}
    obs["status"] = "final"
    obs["category"] = [{"coding": [{"system": codes.OBSERVATION_CATEGORY, "code": category}]}]
    obs["code"] = {"coding": code}
    obs["subject"] = ctx.subject
    obs["encounter"] = {"reference": f"Encounter/{ctx.encounter.id}"}
    return obs


def _simple_observation(reading: Reading, ctx: _Context) -> Json:
    """Every reading type except BP (§3.3 table): LOINC (+ MDC when a device made it)."""
    vital = codes.VITALS.get(reading.type)
    if vital is not None:
        mdc = vital.mdc
        if reading.type == "pulse_rate" and reading.device_key in ctx.cuff_keys:
            mdc = codes.PULSE_FROM_CUFF
        unit, display = vital.unit, vital.unit_display or codes.UNIT_DISPLAY[vital.unit]
        loinc, profile, category = vital.loinc, vital.profile, vital.category
    else:
        loinc, mdc, unit, category = _laboratory_codes(reading)
        display, profile = codes.UNIT_DISPLAY.get(unit, unit), None
    coding = _codeable(codes.LOINC, loinc)
    if mdc is not None and reading.source is Source.DEVICE:
        coding += _codeable(codes.MDC, [mdc])
    obs = _skeleton(ctx, profile, coding, category)
    obs.update(_timing(reading))
    obs["valueQuantity"] = _quantity(reading, unit, display)
    return _with_provenance(obs, [reading], mdc[0] if mdc else loinc[0][0], ctx)


def _laboratory_codes(reading: Reading) -> tuple[tuple[codes.Coding, ...], Any, str, str]:
    if reading.type == "glucose":
        found = codes.GLUCOSE_BY_UNIT.get(reading.unit or "")
        if found is None:
            raise MappingError(f"glucose in unit {reading.unit!r}", "Observation.valueQuantity")
        return (found,), codes.GLUCOSE_MDC, str(reading.unit), "laboratory"
    if reading.type == "lab":
        lab = codes.LAB_BY_CODE.get(reading.code or "")
        if lab is None or not reading.unit:
            raise MappingError(f"analyzer code {reading.code!r}", "Observation.code")
        return (lab,), None, reading.unit, "laboratory"
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


def _bp_observation(group: Mapping[str, Reading], ctx: _Context) -> Json:
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
    obs["component"] = [_bp_component(reading, device_made) for reading in ordered]
    return _with_provenance(obs, ordered, codes.BP_PANEL_MDC[0], ctx)


def _bp_component(reading: Reading, device_made: bool) -> Json:
    loinc, mdc = codes.BP_COMPONENTS[reading.type]
    coding = _codeable(codes.LOINC, [loinc]) + (_codeable(codes.MDC, [mdc]) if device_made else [])
    return {"code": {"coding": coding}, "valueQuantity": _quantity(reading, "mm[Hg]", "mmHg")}


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


def _with_provenance(obs: Json, readings: Sequence[Reading], mdc: str, ctx: _Context) -> Json:
    """Device readings: identifier, id, device, gateway; manual ones: performer + note."""
    first = readings[0]
    flags = list(dict.fromkeys(flag for r in readings for flag in r.flags))
    if flags:
        obs.setdefault("component", []).extend(_flag_component(flag, ctx.base) for flag in flags)
    if first.source is Source.MANUAL or not first.device_key:
        obs["performer"] = [{"display": f"nurse, {ctx.site}"}]
        obs["note"] = [*obs.get("note", []), {"text": MANUAL_NOTE}]
        return put_entry("Observation", first.id, obs)
    system = sid(ctx.base, "device-reading")
    patient = ctx.encounter.patient_id
    value = f"{reading_device_key(first.device_key)}-{patient}-{mdc}-{_stamp(first)}"
    obs["identifier"] = [{"system": system, "value": value}]
    key = first.device_key
    obs["device"] = _reference("Device", ctx.device_refs.get(key), device_identifier(key, ctx.base))
    obs["extension"] = [{"url": codes.GATEWAY_EXTENSION, "valueReference": ctx.kiosk}]
    return put_entry("Observation", reading_resource_id(system, value), obs)


def _flag_component(flag: str, base: str) -> Json:
    """A device status flag in the PHD style, project CodeSystem until ASN1ToHL7 (§3.3)."""
    flag_system = f"{base if base.endswith('/') else base + '/'}CodeSystem/reading-flag"
    return {
        "code": {"coding": [{"system": flag_system, "code": flag}], "text": flag},
        "valueCodeableConcept": {
            "coding": [{"system": codes.V2_YES_NO, "code": "Y", "display": "Yes"}]
        },
    }
