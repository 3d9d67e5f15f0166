"""Rows ↔ values for the encounter record of schema v4 (details, complaints, plausibility
checks, rejected values, scores, versions).

Writers take the connection of an open transaction. Readers take a connection too (pass
``store.conn``), so a service can read what its own open transaction has written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
from collections.abc import Mapping
from typing import Any

from kiosk.complaints import CHECKLIST
from kiosk.domain import Reading
from kiosk.store.records import to_db_time

VERDICTS = ("ok", "implausible", "unchecked")


@dataclasses.dataclass(frozen=True, slots=True)
class Check:
    """The plausibility verdict of one stored reading and its confirmation."""

    verdict: str
    reasons: tuple[str, ...] = ()
    confirmed_by: str | None = None
    confirmed_at: str | None = None

    @property
    def needs_confirmation(self) -> bool:
        return self.verdict == "implausible" and self.confirmed_by is None

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self) | {"reasons": list(self.reasons)}


@dataclasses.dataclass(frozen=True, slots=True)
class Details:
    """What the nurse adds to the vitals: complaints, notes and the score questions."""

    complaints: tuple[str, ...] = ()
    complaint_text: str = ""
    notes: str = ""
    consciousness: str | None = None
    on_oxygen: bool | None = None
    imci_signs: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "complaints": list(self.complaints),
            "complaint_text": self.complaint_text,
            "notes": self.notes,
            "consciousness": self.consciousness,
            "on_oxygen": self.on_oxygen,
            "imci_signs": list(self.imci_signs),
        }


@dataclasses.dataclass(frozen=True, slots=True)
class Score:
    """NEWS2 (adults), IMCI (under 5) or ``none`` (5-15 years, age unknown), as saved."""

    kind: str
    total: int | None
    band: str | None
    points: Mapping[str, int | None]
    missing: tuple[str, ...]
    priority: str | None
    detail: Mapping[str, Any]
    computed_at: str

    @property
    def complete(self) -> bool:
        return not self.missing

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "total": self.total,
            "band": self.band,
            "complete": self.complete,
            "points": dict(self.points),
            "missing": list(self.missing),
            "priority": self.priority,
            "detail": dict(self.detail),
            "computed_at": self.computed_at,
        }


@dataclasses.dataclass(frozen=True, slots=True)
class Version:
    """Where one encounter row stands in its history (version 1 has no ``root_id``)."""

    id: str
    number: str
    status: str
    version: int
    root_id: str
    supersedes: str | None
    superseded_by: str | None
    corrected_by: str | None
    corrected_at: str | None
    correction_reason: str | None

    @property
    def current(self) -> bool:
        return self.superseded_by is None

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self) | {"current": self.current}


def rows(
    conn: sqlite3.Connection, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()
) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, params)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


# --- details and complaints -----------------------------------------------------------


def write_details(
    conn: sqlite3.Connection, encounter_id: str, details: Details, now: dt.datetime
) -> None:
    """Replace the encounter's details and complaint codes (a draft only: triggers)."""
    conn.execute(
        "INSERT INTO encounter_details (encounter_id, complaint_text, notes, consciousness, "
        "on_oxygen, imci_signs, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(encounter_id) DO UPDATE SET complaint_text = excluded.complaint_text, "
        "notes = excluded.notes, consciousness = excluded.consciousness, "
        "on_oxygen = excluded.on_oxygen, imci_signs = excluded.imci_signs, "
        "updated_at = excluded.updated_at",
        (
            encounter_id,
            details.complaint_text,
            details.notes,
            details.consciousness,
            None if details.on_oxygen is None else int(details.on_oxygen),
            json.dumps(list(details.imci_signs)),
            to_db_time(now),
        ),
    )
    old = {
        r[0]
        for r in conn.execute(
            "SELECT code FROM encounter_complaints WHERE encounter_id = ?", (encounter_id,)
        )
    }
    new = set(details.complaints)
    conn.executemany(
        "DELETE FROM encounter_complaints WHERE encounter_id = ? AND code = ?",
        [(encounter_id, code) for code in sorted(old - new)],
    )
    conn.executemany(
        "INSERT INTO encounter_complaints (encounter_id, code) VALUES (?, ?)",
        [(encounter_id, code) for code in sorted(new - old)],
    )


