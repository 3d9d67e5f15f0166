"""The console's side of the conversation with the nurse, on the real FHIR test peer:
opening a claimed case puts its Task ``in-progress``; "Ask the nurse" writes the question
Communication (once, however often it is retried) and puts the Task ``on-hold``; the
kiosk's reply shows up in the case's thread; the bodies are valid R4B."""

from __future__ import annotations

import datetime as dt

import pytest
import requests

from kiosk.errors import UserFacingError
from sync.specialist import SpecialistClient
from sync.specialist_http import ReviewHttp
from sync.specialist_model import Specialist, WorkItem
from sync.specialist_thread import (
    QUESTION_REASON,
    build_on_hold_task,
    build_question,
    build_started_task,
    read_thread,
)
from tests.sync.fhir_r4b import model_for
from tests.sync.specialist_seed import place_consult
from tests.sync.test_specialist import DR_A, DR_B, T0, client, fhir_base, peer  # noqa: F401

QUESTION = "Измерьте, пожалуйста, температуру ещё раз и пришлите фото сыпи."
H = {"Content-Type": "application/fhir+json", "Accept": "application/fhir+json"}


def task_on_server(base: str, task_id: str) -> dict[str, object]:
    return dict(requests.get(f"{base}/Task/{task_id}", headers=H, timeout=5).json())


def communications(base: str) -> list[dict[str, object]]:
    found = requests.get(f"{base}/Communication", headers=H, timeout=5).json()
    return [e["resource"] for e in found.get("entry", [])]


def test_opening_a_claimed_case_puts_the_task_in_progress(fhir_base: str) -> None:  # noqa: F811
    placed = place_consult(fhir_base)
    mine = client(fhir_base)
    mine.claim(placed.task_id)
    assert client(fhir_base, DR_B).start_review(placed.task_id).status == "accepted"

    item = mine.start_review(placed.task_id)

    assert item.status == "in-progress" and item.owner_reference == DR_A.reference
    stored = task_on_server(fhir_base, placed.task_id)
    assert stored["status"] == "in-progress"
    before = stored["meta"]  # a second opening changes nothing
    assert mine.start_review(placed.task_id).status == "in-progress"
    assert task_on_server(fhir_base, placed.task_id)["meta"] == before
    assert [i.task_id for i in mine.worklist()] == [placed.task_id]


def test_asking_the_nurse_holds_the_task_and_a_retry_writes_one_question(
    fhir_base: str,  # noqa: F811
) -> None:
    placed = place_consult(fhir_base)
    mine = client(fhir_base)
    with pytest.raises(UserFacingError) as refused:
        mine.ask(placed.task_id, QUESTION)
    assert refused.value.key == "review.claim_first"
    mine.claim(placed.task_id)
    with pytest.raises(UserFacingError) as empty:
        mine.ask(placed.task_id, "   ")
    assert empty.value.key == "consult.ask.empty"

    item = mine.ask(placed.task_id, QUESTION, key="urn:uuid:5f0c1c1e-8a43-4f7e-9a55-0c7d2b6d9a10")
    again = mine.ask(placed.task_id, QUESTION, key="urn:uuid:5f0c1c1e-8a43-4f7e-9a55-0c7d2b6d9a10")

    assert item.status == again.status == "on-hold"
    task = task_on_server(fhir_base, placed.task_id)
    assert task["status"] == "on-hold"
    assert task["statusReason"] == {"text": QUESTION_REASON}
    assert task["businessStatus"] == {"text": QUESTION_REASON}
    [question] = communications(fhir_base)
    assert question["payload"] == [{"contentString": QUESTION}]
    assert question["about"] == [{"reference": f"Task/{placed.task_id}"}]
    assert question["basedOn"] == [{"reference": f"ServiceRequest/{placed.service_request_id}"}]
    assert question["recipient"] == [{"reference": placed.requester}]
    assert question["sender"] == {"reference": DR_A.reference, "display": DR_A.display}
    assert [i.status for i in mine.worklist()] == ["on-hold"]  # still on my list
    case = mine.load_case(item)
    assert [(m.role, m.text, m.sender) for m in case.thread] == [
        ("question", QUESTION, DR_A.display)
    ]


