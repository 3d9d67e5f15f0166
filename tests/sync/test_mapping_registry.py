"""The registry's patient as FHIR (fhir-mapping.md §2, §3.1, §8.2): identifiers and
conditional create, names in several scripts, official Latin only when typed, estimated
birth dates, merges. Every generated resource is validated with its R4B model."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

import pytest

from kiosk import registry
from kiosk.config import KioskConfig
from kiosk.domain import Sex
from kiosk.registry import NameEntry, OtherIdentifier, PatientDraft
from kiosk.store.db import Store
from sync import bundles, fhir_sources
from sync import fhir_mapping as fm
from sync.fhir_patient import PatientRecord
from tests.sync.fhir_r4b import adult, assert_valid_bundle, resources, visit

Json = dict[str, Any]
IIN = "850314301234"  # clinical.md §6.1: valid, 1985-03-14, male
SNILS = "11223344595"  # clinical.md §6.2: valid
NI = {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "NI"}]}
LATIN = re.compile(r"[A-Za-z]")


def register(store: Store, now: dt.datetime, **fields: Any) -> str:
    draft = PatientDraft(**{"family": "Қасымов", "given": "Ерлан", **fields})
    return registry.register(store, draft, now=now, acknowledge=registry.ALL_WARNINGS).patient_id


def patient_bundle(store: Store, config: KioskConfig, patient_id: str) -> Json:
    bundle = bundles.build_bundle(store, config, "register-patient", patient_id)
    bundles.validate_bundle(bundle)
    assert assert_valid_bundle(bundle) == {"Patient"}
    return bundle


def test_valid_iin_is_sent_with_type_ni_as_a_conditional_create(
    store: Store, kiosk_config: KioskConfig, now: dt.datetime
) -> None:
    base = kiosk_config.identifier_base
    pid = register(store, now, iin=IIN, sex=Sex.MALE, snils=SNILS)
    (entry,) = patient_bundle(store, kiosk_config, pid)["entry"]
    assert entry["request"] == {
        "method": "POST",
        "url": "Patient",
        "ifNoneExist": f"identifier={base}sid/kz-iin|{IIN}",
    }
    assert entry["fullUrl"] == f"urn:uuid:{pid}"
    ids = entry["resource"]["identifier"]
    assert ids[0] == {"type": NI, "system": f"{base}sid/kz-iin", "value": IIN}
    assert ids[1]["system"] == f"{base}sid/ru-snils" and ids[1]["value"] == SNILS
    assert ids[1]["type"]["coding"][0]["code"] == "SB"
    assert {"system": f"{base}sid/kiosk-patient", "value": pid} in ids
    assert entry["resource"]["birthDate"] == "1985-03-14"  # taken from the IIN
    assert "id" not in entry["resource"]


def test_snils_alone_is_the_conditional_key(
    store: Store, kiosk_config: KioskConfig, now: dt.datetime
) -> None:
    pid = register(store, now, snils="112-233-445 95", birth_date=dt.date(1970, 1, 2))
    (entry,) = patient_bundle(store, kiosk_config, pid)["entry"]
    base = kiosk_config.identifier_base
    assert entry["request"]["ifNoneExist"] == f"identifier={base}sid/ru-snils|{SNILS}"


def test_invalid_or_unchecked_national_ids_are_never_sent() -> None:
    base = "https://fhir.hospital.kz/ns/"
    record = PatientRecord(
        id="p-1",
        names=(NameEntry("Иванов", "Иван", "Иванович"),),
        identifiers=(
            ("kz-iin", "850314301235", None),  # wrong check digit
            ("ru-snils", "00100199800", None),  # too low to carry a checksum
            ("other", "N 1234567", "passport"),
        ),
    )
    bundle = fm.patient_bundle(record, base)
    assert assert_valid_bundle(bundle) == {"Patient"}
    (entry,) = bundle["entry"]
    assert entry["request"] == {"method": "PUT", "url": "Patient/p-1"}
    assert entry["resource"]["identifier"] == [
        {"system": f"{base}sid/kiosk-patient", "value": "p-1"},
        {"type": {"text": "passport"}, "system": f"{base}sid/other-document", "value": "N 1234567"},
    ]
    assert "850314301235" not in str(bundle) and "00100199800" not in str(bundle)


def test_names_in_several_scripts_and_the_official_latin_only_when_typed(
    store: Store, kiosk_config: KioskConfig, now: dt.datetime
) -> None:
    pid = register(
        store,
        now,
        patronymic="Серікұлы",
        birth_date=dt.date(1985, 3, 14),
        other_names=(
            NameEntry("Касымов", "Ерлан", "Серикович"),
            NameEntry("Kassymov", "Yerlan", use="official"),
        ),
    )
    names = patient_bundle(store, kiosk_config, pid)["entry"][0]["resource"]["name"]
    assert names == [
        {
            "use": "usual",
            "text": "Қасымов Ерлан Серікұлы",
            "family": "Қасымов",
            "given": ["Ерлан", "Серікұлы"],  # the patronymic is the second given name
        },
        {
            "use": "usual",
            "text": "Касымов Ерлан Серикович",
            "family": "Касымов",
            "given": ["Ерлан", "Серикович"],
        },
        {"use": "official", "text": "Kassymov Yerlan", "family": "Kassymov", "given": ["Yerlan"]},
    ]
    other = register(store, now, family="Жұмабаев", given="Нұрлан", birth_date=dt.date(1990, 1, 1))
    resource = patient_bundle(store, kiosk_config, other)["entry"][0]["resource"]
    assert [n["use"] for n in resource["name"]] == ["usual"]
    texts = [n["text"] for n in resource["name"]]
    assert not any(LATIN.search(text) for text in texts)  # never transliterated


def test_demographics_estimated_birth_date_phone_address(
    store: Store, kiosk_config: KioskConfig, now: dt.datetime
) -> None:
    pid = register(
        store,
        now,
        age="42",
        sex=Sex.FEMALE,
        phone="8 (701) 123-45-67",
        address="Ақмола обл., Жалтыр ауылы",
        other_ids=(OtherIdentifier("I-ЖС 123456", "birth certificate"),),
    )
    resource = patient_bundle(store, kiosk_config, pid)["entry"][0]["resource"]
    assert resource["gender"] == "female"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", resource["birthDate"])
    assert resource["_birthDate"] == {
        "extension": [
            {
                "url": f"{kiosk_config.identifier_base}StructureDefinition/birth-date-estimated",
                "valueBoolean": True,
            }
        ]
    }
    assert resource["telecom"] == [{"system": "phone", "value": "8 (701) 123-45-67"}]
    assert resource["address"] == [{"use": "home", "text": "Ақмола обл., Жалтыр ауылы"}]
    assert "communication" not in resource  # no language was recorded for this patient
    record = fhir_sources.patient_record(store, pid)
    assert record is not None
    spoken = fm.patient_bundle(dataclasses.replace(record, language="kk"), "https://x.kz/")
    assert_valid_bundle(spoken)
    communication = spoken["entry"][0]["resource"]["communication"]
    assert communication[0]["language"]["coding"][0]["code"] == "kk"


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_registered_language_is_the_preferred_communication(
    store: Store, kiosk_config: KioskConfig, now: dt.datetime, language: str
) -> None:
    pid = register(store, now, age="30", language=language)
    resource = patient_bundle(store, kiosk_config, pid)["entry"][0]["resource"]
    assert resource["communication"] == [
        {
            "language": {"coding": [{"system": "urn:ietf:bcp:47", "code": language}]},
            "preferred": True,
        }
    ]


def test_server_id_comes_from_the_location_of_a_conditional_create(
    store: Store, kiosk_config: KioskConfig, now: dt.datetime
) -> None:
    pid = register(store, now, iin=IIN)
    response = ({"status": "201 Created", "location": "Patient/srv-42/_history/1"},)
    with store.transaction() as conn:
        bundles.store_server_ids(conn, "register-patient", pid, response)
    assert store.scalar("SELECT server_id FROM patients WHERE id = ?", (pid,)) == "srv-42"


def test_a_merged_patient_is_sent_as_its_survivor(
    store: Store, kiosk_config: KioskConfig, now: dt.datetime
) -> None:
    kept = register(store, now, iin=IIN)
    replaced = adult(store, now)
    eid = visit(store, replaced, now)
    registry.merge(store, kept, replaced, "same person", now)
    bundle = patient_bundle(store, kiosk_config, replaced)
    (entry,) = bundle["entry"]
    assert entry["fullUrl"] == f"urn:uuid:{kept}" and entry["request"]["method"] == "POST"
    with store.transaction() as conn:
        answer = ({"status": "201 Created", "location": "Patient/srv-7/_history/1"},)
        bundles.store_server_ids(conn, "register-patient", replaced, answer)
    assert store.scalar("SELECT server_id FROM patients WHERE id = ?", (kept,)) == "srv-7"
    assert store.scalar("SELECT server_id FROM patients WHERE id = ?", (replaced,)) is None
    encounter = bundles.encounter_bundle_for(store, kiosk_config, eid)
    assert_valid_bundle(encounter)
    subjects = {r["subject"]["reference"] for e in encounter["entry"] for r in [e["resource"]]}
    assert subjects == {"Patient/srv-7"}
    assert resources(encounter, "Encounter")[0]["id"] == eid
