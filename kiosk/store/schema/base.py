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


def split_statements(sql: str) -> list[str]:
    """Split a script into complete statements (a trigger's ``BEGIN … END`` stays whole)."""
    statements, pending = [], ""
    for piece in sql.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n\t;"):
                statements.append(pending.strip())
            pending = ""
    if pending.strip(" \n\t;"):
        raise ValueError(f"incomplete SQL statement: {pending.strip()[:60]!r}")
    return statements


def script(sql: str) -> Callable[[sqlite3.Connection], None]:
    """Run the statements of ``sql`` in the caller's transaction (no executescript: it would
    commit)."""
    statements = split_statements(sql)

    def run(conn: sqlite3.Connection) -> None:
        for statement in statements:
            conn.execute(statement)

    return run
