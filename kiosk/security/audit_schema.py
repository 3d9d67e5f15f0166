"""Schema of staff accounts, sign-in lockout and the audit trail (migration version 9).

``kiosk/store/schema/m0009_staff_audit.py`` applies :func:`apply`; the SQL lives here, next
to the code that reads it, and is frozen like every migration: a change is a new migration.

* ``staff``: accounts; ``pin_hash`` is an argon2id string (never the PIN).
* ``staff_lockout``: failed PINs per typed user name, persisted so a restart does not reset
  the back-off.
* ``audit_log``: append-only (triggers refuse UPDATE and DELETE), hash-chained rows.
* ``outbox`` is rebuilt with ``audit`` added to its ``kind`` check (SQLite cannot alter a
  CHECK). The copy keeps every column, index and trigger the table has at this point
  (whatever earlier migrations added), and foreign keys from ``outbox_deps`` are checked
  at commit (``defer_foreign_keys``).
"""

from __future__ import annotations

import re
import sqlite3

from kiosk.store.schema.base import script

SQL = """
CREATE TABLE staff (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL
        CHECK (role IN ('nurse', 'senior-nurse', 'technician', 'administrator')),
    pin_hash TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL,
    created_by TEXT,
    pin_changed_at TEXT NOT NULL
);
CREATE TABLE staff_lockout (
    username TEXT PRIMARY KEY COLLATE NOCASE,
    failures INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT
);
CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor_kind TEXT NOT NULL CHECK (actor_kind IN ('staff', 'service', 'setup', 'unknown')),
    actor_id TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('viewed', 'created', 'changed', 'exported',
        'signed-in', 'signed-out', 'sign-in-refused')),
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '[]',
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_entity ON audit_log(entity_type, entity_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TABLE audit_sync (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    queued_through INTEGER NOT NULL
);
INSERT INTO audit_sync (id, queued_through) VALUES (1, 0)
"""

_KIND_CHECK = re.compile(r"(kind\s+IN\s*\()([^)]*)(\))", re.IGNORECASE)


def _outbox_with_audit_kind(conn: sqlite3.Connection) -> None:
    table_sql = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'outbox'"
    ).fetchone()[0]
    match = _KIND_CHECK.search(table_sql)
    if match is None or "'audit'" in match.group(2):
        return
    new_sql = table_sql[: match.end(2)] + ", 'audit'" + table_sql[match.end(2) :]
    extras = [
        row[0]
        for row in conn.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = 'outbox' "
            "AND type IN ('index', 'trigger') AND sql IS NOT NULL"
        )
    ]
    conn.execute("PRAGMA defer_foreign_keys = ON")
    conn.execute("CREATE TEMP TABLE outbox_copy AS SELECT * FROM outbox")
    conn.execute("DROP TABLE outbox")
    conn.execute(new_sql)
    conn.execute("INSERT INTO outbox SELECT * FROM temp.outbox_copy")
    conn.execute("DROP TABLE temp.outbox_copy")
    for statement in extras:
        conn.execute(statement)


def apply(conn: sqlite3.Connection) -> None:
    script(SQL)(conn)
    _outbox_with_audit_kind(conn)