def test_the_kiosks_reply_is_part_of_the_thread(fhir_base: str) -> None:  # noqa: F811
    placed = place_consult(fhir_base)
    mine = client(fhir_base)
    mine.claim(placed.task_id)
    mine.ask(placed.task_id, QUESTION)
    [question] = communications(fhir_base)
    reply = {
        "resourceType": "Communication",
        "status": "completed",
        "inResponseTo": [{"reference": f"Communication/{question['id']}"}],
        "about": [{"reference": f"Task/{placed.task_id}"}],
        "basedOn": [{"reference": f"ServiceRequest/{placed.service_request_id}"}],
        "sender": {"reference": placed.requester},
        "sent": "2099-01-01T00:00:00Z",
        "payload": [{"contentString": "Температура 38,9. Фото отправлю."}],
    }
    posted = requests.post(f"{fhir_base}/Communication", json=reply, headers=H, timeout=5)
    assert posted.status_code == 201, posted.text

    [item] = mine.worklist()
    thread = mine.load_case(item).thread
    assert [(m.role, m.text) for m in thread] == [
        ("question", QUESTION),
        ("reply", "Температура 38,9. Фото отправлю."),
    ]


def test_bodies_are_valid_r4b_and_pure() -> None:
    task = {
        "resourceType": "Task",
        "id": "t1",
        "meta": {"versionId": "v1"},
        "status": "accepted",
        "intent": "order",
        "focus": {"reference": "ServiceRequest/sr1"},
        "for": {"reference": "Patient/p1"},
        "encounter": {"reference": "Encounter/e1"},
        "requester": {"reference": "Device/k1"},
    }
    now = T0 + dt.timedelta(minutes=5)
    question = build_question(task, f"  {QUESTION} ", DR_A, now, "urn:uuid:1")
    held, started = build_on_hold_task(task, now), build_started_task(task, now)
    for body in (question, held, started):
        model_for(str(body["resourceType"])).model_validate(body)
    assert question["sent"] == "2026-11-26T09:05:00Z"
    assert question["payload"] == [{"contentString": QUESTION}]
    assert "meta" not in held and held["status"] == "on-hold" and task["status"] == "accepted"
    assert started["status"] == "in-progress" and "meta" not in started
    with pytest.raises(ValueError):
        build_question(task, " ", DR_A, now, "urn:uuid:2")
    with pytest.raises(ValueError):
        build_question(task, "x", DR_A, dt.datetime(2026, 1, 1), "urn:uuid:3")
    thread = read_thread([dict(question, id="c1"), {"resourceType": "Communication"}], "t1")
    assert [(m.communication_id, m.role) for m in thread] == [("c1", "question")]
    assert read_thread([dict(question, id="c1")], "other-task") == ()


def test_a_request_without_a_service_request_has_no_thread() -> None:
    idle = SpecialistClient(ReviewHttp("http://127.0.0.1:9"), Specialist("Practitioner/x", "X"))
    empty = WorkItem("t", "", "accepted", "routine", "", "", None, None, None, None, "", None)
    assert idle.thread(empty) == ()  # nothing to search: no request to the (dead) server


def test_a_task_changed_meanwhile_is_not_overwritten_and_a_retry_asks_once(
    fhir_base: str,  # noqa: F811
) -> None:
    placed = place_consult(fhir_base)
    mine = client(fhir_base)
    mine.claim(placed.task_id)
    stale = mine.http.read("Task", placed.task_id)
    fresh = dict(stale, note=[{"text": "the hospital wrote meanwhile"}])
    fresh.pop("meta")
    changed = requests.put(f"{fhir_base}/Task/{placed.task_id}", json=fresh, headers=H, timeout=5)
    assert changed.status_code == 200, changed.text
    real_read = mine.http.read
    reads = iter([stale])  # the console's read was before the hospital's change
    mine.http.read = lambda *args: next(reads, None) or real_read(*args)  # type: ignore[method-assign]
    key = "urn:uuid:7d3f0c1e-8a43-4f7e-9a55-0c7d2b6d9a11"

    with pytest.raises(UserFacingError) as conflict:
        mine.ask(placed.task_id, QUESTION, key=key)
    assert conflict.value.key == "review.changed_meanwhile"
    assert task_on_server(fhir_base, placed.task_id)["status"] == "accepted"

    assert mine.ask(placed.task_id, QUESTION, key=key).status == "on-hold"  # the retry
    task = task_on_server(fhir_base, placed.task_id)
    assert task["note"] == [{"text": "the hospital wrote meanwhile"}]  # kept
    assert len(communications(fhir_base)) == 1
