"""The consultations screen's model (kiosk/consult_screen_model.py) on a real store and the
real runtime threads: a request on a saved visit, the specialist's answer written by the
same function the pull uses, then list / open / re-route / escalate through the futures."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk import consults
from kiosk.consult_screen_model import ConsultsModel, load_rows, patient_names
from kiosk.consult_updates import ConsultUpdate, apply_update, record_created
from kiosk.consults import ConsultRequest
from kiosk.errors import UserFacingError
from kiosk.runtime import Runtime
from kiosk.store import Store
from tests.kiosk.test_home_model import saved_visit

ANSWER = "Амоксициллин 500 мг 3 раза в день, 7 дней. Контроль через неделю."
WAIT = 10


def ask(store: Store, now: dt.datetime, urgency: str = "urgent") -> tuple[str, str]:
    """(patient id, consult id) of a request on a saved visit."""
    patient_id, encounter_id = saved_visit(store, now)
    request = ConsultRequest(encounter_id, "therapist", urgency, "Кашель 5 дней?")
    return patient_id, consults.request_consult(store, request, now=now)


def answer(store: Store, consult_id: str, now: dt.datetime) -> None:
    """What ``sync/consult_pull.py`` writes when the Task comes back completed."""
    with store.transaction() as conn:
        record_created(
            conn,
            consult_id,
            server_request_id="sr-1",
            server_task_id="task-1",
            task_version="1",
            now=now,
        )
    update = ConsultUpdate(
        server_task_id="task-1",
        task_version="2",
        task_updated=(now + dt.timedelta(hours=1)).isoformat(),
        state="answered",
        owner_display="Dr. Aigerim Nurlanova",
        answer_text=ANSWER,
        answer_decision="manage-locally",
        answer_codes=("J20.9",),
        follow_up=dt.date(2026, 12, 5),
        answered_at=(now + dt.timedelta(hours=1)).isoformat(),
    )
    assert apply_update(store, consult_id, update, now=now + dt.timedelta(hours=1)) is not None


def test_an_answered_request_is_listed_with_its_answer_and_opening_marks_it_read(
    store: Store, runtime: Runtime, now: dt.datetime
) -> None:
    patient_id, consult_id = ask(store, now)
    answer(store, consult_id, now)
    later = now + dt.timedelta(hours=2)
    model = ConsultsModel(runtime, clock=lambda: later)

    [row] = model.list().result(WAIT)
    assert row.patient_name == "Қасымов Ерлан"
    view = row.view
    assert (view.id, view.state, view.answer_text) == (consult_id, "answered", ANSWER)
    assert view.answer_decision == "manage-locally" and view.answer_codes == ("J20.9",)
    assert view.follow_up == dt.date(2026, 12, 5) and view.unread
    assert view.owner_display == "Dr. Aigerim Nurlanova"
    assert not row.actionable  # an answered request is not replaced

    opened = model.open(consult_id).result(WAIT)
    assert opened.view.answer_text == ANSWER and not opened.view.unread
    [again] = model.list(patient_id=patient_id).result(WAIT)
    assert not again.view.unread
    assert model.list(patient_id="somebody-else").result(WAIT) == []


def test_rerouting_and_escalating_make_new_requests(
    store: Store, runtime: Runtime, now: dt.datetime
) -> None:
    _patient, first = ask(store, now, urgency="routine")
    late = now + dt.timedelta(hours=25)
    model = ConsultsModel(runtime, clock=lambda: late)
    [row] = model.list().result(WAIT)
    assert row.view.overdue and row.actionable and row.can_escalate

    second = model.reroute(first, "cardiologist").result(WAIT)
    rows = {r.view.id: r for r in model.list().result(WAIT)}
    assert rows[second].view.specialty == "cardiologist"
    assert rows[second].view.urgency == "routine"
    assert rows[first].replaced and not rows[first].actionable
    assert not rows[first].view.overdue

    third = model.escalate(second).result(WAIT)
    rows = {r.view.id: r for r in model.list().result(WAIT)}
    assert (rows[third].view.specialty, rows[third].view.urgency) == ("cardiologist", "urgent")
    assert rows[second].replaced and set(rows) == {first, second, third}

    with pytest.raises(UserFacingError) as caught:
        model.escalate(first).result(WAIT)
    assert caught.value.key == "consult.already_replaced"


def test_an_emergency_cannot_be_escalated_but_can_be_rerouted(
    store: Store, now: dt.datetime
) -> None:
    _patient, _consult = ask(store, now, urgency="emergency")
    [row] = load_rows(store, now)
    assert row.actionable and not row.can_escalate


def test_patient_names_leave_unknown_ids_out(store: Store, now: dt.datetime) -> None:
    patient_id, _consult = ask(store, now)
    assert patient_names(store, [patient_id, "nobody"]) == {patient_id: "Қасымов Ерлан"}
