"""Rows ↔ domain objects for patients, encounters, readings and devices.

Writers take the connection of an open transaction; readers take the :class:`Store`.
Times are stored as ISO 8601 UTC text (sortable), the device's own time as it came.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import Any

from kiosk.domain import (
    DeviceIdentity,
    Encounter,
    EncounterStatus,
    Patient,
    Reading,
    Sex,
    Source,
    require_utc,
)
from kiosk.store.db import Store


def to_db_time(moment: dt.datetime) -> str:
    return require_utc(moment).isoformat(timespec="microseconds")


def from_db_time(text: str) -> dt.datetime:
    return require_utc(dt.datetime.fromisoformat(text))


# --- patients -------------------------------------------------------------------------


def _patient(row: dict[str, Any]) -> Patient:
    return Patient(
        id=row["id"],
        family=row["family"],
        given=row["given"],
        birth_date=dt.date.fromisoformat(row["birth_date"]) if row["birth_date"] else None,
        sex=Sex(row["sex"]),
        created_at=from_db_time(row["created_at"]),
    )


def get_patient(store: Store, patient_id: str) -> Patient | None:
    rows = store.query("SELECT * FROM patients WHERE id = ?", (patient_id,))
    return _patient(rows[0]) if rows else None


def patient_server_id(store: Store, patient_id: str) -> str | None:
    value = store.scalar("SELECT server_id FROM patients WHERE id = ?", (patient_id,))
    return None if value is None else str(value)


# --- devices --------------------------------------------------------------------------


def upsert_device(conn: sqlite3.Connection, identity: DeviceIdentity, now: dt.datetime) -> bool:
    """Record a device; True when it is new (it then needs registering).

    A known device keeps its row; only what changes between sessions is updated: its
    firmware and its latest battery level (with ``battery_at``), when the identity knows them.
    """
    known = conn.execute("SELECT 1 FROM devices WHERE key = ?", (identity.key,)).fetchone()
    battery_at = None if identity.battery_level is None else to_db_time(now)
    conn.execute(
        "INSERT INTO devices (key, driver_id, manufacturer, model, serial, port, first_seen, "
        "firmware, battery_level, battery_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (key) DO UPDATE SET "
        "firmware = coalesce(excluded.firmware, firmware), "
        "battery_level = coalesce(excluded.battery_level, battery_level), "
        "battery_at = coalesce(excluded.battery_at, battery_at)",
        (
            identity.key,
            identity.driver_id,
            identity.manufacturer,
            identity.model,
            identity.serial,
            identity.port,
            to_db_time(now),
            identity.firmware,
            identity.battery_level,
            battery_at,
        ),
    )
    return known is None


def get_device(store: Store, key: str) -> dict[str, Any] | None:
    rows = store.query("SELECT * FROM devices WHERE key = ?", (key,))
    return rows[0] if rows else None


# --- encounters and readings ------------------------------------------------------------


def insert_encounter(conn: sqlite3.Connection, encounter: Encounter) -> None:
    conn.execute(
        "INSERT INTO encounters (id, patient_id, number, status, started_at, ended_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (
            encounter.id,
            encounter.patient_id,
            encounter.number,
            str(encounter.status),
            to_db_time(encounter.started_at),
            to_db_time(encounter.ended_at) if encounter.ended_at else None,
        ),
    )


def finish_encounter(conn: sqlite3.Connection, encounter_id: str, ended_at: dt.datetime) -> None:
    conn.execute(
        "UPDATE encounters SET status = 'finished', ended_at = ? WHERE id = ? AND status = 'draft'",
        (to_db_time(ended_at), encounter_id),
    )


def insert_reading(conn: sqlite3.Connection, reading: Reading) -> None:
    conn.execute(
        "INSERT INTO readings (id, encounter_id, type, value, unit, flags, code, source, "
        "driver_id, device_key, raw, device_time, kiosk_time, device_battery) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            reading.id,
            reading.encounter_id,
            reading.type,
            reading.value,
            reading.unit,
            json.dumps(list(reading.flags)),
            reading.code,
            str(reading.source),
            reading.driver_id,
            reading.device_key,
            reading.raw,
            reading.device_time,
            to_db_time(reading.kiosk_time),
            reading.device_battery,
        ),
    )


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else float(value)


def _reading(row: dict[str, Any]) -> Reading:
    return Reading(
        id=row["id"],
        encounter_id=row["encounter_id"],
        type=row["type"],
        value=_number(row["value"]),
        unit=row["unit"],
        source=Source(row["source"]),
        kiosk_time=from_db_time(row["kiosk_time"]),
        device_time=row["device_time"],
        flags=tuple(json.loads(row["flags"])),
        code=row["code"],
        driver_id=row["driver_id"],
        device_key=row["device_key"],
        raw=bytes(row["raw"] or b""),
        device_battery=row.get("device_battery"),
    )


def get_encounter(store: Store, encounter_id: str) -> Encounter | None:
    rows = store.query("SELECT * FROM encounters WHERE id = ?", (encounter_id,))
    if not rows:
        return None
    row = rows[0]
    readings = store.query(
        "SELECT * FROM readings WHERE encounter_id = ? ORDER BY kiosk_time, id", (encounter_id,)
    )
    return Encounter(
        id=row["id"],
        patient_id=row["patient_id"],
        number=row["number"],
        status=EncounterStatus(row["status"]),
        started_at=from_db_time(row["started_at"]),
        ended_at=from_db_time(row["ended_at"]) if row["ended_at"] else None,
        readings=tuple(_reading(r) for r in readings),
    )


def list_encounters(store: Store, limit: int = 100) -> list[dict[str, Any]]:
    """Newest first: id, number, status, times, patient name and reading count."""
    return store.query(
        "SELECT e.id, e.number, e.status, e.started_at, e.ended_at, e.patient_id, "
        "p.family, p.given, (SELECT count(*) FROM readings r WHERE r.encounter_id = e.id) "
        "AS readings FROM encounters e JOIN patients p ON p.id = e.patient_id "
        "ORDER BY e.started_at DESC LIMIT ?",
        (limit,),
    )


# --- settings ---------------------------------------------------------------------------


def get_setting(store: Store, key: str) -> str | None:
    value = store.scalar("SELECT value FROM settings WHERE key = ?", (key,))
    return None if value is None else str(value)


def set_setting(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def next_sequence(conn: sqlite3.Connection, name: str) -> int:
    """A gap-free counter inside the caller's transaction (encounter numbers)."""
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (f"seq.{name}",)).fetchone()
    value = (int(row[0]) if row else 0) + 1
    set_setting(conn, f"seq.{name}", str(value))
    return value
