"""The specialist's questions in, the nurse's reply out (sync/fhir_consult_messages.py):
which Communications count as a question, the reply's transaction (valid R4B, created once
by its kiosk identifier), and the Task put back in progress with everything else kept."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from sync.fhir_common import MappingError
from sync.fhir_consult_messages import (
    REPLY_STATUS,
    ReplyInput,
    bundle_resources,
    read_questions,
    reply_bundle,
    resumed_task,
)
from tests.sync.fhir_r4b import assert_valid_bundle, model_for

BASE = "https://dala.example/fhir/"
TASK: dict[str, Any] = {
    "resourceType": "Task",
    "id": "task-1",
    "meta": {"versionId": "v3", "lastUpdated": "2026-11-26T06:10:01Z"},
    "status": "on-hold",
    "statusReason": {"text": "question to the nurse"},
    "intent": "order",
    "focus": {"reference": "ServiceRequest/sr-1"},
    "for": {"reference": "Patient/p-1"},
    "encounter": {"reference": "Encounter/e-1"},
    "requester": {"reference": "Device/kiosk-1"},
    "owner": {"reference": "Practitioner/dr", "display": "Dr Aigerim Seitkali"},
    "output": [{"type": {"text": "note"}, "valueString": "kept"}],
}
QUESTION = "Измерьте температуру ещё раз и пришлите фото сыпи."


def communication(cid: str, **fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "resourceType": "Communication",
        "id": cid,
        "status": "completed",
        "basedOn": [{"reference": "ServiceRequest/sr-1"}],
        "about": [{"reference": "Task/task-1"}],
        "sender": {"reference": "Practitioner/dr", "display": "Dr Aigerim Seitkali"},
        "sent": "2026-11-26T06:10:00Z",
        "payload": [{"contentString": QUESTION}],
    }
    base.update(fields)
    return {k: v for k, v in base.items() if v is not None}


def test_only_questions_to_the_nurse_about_this_task_are_read() -> None:
    found = [
        communication("q-2", sent="2026-11-26T07:00:00Z", payload=[{"contentString": " Ещё? "}]),
        communication("q-1"),
        communication("mine", sender={"reference": "Device/kiosk-1"}),
        communication("reply", inResponseTo=[{"reference": "Communication/q-1"}]),
        communication("advice"),
        communication("wrong", status="entered-in-error"),
        communication("other", about=[{"reference": "Task/other"}]),
        communication("empty", payload=[{"contentString": "  "}]),
        communication("by-request", about=None),  # another client: basedOn only
        communication("elsewhere", about=None, basedOn=[{"reference": "ServiceRequest/x"}]),
        communication("no-time", sent="yesterday"),  # unreadable time, no meta: left out
        {"resourceType": "Patient", "id": "p-1"},
    ]
    questions = read_questions(found, TASK, ("Communication/advice",))
    assert [(q.server_id, q.text) for q in questions] == [
        ("q-1", QUESTION),
        ("by-request", QUESTION),
        ("q-2", "Ещё?"),
    ]
    assert questions[0].sender_ref == "Practitioner/dr"
    assert questions[0].sent_at == "2026-11-26T06:10:00+00:00"
    assert questions[0].sender_display == "Dr Aigerim Seitkali"
    bundle = {"resourceType": "Bundle", "entry": [{"resource": found[1]}, {"x": 1}, "junk"]}
    assert bundle_resources(bundle) == [found[1]]
    assert bundle_resources(None) == []


def test_the_reply_is_one_conditional_create_and_valid_r4b() -> None:
    reply = ReplyInput(
        id="0b7f8c7e-2c1d-4c55-9a0e-5d2f3c4b1a00",
        text="  Температура 38,7 °C. Сыпь на груди.\n",
        sent_at=dt.datetime(2026, 11, 26, 6, 30, tzinfo=dt.UTC),
        question_ref="Communication/q-1",
        asked_by="Practitioner/dr",
    )
    bundle = reply_bundle(reply, TASK, BASE)
    assert assert_valid_bundle(bundle) == {"Communication"}
    [entry] = bundle["entry"]
    system = "https://dala.example/fhir/sid/kiosk-message"
    assert entry["request"] == {
        "method": "POST",
        "url": "Communication",
        "ifNoneExist": f"identifier={system}|{reply.id}",
    }
    sent = entry["resource"]
    assert sent["identifier"] == [{"system": system, "value": reply.id}]
    assert sent["payload"] == [{"contentString": "Температура 38,7 °C. Сыпь на груди."}]
    assert sent["inResponseTo"] == [{"reference": "Communication/q-1"}]
    assert sent["about"] == [{"reference": "Task/task-1"}]
    assert sent["basedOn"] == [{"reference": "ServiceRequest/sr-1"}]
    assert sent["sender"] == {"reference": "Device/kiosk-1"}
    assert sent["recipient"] == [{"reference": "Practitioner/dr"}]
    assert sent["subject"] == {"reference": "Patient/p-1"}
    assert sent["encounter"] == {"reference": "Encounter/e-1"}
    assert sent["sent"] == "2026-11-26T06:30:00+00:00"
    assert reply_bundle(reply, TASK, BASE) == bundle  # the same reply, the same request

    with pytest.raises(MappingError):
        reply_bundle(ReplyInput(reply.id, " ", reply.sent_at, "Communication/q", None), TASK, BASE)
    with pytest.raises(MappingError):
        reply_bundle(reply, {"id": "task-1"}, BASE)  # no requester to send it as
    with pytest.raises(MappingError):
        naive = ReplyInput(reply.id, "x", dt.datetime(2026, 11, 26), "Communication/q", None)
        reply_bundle(naive, TASK, BASE)


def test_the_task_goes_back_in_progress_keeping_the_hospitals_fields() -> None:
    body = resumed_task(TASK)
    model_for("Task").model_validate(body)
    assert body["status"] == "in-progress"
    assert body["businessStatus"] == {"text": REPLY_STATUS}
    assert "meta" not in body and "statusReason" not in body
    assert body["owner"] == TASK["owner"] and body["output"] == TASK["output"]
    assert TASK["status"] == "on-hold"  # the Task as read is not changed
