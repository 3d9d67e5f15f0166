"""Unfinished visits as typed on the screen: nothing a nurse typed is ever lost.

The visit screen keeps its form (:class:`kiosk.visit_model.VisitForm`) as JSON in the
``visit_drafts`` table (schema version 10), replaced as the nurse types (the screen
debounces, the runtime's writer thread writes). Each write is one transaction, so after a
crash or a power cut the store holds the last complete form, never half of one. At start
the kiosk offers the newest row again ("continue the unfinished visit of …?"); saving the
visit deletes its row in the visit's own transaction, and "discard" deletes it.

No patient data is logged here; the label (the name as typed) lives only in the store.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from kiosk.store.db import Store
from kiosk.store.records import to_db_time


@dataclasses.dataclass(frozen=True, slots=True)
class StoredDraft:
    """One unfinished visit: its id, the patient's name as typed, the form, when written."""

    id: str
    label: str
    state: dict[str, Any]
    created_at: str
    updated_at: str


def save_draft(
    store: Store, draft_id: str, state: dict[str, Any], *, label: str, now: dt.datetime
) -> None:
    """Insert or replace the draft ``draft_id`` (one transaction)."""
    stamp = to_db_time(now)
    text = json.dumps(state, ensure_ascii=False, sort_keys=True)
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO visit_drafts (id, label, state, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
            "label = excluded.label, state = excluded.state, updated_at = excluded.updated_at",
            (draft_id, label, text, stamp, stamp),
        )


def delete_draft(store: Store, draft_id: str) -> bool:
    """Forget a draft (saved or discarded); True if there was one."""
    with store.transaction() as conn:
        cursor = conn.execute("DELETE FROM visit_drafts WHERE id = ?", (draft_id,))
        return cursor.rowcount > 0


def list_drafts(store: Store) -> list[StoredDraft]:
    """Every unfinished visit, newest first."""
    rows = store.query(
        "SELECT id, label, state, created_at, updated_at FROM visit_drafts "
        "ORDER BY updated_at DESC, id"
    )
    return [
        StoredDraft(
            id=str(row["id"]),
            label=str(row["label"]),
            state=json.loads(row["state"]),
            created_at=str(row["created_at"]),
            updated_at=str(row["updated_at"]),
        )
        for row in rows
    ]


def latest_draft(store: Store) -> StoredDraft | None:
    """The newest unfinished visit, or None."""
    found = list_drafts(store)
    return found[0] if found else None
