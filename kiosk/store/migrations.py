"""Versioned schema migrations, recorded in the store itself.

Each migration runs in its own transaction together with the row that records it in
``_kiosk_migrations`` (and ``PRAGMA user_version``), so a power cut leaves the store at one
version or the next, never in between. ``kiosk init`` applies what is missing and is
idempotent. Migrations are frozen once released: a change of schema is a new migration,
and a test migrates a store from every earlier version with data in it.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable

from kiosk.domain import utc_now
from kiosk.errors import StoreError
from kiosk.store.db import Store


@dataclasses.dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[sqlite3.Connection], None]


def _script(sql: str) -> Callable[[sqlite3.Connection], None]:
    statements = [s.strip() for s in sql.split(";") if s.strip()]

    def run(conn: sqlite3.Connection) -> None:
        for statement in statements:
            conn.execute(statement)

    return run


_V1_REGISTRY_AND_ENCOUNTERS = """
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

_V2_DEVICES_AND_OUTBOX = """
CREATE TABLE devices (
    key TEXT PRIMARY KEY,
    driver_id TEXT NOT NULL,
    manufacturer TEXT,
    model TEXT,
    serial TEXT,
    port TEXT,
    first_seen TEXT NOT NULL,
    server_id TEXT
);
ALTER TABLE patients ADD COLUMN server_id TEXT;
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL
        CHECK (kind IN ('register-patient', 'register-device', 'encounter', 'consult', 'binary')),
    ref TEXT NOT NULL,
    created_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'sending', 'acked', 'quarantined')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_at TEXT NOT NULL,
    last_status INTEGER,
    last_error TEXT,
    acked_at TEXT,
    response TEXT
);
CREATE INDEX outbox_due ON outbox(state, next_at);
CREATE INDEX outbox_ref ON outbox(kind, ref);
CREATE TABLE outbox_deps (
    item_id INTEGER NOT NULL REFERENCES outbox(id),
    depends_on INTEGER NOT NULL REFERENCES outbox(id),
    PRIMARY KEY (item_id, depends_on)
);
CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)
"""


def _v2_backfill(conn: sqlite3.Connection) -> None:
    """Stores from v1 had no outbox: queue everything already saved, lose nothing."""
    _script(_V2_DEVICES_AND_OUTBOX)(conn)
    now = utc_now().isoformat()
    conn.execute(
        "INSERT INTO devices (key, driver_id, first_seen) "
        "SELECT device_key, MIN(driver_id), MIN(kiosk_time) FROM readings "
        "WHERE device_key IS NOT NULL GROUP BY device_key"
    )
    conn.execute(
        "INSERT INTO outbox (kind, ref, created_at, next_at) "
        "SELECT 'register-patient', id, ?, ? FROM patients ORDER BY created_at",
        (now, now),
    )
    conn.execute(
        "INSERT INTO outbox (kind, ref, created_at, next_at) "
        "SELECT 'register-device', key, ?, ? FROM devices ORDER BY first_seen",
        (now, now),
    )
    conn.execute(
        "INSERT INTO outbox (kind, ref, created_at, next_at) "
        "SELECT 'encounter', id, ?, ? FROM encounters WHERE status = 'finished' "
        "ORDER BY ended_at",
        (now, now),
    )
    conn.execute(
        "INSERT INTO outbox_deps (item_id, depends_on) "
        "SELECT e.id, p.id FROM outbox e JOIN encounters enc ON enc.id = e.ref "
        "JOIN outbox p ON p.kind = 'register-patient' AND p.ref = enc.patient_id "
        "WHERE e.kind = 'encounter'"
    )
    conn.execute(
        "INSERT OR IGNORE INTO outbox_deps (item_id, depends_on) "
        "SELECT DISTINCT e.id, d.id FROM outbox e JOIN readings r ON r.encounter_id = e.ref "
        "JOIN outbox d ON d.kind = 'register-device' AND d.ref = r.device_key "
        "WHERE e.kind = 'encounter'"
    )


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "registry and encounters", _script(_V1_REGISTRY_AND_ENCOUNTERS)),
    Migration(2, "devices, outbox and sync state", _v2_backfill),
)
LATEST_VERSION = MIGRATIONS[-1].version


def current_version(store: Store) -> int:
    exists = store.scalar(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '_kiosk_migrations'"
    )
    if not exists:
        return 0
    return int(store.scalar("SELECT coalesce(max(version), 0) FROM _kiosk_migrations"))


def migrate(store: Store, target: int = LATEST_VERSION) -> list[int]:
    """Apply every missing migration up to ``target``; returns the versions applied."""
    found = current_version(store)
    if found > LATEST_VERSION:
        raise StoreError("store.too_new", found=found, known=LATEST_VERSION)
    applied = []
    for migration in MIGRATIONS:
        if migration.version <= found or migration.version > target:
            continue
        with store.transaction() as conn:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS _kiosk_migrations ("
                "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            migration.apply(conn)
            conn.execute(
                "INSERT INTO _kiosk_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.name, utc_now().isoformat()),
            )
            conn.execute(f"PRAGMA user_version = {migration.version:d}")
        applied.append(migration.version)
    return applied
