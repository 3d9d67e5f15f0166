"""The outbox picks due items in order, skips blocked ones, and survives a crash mid-send."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.domain import utc_now
from kiosk.store import Store, outbox


@pytest.fixture
def now() -> dt.datetime:
    """After the kiosk item ``init`` queued with the real clock."""
    return utc_now() + dt.timedelta(seconds=1)


def _add(store: Store, kind: str, ref: str, now: dt.datetime, deps: tuple[int, ...] = ()) -> int:
    with store.transaction() as conn:
        return outbox.enqueue(conn, kind, ref, now, deps)


def test_registrations_come_first_and_dependants_wait(store: Store, now: dt.datetime) -> None:
    (kiosk_item,) = outbox.due_items(store, now)  # the kiosk's own Device, from init
    patient = _add(store, "register-patient", "p1", now)
    encounter = _add(store, "encounter", "e1", now, (patient, kiosk_item.id))
    assert [i.id for i in outbox.due_items(store, now)] == [kiosk_item.id, patient]
    outbox.mark_acked(store, kiosk_item.id, now, {})
    outbox.mark_acked(store, patient, now, {})
    assert [i.id for i in outbox.due_items(store, now)] == [encounter]


def test_a_quarantined_item_blocks_only_its_dependants(store: Store, now: dt.datetime) -> None:
    for item in outbox.due_items(store, now):
        outbox.mark_acked(store, item.id, now, {})
    bad = _add(store, "register-patient", "bad", now)
    good = _add(store, "register-patient", "good", now)
    waits = _add(store, "encounter", "e-bad", now, (bad,))
    moves = _add(store, "encounter", "e-good", now, (good,))
    outbox.mark_quarantined(store, bad, 400, '{"issue": []}')
    outbox.mark_acked(store, good, now, {})
    assert [i.id for i in outbox.due_items(store, now)] == [moves]
    assert outbox.get(store, waits).state == "pending"
    outbox.requeue(store, bad, now)
    assert bad in [i.id for i in outbox.due_items(store, now)]


def test_retry_later_is_not_due_before_its_time(store: Store, now: dt.datetime) -> None:
    (item,) = outbox.due_items(store, now)
    outbox.mark_sending(store, item.id)
    outbox.mark_retry(store, item.id, now + dt.timedelta(seconds=30), 503, "busy")
    assert outbox.due_items(store, now) == []
    (again,) = outbox.due_items(store, now + dt.timedelta(seconds=31))
    assert again.attempts == 1 and again.last_status == 503


def test_in_flight_items_return_to_pending_after_a_crash(store: Store, now: dt.datetime) -> None:
    (item,) = outbox.due_items(store, now)
    outbox.mark_sending(store, item.id)
    assert outbox.counts(store)["sending"] == 1
    assert outbox.recover_in_flight(store) == 1
    assert outbox.counts(store) == {"pending": 1, "sending": 0, "acked": 0, "quarantined": 0}
