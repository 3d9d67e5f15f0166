"""Version 1: patients, encounters, readings, settings."""

from kiosk.store.schema.base import Migration, script

SQL = """
CREATE TABLE patients (
    id TEXT PRIMARY KEY,
    family TEXT NOT NULL,
    given TEXT NOT NULL,
    birth_date TEXT,
    sex TEXT NOT NULL DEFAULT 'unknown',
    created_at TEXT NOT NULL
);
CREATE TABLE encounters (
    id TEXT PRIMARY KEY,
    patient_id TEXT NOT NULL REFERENCES patients(id),
    number TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('draft', 'finished')),
    started_at TEXT NOT NULL,
    ended_at TEXT
);
CREATE INDEX encounters_patient ON encounters(patient_id);
CREATE TABLE readings (
    id TEXT PRIMARY KEY,
    encounter_id TEXT NOT NULL REFERENCES encounters(id),
    type TEXT NOT NULL,
    value REAL,
    unit TEXT,
    flags TEXT NOT NULL DEFAULT '[]',
    code TEXT,
    source TEXT NOT NULL CHECK (source IN ('device', 'manual')),
    driver_id TEXT,
    device_key TEXT,
    raw BLOB,
    device_time TEXT,
    kiosk_time TEXT NOT NULL
);
CREATE INDEX readings_encounter ON readings(encounter_id);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)
"""

MIGRATION = Migration(1, "registry and encounters", script(SQL))
