"""The full encounter record against the real FHIR peer (fhir-mapping.md §3.1-§3.7).

Patients and encounters are built through the core registry and encounter services on
real stores, synced by the real engine, and the server is queried with plain ``requests``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import requests

from kiosk import encounters, registry
from kiosk.config import KioskConfig, load_config
from kiosk.demo import init_store
from kiosk.domain import Sex
from kiosk.registry import PatientDraft
from kiosk.store import Store
from sync.engine import SyncEngine
from tests.sync.fhir_r4b import CASE_C, model_for, visit

FHIR_JSON = {"Accept": "application/fhir+json"}
TIMEOUT = 10
IIN = "850314301234"


def get(url: str, **params: str) -> dict[str, Any]:
    resp = requests.get(url, params=params, headers=FHIR_JSON, timeout=TIMEOUT)
    assert resp.status_code == 200, resp.text
    document: dict[str, Any] = resp.json()
    if document.get("resourceType") not in ("Bundle", None):
        model_for(document["resourceType"]).model_validate(document)
    return document


def search(base: str, resource_type: str, **params: str) -> list[dict[str, Any]]:
    found = get(f"{base}/{resource_type}", _count="100", **params)
    return [entry["resource"] for entry in found.get("entry", [])]


def sync(store: Store, config: KioskConfig, url: str) -> None:
    with SyncEngine(store, config, server_url=url) as engine:
        report = engine.run_once()
    assert report.error is None and report.done, report
    assert int(store.scalar("SELECT count(*) FROM outbox WHERE state != 'acked'")) == 0


def register_iin(store: Store, now: dt.datetime) -> str:
    draft = PatientDraft(family="Қасымов", given="Ерлан", iin=IIN, sex=Sex.MALE)
    return registry.register(store, draft, now=now, acknowledge=registry.ALL_WARNINGS).patient_id


@pytest.fixture
def second_kiosk(tmp_path: Path) -> KioskConfig:
    config = load_config(tmp_path / "second-kiosk")
    init_store(config)
    return config


def test_one_patient_on_the_server_when_two_kiosks_register_the_same_iin(
    fhir_base: str,
    kiosk_config: KioskConfig,
    store: Store,
    second_kiosk: KioskConfig,
    now: dt.datetime,
) -> None:
    first = register_iin(store, now)
    sync(store, kiosk_config, fhir_base)
    with Store(second_kiosk.store_path) as other:
        second = register_iin(other, now + dt.timedelta(hours=1))
        sync(other, second_kiosk, fhir_base)
        other_server_id = other.scalar("SELECT server_id FROM patients WHERE id = ?", (second,))
        sync(other, second_kiosk, fhir_base)  # nothing left: a no-op

    identifier = f"{kiosk_config.identifier_base}sid/kz-iin|{IIN}"
    patients = search(fhir_base, "Patient", identifier=identifier)
    assert len(patients) == 1, [p["id"] for p in patients]
    server_id = store.scalar("SELECT server_id FROM patients WHERE id = ?", (first,))
    assert server_id == other_server_id == patients[0]["id"]
    assert first != second  # two kiosk UUIDs, one person at the hospital


def test_record_then_correction_on_the_server(
    fhir_base: str, kiosk_config: KioskConfig, store: Store, now: dt.datetime
) -> None:
    base = kiosk_config.identifier_base
    patient = register_iin(store, now)
    readings = [("spo2", 65, "%") if r[0] == "spo2" else r for r in CASE_C]
    eid = visit(store, patient, now, readings, confirm=("spo2",))
    sync(store, kiosk_config, fhir_base)

    server_patient = store.scalar("SELECT server_id FROM patients WHERE id = ?", (patient,))
    encounter = get(f"{fhir_base}/Encounter/{eid}")
    assert encounter["subject"]["reference"] == f"Patient/{server_patient}"
    assert encounter["reasonCode"][0]["text"] == "Жөтел, 3 күн"
    (form,) = search(fhir_base, "QuestionnaireResponse", encounter=f"Encounter/{eid}")
    assert [item["linkId"] for item in form["item"]][:2] == ["fever", "cough"]
    (news2,) = search(fhir_base, "Observation", code=f"{base}CodeSystem/score|news2-total")
    assert news2["valueInteger"] == 8 and news2["interpretation"][0]["text"] == "high"
    assert len(news2["component"]) == 7
    (spo2,) = search(fhir_base, "Observation", code="http://loinc.org|2708-6")
    assert spo2["interpretation"][0]["coding"][0]["code"] == "L"
    assert any("confirmed by" in note["text"] for note in spo2["note"])
    (temp,) = search(fhir_base, "Observation", code="http://loinc.org|8310-5")

    changes = encounters.Changes(readings={"body_temp": (37.0, "Cel")})
    later = now + dt.timedelta(hours=2)
    corrected = encounters.correct_encounter(store, eid, changes, "typo", "Айгерим С.", later)
    sync(store, kiosk_config, fhir_base)

    history = get(f"{fhir_base}/Encounter/{eid}/_history")
    assert len(history["entry"]) == 2
    assert not search(fhir_base, "Encounter", _id=corrected.encounter.id)
    assert len(search(fhir_base, "Encounter")) == 1
    amended = get(f"{fhir_base}/Observation/{temp['id']}")
    assert amended["status"] == "amended" and amended["valueQuantity"]["value"] == 37
    assert len(get(f"{fhir_base}/Observation/{temp['id']}/_history")["entry"]) == 2
    score = get(f"{fhir_base}/Observation/{news2['id']}")
    assert score["status"] == "amended" and score["valueInteger"] == 7
    assert get(f"{fhir_base}/Observation/{spo2['id']}")["status"] == "final"  # unchanged
    assert len(search(fhir_base, "QuestionnaireResponse")) == 1
