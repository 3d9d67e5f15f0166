"""The sync lock: one sync worker per data dir (fhir-mapping.md §5).

:func:`sync_lock` is an exclusive, non-blocking ``flock`` on ``sync.lock`` in the data dir;
a second worker finds it held and skips its pass. Re-exported by :mod:`sync.engine`.
"""

from __future__ import annotations

import contextlib
import fcntl
from collections.abc import Iterator
from pathlib import Path

LOCK_FILENAME = "sync.lock"


@contextlib.contextmanager
def sync_lock(data_dir: Path) -> Iterator[bool]:
    """An exclusive, non-blocking file lock in the data dir; yields False when held."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with open(data_dir / LOCK_FILENAME, "a+b") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
