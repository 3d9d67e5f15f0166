"""The teleconsultation loop with our own console's client (issue 9): a kiosk (real store,
services, sync engine) asks, the specialist console's FHIR client lists, claims and answers
on the real FHIR peer, and the kiosk's next sync shows the nurse the answer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk import consults
from kiosk.config import KioskConfig, load_config
from kiosk.consults import ConsultRequest
from kiosk.errors import UserFacingError
from kiosk.store import Store
from sync.client import SyncErrorKind
from sync.engine import SyncEngine
from sync.specialist import SpecialistClient
from sync.specialist_http import ReviewHttp
from sync.specialist_model import Answer, Decision, Diagnosis, Specialist
from tests.integration.test_sync_e2e import build_encounters, closed_port_url

NOW = dt.datetime(2026, 11, 26, 5, 0, tzinfo=dt.UTC)
DR_A = Specialist("Practitioner/dr-a", "Dr Aisha Bekova", ("therapist", "paediatrician"))
DR_B = Specialist("Practitioner/dr-b", "Dr Boris Lee", ("therapist",))
ADVICE = "Амоксициллин 500 мг 3 раза в день 5 дней; контроль SpO2 через 24 ч."
ANSWER = Answer(
    advice=ADVICE,
    diagnoses=(Diagnosis("J18.9", "Pneumonia, unspecified"),),
    decision=Decision.REFER_DISTRICT,
    follow_up=dt.date(2026, 11, 28),
    plan="Рентген в районной больнице.",
)


@pytest.fixture
def kiosk_store(tmp_path: Path) -> Iterator[tuple[Store, KioskConfig]]:
    config = load_config(tmp_path)
    with Store(config.store_path) as store:
        yield store, config


def sync(store: Store, config: KioskConfig, url: str) -> object:
    with SyncEngine(store, config, server_url=url, now=lambda: NOW) as engine:
        return engine.run_once()


def ask(store: Store, encounter_id: str, specialty: str, urgency: str = "urgent") -> str:
    readings, photos = consults.attachments_of(store, encounter_id)
    question = "Кашель 5 дней, одышка. Нужен антибиотик?"
    request = ConsultRequest(encounter_id, specialty, urgency, question, photos, readings)
    return consults.request_consult(store, request, now=NOW)


def console(base: str, who: Specialist = DR_A) -> SpecialistClient:
    return SpecialistClient(ReviewHttp(base, token="review-token"), who)


def test_kiosk_request_is_claimed_answered_and_read_by_the_nurse(
    fhir_base: str, kiosk_store: tuple[Store, KioskConfig]
) -> None:
    store, config = kiosk_store
    first, second = build_encounters(store, config.site, count=2)
    routine = ask(store, first, "therapist", "routine")
    emergency = ask(store, second, "therapist", "emergency")
    assert getattr(sync(store, config, fhir_base), "done", False)

    items = console(fhir_base).worklist()
    assert [i.priority for i in items] == ["stat", "routine"]  # the emergency first
    item = items[0]
    assert item.specialty == "therapist"
    assert item.question == "Кашель 5 дней, одышка. Нужен антибиотик?"
    case = console(fhir_base).load_case(item)
    assert "Қасымов1" in case.patient_name
    assert {r.code for r in case.vitals} >= {"2708-6", "8867-4"}

    console(fhir_base).claim(item.task_id)
    with pytest.raises(UserFacingError) as lost:
        console(fhir_base, DR_B).claim(item.task_id)
    assert lost.value.params == {"owner": DR_A.display}
    sync(store, config, fhir_base)
    view = consults.get_consult(store, emergency, now=NOW)
    assert (view.state, view.owner_display) == ("accepted", DR_A.display)

    console(fhir_base).answer(item.task_id, ANSWER)
    sync(store, config, fhir_base)

    view = consults.get_consult(store, emergency, now=NOW)
    assert view.state == "answered" and view.unread
    assert view.answer_text is not None
    assert ADVICE in view.answer_text and ANSWER.plan in view.answer_text  # advice + plan
    assert view.answer_codes == ("J18.9",)
    assert view.answer_decision == "refer-district"
    assert view.follow_up == dt.date(2026, 11, 28)
    assert consults.get_consult(store, routine, now=NOW).state == "requested"
    assert [i.task_id for i in console(fhir_base).worklist()] == [items[1].task_id]


def test_a_kiosk_offline_for_the_whole_exchange_gets_the_answer_next_sync(
    fhir_base: str, kiosk_store: tuple[Store, KioskConfig]
) -> None:
    store, config = kiosk_store
    [encounter] = build_encounters(store, config.site, count=1)
    consult_id = ask(store, encounter, "paediatrician")
    assert getattr(sync(store, config, fhir_base), "done", False)

    [item] = console(fhir_base).worklist()
    console(fhir_base).claim(item.task_id)
    offline = sync(store, config, closed_port_url())
    assert getattr(offline, "error", None) in (None, SyncErrorKind.NETWORK)
    console(fhir_base).answer(item.task_id, ANSWER)
    assert consults.get_consult(store, consult_id, now=NOW).state == "requested"

    sync(store, config, fhir_base)
    view = consults.get_consult(store, consult_id, now=NOW)
    assert (view.state, view.answer_codes, view.answer_decision) == (
        "answered",
        ("J18.9",),
        "refer-district",
    )
