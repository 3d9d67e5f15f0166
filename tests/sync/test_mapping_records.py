"""The encounter record as FHIR (fhir-mapping.md §3.2-§3.7): complaints, NEWS2, IMCI,
plausibility, manual vs device, corrections, lab codes. Built through the core services
on a real store; every generated resource is validated with its R4B model."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import uuid
from typing import Any

import pytest

from kiosk import encounters
from kiosk.complaints import CHECKLIST, QUESTIONNAIRE_VERSION
from kiosk.config import KioskConfig
from kiosk.domain import READING_TYPES, Encounter, EncounterStatus, Reading, Source
from kiosk.store.db import Store
from sync import bundles, fhir_sources
from sync import fhir_mapping as fm
from tests.sync.fhir_r4b import (
    CASE_C,
    adult,
    assert_valid_bundle,
    first_codes,
    resources,
    visit,
    with_code,
)

Json = dict[str, Any]
NEWS2_TOTAL = "news2-total"
IMCI = "imci-danger-signs"


def bundle_for(store: Store, config: KioskConfig, encounter_id: str) -> Json:
    bundle = bundles.encounter_bundle_for(store, config, encounter_id)
    bundles.validate_bundle(bundle)
    assert_valid_bundle(bundle)
    return bundle


def obs_ids(bundle: Json) -> set[str]:
    return {o["id"] for o in resources(bundle, "Observation")}


# --- complaints (§3.6) -----------------------------------------------------------------------


def test_questionnaire_response_items_and_reason_code(
    store: Store, kiosk_config: KioskConfig, now: dt.datetime
) -> None:
    eid = visit(store, adult(store, now), now)
    bundle = bundle_for(store, kiosk_config, eid)
    (form,) = resources(bundle, "QuestionnaireResponse")
    base = kiosk_config.identifier_base
    assert form["questionnaire"] == f"{base}Questionnaire/kiosk-complaints|{QUESTIONNAIRE_VERSION}"
    assert form["status"] == "completed" and form["encounter"]["reference"] == f"Encounter/{eid}"
    items = {item["linkId"]: item["answer"] for item in form["item"]}
    assert list(items) == ["fever", "cough", "complaint_text", "consciousness", "on_oxygen"]
    assert set(items) - {"complaint_text", "consciousness", "on_oxygen"} <= set(CHECKLIST)
    assert items["fever"][0]["valueCoding"] == {
        "system": f"{base}CodeSystem/complaint",
        "code": "fever",
        "display": "Fever",  # the kiosk's language (en in the test config)
    }
    assert items["complaint_text"] == [{"valueString": "Жөтел, 3 күн"}]  # as typed
    assert items["on_oxygen"] == [{"valueBoolean": False}]
    (encounter,) = resources(bundle, "Encounter")
    assert encounter["reasonCode"][0] == {"text": "Жөтел, 3 күн"}
    assert [r["coding"][0]["code"] for r in encounter["reasonCode"][1:]] == ["fever", "cough"]


def test_reason_code_falls_back_to_checklist_displays_in_the_kiosk_language(
    store: Store, kiosk_config: KioskConfig, now: dt.datetime
) -> None:
    eid = visit(store, adult(store, now), now, text="")
    russian = dataclasses.replace(kiosk_config, language="ru")
    bundle = bundle_for(store, russian, eid)
    (encounter,) = resources(bundle, "Encounter")
    assert encounter["reasonCode"][0] == {"text": "Лихорадка; Кашель"}
    (form,) = resources(bundle, "QuestionnaireResponse")
    assert form["item"][0]["answer"][0]["valueCoding"]["display"] == "Лихорадка"


def test_nothing_on_the_form_sends_no_questionnaire_response(
    store: Store, kiosk_config: KioskConfig, now: dt.datetime
) -> None:
    eid = visit(
        store, adult(store, now), now, complaints=(), text="", consciousness=None, on_oxygen=None
    )
    bundle = bundle_for(store, kiosk_config, eid)
    assert not resources(bundle, "QuestionnaireResponse")
    assert "reasonCode" not in resources(bundle, "Encounter")[0]


# --- NEWS2 and IMCI (§3.7) -------------------------------------------------------------------


def test_news2_case_c_is_one_score_observation(
    store: Store, kiosk_config: KioskConfig, now: dt.datetime
) -> None:
    eid = visit(store, adult(store, now), now)
    bundle = bundle_for(store, kiosk_config, eid)
    base = kiosk_config.identifier_base
    news2 = with_code(bundle, NEWS2_TOTAL)
    assert news2["code"]["coding"][0]["system"] == f"{base}CodeSystem/score"
    assert news2["code"]["coding"][1] == {
        "system": "http://snomed.info/sct",
        "code": "1104051000000101",
        "display": "Royal College of Physicians NEWS2 total score",
    }
    assert news2["valueInteger"] == 6
    assert news2["interpretation"] == [{"text": "medium"}]
    assert news2["category"][0]["coding"][0]["code"] == "survey"
    assert news2["method"] == {"text": "NEWS2 (RCP 2017), SpO2 scale 1"}
    points = {c["code"]["coding"][0]["code"]: c["valueInteger"] for c in news2["component"]}
    assert points == {
        "news2-resp_rate": 2,
        "news2-spo2": 1,
        "news2-air_or_oxygen": 0,
        "news2-systolic_bp": 1,
        "news2-pulse": 1,
        "news2-consciousness": 0,
        "news2-temperature": 1,
    }
    refs = {r["reference"] for r in news2["derivedFrom"]}
    form_id = resources(bundle, "QuestionnaireResponse")[0]["id"]
    vitals = obs_ids(bundle) - {news2["id"]}
    assert refs == {f"Observation/{i}" for i in vitals} | {f"QuestionnaireResponse/{form_id}"}


def test_incomplete_news2_sends_no_score(
    store: Store, kiosk_config: KioskConfig, now: dt.datetime
) -> None:
    eid = visit(store, adult(store, now), now, [r for r in CASE_C if r[0] != "body_temp"])
    bundle = bundle_for(store, kiosk_config, eid)
    codes = [c for o in resources(bundle, "Observation") for c in first_codes(o)]
    assert NEWS2_TOTAL not in codes and IMCI not in codes


def test_imci_danger_sign_result(store: Store, kiosk_config: KioskConfig, now: dt.datetime) -> None:
    child = adult(store, now, birth=dt.date(2023, 5, 1))
    eid = visit(
        store,
        child,
        now,
        [("resp_rate", 45, "/min"), ("body_temp", 38.5, "Cel")],
        complaints=("fever",),
        consciousness=None,
        on_oxygen=None,
        imci_signs=("convulsing_now",),
    )
    bundle = bundle_for(store, kiosk_config, eid)
    result = with_code(bundle, IMCI)
    assert result["valueBoolean"] is True
    resp = with_code(bundle, "9279-1")
    form = resources(bundle, "QuestionnaireResponse")[0]
    assert {r["reference"] for r in result["derivedFrom"]} >= {
        f"Observation/{resp['id']}",
        f"QuestionnaireResponse/{form['id']}",
    }
    components = {c["code"]["coding"][0]["code"]: c["valueBoolean"] for c in result["component"]}
    assert components == {"fast_breathing": True, "convulsing_now": True}
    items = {item["linkId"]: item for item in form["item"]}
    assert items["imci_signs"]["answer"][0]["valueCoding"]["code"] == "convulsing_now"
    assert not [o for o in resources(bundle, "Observation") if NEWS2_TOTAL in first_codes(o)]


# --- plausibility, manual vs device (§3.3, §3.4) ----------------------------------------------


def test_confirmed_implausible_values_carry_interpretation_and_note(
    store: Store, kiosk_config: KioskConfig, now: dt.datetime
) -> None:
    readings = [("spo2", 65, "%"), ("body_temp", 42.5, "Cel"), ("pulse_rate", 80, "/min")]
    eid = visit(store, adult(store, now), now, readings, confirm=("spo2", "body_temp"))
    bundle = bundle_for(store, kiosk_config, eid)
    for code, flag in (("2708-6", "L"), ("8310-5", "H")):
        obs = with_code(bundle, code)
        coding = obs["interpretation"][0]["coding"][0]
        assert coding["system"].endswith("v3-ObservationInterpretation")
        assert coding["code"] == flag
        notes = [n["text"] for n in obs["note"]]
        assert any("implausible" in n and "confirmed by Айгерим С." in n for n in notes), notes
    assert "interpretation" not in with_code(bundle, "8867-4")


def test_manual_and_device_readings_are_distinguishable(
    store: Store, kiosk_config: KioskConfig, now: dt.datetime
) -> None:
    eid = visit(
        store, adult(store, now), now, [("body_temp", 36.6, "Cel")], device=[("spo2", 97, "%")]
    )
    bundle = bundle_for(store, kiosk_config, eid)
    device, manual = with_code(bundle, "2708-6"), with_code(bundle, "8310-5")
    assert "device" in device and "performer" not in device
    assert device["extension"][0]["url"].endswith("observation-gatewayDevice")
    assert device["identifier"][0]["system"].endswith("sid/device-reading")
    assert "150456" in first_codes(device)  # MDC only for what a device measured
    assert "device" not in manual and manual["performer"][0]["display"]
    assert {"text": "entered by hand"} in manual["note"]
    assert "150364" not in first_codes(manual)


# --- corrections (§3.3 status amended) --------------------------------------------------------


def test_correction_updates_the_same_encounter_with_amended_observations(
    store: Store, kiosk_config: KioskConfig, now: dt.datetime
) -> None:
    first = visit(store, adult(store, now), now, device=[("perfusion_index", 3.1, "%")])
    before = bundle_for(store, kiosk_config, first)
    record = encounters.load(store, first)
    pi = next(r.id for r in record.encounter.readings if r.type == "perfusion_index")
    changes = encounters.Changes(readings={"body_temp": (37.0, "Cel")}, remove_readings=[pi])
    later = now + dt.timedelta(hours=1)
    second = encounters.correct_encounter(store, first, changes, "typo", "Айгерим С.", later)
    after = bundle_for(store, kiosk_config, second.encounter.id)

    (encounter,) = resources(after, "Encounter")
    assert encounter["id"] == first  # PUT Encounter/{first version's id}
    assert encounter["identifier"] == resources(before, "Encounter")[0]["identifier"]
    parts = {p["url"]: p for p in encounter["extension"][0]["extension"]}
    assert parts["version"]["valueInteger"] == 2 and parts["reason"]["valueString"] == "typo"

    old_temp, new_temp = with_code(before, "8310-5"), with_code(after, "8310-5")
    assert new_temp["id"] == old_temp["id"] and new_temp["status"] == "amended"
    assert new_temp["valueQuantity"]["value"] == 37
    assert with_code(after, "61006-3")["status"] == "entered-in-error"
    assert with_code(after, "9279-1") == with_code(before, "9279-1")  # unchanged: final
    news2 = with_code(after, NEWS2_TOTAL)
    assert news2["id"] == with_code(before, NEWS2_TOTAL)["id"]
    assert news2["status"] == "amended" and news2["valueInteger"] == 5
    assert {r["reference"] for r in news2["derivedFrom"]} >= {f"Observation/{new_temp['id']}"}
    assert obs_ids(after) == obs_ids(before)
    assert resources(after, "QuestionnaireResponse")[0]["status"] == "completed"  # unchanged

    third = encounters.correct_encounter(
        store, second.encounter.id, encounters.Changes(complaints=["headache"]), "more", "A", later
    )
    again = bundle_for(store, kiosk_config, third.encounter.id)
    assert resources(again, "Encounter")[0]["id"] == first
    assert with_code(again, "8310-5")["status"] == "amended"  # still the corrected value
    assert "61006-3" not in {c for o in resources(again, "Observation") for c in first_codes(o)}
    assert resources(again, "QuestionnaireResponse")[0]["status"] == "amended"


# --- codes for every reading type, lab codes, limits -------------------------------------------

T0 = dt.datetime(2026, 11, 26, 4, 24, tzinfo=dt.UTC)
BASE = "https://dala.example/fhir/"


def reading(
    rtype: str, value: float | None, unit: str | None, code: str | None = None, key: str = ""
) -> Reading:
    return Reading(
        id=str(uuid.uuid4()), encounter_id="e", type=rtype, value=value, unit=unit,
        source=Source.DEVICE, kiosk_time=T0, code=code, driver_id="astm",
        device_key=key or f"astm-{uuid.uuid4().hex[:8]}",
        flags=("irregular-pulse",) if rtype == "status" else (),
    )  # fmt: skip


def bare(*readings: Reading) -> Json:
    encounter = Encounter(
        "e", "p", "KZ-1", EncounterStatus.FINISHED, T0, T0 + dt.timedelta(minutes=5), readings
    )
    bundle = fm.encounter_bundle(encounter, "p", {}, None, BASE, "KZ-1")
    assert_valid_bundle(bundle)
    return bundle


def test_lab_results_loinc_or_the_local_code_system() -> None:
    bundle = bare(
        reading("lab", 6.1, "%", "HbA1c"),
        reading("lab", 13.2, "g/dL", "HGB"),
        reading("lab", 25, "mg/L", "Alb"),
        reading("lab", 110, "mg/dL", "Crt"),
        reading("lab", 22, "mg/g", "Ratio"),
        reading("lab", 1.2, "mg/dL", "CRP"),
        reading("glucose", 99, "mg/dL"),
    )
    for loinc in ("4548-4", "718-7", "14957-5", "2161-8", "14959-1", "41653-7"):
        assert with_code(bundle, loinc)["category"][0]["coding"][0]["code"] == "laboratory"
    crp = with_code(bundle, "CRP")
    assert crp["code"]["coding"] == [
        {"system": f"{BASE}CodeSystem/lab-code", "code": "CRP", "display": "CRP"}
    ]
    assert crp["valueQuantity"]["code"] == "mg/dL"


def test_every_reading_type_of_interfaces_md_is_covered() -> None:
    values = {"spo2": (97, "%"), "pulse_rate": (70, "/min"), "heart_rate": (70, "/min"),
              "perfusion_index": (3, "%"), "systolic_bp": (120, "mm[Hg]"),
              "diastolic_bp": (80, "mm[Hg]"), "mean_bp": (93, "mm[Hg]"),
              "cuff_pressure": (150, "mm[Hg]"), "body_temp": (36.6, "Cel"),
              "body_weight": (70, "kg"), "body_height": (170, "cm"), "bmi": (24.2, "kg/m2"),
              "body_fat": (20, "%"), "glucose": (5.5, "mmol/L"), "resp_rate": (16, "/min"),
              "lab": (6.1, "%"), "status": (None, None)}  # fmt: skip
    assert set(values) == set(READING_TYPES)
    bundle = bare(
        *(
            reading(t, v, u, "HbA1c" if t == "lab" else None, "cuff" if "bp" in t else "")
            for t, (v, u) in values.items()
        )
    )
    observations = resources(bundle, "Observation")
    assert len(observations) == len(values) - 4  # BP is one panel; cuff pressure, status: none
    bp = with_code(bundle, "85354-9")
    assert [c["code"]["coding"][0]["code"] for c in bp["component"]] == [
        "8480-6",
        "8462-4",
        "8478-0",
    ]


def test_more_than_50_entries_is_refused_before_sending(
    store: Store, kiosk_config: KioskConfig
) -> None:
    many = [reading("body_weight", 70 + i / 10, "kg") for i in range(50)]
    with pytest.raises(fm.MappingError, match="at most 50"):
        bare(*many)


def test_same_record_gives_identical_bundles(
    store: Store, kiosk_config: KioskConfig, now: dt.datetime
) -> None:
    eid = visit(store, adult(store, now), now)
    first = json.dumps(bundle_for(store, kiosk_config, eid), sort_keys=True)
    assert json.dumps(bundle_for(store, kiosk_config, eid), sort_keys=True) == first
    found = fhir_sources.visit(store, eid)
    assert found is not None and found.version == 1 and found.previous is None
