"""Use cases: register a patient, start an encounter, record a reading, save the encounter.

Every service is one transaction: the data and its outbox row commit together or not at
all. Services take the time as an argument (the caller reads the clock once), validate
their input and raise :class:`~kiosk.errors.UserFacingError` with a message key, and never
touch a widget or a device. The runtime runs them on its single writer thread.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kiosk import encounter_rules, registry
from kiosk.domain import (
    READING_TYPES,
    DeviceIdentity,
    Encounter,
    EncounterStatus,
    Measurement,
    Patient,
    Reading,
    Sex,
    Source,
    new_id,
)
from kiosk.errors import UserFacingError, ValidationError
from kiosk.registry.model import PatientDraft
from kiosk.security import audit
from kiosk.store import outbox, records
from kiosk.store.db import Store

#: Values shown while measuring or describing why there is none; never clinical readings.
NOT_RECORDABLE = frozenset({"status", "cuff_pressure", "pleth"})
KIOSK_DEVICE_REF = "kiosk"


def parse_birth_date(text: str, today: dt.date) -> dt.date:
    if not text.strip():
        raise ValidationError("patient.birth_date_required")
    try:
        value = dt.date.fromisoformat(text.strip())
    except ValueError as error:
        raise ValidationError("patient.bad_birth_date", value=text) from error
    if value > today or value.year < 1880:
        raise ValidationError("patient.bad_birth_date", value=text)
    return value


def ensure_kiosk_registered(store: Store, now: dt.datetime) -> None:
    """Queue the kiosk's own Device once (the gateway every observation points to)."""
    with store.transaction() as conn:
        if outbox.latest_item(conn, "register-device", KIOSK_DEVICE_REF) is None:
            outbox.enqueue(conn, "register-device", KIOSK_DEVICE_REF, now)


def register_patient(
    store: Store,
    *,
    family: str,
    given: str,
    birth_date: dt.date | None,
    sex: Sex = Sex.UNKNOWN,
    now: dt.datetime,
    draft: PatientDraft | None = None,
) -> Patient:
    """Register a patient through the registry (one transaction with its outbox item).

    The short form (names, birth date, sex) is what the quick visit and the demo use: they
    have no screen for duplicate warnings, so those are acknowledged here and the patient is
    always stored. Give ``draft`` (the other arguments are then ignored) for the full form;
    use :func:`kiosk.registry.register` directly to see warnings before storing.
    """
    if draft is None:
        draft = PatientDraft(family=family, given=given, birth_date=birth_date, sex=sex)
    done = registry.register(store, draft, now=now, acknowledge=registry.ALL_WARNINGS)
    patient = records.get_patient(store, done.patient_id)
    assert patient is not None
    return patient


def start_encounter(store: Store, *, patient_id: str, site: str, now: dt.datetime) -> Encounter:
    if records.get_patient(store, patient_id) is None:
        raise UserFacingError("patient.not_found", patient_id=patient_id)
    with store.transaction() as conn:
        number = f"{site}-{records.next_sequence(conn, 'encounter'):06d}"
        encounter = Encounter(
            id=new_id(),
            patient_id=patient_id,
            number=number,
            status=EncounterStatus.DRAFT,
            started_at=now,
        )
        records.insert_encounter(conn, encounter)
        audit.record_encounter(conn, "created", encounter.id, patient_id, now=now)
    return encounter


def _draft(store: Store, encounter_id: str) -> Encounter:
    encounter = records.get_encounter(store, encounter_id)
    if encounter is None:
        raise UserFacingError("encounter.not_found", encounter_id=encounter_id)
    if encounter.status is not EncounterStatus.DRAFT:
        raise UserFacingError("encounter.already_saved")
    return encounter


def _check_recordable(reading_type: str) -> None:
    if reading_type not in READING_TYPES:
        raise ValidationError("reading.unknown_type", type=reading_type)
    if reading_type in NOT_RECORDABLE:
        raise ValidationError("reading.not_recordable", type=reading_type)


