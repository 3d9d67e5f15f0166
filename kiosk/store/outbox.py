"""The outbox: what must reach the hospital, written in the same transaction as the data.

Each row is one idempotent item (fhir-mapping.md §1, §5): ``register-patient``,
``register-device``, ``encounter``, ``consult``, ``binary``. States:

    pending → sending → acked
                     ↘ pending (retry later, attempts and next_at persisted)
                     ↘ quarantined (the server refused this item; kept, shown, retryable)

An item waits for the items it depends on (an encounter for its patient and devices), and
only those wait: choosing the next item skips anything not yet due, quarantined, or blocked.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from kiosk.store.db import Store

KINDS = ("register-patient", "register-device", "encounter", "consult", "binary", "audit")
STATES = ("pending", "sending", "acked", "quarantined")
#: Sending order: registrations first, then clinical content (fhir-mapping.md §5).
PRIORITY = {"register-patient": 0, "register-device": 0, "encounter": 1, "consult": 2, "binary": 3}
PRIORITY["audit"] = 4  # the audit trail (kiosk/security/audit_sync.py) goes last


@dataclasses.dataclass(frozen=True, slots=True)
class OutboxItem:
    id: int
    kind: str
    ref: str
    state: str
    attempts: int
    next_at: str
    last_status: int | None
    last_error: str | None


def enqueue(
    conn: sqlite3.Connection,
    kind: str,
    ref: str,
    now: dt.datetime,
    depends_on: Iterable[int] = (),
) -> int:
    """Add an item inside the caller's transaction; returns its id."""
    if kind not in KINDS:
        raise ValueError(f"unknown outbox kind {kind!r}")
    stamp = now.isoformat()
    cursor = conn.execute(
        "INSERT INTO outbox (kind, ref, created_at, next_at) VALUES (?, ?, ?, ?)",
        (kind, ref, stamp, stamp),
    )
    item_id = int(cursor.lastrowid or 0)
    conn.executemany(
        "INSERT OR IGNORE INTO outbox_deps (item_id, depends_on) VALUES (?, ?)",
        [(item_id, dep) for dep in set(depends_on)],
    )
    return item_id


def latest_item(conn: sqlite3.Connection, kind: str, ref: str) -> tuple[int, str] | None:
    """The newest item for (kind, ref) as (id, state), if any."""
    row = conn.execute(
        "SELECT id, state FROM outbox WHERE kind = ? AND ref = ? ORDER BY id DESC LIMIT 1",
        (kind, ref),
    ).fetchone()
    return None if row is None else (int(row[0]), str(row[1]))


def _item(row: dict[str, Any]) -> OutboxItem:
    return OutboxItem(
        id=row["id"],
        kind=row["kind"],
        ref=row["ref"],
        state=row["state"],
        attempts=row["attempts"],
        next_at=row["next_at"],
        last_status=row["last_status"],
        last_error=row["last_error"],
    )


def due_items(store: Store, now: dt.datetime, limit: int = 50) -> list[OutboxItem]:
    """Pending items that are due and whose dependencies are all acknowledged — except that
    a consultation does not wait for a chosen photo that was held back (quarantined: its
    file missing or damaged, or refused): it goes without it and says so
    (:func:`sync.consult_sync.consult_bundle_for`), since a specialist must not wait on it."""
    rows = store.query(
        "SELECT o.* FROM outbox o WHERE o.state = 'pending' AND o.next_at <= :now "
        "AND NOT EXISTS (SELECT 1 FROM outbox_deps d JOIN outbox x ON x.id = d.depends_on "
        "                WHERE d.item_id = o.id AND x.state != 'acked' "
        "                AND NOT (o.kind = 'consult' AND x.kind = 'binary' "
        "                         AND x.state = 'quarantined')) "
        "ORDER BY CASE o.kind WHEN 'register-patient' THEN 0 WHEN 'register-device' THEN 0 "
        "WHEN 'encounter' THEN 1 WHEN 'consult' THEN 2 WHEN 'audit' THEN 4 ELSE 3 END, "
        "o.id LIMIT :limit",
        {"now": now.isoformat(), "limit": limit},
    )
    return [_item(row) for row in rows]


def get(store: Store, item_id: int) -> OutboxItem:
    return _item(store.query("SELECT * FROM outbox WHERE id = ?", (item_id,))[0])


def mark_sending(store: Store, item_id: int) -> None:
    with store.transaction() as conn:
        conn.execute(
            "UPDATE outbox SET state = 'sending', attempts = attempts + 1 WHERE id = ?",
            (item_id,),
        )


def mark_acked(store: Store, item_id: int, now: dt.datetime, response: object) -> None:
    with store.transaction() as conn:
        _mark_acked(conn, item_id, now, response)


def _mark_acked(conn: sqlite3.Connection, item_id: int, now: dt.datetime, response: object) -> None:
    conn.execute(
        "UPDATE outbox SET state = 'acked', acked_at = ?, response = ?, last_error = NULL "
        "WHERE id = ?",
        (now.isoformat(), json.dumps(response, ensure_ascii=False), item_id),
    )


def mark_retry(
    store: Store, item_id: int, next_at: dt.datetime, status: int | None, error: str
) -> None:
    with store.transaction() as conn:
        conn.execute(
            "UPDATE outbox SET state = 'pending', next_at = ?, last_status = ?, last_error = ? "
            "WHERE id = ?",
            (next_at.isoformat(), status, error, item_id),
        )


def mark_quarantined(store: Store, item_id: int, status: int | None, error: str) -> None:
    with store.transaction() as conn:
        conn.execute(
            "UPDATE outbox SET state = 'quarantined', last_status = ?, last_error = ? WHERE id = ?",
            (status, error, item_id),
        )


def requeue(store: Store, item_id: int, now: dt.datetime) -> None:
    """Retry a quarantined item after a fix."""
    with store.transaction() as conn:
        conn.execute(
            "UPDATE outbox SET state = 'pending', next_at = ? WHERE id = ? "
            "AND state = 'quarantined'",
            (now.isoformat(), item_id),
        )


def recover_in_flight(store: Store) -> int:
    """After a crash, items left 'sending' go back to 'pending' (every item is idempotent)."""
    with store.transaction() as conn:
        cursor = conn.execute("UPDATE outbox SET state = 'pending' WHERE state = 'sending'")
        return cursor.rowcount


def counts(store: Store) -> dict[str, int]:
    """Items by state, every state present (0 when none)."""
    found = {
        row["state"]: row["n"]
        for row in store.query("SELECT state, count(*) AS n FROM outbox GROUP BY state")
    }
    return {state: int(found.get(state, 0)) for state in STATES}
