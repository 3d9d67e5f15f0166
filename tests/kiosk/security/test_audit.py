"""The audit trail: append-only, hash-chained; tampering, deletion and truncation are found."""

from __future__ import annotations

import datetime as dt
import itertools
import json

import pytest

from kiosk.errors import StoreError
from kiosk.security import audit
from kiosk.store import Store

ACTOR = audit.Actor.staff("staff-1")


def _fill(store: Store, now: dt.datetime, count: int = 5) -> None:
    for n in range(count):
        with store.transaction() as conn:
            audit.record(
                conn, "viewed", "Patient", f"patient-{n}", now=now + dt.timedelta(seconds=n),
                detail=("show",), actor=ACTOR,
            )  # fmt: skip


def _untriggered(store: Store) -> None:
    """What an attacker with the raw file would do first: remove the guards."""
    store.conn.execute("DROP TRIGGER audit_log_no_update")
    store.conn.execute("DROP TRIGGER audit_log_no_delete")


def test_the_chain_verifies(store: Store, now: dt.datetime) -> None:
    assert audit.verify(store) == audit.Verdict(rows=0)
    _fill(store, now)
    verdict = audit.verify(store)
    assert verdict.ok and verdict.rows == 5
    rows = audit.rows(store)
    assert [r.seq for r in rows] == [1, 2, 3, 4, 5]
    assert rows[0].prev_hash == audit.GENESIS
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(rows))
    assert rows[2].hash == audit.chain_hash(rows[1].hash, rows[2].content())
    assert rows[0].at == "2026-11-26T04:24:00.000000+00:00"


def test_update_and_delete_are_refused_by_triggers(store: Store, now: dt.datetime) -> None:
    _fill(store, now, 2)
    for statement in (
        "UPDATE audit_log SET entity_id = 'x' WHERE seq = 1",
        "DELETE FROM audit_log WHERE seq = 2",
    ):
        with pytest.raises(StoreError), store.transaction() as conn:
            conn.execute(statement)
    assert audit.verify(store).rows == 2


def test_a_tampered_row_is_named(store: Store, now: dt.datetime) -> None:
    _fill(store, now)
    _untriggered(store)
    store.conn.execute("UPDATE audit_log SET entity_id = 'patient-99' WHERE seq = 3")
    assert audit.verify(store) == audit.Verdict(rows=2, broken_at=3, reason="altered")


def test_a_rehashed_row_breaks_the_next_link(store: Store, now: dt.datetime) -> None:
    _fill(store, now)
    _untriggered(store)
    row = audit.rows(store)[2]
    forged = audit.AuditRow(**{**row.to_json(), "detail": ("show",), "actor_id": "someone-else"})
    digest = audit.chain_hash(forged.prev_hash, forged.content())
    store.conn.execute(
        "UPDATE audit_log SET actor_id = ?, hash = ? WHERE seq = 3", ("someone-else", digest)
    )
    assert audit.verify(store) == audit.Verdict(rows=3, broken_at=4, reason="chain")


def test_a_deleted_row_is_found(store: Store, now: dt.datetime) -> None:
    _fill(store, now)
    _untriggered(store)
    store.conn.execute("DELETE FROM audit_log WHERE seq = 2")
    assert audit.verify(store) == audit.Verdict(rows=1, broken_at=2, reason="missing")


def test_a_cut_tail_is_found(store: Store, now: dt.datetime) -> None:
    _fill(store, now)
    _untriggered(store)
    store.conn.execute("DELETE FROM audit_log WHERE seq >= 4")
    assert audit.verify(store) == audit.Verdict(rows=3, broken_at=4, reason="missing")
    with store.transaction() as conn:  # a new row after the cut does not hide it
        seq = audit.record(conn, "viewed", "Patient", "p", now=now, actor=ACTOR)
    assert seq == 6
    assert audit.verify(store).broken_at == 4


def test_details_are_codes_never_free_text(store: Store, now: dt.datetime) -> None:
    for bad in ("Aigerim Kasymova", "", "x" * 65, "a;b"):
        with pytest.raises(ValueError), store.transaction() as conn:
            audit.record(conn, "viewed", "Patient", "p", now=now, detail=(bad,), actor=ACTOR)
    with pytest.raises(ValueError), store.transaction() as conn:
        audit.record(conn, "read", "Patient", "p", now=now, actor=ACTOR)
    assert audit.verify(store).rows == 0


def test_rows_are_attributed_to_the_current_actor(store: Store, now: dt.datetime) -> None:
    audit.set_actor(ACTOR)
    try:
        audit.record_view(store, "Encounter", "enc-1", now=now)
    finally:
        audit.set_actor(audit.SERVICE)
    audit.record_view(store, "Encounter", "enc-1", now=now, action="exported", detail=("fhir",))
    rows = audit.rows(store)
    assert [(r.actor_kind, r.actor_id, r.action) for r in rows] == [
        ("staff", "staff-1", "viewed"),
        ("service", "service", "exported"),
    ]
    assert json.loads(json.dumps(rows[1].to_json()))["detail"] == ["fhir"]
    assert [r.seq for r in audit.rows(store, after=1)] == [2]