def record_reading(
    store: Store,
    *,
    encounter_id: str,
    measurement: Measurement,
    identity: DeviceIdentity,
    now: dt.datetime,
) -> Reading:
    """Keep a device measurement in a draft encounter, with its provenance."""
    _check_recordable(measurement.type)
    reading = Reading(
        id=new_id(),
        encounter_id=encounter_id,
        type=measurement.type,
        value=measurement.value,
        unit=measurement.unit,
        source=Source.DEVICE,
        kiosk_time=now,
        device_time=measurement.time,
        flags=measurement.flags,
        code=measurement.code,
        driver_id=identity.driver_id,
        device_key=identity.key,
        raw=measurement.raw,
        device_battery=identity.battery_level,
    )
    with store.transaction() as conn:
        _draft(store, encounter_id)
        if records.upsert_device(conn, identity, now):
            outbox.enqueue(conn, "register-device", identity.key, now)
        refused = encounter_rules.store_checked(store, reading, now)  # plausibility (§3)
    if refused is not None:
        raise refused
    return reading


def record_manual_reading(
    store: Store,
    *,
    encounter_id: str,
    reading_type: str,
    value: float,
    unit: str,
    now: dt.datetime,
) -> Reading:
    """A value typed by the nurse: marked manual, no device, no raw bytes."""
    _check_recordable(reading_type)
    reading = Reading(
        id=new_id(),
        encounter_id=encounter_id,
        type=reading_type,
        value=value,
        unit=unit,
        source=Source.MANUAL,
        kiosk_time=now,
    )
    with store.transaction():
        _draft(store, encounter_id)
        refused = encounter_rules.store_checked(store, reading, now)  # plausibility (§3)
    if refused is not None:
        raise refused
    return reading


def save_encounter(store: Store, *, encounter_id: str, now: dt.datetime) -> Encounter:
    """Close the encounter and queue it for the hospital, in one transaction."""
    with store.transaction() as conn:
        encounter = _draft(store, encounter_id)
        if not encounter.readings:
            raise ValidationError("encounter.empty")
        encounter_rules.before_save(store, encounter, now)  # confirmations, cross-checks, score
        records.finish_encounter(conn, encounter_id, now)
        deps = _dependencies(conn, encounter)
        outbox.enqueue(conn, "encounter", encounter_id, now, depends_on=deps)
        audit.record_encounter(
            conn, "changed", encounter_id, encounter.patient_id, now=now, code="finished"
        )
    saved = records.get_encounter(store, encounter_id)
    assert saved is not None
    return saved


def _dependencies(conn: Any, encounter: Encounter) -> list[int]:
    refs = [("register-patient", encounter.patient_id), ("register-device", KIOSK_DEVICE_REF)]
    refs += [("register-device", r.device_key) for r in encounter.readings if r.device_key]
    deps = []
    for kind, ref in refs:
        found = outbox.latest_item(conn, kind, ref)
        if found is not None:
            deps.append(found[0])
    return deps


def status_summary(store: Store) -> dict[str, Any]:
    """What ``kiosk status`` reports and the UI's sync line shows."""
    return {
        "patients": int(store.scalar("SELECT count(*) FROM patients")),
        "encounters": {
            "draft": int(store.scalar("SELECT count(*) FROM encounters WHERE status='draft'")),
            "finished": int(
                store.scalar("SELECT count(*) FROM encounters WHERE status='finished'")
            ),
        },
        "outbox": outbox.counts(store),
        "unsynced_encounters": int(
            store.scalar(
                "SELECT count(*) FROM outbox WHERE kind = 'encounter' AND state != 'acked'"
            )
        ),
        "media": media_summary(store),
        "last_sync": records_sync_value(store, "last_sync"),
        "last_sync_error": records_sync_value(store, "last_sync_error"),
        # why the last pull failed (a message key such as security.tls_untrusted), or null
        "last_pull_error": records_sync_value(store, "last_pull_error"),
    }


def media_summary(store: Store) -> dict[str, int]:
    """Photos: their upload items (``pending`` counts those ``held`` with their draft) and
    their files (``ready``, ``missing``: :func:`kiosk.media.photos.counts`)."""
    from kiosk.media import photos  # it imports this module

    items = {
        row["state"]: int(row["n"])
        for row in store.query(
            "SELECT state, count(*) AS n FROM outbox WHERE kind = 'binary' GROUP BY state"
        )
    }
    held = int(
        store.scalar(
            "SELECT count(*) FROM outbox WHERE kind = 'binary' AND state = 'pending' "
            "AND next_at = ?",
            (photos.HELD,),
        )
    )
    return {
        "pending": items.get("pending", 0) + items.get("sending", 0),
        "acked": items.get("acked", 0),
        "quarantined": items.get("quarantined", 0),
        "held": held,
        **photos.counts(store),
    }


def records_sync_value(store: Store, key: str) -> str | None:
    value = store.scalar("SELECT value FROM sync_state WHERE key = ?", (key,))
    return None if value is None else str(value)
