"""From the store to a validated Bundle for one outbox item, and back: server ids from the
transaction-response (fhir-mapping.md §1, §5, §6 "validate before sending")."""

from __future__ import annotations

from typing import Any

from kiosk.config import KioskConfig
from kiosk.domain import DeviceIdentity
from kiosk.services import KIOSK_DEVICE_REF
from kiosk.store import records
from kiosk.store.db import Store
from sync import fhir_mapping, fhir_sources
from sync.client import operation_outcome, server_id
from sync.clock_flags import flag_readings

KIOSK_SERVER_ID_KEY = "kiosk_device_id"  # sync_state key of the kiosk Device's server id
#: sync_state keys: the kiosk clock minus the server's ``Date`` (seconds), and when measured.
CLOCK_OFFSET_KEY = "clock_offset_s"
CLOCK_CHECKED_KEY = "clock_checked_at"


def clock_offset(store: Store) -> float | None:
    """The last measured kiosk-minus-server clock offset in seconds, if any."""
    value = store.scalar("SELECT value FROM sync_state WHERE key = ?", (CLOCK_OFFSET_KEY,))
    try:
        return None if value is None else float(value)
    except ValueError:
        return None


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
        if kind == "register-patient":  # a merged record sends its survivor (§3.1)
            patient = fhir_sources.patient_record(store, ref)
            if patient is None:
                raise LocalRejection("the patient record is missing", "Patient")
            return fhir_mapping.patient_bundle(patient, base)
        if kind == "register-device":
            if ref == KIOSK_DEVICE_REF:
                return fhir_mapping.device_bundle([], base, site, include_kiosk=True)
            return fhir_mapping.device_bundle([_device(store, ref)], base, site)
        if kind == "encounter":
            return encounter_bundle_for(store, config, ref)
        if kind == "consult":  # ServiceRequest + Task, created once (§4)
            from sync.consult_sync import consult_bundle_for

            return consult_bundle_for(store, config, ref)
        if kind == "audit":  # a batch of the audit trail as AuditEvents (issue 10)
            from sync.fhir_audit import audit_bundle_for

            return audit_bundle_for(store, config, ref)
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
        firmware=row["firmware"],
        battery_level=row["battery_level"],
    )


def encounter_bundle_for(store: Store, config: KioskConfig, encounter_id: str) -> dict[str, Any]:
    """What ``kiosk encounters export ID --fhir`` prints and the engine sends (§5)."""
    visit = fhir_sources.visit(store, encounter_id)  # with the versions it corrects
    if visit is None:
        raise LocalRejection("the encounter record is missing", "Encounter")
    bundle = fhir_mapping.visit_bundle(visit, fhir_sources.target(store, config, visit))
    return flag_readings(bundle, clock_offset(store), config.identifier_base)


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
    if kind == "register-patient":  # the survivor's Patient was sent (see build_bundle)
        kept = fhir_sources.survivor(conn, ref)
        patient_id = server_id(location, "Patient") or kept  # PUT by uuid: the id is ours
        conn.execute("UPDATE patients SET server_id = ? WHERE id = ?", (patient_id, kept))
    elif kind == "consult":
        from sync.consult_sync import store_created

        store_created(conn, ref, entries)
    elif kind == "register-device":
        found = server_id(location, "Device")
        if found is None:
            return
        if ref == KIOSK_DEVICE_REF:
            set_state(conn, KIOSK_SERVER_ID_KEY, found)
        else:
            conn.execute("UPDATE devices SET server_id = ? WHERE key = ?", (found, ref))
