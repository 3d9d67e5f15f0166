"""A specialist's question to the nurse and her reply, end to end on the real FHIR peer.

Both sides are real: the kiosk (store, the sync engine over HTTP) asks; the specialist
console's client (:class:`sync.specialist.SpecialistClient`) claims, opens (the Task goes
``in-progress``), asks the nurse (``on-hold`` + a Communication); the kiosk pulls and shows
the question as written; the nurse replies; the kiosk sends the reply (a Communication
``inResponseTo`` the question) and resumes the Task with ``If-Match``; the console reads the
reply in the case and answers; the kiosk shows the answer. A retry never duplicates the
reply, and a specialist who changed the Task first (412) keeps their state.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import requests

from kiosk import consult_messages, consults
from kiosk.config import KioskConfig
from kiosk.events import ConsultChanged, Events
from kiosk.i18n import translate
from kiosk.store import Store
from sync import consult_pull
from sync.client import FhirClient, SyncErrorKind
from sync.consult_reply import send_reply
from sync.engine import SyncEngine
from sync.pull import Puller
from sync.specialist import SpecialistClient
from sync.specialist_http import ReviewHttp
from sync.specialist_model import Answer, Decision, Specialist
from tests.integration.test_consults_e2e import FHIR, NOW, ask, kiosk_store, read, sync
from tests.integration.test_sync_e2e import build_encounters, closed_port_url, search

__all__ = ["kiosk_store"]  # the fixture, shared with test_consults_e2e

DOCTOR = Specialist("Practitioner/dr-seitkali", "Dr Aigerim Seitkali", ("therapist",))
QUESTION = "Пожалуйста, измерьте температуру ещё раз и пришлите фото сыпи."
REPLY = "Температура 38,7 °C в 10:40. Сыпь на груди, не чешется."
ADVICE = "Парацетамол 500 мг при температуре выше 38,5; осмотр завтра."


def console(base: str) -> SpecialistClient:
    return SpecialistClient(ReviewHttp(base), DOCTOR, clock=lambda: NOW)


def replies(base: str) -> list[dict[str, Any]]:
    return [c for c in search(base, "Communication") if c.get("inResponseTo")]


def asked_and_pulled(
    base: str, store: Store, config: KioskConfig, events: Events | None = None
) -> tuple[str, str]:
    """(consult id, Task id) of a request the console claimed, opened and asked about,
    pulled by the kiosk."""
    [encounter_id] = build_encounters(store, config.site, count=1)
    consult_id = ask(store, encounter_id)
    assert sync(store, config, base, events).done
    doctor = console(base)
    [item] = doctor.worklist()
    doctor.claim(item.task_id)
    assert doctor.start_review(item.task_id).status == "in-progress"
    sync(store, config, base, events)
    assert consults.get_consult(store, consult_id, now=NOW).state == "in-progress"
    assert doctor.ask(item.task_id, QUESTION).status == "on-hold"
    sync(store, config, base, events)
    return consult_id, item.task_id


def test_question_reply_answer_round_trip(
    fhir_base: str, kiosk_store: tuple[Store, KioskConfig]
) -> None:
    store, config = kiosk_store
    events = Events()
    seen: list[ConsultChanged] = []
    events.consult_did_change.connect(seen.append)
    consult_id, task_id = asked_and_pulled(fhir_base, store, config, events)

    view = consults.get_consult(store, consult_id, now=NOW)
    assert view.state == "on-hold" and view.unread
    assert translate(f"consult.state.{view.state}", "en") == "specialist asks"
    assert view.open_question is not None and view.open_question.text == QUESTION
    assert view.open_question.sender_display == DOCTOR.display
    assert seen[-1] == ConsultChanged(consult_id, "on-hold", False)
    sync(store, config, fhir_base, events)  # pulled once: no second copy of the question
    assert len(consults.get_consult(store, consult_id, now=NOW).messages) == 1

    reply_id = consult_messages.reply(store, consult_id, f"  {REPLY}\n", now=NOW)
    view = consults.get_consult(store, consult_id, now=NOW)
    assert view.open_question is None and view.messages[-1].text == REPLY
    assert not view.messages[-1].to_json()["delivered"]
    assert sync(store, config, fhir_base, events).done

    [sent] = replies(fhir_base)
    question_id = view.messages[0].id
    question = consult_messages.messages_of(store, [consult_id])[consult_id][0]
    assert question.id == question_id
    assert sent["payload"] == [{"contentString": REPLY}]
    assert sent["inResponseTo"][0]["reference"] == f"Communication/{question.server_id}"
    assert sent["about"] == [{"reference": f"Task/{task_id}"}]
    assert sent["sender"]["reference"].startswith("Device/")
    assert sent["recipient"] == [{"reference": DOCTOR.reference}]
    assert sent["identifier"][0]["value"] == reply_id
    task = read(fhir_base, f"Task/{task_id}")
    assert task["status"] == "in-progress" and task["owner"]["reference"] == DOCTOR.reference
    view = consults.get_consult(store, consult_id, now=NOW)
    assert view.state == "in-progress" and view.messages[-1].to_json()["delivered"]

    doctor = console(fhir_base)
    [item] = doctor.worklist()
    thread = doctor.load_case(item).thread
    assert [(m.role, m.text) for m in thread] == [("question", QUESTION), ("reply", REPLY)]
    doctor.answer(task_id, Answer(ADVICE, (), Decision.MANAGE_LOCALLY, dt.date(2026, 11, 29)))
    sync(store, config, fhir_base, events)
    view = consults.get_consult(store, consult_id, now=NOW)
    assert (view.state, view.answer_text) == ("answered", ADVICE)
    assert seen[-1] == ConsultChanged(consult_id, "answered", True)


def test_a_retried_reply_is_not_duplicated(
    fhir_base: str, kiosk_store: tuple[Store, KioskConfig]
) -> None:
    store, config = kiosk_store
    consult_id, task_id = asked_and_pulled(fhir_base, store, config)
    reply_id = consult_messages.reply(store, consult_id, REPLY, now=NOW)
    assert sync(store, config, fhir_base).done
    client = FhirClient(fhir_base)
    again = send_reply(store, client, config.identifier_base, reply_id, NOW)  # a lost ack
    client.close()
    assert again.verdict.value == "acked"
    with store.transaction() as conn:  # the outbox item re-queued, as after a crash
        conn.execute("UPDATE outbox SET state = 'pending', next_at = '' WHERE ref = ?", (reply_id,))
    sync(store, config, fhir_base)
    assert len(replies(fhir_base)) == 1
    assert read(fhir_base, f"Task/{task_id}")["status"] == "in-progress"


def test_a_specialist_who_changed_the_task_first_keeps_it(
    fhir_base: str, kiosk_store: tuple[Store, KioskConfig]
) -> None:
    store, config = kiosk_store
    consult_id, task_id = asked_and_pulled(fhir_base, store, config)
    reply_id = consult_messages.reply(store, consult_id, REPLY, now=NOW)
    client = FhirClient(fhir_base)
    real_request = client.session.request

    def specialist_first(method: str, url: str, **kwargs: Any) -> requests.Response:
        """Between the kiosk's GET and its PUT of the Task the specialist rejects it."""
        if method == "PUT" and f"/Task/{task_id}" in url:
            task = read(fhir_base, f"Task/{task_id}")
            task.update(status="rejected", statusReason={"text": "Нужен очный осмотр"})
            changed = requests.put(
                f"{fhir_base}/Task/{task_id}", json=task, headers=FHIR, timeout=10
            )
            assert changed.status_code == 200, changed.text
        return real_request(method, url, **kwargs)

    client.session.request = specialist_first  # type: ignore[method-assign]
    outcome = send_reply(store, client, config.identifier_base, reply_id, NOW)
    client.close()

    assert outcome.verdict.value == "acked"
    assert len(replies(fhir_base)) == 1  # the reply itself is delivered
    assert read(fhir_base, f"Task/{task_id}")["status"] == "rejected"
    view = consults.get_consult(store, consult_id, now=NOW)
    assert (view.state, view.status_reason) == ("rejected", "Нужен очный осмотр")


