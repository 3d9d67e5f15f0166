"""Migration 9 on a store that already has queued work: the outbox is rebuilt with the
``audit`` kind and keeps every row, dependency, index and trigger."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kiosk.errors import StoreError
from kiosk.store import Store, migrate, outbox

T0 = dt.datetime(2026, 11, 26, 4, 24, tzinfo=dt.UTC)


def _schema(store: Store, table: str) -> list[tuple[str, str]]:
    return [
        (row["type"], row["name"])
        for row in store.query(
            "SELECT type, name FROM sqlite_master WHERE tbl_name = ? ORDER BY type, name",
            (table,),
        )
    ]


def test_outbox_survives_the_rebuild(tmp_path: Path) -> None:
    with Store(tmp_path / "kiosk.sqlite3") as store:
        migrate(store, target=8)
        with store.transaction() as conn:
            patient = outbox.enqueue(conn, "register-patient", "p-1", T0)
            outbox.enqueue(conn, "encounter", "e-1", T0, depends_on=[patient])
        with store.transaction() as conn:
            conn.execute("UPDATE outbox SET state = 'acked', attempts = 2 WHERE id = ?", (patient,))
        before = store.query("SELECT * FROM outbox ORDER BY id")
        deps = store.query("SELECT * FROM outbox_deps")
        objects = _schema(store, "outbox")
        with pytest.raises(StoreError), store.transaction() as conn:
            conn.execute(
                "INSERT INTO outbox (kind, ref, created_at, next_at) "
                "VALUES ('audit', '1-1', 'x', 'x')"
            )
        migrate(store)
        assert store.query("SELECT * FROM outbox ORDER BY id") == before
        assert store.query("SELECT * FROM outbox_deps") == deps
        assert _schema(store, "outbox") == objects
        assert store.integrity_check() == []
        with store.transaction() as conn:
            added = outbox.enqueue(conn, "audit", "1-1", T0)
        assert added == len(before) + 1  # ids go on from where they were
        assert {"staff", "staff_lockout", "audit_log", "audit_sync"} <= set(store.db.table_names())
