"""The teleconsult mapping (sync/fhir_consult.py): the ServiceRequest + Task bundle out, and
what the kiosk reads from any client's Task, Communication or DiagnosticReport. Pure."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from sync.bundles import LocalRejection, validate_bundle
from sync.fhir_common import MappingError
from sync.fhir_consult import (
    SPECIALTY_CODES,
    ConsultInput,
    cancelled_task,
    consult_bundle,
    priority,
    read_answer,
    read_task,
)

BASE = "https://dala.example/fhir/"
T0 = dt.datetime(2026, 11, 26, 4, 41, tzinfo=dt.UTC)
CONSULT = ConsultInput(
    id="1fd72333-a585-45cd-b025-9386dea5325d",
    task_id="76b8d128-bbf4-40b1-99dd-aa3d25e2e555",
    specialty="paediatrician",
    urgency="urgent",
    question="Кашель 5 дней, SpO2 93 %. Нужен антибиотик?",
    requested_at=T0,
    deadline=T0 + dt.timedelta(hours=4),
    patient_ref="a94eac51-f366-4cf2-9816-3f5bbd726e9c",
    encounter_ref="b7a7dc20-69ef-4dd2-bcde-6319c4bf3226",
    kiosk_ref="d6c607ae-0fd4-4c6a-abfc-975dbdbf01b7",
    supporting=("Observation/ae70523c", "Media/9a1f"),
)


def test_the_bundle_creates_service_request_and_task_once() -> None:
    bundle = consult_bundle(CONSULT, BASE)
    validate_bundle(bundle)  # fhir.resources R4B
    request, task = (entry["resource"] for entry in bundle["entry"])
    methods = [entry["request"] for entry in bundle["entry"]]
    assert methods == [
        {
            "method": "POST",
            "url": "ServiceRequest",
            "ifNoneExist": f"identifier={BASE}sid/kiosk-consult|{CONSULT.id}",
        },
        {
            "method": "POST",
            "url": "Task",
            "ifNoneExist": f"identifier={BASE}sid/kiosk-task|{CONSULT.task_id}",
        },
    ]
    assert "id" not in request and "id" not in task  # the server names them
    assert request["identifier"] == [{"system": f"{BASE}sid/kiosk-consult", "value": CONSULT.id}]
    assert (request["status"], request["intent"], request["priority"]) == (
        "active",
        "order",
        "urgent",
    )
    assert request["category"][0]["coding"][0]["code"] == "11429006"
    assert request["performerType"] == {
        "coding": [
            {"system": "http://snomed.info/sct", "code": "82296001", "display": "Pediatrician"}
        ],
        "text": "paediatrician",
    }
    assert request["reasonCode"] == [{"text": CONSULT.question}]
    assert request["supportingInfo"] == [
        {"reference": "Observation/ae70523c"},
        {"reference": "Media/9a1f"},
    ]
    assert request["requester"] == task["requester"] == {"reference": f"Device/{CONSULT.kiosk_ref}"}
    assert task["focus"] == {"reference": bundle["entry"][0]["fullUrl"]}
    assert bundle["entry"][0]["fullUrl"] == f"urn:uuid:{CONSULT.id}"
    assert (task["status"], task["intent"], task["priority"]) == ("requested", "order", "urgent")
    assert task["code"]["coding"][0]["code"] == "fulfill"
    assert task["for"] == {"reference": f"Patient/{CONSULT.patient_ref}"}
    assert task["encounter"] == {"reference": f"Encounter/{CONSULT.encounter_ref}"}
    assert task["authoredOn"] == "2026-11-26T04:41:00+00:00"
    assert task["restriction"] == {"period": {"end": "2026-11-26T08:41:00+00:00"}}
    assert task["description"] == CONSULT.question
    assert task["performerType"] == [request["performerType"]]


@pytest.mark.parametrize(
    ("urgency", "clinical", "expected"),
    [
        ("routine", None, "routine"),
        ("routine", "urgent", "urgent"),
        ("routine", "stat", "stat"),
        ("urgent", "routine", "urgent"),
        ("emergency", "routine", "stat"),
        ("urgent", "stat", "stat"),
    ],
)
def test_priority_is_the_higher_of_urgency_and_news2(
    urgency: str, clinical: str | None, expected: str
) -> None:
    assert priority(urgency, clinical) == expected


def test_every_specialty_has_a_snomed_occupation() -> None:
    from kiosk.consults import SPECIALTIES

    assert set(SPECIALTY_CODES) == set(SPECIALTIES)
    assert all(code.isdigit() and display for code, display in SPECIALTY_CODES.values())


def test_bad_records_are_refused_before_sending() -> None:
    with pytest.raises(MappingError):
        consult_bundle(ConsultInput(**{**CONSULT.__dict__, "specialty": "astrologer"}), BASE)
    with pytest.raises(MappingError):
        consult_bundle(ConsultInput(**{**CONSULT.__dict__, "question": " "}), BASE)
    naive = ConsultInput(**{**CONSULT.__dict__, "requested_at": T0.replace(tzinfo=None)})
    with pytest.raises(MappingError):
        consult_bundle(naive, BASE)
    broken = consult_bundle(CONSULT, BASE)
    broken["entry"][1]["resource"]["authoredOn"] = "yesterday"
    with pytest.raises(LocalRejection):
        validate_bundle(broken)


def task(status: str, **more: Any) -> dict[str, Any]:
    meta = {"versionId": "v7", "lastUpdated": "2026-11-26T06:00:00.000Z"}
    return {"resourceType": "Task", "id": "srv-1", "meta": meta, "status": status, **more}


@pytest.mark.parametrize(
    ("status", "state"),
    [
        ("requested", "requested"),
        ("received", "accepted"),
        ("accepted", "accepted"),
        ("in-progress", "in-progress"),
        ("on-hold", "on-hold"),
        ("completed", "answered"),
        ("rejected", "rejected"),
        ("cancelled", "cancelled"),
        ("failed", "failed"),
    ],
)
def test_task_statuses_become_kiosk_states(status: str, state: str) -> None:
    read = read_task(task(status))
    assert (read.state, read.server_id, read.version) == (state, "srv-1", "v7")
    assert (read.answered_at is not None) == (status == "completed")


def test_owner_reason_and_outputs_are_read_liberally() -> None:
    found = read_task(
        task(
            "completed",
            owner={"reference": "Practitioner/1", "display": "Dr Seitkali"},
            statusReason={"coding": [{"code": "x", "display": "needs an X-ray"}]},
            executionPeriod={"end": "2026-11-26T06:30:00Z"},
            output=[
                {"type": {"text": "answer"}, "valueReference": {"reference": "Communication/c1"}},
                {"type": {"coding": [{"code": "decision"}]}, "valueString": "urgent-transport"},
                {"type": {"text": "Follow-up"}, "valueDate": "2026-12-01"},
                {"type": {"text": "note"}, "valueString": "Call back if worse."},
                {"type": {"text": "x"}, "valueReference": {"reference": "Patient/p"}},
                {"type": {"text": "report"}, "valueReference": {"reference": "DiagnosticReport/d"}},
            ],
        )
    )
    assert found.owner_display == "Dr Seitkali" and found.status_reason == "needs an X-ray"
    assert found.answer_refs == ("Communication/c1", "DiagnosticReport/d")
    assert found.answer_strings == ("Call back if worse.",)
    assert (found.decision, found.follow_up) == ("urgent-transport", dt.date(2026, 12, 1))
    assert found.answered_at == "2026-11-26T06:30:00Z"


def test_answers_come_from_communications_and_reports() -> None:
    icd = "http://hl7.org/fhir/sid/icd-10"
    communication = {
        "resourceType": "Communication",
        "payload": [{"contentString": "Rest, fluids."}, {"contentAttachment": {"url": "x"}}],
        "reasonCode": [
            {
                "coding": [
                    {"system": icd, "code": "J06.9"},
                    {"system": "http://snomed.info/sct", "code": "1"},
                ]
            }
        ],
    }
    report = {
        "resourceType": "DiagnosticReport",
        "conclusion": "No pneumonia.",
        "conclusionCode": [
            {"coding": [{"system": icd, "code": "J06.9"}, {"system": icd, "code": "R05"}]}
        ],
    }
    text, codes = read_answer([communication, report], ["Call back if worse."])
    assert text == "Rest, fluids.\n\nNo pneumonia.\n\nCall back if worse."
    assert codes == ["J06.9", "R05"]
    assert read_answer([]) == ("", [])


def test_the_cancel_keeps_what_the_hospital_wrote() -> None:
    current = task("requested", owner={"display": "Dr A"}, description="q")
    body = cancelled_task(current, "re-routed")
    assert body["status"] == "cancelled" and body["statusReason"] == {"text": "re-routed"}
    assert body["owner"] == {"display": "Dr A"} and "meta" not in body
    assert current["status"] == "requested"  # the read copy is untouched


def test_malformed_resources_from_other_clients_do_not_break_reading() -> None:
    odd = task(
        "completed",
        meta="not an object",
        owner=["not", "an", "object"],
        output=["text", {"type": "decision"}, {"type": {"coding": ["x"]}, "valueString": "ok"}],
        statusReason={"coding": "none"},
    )
    found = read_task(odd)
    assert found.state == "answered" and found.owner_display is None
    assert found.answer_strings == ("ok",) and found.status_reason is None
    text, codes = read_answer(
        [{"resourceType": "Communication", "payload": "x", "reasonCode": ["J06.9"]}]
    )
    assert (text, codes) == ("", [])
