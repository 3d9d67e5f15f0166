"""The kiosk's one SQLite file: connection settings and transactions.

Durability first: WAL journal, ``synchronous=FULL`` (a committed transaction survives a power
cut), foreign keys on. Writes happen only inside :meth:`Store.transaction`, which is
``BEGIN IMMEDIATE`` … ``COMMIT`` on a connection in autocommit mode, so nothing commits
behind our back. SQLite failures become :class:`~kiosk.errors.StoreError` with a message key
(disk full, read-only, damaged), and the transaction is rolled back: nothing half-written.

sqlite-utils wraps the connection for queries and introspection (``store.db``). Its write
helpers open their own ``with conn:`` blocks and commit, so they are not used inside our
transactions.

The file is encrypted (SQLCipher, the key outside the data folder) unless encryption is
switched off; a plain store of an earlier version is encrypted in place on first open
(:mod:`kiosk.security.encrypted_store`).
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlite_utils

from kiosk.errors import StoreError
from kiosk.security.encrypted_store import DB_ERRORS, open_connection
from kiosk.security.keys import StoreKey

STORE_FILENAME = "kiosk.sqlite3"


def _classify(error: Exception, path: Path) -> StoreError:
    code = getattr(error, "sqlite_errorcode", None)
    name = getattr(error, "sqlite_errorname", "") or ""
    text = str(error).lower()
    if code == sqlite3.SQLITE_FULL or "full" in text:
        return StoreError("store.disk_full")
    if name.startswith("SQLITE_READONLY") or "readonly" in text or "read-only" in text:
        return StoreError("store.read_only", path=str(path))
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB) or "malformed" in text:
        return StoreError("store.corrupt", path=str(path))
    return StoreError("store.failed", reason=name or type(error).__name__)


class Store:
    """An open connection to the store. Use one per thread; write only in transactions."""

    def __init__(self, path: Path, *, must_exist: bool = False) -> None:
        self.path = Path(path)
        if must_exist and not self.path.exists():
            raise StoreError("store.not_initialised", path=str(self.path))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            opened = open_connection(self.path)
            conn = opened.conn
            conn.execute("PRAGMA busy_timeout = 10000")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
        except DB_ERRORS as error:
            raise _classify(error, self.path) from error
        self.conn = conn
        self.key: StoreKey | None = opened.key
        self.db = sqlite_utils.Database(conn)
        self._depth = 0
        self._owner: int | None = None

    @property
    def encrypted(self) -> bool:
        """True when the file is encrypted (and ``key`` opened it)."""
        return self.key is not None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic write. Nested calls join the outer transaction."""
        if self._depth:
            if self._owner != threading.get_ident():
                raise RuntimeError("a Store connection is used from two threads")
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except DB_ERRORS as error:
            raise _classify(error, self.path) from error
        self._depth, self._owner = 1, threading.get_ident()
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except DB_ERRORS as error:
            self._rollback()
            raise _classify(error, self.path) from error
        except BaseException:
            self._rollback()
            raise
        finally:
            self._depth, self._owner = 0, None

    def _rollback(self) -> None:
        with contextlib.suppress(*DB_ERRORS):
            self.conn.execute("ROLLBACK")

    def query(
        self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()
    ) -> list[dict[str, Any]]:
        try:
            return list(self.db.query(sql, params))
        except DB_ERRORS as error:
            raise _classify(error, self.path) from error

    def scalar(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        try:
            row = self.conn.execute(sql, params).fetchone()
        except DB_ERRORS as error:
            raise _classify(error, self.path) from error
        return None if row is None else row[0]

    def has_table(self, name: str) -> bool:
        """Whether table ``name`` exists (a store of an older schema may lack it until
        ``kiosk init`` migrates it)."""
        found = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?"
        return bool(self.scalar(found, (name,)))

    def integrity_check(self) -> list[str]:
        """``PRAGMA integrity_check`` plus foreign keys; ``[]`` means healthy."""
        problems = [row[0] for row in self.conn.execute("PRAGMA integrity_check")]
        if problems == ["ok"]:
            problems = []
        problems += [
            f"foreign key: {row[0]} row {row[1]} -> {row[2]}"
            for row in self.conn.execute("PRAGMA foreign_key_check")
        ]
        return problems