def get_details(conn: sqlite3.Connection, encounter_id: str) -> Details:
    found = rows(conn, "SELECT * FROM encounter_details WHERE encounter_id = ?", (encounter_id,))
    order = {code: index for index, code in enumerate(CHECKLIST)}
    found_codes = [
        r[0]
        for r in conn.execute(
            "SELECT code FROM encounter_complaints WHERE encounter_id = ?", (encounter_id,)
        )
    ]
    codes = tuple(sorted(found_codes, key=lambda code: (order.get(code, len(order)), code)))
    if not found:
        return Details(complaints=codes)
    row = found[0]
    return Details(
        complaints=codes,
        complaint_text=row["complaint_text"],
        notes=row["notes"],
        consciousness=row["consciousness"],
        on_oxygen=None if row["on_oxygen"] is None else bool(row["on_oxygen"]),
        imci_signs=tuple(json.loads(row["imci_signs"])),
    )


# --- plausibility checks and rejected values --------------------------------------------


def insert_check(conn: sqlite3.Connection, reading_id: str, check: Check) -> None:
    conn.execute(
        "INSERT INTO reading_checks (reading_id, verdict, reasons, confirmed_by, confirmed_at) "
        "VALUES (?, ?, ?, ?, ?)",
        (
            reading_id,
            check.verdict,
            json.dumps(list(check.reasons)),
            check.confirmed_by,
            check.confirmed_at,
        ),
    )


def confirm(conn: sqlite3.Connection, reading_id: str, staff: str, now: dt.datetime) -> bool:
    cursor = conn.execute(
        "UPDATE reading_checks SET confirmed_by = ?, confirmed_at = ? WHERE reading_id = ?",
        (staff, to_db_time(now), reading_id),
    )
    return cursor.rowcount == 1


def get_checks(conn: sqlite3.Connection, encounter_id: str) -> dict[str, Check]:
    found = rows(
        conn,
        "SELECT c.* FROM reading_checks c JOIN readings r ON r.id = c.reading_id "
        "WHERE r.encounter_id = ?",
        (encounter_id,),
    )
    return {
        row["reading_id"]: Check(
            verdict=row["verdict"],
            reasons=tuple(json.loads(row["reasons"])),
            confirmed_by=row["confirmed_by"],
            confirmed_at=row["confirmed_at"],
        )
        for row in found
    }


def insert_reject(
    conn: sqlite3.Connection,
    reading: Reading,
    why: str,
    reasons: tuple[str, ...],
    now: dt.datetime,
) -> None:
    """Keep a value that is not a clinical reading, with its raw frame, for the technician."""
    conn.execute(
        "INSERT INTO reading_rejects (id, encounter_id, type, value, unit, code, source, why, "
        "reasons, driver_id, device_key, raw, device_time, kiosk_time, rejected_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            reading.id,
            reading.encounter_id,
            reading.type,
            reading.value,
            reading.unit,
            reading.code,
            str(reading.source),
            why,
            json.dumps(list(reasons)),
            reading.driver_id,
            reading.device_key,
            reading.raw,
            reading.device_time,
            to_db_time(reading.kiosk_time),
            to_db_time(now),
        ),
    )


def remove_draft_reading(conn: sqlite3.Connection, reading_id: str) -> None:
    """Take a reading out of a draft (triggers refuse it for a saved encounter)."""
    conn.execute("DELETE FROM reading_checks WHERE reading_id = ?", (reading_id,))
    conn.execute("DELETE FROM readings WHERE id = ?", (reading_id,))


def get_rejects(conn: sqlite3.Connection, encounter_id: str) -> list[dict[str, Any]]:
    found = rows(
        conn,
        "SELECT id, type, value, unit, source, why, reasons, device_key, kiosk_time, "
        "rejected_at, hex(raw) AS raw FROM reading_rejects WHERE encounter_id = ? "
        "ORDER BY rejected_at, id",
        (encounter_id,),
    )
    return [row | {"reasons": json.loads(row["reasons"])} for row in found]


