"""Version 4: the encounter record — complaints, notes, plausibility, scores, versions.

- ``encounter_details`` (one row per encounter): free-text complaint, notes, and what the
  nurse answers for the scores (ACVPU, air/oxygen, IMCI signs as a JSON list).
- ``encounter_complaints``: codes of the shipped checklist (``kiosk.complaints``).
- ``reading_checks`` (one row per reading): plausibility verdict ``ok`` / ``implausible`` /
  ``unchecked`` (a device unit the kiosk cannot convert), reasons, and who confirmed when.
- ``reading_rejects``: values that are *not* clinical readings (a device error outside the
  possible range, or an implausible value that was re-measured), kept with the raw frame
  for the technician.
- ``encounter_scores`` (one row per saved encounter): NEWS2 / IMCI / none, stored at save.
- Versions: a saved encounter is never changed. A correction is a new ``encounters`` row
  (its own id, its own copies of the readings) with ``version`` n, ``root_id`` = the first
  version's id, ``supersedes`` = the previous version, and who/when/why. The newest version
  is the one no row supersedes (a UNIQUE index keeps the history a line, not a tree).
- Triggers refuse changes to a saved encounter's clinical content at the SQL level.

Backfill: every earlier encounter gets an empty details row; every earlier reading gets its
plausibility verdict computed now (unconfirmed: nobody looked at it then). Encounters saved
before v4 have no score row ("not scored"): their ACVPU and oxygen answers were never asked.
"""

from __future__ import annotations

import json
import sqlite3

from kiosk.store.schema.base import Migration, script

SQL = """
ALTER TABLE encounters ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE encounters ADD COLUMN root_id TEXT REFERENCES encounters(id);
ALTER TABLE encounters ADD COLUMN supersedes TEXT REFERENCES encounters(id);
ALTER TABLE encounters ADD COLUMN corrected_by TEXT;
ALTER TABLE encounters ADD COLUMN corrected_at TEXT;
ALTER TABLE encounters ADD COLUMN correction_reason TEXT;
CREATE UNIQUE INDEX encounters_supersedes ON encounters(supersedes)
    WHERE supersedes IS NOT NULL;
CREATE UNIQUE INDEX encounters_root_version ON encounters(root_id, version)
    WHERE root_id IS NOT NULL;
CREATE INDEX encounters_status ON encounters(status, started_at);
CREATE TABLE encounter_details (
    encounter_id TEXT PRIMARY KEY REFERENCES encounters(id),
    complaint_text TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    consciousness TEXT,
    on_oxygen INTEGER CHECK (on_oxygen IN (0, 1)),
    imci_signs TEXT NOT NULL DEFAULT '[]',
    updated_at TEXT
);
CREATE TABLE encounter_complaints (
    encounter_id TEXT NOT NULL REFERENCES encounters(id),
    code TEXT NOT NULL,
    PRIMARY KEY (encounter_id, code)
);
CREATE TABLE reading_checks (
    reading_id TEXT PRIMARY KEY REFERENCES readings(id),
    verdict TEXT NOT NULL CHECK (verdict IN ('ok', 'implausible', 'unchecked')),
    reasons TEXT NOT NULL DEFAULT '[]',
    confirmed_by TEXT,
    confirmed_at TEXT
);
CREATE TABLE reading_rejects (
    id TEXT PRIMARY KEY,
    encounter_id TEXT NOT NULL REFERENCES encounters(id),
    type TEXT NOT NULL,
    value REAL,
    unit TEXT,
    code TEXT,
    source TEXT NOT NULL,
    why TEXT NOT NULL CHECK (why IN ('impossible', 'remeasured')),
    reasons TEXT NOT NULL DEFAULT '[]',
    driver_id TEXT,
    device_key TEXT,
    raw BLOB,
    device_time TEXT,
    kiosk_time TEXT NOT NULL,
    rejected_at TEXT NOT NULL
);
CREATE INDEX reading_rejects_encounter ON reading_rejects(encounter_id);
CREATE TABLE encounter_scores (
    encounter_id TEXT PRIMARY KEY REFERENCES encounters(id),
    kind TEXT NOT NULL CHECK (kind IN ('news2', 'imci', 'none')),
    total INTEGER,
    band TEXT,
    points TEXT NOT NULL DEFAULT '{}',
    missing TEXT NOT NULL DEFAULT '[]',
    priority TEXT,
    detail TEXT NOT NULL DEFAULT '{}',
    computed_at TEXT NOT NULL
)
"""

