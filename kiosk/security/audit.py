"""The audit trail: who viewed, created, changed or exported which record, tamper-evident.

``audit_log`` (schema version 9) is append-only: SQLite triggers refuse UPDATE and DELETE,
and each row carries a SHA-256 over the canonical JSON of its content together with the
previous row's hash (a hash chain; the first row's predecessor is 64 zeros). Editing a row,
deleting one or cutting the tail (``sqlite_sequence`` remembers the highest number ever
given) is found by :func:`verify` (``kiosk audit verify``).

Rows hold ids only — staff ids, patient and encounter ids, short detail codes — never names,
birth dates or free text. Who acts is the *current actor*: one per process, because one
person at a time uses a kiosk. The staff session sets it at sign-in (:mod:`.session`), the
command line when it signs an operator in (:mod:`.cli_guard`); otherwise it is the
unattended ``service`` (or ``setup`` while the store has no staff accounts).

Write a row inside the transaction that makes the change (:func:`record`), or on its own for
a read (:func:`record_view`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import sqlite3
import threading
from typing import Any

from kiosk.store.db import Store

ACTIONS = (
    "viewed",
    "created",
    "changed",
    "exported",
    "signed-in",
    "signed-out",
    "sign-in-refused",
)
ACTOR_KINDS = ("staff", "service", "setup", "unknown")
GENESIS = "0" * 64
PATIENT_PREFIX = "patient:"


@dataclasses.dataclass(frozen=True, slots=True)
class Actor:
    """Who did it: a staff member's id, the unattended service, or setup mode."""

    kind: str
    id: str

    @classmethod
    def staff(cls, staff_id: str) -> Actor:
        return cls("staff", staff_id)


SERVICE = Actor("service", "service")
SETUP = Actor("setup", "setup")
UNKNOWN = Actor("unknown", "unknown")

_lock = threading.Lock()
_actor: Actor = SERVICE


def set_actor(actor: Actor) -> None:
    """Make ``actor`` the author of what this process does from now on."""
    global _actor
    with _lock:
        _actor = actor


def current_actor() -> Actor:
    with _lock:
        return _actor


@dataclasses.dataclass(frozen=True, slots=True)
class AuditRow:
    seq: int
    at: str
    actor_kind: str
    actor_id: str
    action: str
    entity_type: str
    entity_id: str
    detail: tuple[str, ...]
    prev_hash: str
    hash: str

    def content(self) -> dict[str, Any]:
        """What the hash covers (everything but the hashes)."""
        return {
            "seq": self.seq,
            "at": self.at,
            "actor_kind": self.actor_kind,
            "actor_id": self.actor_id,
            "action": self.action,
            "entity_type": self.entity_type,
            "entity_id": self.entity_id,
            "detail": list(self.detail),
        }

    def to_json(self) -> dict[str, Any]:
        return {**self.content(), "prev_hash": self.prev_hash, "hash": self.hash}


def chain_hash(prev_hash: str, content: dict[str, Any]) -> str:
    """SHA-256 (hex) over the previous hash and the canonical JSON of ``content``."""
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256((prev_hash + canonical).encode("utf-8")).hexdigest()


def _check_codes(detail: tuple[str, ...]) -> None:
    for code in detail:  # short codes only: no free text can slip into the trail
        if not code or len(code) > 64 or not all(c.isalnum() or c in "-_.:" for c in code):
            raise ValueError(f"audit detail must be short codes, got {code!r}")


