"""Stored records → FHIR R4 transaction Bundles (fhir-mapping.md §1-§3, §8).

Pure functions: no I/O, no clock reads (every time comes from the stored records), no
hidden state. The same input always gives the identical dict, so a re-sent bundle is
byte-for-byte the one the server may already hold (§1 principle 2).

- :func:`patient_bundle`: ``register-patient`` (§3.1) — conditional create on a national
  ID, else ``PUT Patient/{uuid}`` (:mod:`sync.fhir_patient`).
- :func:`device_bundle`: ``register-device`` (§3.4, §8.2) — ``POST`` + ``ifNoneExist``.
- :func:`visit_bundle`: ``encounter`` (§3.2-§3.7, §8.1) — plain ``PUT``s only: the
  Encounter, its Observations (:mod:`sync.fhir_observations`), the QuestionnaireResponse
  (:mod:`sync.fhir_questionnaire`), the NEWS2 / IMCI Observation (:mod:`sync.fhir_scores`);
  a correction updates the same resources (:mod:`sync.fhir_versions`).
- :func:`encounter_bundle`: the same for a bare :class:`~kiosk.domain.Encounter`.

The identifier base (§2) is always an argument (``KioskConfig.identifier_base``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping

from kiosk.domain import Encounter, EncounterStatus, Patient
from sync import fhir_codes as codes
from sync.fhir_common import (
    MAX_TRANSACTION_ENTRIES,
    NAMESPACE,
    Json,
    MappingError,
    fhir_time,
    kiosk_identifier,
    put_entry,
    reading_resource_id,
    sid,
    structure_definition,
    transaction,
)
from sync.fhir_inputs import Target, Visit
from sync.fhir_observations import ObsContext, reading_entries, reference
from sync.fhir_patient import PatientRecord, patient_record_bundle
from sync.fhir_questionnaire import questionnaire_response_entry, reason_codes
from sync.fhir_registration import (
    device_bundle,
    device_entry,
    kiosk_device_entry,
    patient_resource,
)
from sync.fhir_registration import patient_bundle as _bare_patient_bundle
from sync.fhir_scores import score_entries
from sync.fhir_versions import carried_ids, reconcile

__all__ = [
    "NAMESPACE",
    "MappingError",
    "PatientRecord",
    "Target",
    "Visit",
    "device_bundle",
    "device_entry",
    "encounter_bundle",
    "kiosk_device_entry",
    "patient_bundle",
    "patient_resource",
    "reading_resource_id",
    "visit_bundle",
]

CORRECTION_EXTENSION = "encounter-correction"


def patient_bundle(patient: Patient | PatientRecord, base: str) -> Json:
    """``register-patient``: the registry record (§3.1), or a bare domain Patient (PUT)."""
    if isinstance(patient, PatientRecord):
        return patient_record_bundle(patient, base)
    return _bare_patient_bundle(patient, base)


def encounter_bundle(
    encounter: Encounter,
    patient_ref: str,
    device_refs: Mapping[str, str],
    kiosk_ref: str | None,
    base: str,
    site: str,
) -> Json:
    """A bare encounter (readings only) as one transaction of plain PUTs (§1, §3.2, §3.3).

    ``patient_ref`` is the Patient's server id, ``device_refs`` maps device keys to their
    server ids, ``kiosk_ref`` is the kiosk Device's server id; a device without a known
    server id is referred to by its identifier.
    """
    target = Target(patient_ref, device_refs, kiosk_ref, base, site)
    return visit_bundle(Visit(encounter), target)


def visit_bundle(visit: Visit, target: Target) -> Json:
    """One saved encounter version with all its content, as one transaction (§1)."""
    encounter = visit.encounter
    if encounter.status is not EncounterStatus.FINISHED or encounter.ended_at is None:
        raise MappingError("only a finished encounter is sent", "Encounter.status")
    mapped = _map(visit, target)
    entries = [
        put_entry("Encounter", visit.fhir_id, _encounter_resource(visit, target)),
        *mapped.readings,
        *mapped.derived,
    ]
    if len(entries) > MAX_TRANSACTION_ENTRIES:
        raise MappingError(
            f"the encounter needs {len(entries)} entries; a transaction of plain PUTs holds "
            f"at most {MAX_TRANSACTION_ENTRIES} on the hospital server",
            "Bundle.entry",
        )
    return transaction(entries)


# --- Encounter (§3.2) -------------------------------------------------------------------


def _encounter_resource(visit: Visit, target: Target) -> Json:
    encounter = visit.encounter
    assert encounter.ended_at is not None
    resource: Json = {
        "identifier": [{"system": sid(target.base, "kiosk-encounter"), "value": visit.fhir_number}],
        "status": "finished",
        "class": {"system": codes.V3_ACT_CODE, "code": "AMB", "display": "ambulatory"},
        "subject": {"reference": f"Patient/{target.patient_ref}"},
        "period": {"start": fhir_time(encounter.started_at), "end": fhir_time(encounter.ended_at)},
    }
    reasons = reason_codes(visit.details, target)
    if reasons:
        resource["reasonCode"] = reasons
    if visit.version > 1:
        resource["extension"] = [_correction(visit, target.base)]
    return resource


def _correction(visit: Visit, base: str) -> Json:
    """Which version this is, and who corrected it when and why (kiosk extension)."""
    parts: list[Json] = [{"url": "version", "valueInteger": visit.version}]
    if visit.correction_reason:
        parts.append({"url": "reason", "valueString": visit.correction_reason})
    if visit.corrected_by:
        parts.append({"url": "author", "valueString": visit.corrected_by})
    if visit.corrected_at:
        when = fhir_time(dt.datetime.fromisoformat(visit.corrected_at))
        parts.append({"url": "date", "valueDateTime": when})
    return {"url": structure_definition(base, CORRECTION_EXTENSION), "extension": parts}


# --- everything else, per version -------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class _Mapped:
    readings: list[Json]  # reading Observations as sent
    observation_of: dict[str, str]  # reading id → the Observation id it was sent as
    derived: list[Json]  # QuestionnaireResponse and score Observation as sent


def _map(visit: Visit, target: Target) -> _Mapped:
    """This version's resources, reconciled with what the previous version sent."""
    previous = None if visit.previous is None else _map(visit.previous, target)
    subject = {"reference": f"Patient/{target.patient_ref}"}
    carried: dict[str, str] = {}
    if visit.previous is not None and previous is not None:
        carried = carried_ids(visit.encounter, visit.previous.encounter, previous.observation_of)
    ctx = ObsContext(
        base=target.base,
        site=target.site,
        encounter=visit.encounter,
        encounter_ref=visit.fhir_id,
        subject=subject,
        device_refs=target.device_refs,
        kiosk=reference("Device", target.kiosk_ref, kiosk_identifier(target.base, target.site)),
        checks=visit.checks,
        ids=carried,
    )
    found = reading_entries(ctx)
    readings = [entry for entry, _ in found]
    observation_of = {rid: str(entry["resource"]["id"]) for entry, ids in found for rid in ids}
    if previous is not None:
        readings, renames = reconcile(readings, previous.readings)
        observation_of = {rid: renames.get(oid, oid) for rid, oid in observation_of.items()}
    form = questionnaire_response_entry(visit, target, subject)
    derived = [] if form is None else [form]
    form_id = None if form is None else str(form["resource"]["id"])
    derived += score_entries(visit, target, subject, observation_of, form_id)
    if previous is not None:
        derived, _ = reconcile(derived, previous.derived)
    return _Mapped(readings, observation_of, derived)
