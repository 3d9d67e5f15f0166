"""What a schema module provides."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable


@dataclasses.dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[sqlite3.Connection], None]


def script(sql: str) -> Callable[[sqlite3.Connection], None]:
    """Run ``;``-separated statements in the caller's transaction (no executescript:
    it would commit)."""
    statements = [s.strip() for s in sql.split(";") if s.strip()]

    def run(conn: sqlite3.Connection) -> None:
        for statement in statements:
            conn.execute(statement)

    return run
