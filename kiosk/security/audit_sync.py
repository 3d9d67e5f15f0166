"""The audit trail's way to the hospital: ``audit`` outbox items, one per batch of rows.

Rows are not queued one by one (that would double every write). Before each sync pass,
:func:`queue_batches` turns the rows written since the last pass into items of at most
:data:`BATCH_SIZE` rows (``ref`` = ``"FIRST-LAST"`` sequence numbers), in one transaction
with the high-water mark in ``audit_sync``. The items go after every clinical item
(:data:`kiosk.store.outbox.PRIORITY`); each becomes one transaction of AuditEvents
(``sync/fhir_audit.py``), idempotent, so a repeat is harmless. A store in setup mode
(no staff accounts yet) keeps its rows until the first account exists.
"""

from __future__ import annotations

import datetime as dt

from kiosk.security.staff import has_staff
from kiosk.store import outbox
from kiosk.store.db import Store

KIND = "audit"
#: Rows per item: the hospital server takes at most 50 plain PUTs per transaction.
BATCH_SIZE = 50


def parse_ref(ref: str) -> tuple[int, int]:
    """``"FIRST-LAST"`` → (first, last)."""
    first, _, last = ref.partition("-")
    low, high = int(first), int(last)
    if low < 1 or high < low or high - low >= BATCH_SIZE:
        raise ValueError(f"not an audit batch: {ref!r}")
    return low, high


def queue_batches(store: Store, now: dt.datetime) -> int:
    """Queue the rows written since the last call; returns how many items were added.

    Nothing is queued while the store is in setup mode (no staff accounts: packaging, CI,
    demos); the rows wait, and the first pass after the first account sends them all.
    """
    if not has_staff(store):
        return 0
    with store.transaction() as conn:
        done = int(conn.execute("SELECT queued_through FROM audit_sync WHERE id = 1").fetchone()[0])
        last = int(conn.execute("SELECT coalesce(max(seq), 0) FROM audit_log").fetchone()[0])
        added = 0
        for first in range(done + 1, last + 1, BATCH_SIZE):
            outbox.enqueue(conn, KIND, f"{first}-{min(first + BATCH_SIZE - 1, last)}", now)
            added += 1
        if last > done:
            conn.execute("UPDATE audit_sync SET queued_through = ? WHERE id = 1", (last,))
    return added
