"""The specialist console's FHIR client against the real FHIR test peer (Medplum).

Consultations are placed with raw requests exactly as the kiosk places them
(tests/sync/specialist_seed.py); the client lists, claims, races and answers them.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests

from kiosk.errors import UserFacingError
from sync.specialist import SpecialistClient
from sync.specialist_answer import ICD10_SYSTEM
from sync.specialist_http import ReviewHttp
from sync.specialist_model import Answer, Decision, Diagnosis, Specialist
from tests.peers.fhir_server import FhirPeer
from tests.sync.specialist_seed import place_consult

DR_A = Specialist("Practitioner/dr-a", "Dr Aisha Bekova", ("therapist",))
DR_B = Specialist("Practitioner/dr-b", "Dr Boris Lee", ("therapist",))
T0 = dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def peer() -> Iterator[FhirPeer]:
    """The real FHIR test peer (tests/peers/fhir), stopped by its pid afterwards."""
    with FhirPeer() as running:
        yield running


@pytest.fixture
def fhir_base(peer: FhirPeer) -> str:
    """An empty server for each test."""
    peer.reset()
    return peer.base_url


def client(base: str, who: Specialist = DR_A) -> SpecialistClient:
    return SpecialistClient(ReviewHttp(base, token="secret-token"), who)


def test_worklist_orders_by_urgency_then_deadline(fhir_base: str) -> None:
    routine = place_consult(fhir_base, priority="routine", authored=T0, deadline_hours=1)
    urgent_late = place_consult(fhir_base, priority="urgent", authored=T0, deadline_hours=6)
    stat = place_consult(fhir_base, priority="stat", authored=T0, deadline_hours=2)
    urgent_soon = place_consult(fhir_base, priority="urgent", authored=T0, deadline_hours=3)
    other = place_consult(fhir_base, priority="stat", specialty="dermatologist", authored=T0)

    items = client(fhir_base).worklist()

    assert [i.task_id for i in items] == [
        stat.task_id,
        urgent_soon.task_id,
        urgent_late.task_id,
        routine.task_id,
    ]
    assert other.task_id not in {i.task_id for i in items}
    first = items[0]
    assert (first.priority, first.specialty, first.status) == ("stat", "therapist", "requested")
    assert first.question.startswith("Одышка")
    assert first.deadline == T0 + dt.timedelta(hours=2)
    everyone = SpecialistClient(ReviewHttp(fhir_base), Specialist("Practitioner/x", "X"))
    assert other.task_id in {i.task_id for i in everyone.worklist()}


def test_claim_sets_owner_and_hides_it_from_others(fhir_base: str) -> None:
    placed = place_consult(fhir_base)
    item = client(fhir_base).claim(placed.task_id)
    assert (item.status, item.owner_reference, item.owner_display) == (
        "accepted",
        DR_A.reference,
        DR_A.display,
    )
    stored = requests.get(f"{fhir_base}/Task/{placed.task_id}", timeout=5).json()
    assert stored["owner"] == {"reference": DR_A.reference, "display": DR_A.display}
    assert stored["status"] == "accepted"
    assert stored["meta"]["versionId"] != ""
    assert [i.task_id for i in client(fhir_base).worklist()] == [placed.task_id]
    assert client(fhir_base, DR_B).worklist() == []
    with pytest.raises(UserFacingError) as refused:
        client(fhir_base, DR_B).claim(placed.task_id)
    assert refused.value.key == "review.already_claimed"
    assert refused.value.params == {"owner": DR_A.display}


def test_stale_version_loses_with_412_and_is_told_who_won(fhir_base: str) -> None:
    placed = place_consult(fhir_base)
    b = client(fhir_base, DR_B)
    stale = b.http.read("Task", placed.task_id)  # B read it before A claimed
    client(fhir_base).claim(placed.task_id)
    real_read = b.http.read
    reads = iter([stale])  # B's first read is the stale one; its re-read after 412 is real
    b.http.read = lambda *args: next(reads, None) or real_read(*args)  # type: ignore[method-assign]
    with pytest.raises(UserFacingError) as refused:
        b.claim(placed.task_id)
    assert refused.value.params == {"owner": DR_A.display}
    stored = requests.get(f"{fhir_base}/Task/{placed.task_id}", timeout=5).json()
    assert stored["owner"]["reference"] == DR_A.reference


def test_two_consoles_racing_end_with_exactly_one_owner(fhir_base: str) -> None:
    doctors = [Specialist(f"Practitioner/dr-{n}", f"Dr {n}", ("therapist",)) for n in range(6)]
    for _round in range(5):
        placed = place_consult(fhir_base)
        won, told = race_to_claim(fhir_base, placed.task_id, doctors)
        assert len(won) == 1, (won, told)
        assert told == won * (len(doctors) - 1)
        stored = requests.get(f"{fhir_base}/Task/{placed.task_id}", timeout=5).json()
        assert stored["owner"]["display"] == won[0]


def race_to_claim(
    base: str, task_id: str, doctors: list[Specialist]
) -> tuple[list[str], list[str]]:
    """Every doctor's console claims ``task_id`` at the same moment: (winners, told owners)."""
    barrier = threading.Barrier(len(doctors))
    won: list[str] = []
    told: list[str] = []

    def race(who: Specialist) -> None:
        console = client(base, who)
        barrier.wait()
        try:
            console.claim(task_id)
            won.append(who.display)
        except UserFacingError as error:
            assert error.key == "review.already_claimed"
            told.append(str(error.params["owner"]))

    threads = [threading.Thread(target=race, args=(d,)) for d in doctors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    return won, told


def test_answer_creates_communication_and_completes_the_task(fhir_base: str) -> None:
    placed = place_consult(fhir_base)
    console = client(fhir_base)
    answer = Answer(
        advice="Амоксициллин 500 мг 3 раза в день 5 дней; контроль SpO2 утром и вечером.",
        diagnoses=(Diagnosis("J18.9", "Pneumonia, unspecified"), Diagnosis("R06.0", "Dyspnoea")),
        decision=Decision.REFER_DISTRICT,
        follow_up=dt.date(2026, 11, 29),
        plan="Рентген грудной клетки в районной больнице.",
    )
    with pytest.raises(UserFacingError) as unclaimed:
        console.answer(placed.task_id, answer)
    assert unclaimed.value.key == "review.claim_first"
    console.claim(placed.task_id)

    sent = console.answer(placed.task_id, answer)

    task = requests.get(f"{fhir_base}/Task/{placed.task_id}", timeout=5).json()
    assert task["status"] == "completed"
    assert task["owner"]["reference"] == DR_A.reference
    outputs = {o["type"]["text"]: o for o in task["output"]}
    assert outputs["advice"]["valueReference"] == {
        "reference": f"Communication/{sent.communication_id}"
    }
    assert outputs["decision"]["valueString"] == "refer-district"
    assert outputs["follow-up"]["valueDate"] == "2026-11-29"
    assert outputs["plan"]["valueString"] == answer.plan
    note = requests.get(f"{fhir_base}/Communication/{sent.communication_id}", timeout=5).json()
    assert note["payload"][0]["contentString"] == answer.advice
    assert [c["coding"][0] for c in note["reasonCode"]] == [
        {"system": ICD10_SYSTEM, "code": "J18.9", "display": "Pneumonia, unspecified"},
        {"system": ICD10_SYSTEM, "code": "R06.0", "display": "Dyspnoea"},
    ]
    assert note["basedOn"] == [{"reference": f"ServiceRequest/{placed.service_request_id}"}]
    assert note["subject"] == {"reference": f"Patient/{placed.patient_id}"}
    assert note["encounter"] == {"reference": f"Encounter/{placed.encounter_id}"}
    assert note["recipient"] == [{"reference": placed.requester}]
    assert client(fhir_base).worklist() == []  # completed: off the list
    with pytest.raises(UserFacingError) as again:
        console.answer(placed.task_id, answer)
    assert again.value.key == "review.not_open"


def test_answer_retry_with_the_same_key_makes_one_communication(fhir_base: str) -> None:
    placed = place_consult(fhir_base)
    console = client(fhir_base)
    console.claim(placed.task_id)
    answer = Answer("Наблюдение дома.", (), Decision.MANAGE_LOCALLY, None)
    first = console.answer(
        placed.task_id, answer, key="urn:uuid:7f3e0c1a-1111-4c1b-9a55-000000000001"
    )
    task = requests.get(f"{fhir_base}/Task/{placed.task_id}", timeout=5).json()
    assert {o["type"]["text"] for o in task["output"]} == {"advice", "decision"}
    found = requests.get(
        f"{fhir_base}/Communication",
        params={"identifier": "urn:ietf:rfc:3986|urn:uuid:7f3e0c1a-1111-4c1b-9a55-000000000001"},
        timeout=5,
    ).json()
    assert [e["resource"]["id"] for e in found["entry"]] == [first.communication_id]


def test_case_has_vitals_trends_news2_complaints_photos_and_question(fhir_base: str) -> None:
    placed = place_consult(fhir_base, question="Нужна ли госпитализация?")
    console = client(fhir_base)
    item = next(i for i in console.worklist() if i.task_id == placed.task_id)

    case = console.load_case(item)

    assert case.patient_name == "Ерлан Қасымов"
    assert case.item.question == "Нужна ли госпитализация?"
    assert {r.code: r.text for r in case.vitals} == {
        "2708-6": "93 %",
        "8867-4": "104 beats/minute",
        "85354-9": "142/92 mmHg",
        "8310-5": "38.3 °C",
    }
    assert [r.values for r in case.trend("2708-6")] == [(97.0,), (93.0,)]
    assert (case.news2_score, case.news2_band) == (6, "medium")
    assert case.complaints == (("Кашель", "yes"), ("Сколько дней", "3"))
    assert len(case.photos) == 1 and len(case.earlier_photos) == 1
    assert case.photos[0].data[:3] == b"\xff\xd8\xff"  # the JPEG bytes themselves
    assert case.complaint == "Одышка при ходьбе, 3 дня"


def test_token_is_sent_as_bearer_and_tls_verification_stays_on() -> None:
    http = ReviewHttp("https://hospital.example/fhir", token="t0k3n")
    assert http.headers()["Authorization"] == "Bearer t0k3n"
    assert http.session.verify is True
    assert "t0k3n" not in repr(http)
    assert ReviewHttp("https://h.example", ca_bundle="/etc/ca.pem").session.verify == "/etc/ca.pem"


def test_unreachable_server_is_a_clear_error() -> None:
    console = SpecialistClient(ReviewHttp("http://127.0.0.1:9/fhir", timeout=2), DR_A)
    with pytest.raises(UserFacingError) as failed:
        console.worklist()
    assert failed.value.key == "review.unreachable"


class _Meanwhile(ReviewHttp):
    """Something lands on the real server right after the console read the Task (so the
    console's If-Match is stale when it writes)."""

    def __init__(self, base: str, meanwhile: Callable[[str], object]) -> None:
        super().__init__(base, token="secret-token")
        self.meanwhile, self.fired = meanwhile, False

    def read(self, resource_type: str, resource_id: str) -> dict[str, Any]:
        found = super().read(resource_type, resource_id)
        if resource_type == "Task" and not self.fired:
            self.fired = True
            self.meanwhile(resource_id)
        return found


def _hospital_edits(base: str) -> Callable[[str], object]:
    def edit(task_id: str) -> None:
        task = requests.get(f"{base}/Task/{task_id}", timeout=5).json()
        task["description"] = "edited at the hospital"
        requests.put(f"{base}/Task/{task_id}", json=task, timeout=5).raise_for_status()

    return edit


@pytest.mark.parametrize("step", ["answer", "ask"])
def test_the_consoles_own_start_meanwhile_is_no_conflict(fhir_base: str, step: str) -> None:
    """Claiming from the open case sends "looking at it" in the background; an answer or a
    question sent at the same moment must not fail on it."""
    placed = place_consult(fhir_base)
    client(fhir_base).claim(placed.task_id)  # accepted, ours
    http = _Meanwhile(fhir_base, client(fhir_base).start_review)
    racing = SpecialistClient(http, DR_A)
    if step == "answer":
        racing.answer(placed.task_id, Answer("Наблюдение дома.", (), Decision.MANAGE_LOCALLY, None))
    else:
        racing.ask(placed.task_id, "Измерьте температуру ещё раз, пожалуйста.")
    task = requests.get(f"{fhir_base}/Task/{placed.task_id}", timeout=5).json()
    assert http.fired
    assert task["status"] == ("completed" if step == "answer" else "on-hold")


def test_anothers_change_meanwhile_is_still_a_conflict(fhir_base: str) -> None:
    placed = place_consult(fhir_base)
    client(fhir_base).claim(placed.task_id)
    racing = SpecialistClient(_Meanwhile(fhir_base, _hospital_edits(fhir_base)), DR_A)
    with pytest.raises(UserFacingError) as refused:
        racing.answer(placed.task_id, Answer("Наблюдение дома.", (), Decision.MANAGE_LOCALLY, None))
    assert refused.value.key == "review.changed_meanwhile"
    task = requests.get(f"{fhir_base}/Task/{placed.task_id}", timeout=5).json()
    assert task["status"] == "accepted" and task["description"] == "edited at the hospital"