_IMMUTABLE = "BEGIN SELECT RAISE(ABORT, 'a saved encounter is immutable'); END"
_SAVED_NEW = "WHEN (SELECT status FROM encounters WHERE id = NEW.encounter_id) = 'finished' "
_SAVED_OLD = "WHEN (SELECT status FROM encounters WHERE id = OLD.encounter_id) = 'finished' "

#: Defence in depth: SQL itself refuses to change a saved encounter's clinical content
#: (``patient_id`` stays updatable: a registry merge may re-point a visit).
TRIGGERS = (
    "CREATE TRIGGER encounters_saved_are_immutable BEFORE UPDATE OF number, status, "
    "started_at, ended_at, version, root_id, supersedes, corrected_by, corrected_at, "
    "correction_reason ON encounters WHEN OLD.status = 'finished' " + _IMMUTABLE,
    "CREATE TRIGGER encounters_saved_are_kept BEFORE DELETE ON encounters "
    "WHEN OLD.status = 'finished' " + _IMMUTABLE,
    "CREATE TRIGGER readings_of_saved_insert BEFORE INSERT ON readings " + _SAVED_NEW + _IMMUTABLE,
    "CREATE TRIGGER readings_of_saved_update BEFORE UPDATE ON readings " + _SAVED_OLD + _IMMUTABLE,
    "CREATE TRIGGER readings_of_saved_delete BEFORE DELETE ON readings " + _SAVED_OLD + _IMMUTABLE,
    "CREATE TRIGGER checks_of_saved_update BEFORE UPDATE ON reading_checks "
    "WHEN (SELECT e.status FROM readings r JOIN encounters e ON e.id = r.encounter_id "
    "WHERE r.id = OLD.reading_id) = 'finished' " + _IMMUTABLE,
    "CREATE TRIGGER details_of_saved_update BEFORE UPDATE ON encounter_details "
    + _SAVED_OLD
    + _IMMUTABLE,
    "CREATE TRIGGER complaints_of_saved_insert BEFORE INSERT ON encounter_complaints "
    + _SAVED_NEW
    + _IMMUTABLE,
    "CREATE TRIGGER complaints_of_saved_delete BEFORE DELETE ON encounter_complaints "
    + _SAVED_OLD
    + _IMMUTABLE,
    "CREATE TRIGGER scores_of_saved_insert BEFORE INSERT ON encounter_scores "
    + _SAVED_NEW
    + _IMMUTABLE,
    "CREATE TRIGGER scores_are_kept BEFORE DELETE ON encounter_scores " + _IMMUTABLE,
)


def _backfill_checks(conn: sqlite3.Connection) -> None:
    """Judge every earlier reading with today's rules; nobody confirmed it then."""
    from kiosk.clinical.plausibility import Reason, Verdict, check

    rows = conn.execute("SELECT id, type, value, unit, code FROM readings").fetchall()
    for reading_id, reading_type, value, unit, code in rows:
        verdict, reasons = "unchecked", ["not_checked"]
        if value is not None and unit is not None:
            found = check(reading_type, float(value), unit, code=code)
            reasons = [str(r) for r in found.reasons]
            if Reason.UNIT_NOT_CONVERTIBLE in found.reasons:
                verdict = "unchecked"
            elif found.verdict is Verdict.OK:
                verdict = "ok"
            else:
                verdict = "implausible"
        conn.execute(
            "INSERT INTO reading_checks (reading_id, verdict, reasons) VALUES (?, ?, ?)",
            (reading_id, verdict, json.dumps(reasons)),
        )


def _v4(conn: sqlite3.Connection) -> None:
    script(SQL)(conn)
    for trigger in TRIGGERS:
        conn.execute(trigger)
    conn.execute("INSERT INTO encounter_details (encounter_id) SELECT id FROM encounters")
    _backfill_checks(conn)


MIGRATION = Migration(4, "encounter record: complaints, plausibility, scores, versions", _v4)
