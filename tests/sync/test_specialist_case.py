"""The case and the answer as pure functions of FHIR JSON (no server): what the console
shows from the resources, and what it writes."""

from __future__ import annotations

import datetime as dt

import pytest

from sync.specialist import work_item
from sync.specialist_answer import build_communication, build_completed_task, fhir_instant
from sync.specialist_case import CaseResources, build_case, photos_to_fetch, reading
from sync.specialist_model import Answer, Decision, Diagnosis, Specialist

LOINC = "http://loinc.org"
ENC = "Encounter/e1"
TASK = {
    "resourceType": "Task",
    "id": "t1",
    "status": "accepted",
    "priority": "routine",
    "focus": {"reference": "ServiceRequest/s1"},
    "for": {"reference": "Patient/p1"},
    "encounter": {"reference": ENC},
    "requester": {"reference": "Device/k1"},
    "restriction": {"period": {"end": "2026-11-26T13:41:00+05:00"}},
    "meta": {"versionId": "v1"},
}
SR = {
    "resourceType": "ServiceRequest",
    "id": "s1",
    "priority": "urgent",
    "performerType": {"coding": [{"code": "39677007"}], "text": "therapist"},
    "reasonCode": [{"text": "Что дать?"}],
}


def lab(code: str, value: float, unit: str, encounter: str = ENC) -> dict[str, object]:
    return {
        "resourceType": "Observation",
        "category": [{"coding": [{"code": "laboratory"}]}],
        "code": {"coding": [{"system": LOINC, "code": code, "display": code}]},
        "encounter": {"reference": encounter},
        "effectiveDateTime": "2026-11-26T09:30:00+05:00",
        "valueQuantity": {"value": value, "unit": unit},
    }


def test_labs_reports_and_the_work_item_come_from_the_resources() -> None:
    item = work_item(TASK, SR)
    assert (item.priority, item.specialty, item.question) == ("urgent", "therapist", "Что дать?")
    assert item.deadline == dt.datetime(2026, 11, 26, 8, 41, tzinfo=dt.UTC)
    found = CaseResources(
        patient={"name": [{"text": "Айгүл Серік"}], "gender": "female", "birthDate": "1990"},
        encounter={"period": {"start": "2026-11-26T09:24:00+05:00"}},
        observations=(lab("4548-4", 7.1, "%"), lab("718-7", 11.2, "g/dL", "Encounter/old")),
        responses=(
            {
                "item": [
                    {
                        "linkId": "g",
                        "item": [
                            {"text": "Боль", "answer": [{"valueCoding": {"display": "сильная"}}]}
                        ],
                    }
                ]
            },
        ),
        media=({"id": "m1", "encounter": {"reference": ENC}, "content": {"url": "Binary/m1"}},),
        reports=({"conclusion": "HbA1c above target"},),
        photo_bytes={},
    )
    case = build_case(item, found)
    assert case.patient_name == "Айгүл Серік"
    assert [(r.code, r.text) for r in case.labs] == [("4548-4", "7.1 %")]  # this visit only
    assert case.lab_conclusions == ("HbA1c above target",)
    assert case.complaints == (("Боль", "сильная"),)  # nested groups are flattened
    assert case.photos == () and case.news2_score is None  # a Media without bytes is left out


def test_a_reading_without_a_number_is_not_a_reading() -> None:
    assert reading({"code": {"coding": [{"code": "x"}]}, "valueString": "high"}) is None
    flag = {"code": {"coding": [{"code": "x"}]}, "valueQuantity": {"value": True}}
    assert reading(flag) is None  # a boolean is not a number


def test_answer_bodies_match_what_the_kiosk_reads() -> None:
    dr = Specialist("Practitioner/d", "Dr D")
    now = dt.datetime(2026, 11, 26, 6, 0, tzinfo=dt.UTC)
    answer = Answer(
        "Покой.", (Diagnosis("R50.9", "Fever, unspecified"),), Decision.URGENT_TRANSPORT, None
    )
    note = build_communication(TASK, answer, dr, now, "urn:uuid:k")
    assert note["recipient"] == [{"reference": "Device/k1"}]
    assert note["basedOn"] == [{"reference": "ServiceRequest/s1"}]
    assert note["sent"] == "2026-11-26T06:00:00Z"
    done = build_completed_task(TASK, "c1", answer, now)
    assert "meta" not in done and done["status"] == "completed"
    assert [o["type"]["text"] for o in done["output"]] == ["advice", "decision"]
    assert done["output"][1]["valueString"] == "urgent-transport"
    assert TASK["status"] == "accepted"  # the input is not changed
    with pytest.raises(ValueError):
        build_communication(TASK, Answer(" ", (), Decision.MANAGE_LOCALLY, None), dr, now, "k")
    with pytest.raises(ValueError):
        fhir_instant(dt.datetime(2026, 1, 1))


def test_only_this_visits_photos_and_the_newest_earlier_ones_are_fetched() -> None:
    def media(n: int, encounter: str, url: str = "Binary/x") -> dict[str, object]:
        return {
            "id": f"m{n}",
            "encounter": {"reference": encounter},
            "createdDateTime": f"2026-11-{n:02d}T09:00:00Z",
            "content": {"url": url},
        }

    found = (
        media(1, "Encounter/old"),
        media(20, ENC),
        media(2, "Encounter/old"),
        media(3, "Encounter/old"),
        media(21, ENC, "https://elsewhere.example/x.jpg"),  # not on this server
    )
    chosen = photos_to_fetch(found, ENC, earlier=2)
    assert [m["id"] for m in chosen] == ["m20", "m3", "m2"]
