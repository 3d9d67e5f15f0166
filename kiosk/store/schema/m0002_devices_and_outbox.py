"""Version 2: devices, the outbox and sync state; queues everything v1 had saved."""

import sqlite3

from kiosk.domain import utc_now
from kiosk.store.schema.base import Migration, script

SQL = """
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
    script(SQL)(conn)
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


MIGRATION = Migration(2, "devices, outbox and sync state", _v2_backfill)
