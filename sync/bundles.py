"""From the store to a validated Bundle for one outbox item, and back: server ids from the
transaction-response (fhir-mapping.md §1, §5, §6 "validate before sending")."""

from __future__ import annotations

from typing import Any

from kiosk.config import KioskConfig
from kiosk.domain import DeviceIdentity
from kiosk.services import KIOSK_DEVICE_REF
from kiosk.store import records
from kiosk.store.db import Store
from sync import fhir_mapping
from sync.client import operation_outcome, server_id

KIOSK_SERVER_ID_KEY = "kiosk_device_id"  # sync_state key of the kiosk Device's server id


def set_state(conn: Any, key: str, value: str | None) -> None:
    if value is None:
        conn.execute("DELETE FROM sync_state WHERE key = ?", (key,))
        return
    conn.execute(
        "INSERT INTO sync_state (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


class LocalRejection(Exception):
    """A record that cannot be sent as it is; ``outcome`` is an OperationOutcome (§6)."""

    def __init__(self, text: str, expression: str | None = None) -> None:
        super().__init__(text)
        self.outcome = operation_outcome(text, "invalid", expression)


def build_bundle(store: Store, config: KioskConfig, kind: str, ref: str) -> dict[str, Any]:
    """The transaction Bundle of one outbox item, from what the store holds now."""
    base, site = config.identifier_base, config.site
    try:
        if kind == "register-patient":
            patient = records.get_patient(store, ref)
            if patient is None:
                raise LocalRejection("the patient record is missing", "Patient")
            return fhir_mapping.patient_bundle(patient, base)
        if kind == "register-device":
            if ref == KIOSK_DEVICE_REF:
                return fhir_mapping.device_bundle([], base, site, include_kiosk=True)
            return fhir_mapping.device_bundle([_device(store, ref)], base, site)
        if kind == "encounter":
            return encounter_bundle_for(store, config, ref)
    except fhir_mapping.MappingError as error:
        raise LocalRejection(str(error), error.expression) from error
    raise LocalRejection(f"outbox kind {kind!r} is not sent yet")


def _device(store: Store, key: str) -> DeviceIdentity:
    row = records.get_device(store, key)
    if row is None:
        raise LocalRejection("the device record is missing", "Device")
    return DeviceIdentity(
        driver_id=row["driver_id"],
        key=row["key"],
        manufacturer=row["manufacturer"],
        model=row["model"],
        serial=row["serial"],
        port=row["port"],
    )


def encounter_bundle_for(store: Store, config: KioskConfig, encounter_id: str) -> dict[str, Any]:
    """What ``kiosk encounters export ID --fhir`` prints and the engine sends (§5)."""
    encounter = records.get_encounter(store, encounter_id)
    if encounter is None:
        raise LocalRejection("the encounter record is missing", "Encounter")
    keys = sorted({r.device_key for r in encounter.readings if r.device_key})
    device_refs = {
        key: str(value)
        for key in keys
        if (value := store.scalar("SELECT server_id FROM devices WHERE key = ?", (key,)))
    }
    kiosk = store.scalar("SELECT value FROM sync_state WHERE key = ?", (KIOSK_SERVER_ID_KEY,))
    patient_ref = records.patient_server_id(store, encounter.patient_id) or encounter.patient_id
    return fhir_mapping.encounter_bundle(
        encounter,
        patient_ref,
        device_refs,
        None if kiosk is None else str(kiosk),
        config.identifier_base,
        config.site,
    )


def validate_bundle(bundle: dict[str, Any]) -> None:
    """Local validation with ``fhir.resources`` R4B before any airtime is spent (§6)."""
    from fhir.resources.R4B.bundle import Bundle
    from pydantic import ValidationError

    try:
        Bundle.model_validate(bundle)
    except ValidationError as error:
        problems = error.errors()
        where = ".".join(str(part) for part in problems[0]["loc"]) if problems else ""
        text = problems[0]["msg"] if problems else "validation failed"
        raise LocalRejection(f"invalid FHIR: {text}", where or None) from error


def store_server_ids(conn: Any, kind: str, ref: str, entries: tuple[dict[str, Any], ...]) -> None:
    """Server ids from ``response.location`` (§1): later bundles refer to them directly."""
    location = entries[0].get("location") if entries else None
    if kind == "register-patient":
        patient_id = server_id(location, "Patient") or ref  # PUT by uuid: the id is ours
        conn.execute("UPDATE patients SET server_id = ? WHERE id = ?", (patient_id, ref))
    elif kind == "register-device":
        found = server_id(location, "Device")
        if found is None:
            return
        if ref == KIOSK_DEVICE_REF:
            set_state(conn, KIOSK_SERVER_ID_KEY, found)
        else:
            conn.execute("UPDATE devices SET server_id = ? WHERE key = ?", (found, ref))
