"""What one sync pass reports (``kiosk sync --json``, the UI's status line)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection
from typing import Any

from kiosk.store.db import Store
from sync.client import SyncErrorKind


@dataclasses.dataclass(frozen=True, slots=True)
class SyncReport:
    """The result of one pass: items acked in it, what is left, and why it stopped."""

    acked: int
    pending: int
    quarantined: int
    error: SyncErrorKind | None = None
    retry_in: float | None = None
    #: photos (``binary`` items; also counted above): acked in this pass, left, refused
    photos_acked: int = 0
    photos_pending: int = 0
    photos_quarantined: int = 0

    @property
    def done(self) -> bool:
        """Nothing left to send: no pending and no quarantined items (exit code 0)."""
        return self.pending == 0 and self.quarantined == 0

    def to_json(self) -> dict[str, Any]:
        return {
            "acked": self.acked,
            "pending": self.pending,
            "quarantined": self.quarantined,
            "error": None if self.error is None else str(self.error),
            "retry_in": None if self.retry_in is None else round(self.retry_in, 1),
            "photos": {
                "acked": self.photos_acked,
                "pending": self.photos_pending,
                "quarantined": self.photos_quarantined,
            },
        }


def next_due_at(store: Store, kinds: Collection[str], held: str) -> dt.datetime | None:
    """When the first pending item of ``kinds`` that can still go becomes due (an item
    behind a quarantined dependency cannot; ``held`` photos wait for no clock); None if none."""
    placeholders = ",".join("?" for _ in kinds)
    value = store.scalar(
        "SELECT min(o.next_at) FROM outbox o WHERE o.state = 'pending' AND o.next_at != ? "
        f"AND o.kind IN ({placeholders}) AND NOT EXISTS (SELECT 1 FROM outbox_deps d "
        "JOIN outbox x ON x.id = d.depends_on WHERE d.item_id = o.id "
        "AND x.state = 'quarantined')",
        (held, *sorted(kinds)),
    )
    return None if value is None else dt.datetime.fromisoformat(str(value))