def record(
    conn: sqlite3.Connection,
    action: str,
    entity_type: str,
    entity_id: str,
    *,
    now: dt.datetime,
    detail: tuple[str, ...] = (),
    actor: Actor | None = None,
) -> int:
    """Append one row inside the caller's transaction; returns its sequence number."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    _check_codes(detail)
    who = actor or current_actor()
    last = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    highest = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").fetchone()
    seq = max(int(last[0]) if last else 0, int(highest[0]) if highest else 0) + 1
    row = AuditRow(
        seq=seq,
        at=now.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        actor_kind=who.kind,
        actor_id=who.id,
        action=action,
        entity_type=entity_type,
        entity_id=entity_id,
        detail=tuple(detail),
        prev_hash=str(last[1]) if last else GENESIS,
        hash="",
    )
    digest = chain_hash(row.prev_hash, row.content())
    conn.execute(
        "INSERT INTO audit_log (seq, at, actor_kind, actor_id, action, entity_type, entity_id,"
        " detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            row.seq,
            row.at,
            row.actor_kind,
            row.actor_id,
            row.action,
            row.entity_type,
            row.entity_id,
            json.dumps(list(row.detail)),
            row.prev_hash,
            digest,
        ),
    )
    return seq


def patient_code(patient_id: str) -> str:
    """The detail code naming the patient whose encounter a row is about."""
    return f"{PATIENT_PREFIX}{patient_id}"


def record_encounter(
    conn: sqlite3.Connection,
    action: str,
    encounter_id: str,
    patient_id: str,
    *,
    now: dt.datetime,
    code: str | None = None,
) -> int:
    """A row about an encounter, naming its patient (inside the caller's transaction)."""
    detail = (code, patient_code(patient_id)) if code else (patient_code(patient_id),)
    return record(conn, action, "Encounter", encounter_id, now=now, detail=detail)


def record_view(
    store: Store,
    entity_type: str,
    entity_id: str,
    *,
    now: dt.datetime,
    detail: tuple[str, ...] = (),
    action: str = "viewed",
    patient: str | None = None,
) -> int:
    """Append one row in a transaction of its own (a read, an export); ``patient``: the
    patient whose encounter it is."""
    codes = (*detail, patient_code(patient)) if patient else detail
    with store.transaction() as conn:
        return record(conn, action, entity_type, entity_id, now=now, detail=codes)


def record_encounter_view(
    store: Store, encounter_id: str, *, now: dt.datetime, action: str = "viewed"
) -> int:
    """A read or export of an encounter, naming its patient (looked up in the store)."""
    patient = store.scalar("SELECT patient_id FROM encounters WHERE id = ?", (encounter_id,))
    return record_view(
        store, "Encounter", encounter_id, now=now, action=action, patient=patient or None
    )


def _row(values: dict[str, Any]) -> AuditRow:
    return AuditRow(
        seq=int(values["seq"]),
        at=str(values["at"]),
        actor_kind=str(values["actor_kind"]),
        actor_id=str(values["actor_id"]),
        action=str(values["action"]),
        entity_type=str(values["entity_type"]),
        entity_id=str(values["entity_id"]),
        detail=tuple(json.loads(values["detail"])),
        prev_hash=str(values["prev_hash"]),
        hash=str(values["hash"]),
    )


def rows(store: Store, *, after: int = 0, limit: int | None = None) -> list[AuditRow]:
    """Rows with ``seq > after``, oldest first."""
    sql = "SELECT * FROM audit_log WHERE seq > ? ORDER BY seq"
    params: tuple[Any, ...] = (after,)
    if limit is not None:
        sql += " LIMIT ?"
        params = (after, limit)
    return [_row(values) for values in store.query(sql, params)]


def rows_about_patient(store: Store, patient_id: str) -> list[AuditRow]:
    """Every row about one patient: their record, and their encounters and requests."""
    found = store.query(
        "SELECT * FROM audit_log WHERE (entity_type = 'Patient' AND entity_id = ?) "
        "OR EXISTS (SELECT 1 FROM json_each(audit_log.detail) WHERE value = ?) ORDER BY seq",
        (patient_id, patient_code(patient_id)),
    )
    return [_row(values) for values in found]


def rows_between(store: Store, first: int, last: int) -> list[AuditRow]:
    """Rows ``first..last`` inclusive, oldest first."""
    found = store.query(
        "SELECT * FROM audit_log WHERE seq BETWEEN ? AND ? ORDER BY seq", (first, last)
    )
    return [_row(values) for values in found]


@dataclasses.dataclass(frozen=True, slots=True)
class Verdict:
    """The outcome of :func:`verify`: ``broken_at`` is the first bad row (None: intact)."""

    rows: int
    broken_at: int | None = None
    reason: str | None = None

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def verify(store: Store) -> Verdict:
    """Recompute the chain from the first row; name the first row that does not fit."""
    prev_hash, expected_seq, count = GENESIS, 1, 0
    for values in store.db.query("SELECT * FROM audit_log ORDER BY seq"):
        row = _row(values)
        if row.seq != expected_seq:
            return Verdict(count, expected_seq, "missing")
        if row.prev_hash != prev_hash:
            return Verdict(count, row.seq, "chain")
        if chain_hash(prev_hash, row.content()) != row.hash:
            return Verdict(count, row.seq, "altered")
        prev_hash, expected_seq, count = row.hash, row.seq + 1, count + 1
    highest = store.scalar("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'")
    if highest is not None and int(highest) >= expected_seq:
        return Verdict(count, expected_seq, "missing")
    return Verdict(count)
