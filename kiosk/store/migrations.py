"""Versioned schema migrations, recorded in the store itself.

Each migration runs in its own transaction together with the row that records it in
``_kiosk_migrations`` (and ``PRAGMA user_version``), so a power cut leaves the store at one
version or the next, never in between. ``kiosk init`` applies what is missing and is
idempotent. Migrations are frozen once released: a change of schema is a new migration,
and a test migrates a store from every earlier version with data in it.
"""

from __future__ import annotations

import importlib
import pkgutil

from kiosk.domain import utc_now
from kiosk.errors import StoreError
from kiosk.store import schema
from kiosk.store.db import Store
from kiosk.store.schema.base import Migration


def _discover() -> tuple[Migration, ...]:
    found = []
    for info in pkgutil.iter_modules(schema.__path__):
        if info.name.startswith("m") and info.name[1:5].isdigit():
            module = importlib.import_module(f"{schema.__name__}.{info.name}")
            found.append(module.MIGRATION)
    found.sort(key=lambda m: m.version)
    if [m.version for m in found] != list(range(1, len(found) + 1)):
        raise RuntimeError(f"schema versions are not 1..n: {[m.version for m in found]}")
    return tuple(found)


MIGRATIONS: tuple[Migration, ...] = _discover()
LATEST_VERSION = MIGRATIONS[-1].version


def current_version(store: Store) -> int:
    exists = store.scalar(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '_kiosk_migrations'"
    )
    if not exists:
        return 0
    return int(store.scalar("SELECT coalesce(max(version), 0) FROM _kiosk_migrations"))


def migrate(store: Store, target: int = LATEST_VERSION) -> list[int]:
    """Apply every missing migration up to ``target``; returns the versions applied."""
    found = current_version(store)
    if found > LATEST_VERSION:
        raise StoreError("store.too_new", found=found, known=LATEST_VERSION)
    applied = []
    for migration in MIGRATIONS:
        if migration.version <= found or migration.version > target:
            continue
        with store.transaction() as conn:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS _kiosk_migrations ("
                "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            migration.apply(conn)
            conn.execute(
                "INSERT INTO _kiosk_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.name, utc_now().isoformat()),
            )
            conn.execute(f"PRAGMA user_version = {migration.version:d}")
        applied.append(migration.version)
    return applied
