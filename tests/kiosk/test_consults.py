"""Teleconsultation requests at the kiosk (kiosk/consults.py, kiosk/consult_updates.py):
validation, the outbox, deadlines and overdue, re-routing and escalating, and the state
machine fed by pulled Task versions. A real SQLite store throughout."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from kiosk import consults, services
from kiosk.consult_updates import ConsultUpdate, apply_update, record_cancel
from kiosk.consults import ConsultRequest
from kiosk.domain import DeviceIdentity, Measurement
from kiosk.errors import UserFacingError
from kiosk.events import ConsultChanged
from kiosk.i18n import LANGUAGES, MESSAGES, translate
from kiosk.store import Store, migrate, outbox
from kiosk.store.migrations import current_version
from tests.conftest import make_patient

OXIMETER = DeviceIdentity("contec-v7", "contec-v7-SN1", "Contec", "CMS50D+", "SN1")
QUESTION = "Кашель 5 дней. Нужен антибиотик?"


def saved_visit(store: Store, now: dt.datetime) -> tuple[str, str, list[str]]:
    """(encounter id, patient id, reading ids) of a saved visit."""
    services.ensure_kiosk_registered(store, now)
    patient = make_patient(store, now)
    encounter = services.start_encounter(store, patient_id=patient, site="KZ-1", now=now)
    for rtype, value, unit in (("spo2", 96, "%"), ("pulse_rate", 72, "/min")):
        services.record_reading(
            store,
            encounter_id=encounter.id,
            measurement=Measurement("contec-v7", rtype, value, unit),
            identity=OXIMETER,
            now=now,
        )
    services.save_encounter(store, encounter_id=encounter.id, now=now)
    readings = [r["id"] for r in store.query("SELECT id FROM readings ORDER BY id")]
    return encounter.id, patient, readings


def ask(store: Store, visit: str, now: dt.datetime, **changes: object) -> str:
    request = ConsultRequest(visit, "therapist", "urgent", QUESTION)
    return consults.request_consult(store, dataclasses.replace(request, **changes), now=now)


def error_key(call: object) -> str:
    assert callable(call)
    with pytest.raises(UserFacingError) as caught:
        call()
    return caught.value.key


def test_a_request_is_one_row_and_one_outbox_item_after_its_encounter(
    store: Store, now: dt.datetime
) -> None:
    encounter_id, patient, readings = saved_visit(store, now)
    consult_id = ask(store, encounter_id, now, reading_ids=tuple(readings))

    [view] = consults.list_consults(store, now=now)
    assert (view.id, view.patient_id, view.state) == (consult_id, patient, "queued")
    assert view.deadline - view.requested_at == dt.timedelta(hours=4)
    assert not view.overdue and not view.unread and view.answer_text is None
    [item] = [i for i in outbox.due_items(store, now) if i.kind == "consult"] or [None]
    assert item is None  # waits for the encounter item
    deps = store.query(
        "SELECT x.kind FROM outbox o JOIN outbox_deps d ON d.item_id = o.id "
        "JOIN outbox x ON x.id = d.depends_on WHERE o.kind = 'consult' ORDER BY x.kind"
    )
    assert [d["kind"] for d in deps] == ["encounter", "register-device"]
    kept = store.query("SELECT kind, ref FROM consult_attachments ORDER BY ref")
    assert kept == [{"kind": "reading", "ref": r} for r in sorted(readings)]
    trail = store.query(
        "SELECT action, detail FROM audit_log WHERE entity_type = 'ServiceRequest' "
        "AND entity_id = ?",
        (consult_id,),
    )
    assert trail == [
        {"action": "created", "detail": f'["therapist", "urgent", "patient:{patient}"]'}
    ]


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"specialty": "astrologer"}, "consult.bad_specialty"),
        ({"urgency": "whenever"}, "consult.bad_urgency"),
        ({"question": "   "}, "consult.empty_question"),
        ({"question": "x" * 2001}, "consult.question_too_long"),
        ({"encounter_id": "no-such-visit"}, "consult.encounter_not_found"),
        ({"reading_ids": ("not-in-this-visit",)}, "consult.attachment_not_in_visit"),
    ],
)
def test_bad_requests_are_refused_with_a_translated_message(
    store: Store, now: dt.datetime, changes: dict[str, object], key: str
) -> None:
    encounter_id, _, _ = saved_visit(store, now)
    assert error_key(lambda: ask(store, encounter_id, now, **changes)) == key
    assert store.scalar("SELECT count(*) FROM consults") == 0
    assert all(MESSAGES[key][LANGUAGES.index(lang)] for lang in LANGUAGES)


def test_an_unsaved_visit_cannot_ask(store: Store, now: dt.datetime) -> None:
    patient = make_patient(store, now)
    draft = services.start_encounter(store, patient_id=patient, site="KZ-1", now=now)
    assert error_key(lambda: ask(store, draft.id, now)) == "consult.encounter_not_saved"


def test_overdue_comes_from_the_deadline_and_the_state(store: Store, now: dt.datetime) -> None:
    encounter_id, _, _ = saved_visit(store, now)
    urgent = ask(store, encounter_id, now)
    routine = ask(store, encounter_id, now + dt.timedelta(minutes=1), urgency="routine")
    later = now + dt.timedelta(hours=5)

    views = {v.id: v for v in consults.list_consults(store, now=later)}
    assert [v.id for v in consults.list_consults(store, now=later)] == [routine, urgent]
    assert views[urgent].overdue and not views[routine].overdue
    answered = ConsultUpdate("t1", "2", "2026-11-26T05:00:00Z", "answered", answer_text="ok")
    apply_update(store, urgent, answered, now=later)
    assert not consults.get_consult(store, urgent, now=later).overdue


def test_reroute_cancels_the_old_request_and_asks_another_specialty(
    store: Store, now: dt.datetime
) -> None:
    encounter_id, _, readings = saved_visit(store, now)
    old = ask(store, encounter_id, now, reading_ids=tuple(readings))
    new = consults.reroute(store, old, specialty="cardiologist", now=now)

    fresh = consults.get_consult(store, new, now=now)
    assert (fresh.specialty, fresh.urgency, fresh.question) == ("cardiologist", "urgent", QUESTION)
    attached = store.scalar("SELECT count(*) FROM consult_attachments WHERE consult_id = ?", (new,))
    assert attached == len(readings)
    before = consults.get_consult(store, old, now=now + dt.timedelta(days=1))
    assert not before.overdue  # replaced: the nurse acted
    assert before.status_reason == translate("consult.note.rerouted", consult_id=new)
    items = store.query("SELECT id, ref FROM outbox WHERE kind = 'consult' ORDER BY id")
    assert [i["ref"] for i in items] == [old, new, old]  # create, create, cancel
    cancel_deps = store.query(
        "SELECT depends_on FROM outbox_deps WHERE item_id = ?", (items[2]["id"],)
    )
    assert cancel_deps == [{"depends_on": items[0]["id"]}]
    assert error_key(lambda: consults.reroute(store, old, specialty="surgeon", now=now)) == (
        "consult.already_replaced"
    )
    assert error_key(lambda: consults.reroute(store, new, specialty="cardiologist", now=now)) == (
        "consult.same_specialty"
    )


def test_escalate_raises_the_urgency_one_step(store: Store, now: dt.datetime) -> None:
    encounter_id, _, _ = saved_visit(store, now)
    first = ask(store, encounter_id, now, urgency="routine")
    second = consults.escalate(store, first, now=now)
    third = consults.escalate(store, second, now=now)

    assert consults.get_consult(store, second, now=now).urgency == "urgent"
    top = consults.get_consult(store, third, now=now)
    assert top.urgency == "emergency" and top.deadline - top.requested_at == dt.timedelta(hours=1)
    assert error_key(lambda: consults.escalate(store, third, now=now)) == "consult.cannot_escalate"
    assert error_key(lambda: consults.escalate(store, "nope", now=now)) == "consult.not_found"


def test_an_answered_request_is_not_replaced(store: Store, now: dt.datetime) -> None:
    encounter_id, _, _ = saved_visit(store, now)
    consult_id = ask(store, encounter_id, now)
    apply_update(
        store, consult_id, ConsultUpdate("t", "9", None, "answered", answer_text="x"), now=now
    )
    assert error_key(lambda: consults.escalate(store, consult_id, now=now)) == (
        "consult.already_answered"
    )


def test_pulled_versions_drive_the_state_and_notify(store: Store, now: dt.datetime) -> None:
    encounter_id, _, _ = saved_visit(store, now)
    consult_id = ask(store, encounter_id, now)

    accepted = ConsultUpdate("t1", "2", "2026-11-26T05:00:00Z", "accepted", owner_display="Dr A")
    assert apply_update(store, consult_id, accepted, now=now) == ConsultChanged(
        consult_id, "accepted", False
    )
    assert apply_update(store, consult_id, accepted, now=now) is None  # same version
    view = consults.get_consult(store, consult_id, now=now)
    assert (view.state, view.owner_display, view.unread) == ("accepted", "Dr A", False)

    answered = ConsultUpdate(
        "t1",
        "3",
        "2026-11-26T06:00:00Z",
        "answered",
        answer_text="Парацетамол 500 мг.",
        answer_decision="refer-district",
        answer_codes=("J06.9",),
        follow_up=dt.date(2026, 11, 30),
        answered_at="2026-11-26T06:00:00Z",
    )
    assert apply_update(store, consult_id, answered, now=now) == ConsultChanged(
        consult_id, "answered", True
    )
    stale = ConsultUpdate("t1", "2b", "2026-11-26T05:30:00Z", "in-progress")
    assert apply_update(store, consult_id, stale, now=now) is None  # older than recorded
    view = consults.get_consult(store, consult_id, now=now)
    assert view.state == "answered" and view.unread
    assert view.answer_text == "Парацетамол 500 мг." and view.answer_codes == ("J06.9",)
    assert view.follow_up == dt.date(2026, 11, 30) and view.answer_decision == "refer-district"
    consults.mark_read(store, consult_id)
    assert not consults.get_consult(store, consult_id, now=now).unread
    # a later version without an answer (e.g. a note added) does not erase the answer
    touched = ConsultUpdate("t1", "4", "2026-11-26T07:00:00Z", "answered")
    apply_update(store, consult_id, touched, now=now)
    assert consults.get_consult(store, consult_id, now=now).answer_text == "Парацетамол 500 мг."
    assert error_key(lambda: consults.mark_read(store, "nope")) == "consult.not_found"


def test_a_refused_cancel_is_shown_to_the_nurse(store: Store, now: dt.datetime) -> None:
    encounter_id, _, _ = saved_visit(store, now)
    old = ask(store, encounter_id, now)
    consults.reroute(store, old, specialty="surgeon", now=now)
    taken = ConsultUpdate("t1", "2", "2026-11-26T05:00:00Z", "in-progress", owner_display="Dr B")
    apply_update(store, old, taken, now=now)
    record_cancel(store, old, outcome="conflict", now=now)

    view = consults.get_consult(store, old, now=now)
    state = translate("consult.state.in-progress")
    assert view.state == "in-progress" and view.unread
    assert view.status_reason == translate("consult.note.cancel_conflict", state=state)


def test_every_label_is_translated() -> None:
    labels = [("state", s) for s in consults.CONSULT_STATES]
    labels += [("specialty", s) for s in consults.SPECIALTIES]
    labels += [("urgency", u) for u in consults.URGENCIES]
    labels += [("decision", d) for d in consults.DECISIONS]
    for kind, code in labels:
        texts = MESSAGES[f"consult.{kind}.{code}"]
        assert len(texts) == 3 and all(texts), (kind, code)
    assert consults.label("decision", "something-else") == "something-else"


def _seed_v7(store: Store, now: dt.datetime) -> None:
    """A v7 store (raw SQL, as v7 code wrote it): a saved visit with a reading, queued."""
    stamp = now.isoformat()
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO patients (id, family, given, birth_date, sex, created_at, updated_at) "
            "VALUES ('p1', 'Қасымов', 'Ерлан', '1985-03-14', 'male', ?, ?)",
            (stamp, stamp),
        )
        conn.execute(
            "INSERT INTO encounters (id, patient_id, number, status, started_at, ended_at) "
            "VALUES ('e1', 'p1', 'KZ-0001-000001', 'draft', ?, NULL)",
            (stamp,),
        )
        conn.execute(
            "INSERT INTO readings (id, encounter_id, type, value, unit, source, kiosk_time) "
            "VALUES ('r1', 'e1', 'spo2', 97, '%', 'manual', ?)",
            (stamp,),
        )
        conn.execute(
            "UPDATE encounters SET status = 'finished', ended_at = ? WHERE id = 'e1'", (stamp,)
        )
        outbox.enqueue(conn, "register-patient", "p1", now)
        outbox.enqueue(conn, "encounter", "e1", now, depends_on=[1])


def test_a_version_7_store_with_visits_migrates_and_can_ask(tmp_path: Path) -> None:
    now = dt.datetime(2026, 11, 26, 4, 0, tzinfo=dt.UTC)
    with Store(tmp_path / "old.sqlite3") as old:
        migrate(old, target=7)
        _seed_v7(old, now)
        queued = outbox.counts(old)
        migrate(old)
        assert current_version(old) >= 8 and old.integrity_check() == []
        assert old.scalar("SELECT count(*) FROM consults") == 0
        assert outbox.counts(old) == queued  # nothing saved before is lost or re-queued
        assert old.scalar("SELECT count(*) FROM readings") == 1
        consult_id = ask(old, "e1", now, reading_ids=("r1",))
        assert consults.get_consult(old, consult_id, now=now).state == "queued"
        assert old.scalar("SELECT count(*) FROM outbox WHERE kind = 'consult'") == 1