def test_a_reply_typed_offline_goes_out_on_the_next_sync(
    fhir_base: str, kiosk_store: tuple[Store, KioskConfig]
) -> None:
    store, config = kiosk_store
    consult_id, task_id = asked_and_pulled(fhir_base, store, config)
    consult_messages.reply(store, consult_id, REPLY, now=NOW)

    assert sync(store, config, closed_port_url()).error == SyncErrorKind.NETWORK
    view = consults.get_consult(store, consult_id, now=NOW)
    assert view.state == "on-hold" and not view.messages[-1].to_json()["delivered"]
    assert replies(fhir_base) == []

    later = NOW + dt.timedelta(minutes=10)  # after the retry delay of the failed attempt
    with SyncEngine(store, config, server_url=fhir_base, now=lambda: later) as engine:
        assert engine.run_once().done
    assert [r["payload"][0]["contentString"] for r in replies(fhir_base)] == [REPLY]
    assert read(fhir_base, f"Task/{task_id}")["status"] == "in-progress"
    assert consults.get_consult(store, consult_id, now=NOW).state == "in-progress"


def test_a_question_that_cannot_be_read_yet_is_read_on_the_next_pass(
    fhir_base: str, kiosk_store: tuple[Store, KioskConfig]
) -> None:
    store, config = kiosk_store
    [encounter_id] = build_encounters(store, config.site, count=1)
    consult_id = ask(store, encounter_id)
    assert sync(store, config, fhir_base).done
    doctor = console(fhir_base)
    [item] = doctor.worklist()
    doctor.claim(item.task_id)
    doctor.ask(item.task_id, QUESTION)
    up, down = FhirClient(fhir_base), FhirClient(closed_port_url())
    Puller(store, up, lambda: NOW).pull_one("Task")  # the Task is here…
    assert consult_pull.apply_pending(store, down, NOW) == 0  # …its question is not, yet
    up.close()
    down.close()
    assert consults.get_consult(store, consult_id, now=NOW).state == "requested"

    sync(store, config, fhir_base)
    view = consults.get_consult(store, consult_id, now=NOW)
    assert view.open_question is not None and view.open_question.text == QUESTION
