"""What one sync pass reports (``kiosk sync --json``, the UI's status line)."""

from __future__ import annotations

import dataclasses
from typing import Any

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