# --- scores -----------------------------------------------------------------------------


def insert_score(conn: sqlite3.Connection, encounter_id: str, score: Score) -> None:
    conn.execute(
        "INSERT INTO encounter_scores (encounter_id, kind, total, band, points, missing, "
        "priority, detail, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            encounter_id,
            score.kind,
            score.total,
            score.band,
            json.dumps(dict(score.points)),
            json.dumps(list(score.missing)),
            score.priority,
            json.dumps(dict(score.detail), ensure_ascii=False),
            score.computed_at,
        ),
    )


def get_score(conn: sqlite3.Connection, encounter_id: str) -> Score | None:
    found = rows(conn, "SELECT * FROM encounter_scores WHERE encounter_id = ?", (encounter_id,))
    if not found:
        return None
    row = found[0]
    return Score(
        kind=row["kind"],
        total=row["total"],
        band=row["band"],
        points=json.loads(row["points"]),
        missing=tuple(json.loads(row["missing"])),
        priority=row["priority"],
        detail=json.loads(row["detail"]),
        computed_at=row["computed_at"],
    )


# --- versions ---------------------------------------------------------------------------

_VERSION_SQL = (
    "SELECT e.id, e.number, e.status, e.version, coalesce(e.root_id, e.id) AS root_id, "
    "e.supersedes, (SELECT s.id FROM encounters s WHERE s.supersedes = e.id) AS superseded_by, "
    "e.corrected_by, e.corrected_at, e.correction_reason FROM encounters e "
)


def get_version(conn: sqlite3.Connection, encounter_id: str) -> Version | None:
    found = rows(conn, _VERSION_SQL + "WHERE e.id = ?", (encounter_id,))
    return Version(**found[0]) if found else None


def lineage(conn: sqlite3.Connection, encounter_id: str) -> list[Version]:
    """Every version of the encounter ``encounter_id`` belongs to, oldest first."""
    version = get_version(conn, encounter_id)
    if version is None:
        return []
    found = rows(
        conn,
        _VERSION_SQL + "WHERE coalesce(e.root_id, e.id) = ? ORDER BY e.version",
        (version.root_id,),
    )
    return [Version(**row) for row in found]


def list_rows(
    conn: sqlite3.Connection, limit: int = 100, status: str | None = None
) -> list[dict[str, Any]]:
    """Newest first, every version: what ``kiosk encounters list`` shows."""
    where = "WHERE e.status = :status " if status else ""
    found = rows(
        conn,
        "SELECT e.id, e.number, e.status, e.version, e.started_at, e.ended_at, e.patient_id, "
        "p.family, p.given, (SELECT count(*) FROM readings r WHERE r.encounter_id = e.id) "
        "AS readings, (SELECT s.id FROM encounters s WHERE s.supersedes = e.id) "
        "AS superseded_by, sc.kind AS score_kind, sc.total AS news2_total, "
        "sc.band AS news2_band, sc.missing AS score_missing, sc.priority AS priority "
        "FROM encounters e JOIN patients p ON p.id = e.patient_id "
        "LEFT JOIN encounter_scores sc ON sc.encounter_id = e.id "
        + where
        + "ORDER BY e.started_at DESC, e.version DESC LIMIT :limit",
        {"status": status, "limit": limit},
    )
    result = []
    for row in found:
        news2 = None
        if row["score_kind"] == "news2":
            missing = json.loads(row["score_missing"])
            news2 = {"total": row["news2_total"], "band": row["news2_band"], "missing": missing}
        result.append(
            {
                key: row[key]
                for key in (
                    "id",
                    "number",
                    "status",
                    "version",
                    "started_at",
                    "ended_at",
                    "patient_id",
                    "family",
                    "given",
                    "readings",
                    "superseded_by",
                    "priority",
                )
            }
            | {"current": row["superseded_by"] is None, "news2": news2, "score": row["score_kind"]}
        )
    return result
