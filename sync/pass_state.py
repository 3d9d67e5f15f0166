"""The tally one :meth:`sync.engine.SyncEngine.run_once` pass keeps while it sends.

What it has acked and attempted, whether the server answered, the error kind that stopped
it, the 5xx and 404/405 strike counts of fhir-mapping.md §6, the items it has already taken
or found ``sending`` after a crash, and whether it has refreshed the credentials. Private to
:mod:`sync.engine`.
"""

from __future__ import annotations

import dataclasses

from sync.client import SyncErrorKind


@dataclasses.dataclass
class _Run:
    acked: int = 0
    photos_acked: int = 0
    attempted: int = 0
    contacted: bool = False
    error: SyncErrorKind | None = None
    server_strikes: int = 0
    config_strikes: list[tuple[int, int]] = dataclasses.field(default_factory=list)
    seen: set[int] = dataclasses.field(default_factory=set)
    crashed: set[int] = dataclasses.field(default_factory=set)
    refreshed: bool = False
    total: int = 0
