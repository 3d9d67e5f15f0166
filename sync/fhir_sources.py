"""What the pure mapping needs, read from the store (the only I/O of the FHIR mapping).

- :func:`patient_record`: the registry record of a patient — or of the patient it was
  merged into, since a replaced record is never sent as a patient of its own (§3.1);
- :func:`visit`: one saved encounter version with its details, checks, score, and the
  versions before it (:func:`kiosk.encounters.amendment_of`);
- :func:`target`: server ids known so far (patient, devices, kiosk) and the configuration.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from kiosk import encounters
from kiosk.config import KioskConfig
from kiosk.domain import Sex
from kiosk.encounter_view import load
from kiosk.errors import UserFacingError
from kiosk.i18n import LANGUAGES
from kiosk.registry.model import NameEntry
from kiosk.store.db import Store
from sync.fhir_inputs import Target, Visit
from sync.fhir_patient import PatientRecord

KIOSK_SERVER_ID_KEY = "kiosk_device_id"  # as sync.bundles keeps it
_MAX_MERGE_CHAIN = 16


def survivor(conn: sqlite3.Connection, patient_id: str) -> str:
    """The record a patient was merged into (through any chain of merges), else itself."""
    for _ in range(_MAX_MERGE_CHAIN):
        row = conn.execute("SELECT merged_into FROM patients WHERE id = ?", (patient_id,))
        found = row.fetchone()
        if found is None or found[0] is None:
            return patient_id
        patient_id = str(found[0])
    return patient_id


def patient_record(store: Store, patient_id: str) -> PatientRecord | None:
    """The surviving record of ``patient_id`` as the mapping takes it; None if missing."""
    record_id = survivor(store.conn, patient_id)
    rows = store.query("SELECT * FROM patients WHERE id = ?", (record_id,))
    if not rows:
        return None
    row = rows[0]
    names = tuple(
        NameEntry(r["family"], r["given"], r["patronymic"] or "", r["use"])
        for r in store.query(
            "SELECT use, family, given, patronymic FROM patient_names WHERE patient_id = ? "
            "ORDER BY id",
            (record_id,),
        )
    ) or (NameEntry(row["family"], row["given"], row.get("patronymic") or ""),)
    ids = tuple(
        (str(r["system"]), str(r["value"]), r["label"])
        for r in store.query(
            "SELECT system, value, label FROM patient_identifiers WHERE patient_id = ? "
            "ORDER BY system, value",
            (record_id,),
        )
    )
    return PatientRecord(
        id=record_id,
        names=names,
        sex=Sex(row["sex"]),
        birth_date=dt.date.fromisoformat(row["birth_date"]) if row["birth_date"] else None,
        birth_date_estimated=bool(row.get("birth_date_estimated")),
        identifiers=ids,
        phone=row.get("phone"),
        address=row.get("address"),
        language=row.get("language"),
    )


def visit(store: Store, encounter_id: str) -> Visit | None:
    """One encounter version and the versions it corrects; None when it does not exist."""
    try:
        record = load(store, encounter_id)
    except UserFacingError:
        return None
    amendment = encounters.amendment_of(store, encounter_id)
    previous = None if amendment is None else visit(store, amendment.supersedes)
    version = record.version
    return Visit(
        encounter=record.encounter,
        details=record.details,
        checks=record.checks,
        score=record.score,
        version=version.version,
        root_id=None if amendment is None else amendment.root_id,
        root_number=None if amendment is None else amendment.root_number,
        corrected_by=version.corrected_by,
        corrected_at=version.corrected_at,
        correction_reason=version.correction_reason,
        previous=previous,
    )


def _server_id(store: Store, table: str, column: str, key: str) -> str | None:
    value = store.scalar(f"SELECT server_id FROM {table} WHERE {column} = ?", (key,))
    return None if value is None else str(value)


def patient_reference(store: Store, patient_id: str) -> str:
    """The Patient id an encounter of ``patient_id`` refers to: the survivor's server id;
    the replaced record's while the survivor is not registered yet; else the kiosk UUID
    (the id of a Patient registered with ``PUT Patient/{uuid}``)."""
    kept = survivor(store.conn, patient_id)
    return (
        _server_id(store, "patients", "id", kept)
        or (_server_id(store, "patients", "id", patient_id) if kept != patient_id else None)
        or kept
    )


def target(store: Store, config: KioskConfig, found: Visit) -> Target:
    keys: set[str] = set()
    version: Visit | None = found
    while version is not None:
        keys |= {r.device_key for r in version.encounter.readings if r.device_key}
        version = version.previous
    device_refs = {
        key: server_id
        for key in sorted(keys)
        if (server_id := _server_id(store, "devices", "key", key))
    }
    kiosk = store.scalar("SELECT value FROM sync_state WHERE key = ?", (KIOSK_SERVER_ID_KEY,))
    return Target(
        patient_ref=patient_reference(store, found.encounter.patient_id),
        device_refs=device_refs,
        kiosk_ref=None if kiosk is None else str(kiosk),
        base=config.identifier_base,
        site=config.site,
        language=config.language if config.language in LANGUAGES else "en",
    )
