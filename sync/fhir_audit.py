"""The audit trail as FHIR R4 AuditEvents (issue 10; kiosk/security/audit.py).

One row becomes one AuditEvent, PUT with an id derived from the kiosk and the row's
sequence number, so sending a batch again changes nothing:

- ``type``: DICOM ``110110`` *Patient Record* for what was done to a record, DICOM
  ``110114`` *User Authentication* for sign-in and sign-out; ``subtype``: the RESTful
  interaction (``read``, ``create``, ``update``), DICOM ``110106`` *Export*, DICOM
  ``110122`` *Login* / ``110123`` *Logout*;
- ``action``: C (created), R (viewed), U (changed), E (exported, signed in or out);
- ``recorded``: the row's UTC time; ``outcome``: ``0`` success, ``4`` a refused sign-in
  (its detail code, e.g. ``wrong-pin``, in ``outcomeDesc``);
- ``agent.who``: the staff member (a Practitioner by its kiosk staff id) or, for the
  unattended service and setup mode, the kiosk Device;
- ``source.observer``: the kiosk Device (identifier ``{base}sid/kiosk`` = site);
- ``entity.what``: ``Patient/{uuid}`` / ``Encounter/{uuid}`` (the ids the kiosk PUTs
  them with), a consult's ServiceRequest and a staff account by identifier. Ids only: no
  name ever leaves in an audit.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from kiosk.config import KioskConfig
from kiosk.security.audit import PATIENT_PREFIX, AuditRow, rows_between
from kiosk.security.audit_sync import parse_ref
from kiosk.store.db import Store
from sync.fhir_common import (
    NAMESPACE,
    MappingError,
    kiosk_identifier,
    put_entry,
    sid,
    transaction,
)

Json = dict[str, Any]

DICOM = "http://dicom.nema.org/resources/ontology/DCM"
RESTFUL = "http://hl7.org/fhir/restful-interaction"
SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type"
ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type"
OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role"
AGENT_TYPE = "http://terminology.hl7.org/CodeSystem/extra-security-role-type"

PATIENT_RECORD = {"system": DICOM, "code": "110110", "display": "Patient Record"}
USER_AUTHENTICATION = {"system": DICOM, "code": "110114", "display": "User Authentication"}
#: action -> (type, subtype, R4 action code)
ACTIONS: dict[str, tuple[Json, Json, str]] = {
    "viewed": (PATIENT_RECORD, {"system": RESTFUL, "code": "read", "display": "read"}, "R"),
    "created": (PATIENT_RECORD, {"system": RESTFUL, "code": "create", "display": "create"}, "C"),
    "changed": (PATIENT_RECORD, {"system": RESTFUL, "code": "update", "display": "update"}, "U"),
    "exported": (PATIENT_RECORD, {"system": DICOM, "code": "110106", "display": "Export"}, "E"),
    "signed-in": (
        USER_AUTHENTICATION,
        {"system": DICOM, "code": "110122", "display": "Login"},
        "E",
    ),
    "signed-out": (
        USER_AUTHENTICATION,
        {"system": DICOM, "code": "110123", "display": "Logout"},
        "E",
    ),
    "sign-in-refused": (
        USER_AUTHENTICATION,
        {"system": DICOM, "code": "110122", "display": "Login"},
        "E",
    ),
}


#: Records the kiosk creates by identifier (fhir-mapping.md §2): entity type -> sid name.
RECORD_IDENTIFIERS = {"ServiceRequest": "kiosk-consult", "Task": "kiosk-task"}


def audit_event_id(base: str, site: str, seq: int) -> str:
    """The AuditEvent id of row ``seq`` of this kiosk: stable, so a resend is harmless."""
    return str(uuid.uuid5(NAMESPACE, f"{sid(base, 'kiosk-audit')}|{site}-{seq}"))


def _kiosk_device(base: str, site: str) -> Json:
    return {"type": "Device", "identifier": kiosk_identifier(base, site)}


def _staff(base: str, staff_id: str) -> Json:
    return {
        "type": "Practitioner",
        "identifier": {"system": sid(base, "kiosk-staff"), "value": staff_id},
    }


def _agent(row: AuditRow, base: str, site: str) -> Json:
    if row.actor_kind == "staff":
        return {
            "type": {
                "coding": [{"system": AGENT_TYPE, "code": "humanuser", "display": "human user"}]
            },
            "who": _staff(base, row.actor_id),
            "requestor": True,
        }
    return {
        "type": {
            "coding": [{"system": AGENT_TYPE, "code": "dataprocessor", "display": "data processor"}]
        },
        "who": _kiosk_device(base, site),
        "name": row.actor_kind,  # service / setup / unknown: no person to name
        "requestor": False,
    }


def _entity(kind: str, what: Json, role: str, role_display: str, type_code: str) -> Json:
    type_display = {"1": "Person", "2": "System Object"}[type_code]
    return {
        "what": what,
        "type": {"system": ENTITY_TYPE, "code": type_code, "display": type_display},
        "role": {"system": OBJECT_ROLE, "code": role, "display": role_display},
        "description": kind,
    }


def _entities(row: AuditRow, base: str) -> list[Json]:
    patients = [
        code.removeprefix(PATIENT_PREFIX) for code in row.detail if code.startswith(PATIENT_PREFIX)
    ]
    if row.entity_type == "Patient":
        patients.insert(0, row.entity_id)
    found = [
        _entity("Patient", {"reference": f"Patient/{p}"}, "1", "Patient", "1") for p in patients
    ]
    if row.entity_type == "Encounter":
        found.append(
            _entity("Encounter", {"reference": f"Encounter/{row.entity_id}"}, "3", "Report", "2")
        )
    elif row.entity_type == "StaffMember" and row.entity_id != "unknown":
        found.append(_entity("StaffMember", _staff(base, row.entity_id), "6", "User", "1"))
    elif row.entity_type in RECORD_IDENTIFIERS:  # created by identifier: no server id known
        system = sid(base, RECORD_IDENTIFIERS[row.entity_type])
        what = {"type": row.entity_type, "identifier": {"system": system, "value": row.entity_id}}
        found.append(_entity(row.entity_type, what, "3", "Report", "2"))
    return found


def audit_event(row: AuditRow, base: str, site: str) -> Json:
    """The AuditEvent of one audit row (without id: :func:`audit_bundle` adds it)."""
    if row.action not in ACTIONS:
        raise ValueError(f"unknown audit action {row.action!r}")
    event_type, subtype, action = ACTIONS[row.action]
    codes = [code for code in row.detail if not code.startswith(PATIENT_PREFIX)]
    event: Json = {
        "type": event_type,
        "subtype": [subtype],
        "action": action,
        "recorded": row.at,
        "outcome": "4" if row.action == "sign-in-refused" else "0",
        "agent": [_agent(row, base, site)],
        "source": {
            "site": site,
            "observer": _kiosk_device(base, site),
            "type": [{"system": SOURCE_TYPE, "code": "1", "display": "User Device"}],
        },
    }
    if codes:
        event["outcomeDesc"] = " ".join(codes)
    entities = _entities(row, base)
    if entities:
        event["entity"] = entities
    return event


def audit_bundle(rows: Sequence[AuditRow], base: str, site: str) -> Json:
    """One transaction of PUT AuditEvent/{id} entries."""
    return transaction(
        put_entry("AuditEvent", audit_event_id(base, site, row.seq), audit_event(row, base, site))
        for row in rows
    )


def audit_bundle_for(store: Store, config: KioskConfig, ref: str) -> Json:
    """The Bundle of the outbox item ``ref`` (``"FIRST-LAST"``), from the stored rows."""
    try:
        first, last = parse_ref(ref)
    except ValueError as error:
        raise MappingError(str(error), "AuditEvent") from error
    rows = rows_between(store, first, last)
    if [row.seq for row in rows] != list(range(first, last + 1)):
        raise MappingError(f"audit rows {ref} are not all in the store", "AuditEvent")
    return audit_bundle(rows, config.identifier_base, config.site)
