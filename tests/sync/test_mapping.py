"""The pure FHIR mapping (reference/fhir-mapping.md §2, §3, §8): shapes, codes, units, ids."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json
import uuid
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.device import Device
from fhir.resources.R4B.encounter import Encounter as FhirEncounter
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.patient import Patient as FhirPatient

from kiosk.domain import (
    DeviceIdentity,
    Encounter,
    EncounterStatus,
    Patient,
    Reading,
    Sex,
    Source,
)
from sync import fhir_mapping as fm

BASE = "https://dala.example/fhir/"
SITE = "KZ-AKM-0042"
PATIENT_ID = "2d5a3177-b69f-431d-8717-2eeb84ca6512"
ENCOUNTER_ID = "b7a7dc20-69ef-4dd2-bcde-6319c4bf3226"
OXIMETER = "contec-v7-SN0042"
CUFF = "and-ua767-5181000124"
T0 = dt.datetime(2026, 11, 26, 4, 24, tzinfo=dt.UTC)
MODELS: dict[str, Any] = {
    "Observation": Observation,
    "Encounter": FhirEncounter,
    "Patient": FhirPatient,
    "Device": Device,
}


def device_reading(
    rtype: str,
    value: float,
    unit: str,
    *,
    key: str = OXIMETER,
    seconds: int = 372,
    flags: tuple[str, ...] = (),
    device_time: str | None = None,
) -> Reading:
    return Reading(
        id=str(uuid.uuid4()),
        encounter_id=ENCOUNTER_ID,
        type=rtype,
        value=value,
        unit=unit,
        source=Source.DEVICE,
        kiosk_time=T0 + dt.timedelta(seconds=seconds),
        device_time=device_time,
        flags=flags,
        driver_id=key.rsplit("-", 1)[0],
        device_key=key,
    )


def manual_reading(rtype: str, value: float, unit: str, rid: str | None = None) -> Reading:
    return Reading(
        id=rid or str(uuid.uuid4()),
        encounter_id=ENCOUNTER_ID,
        type=rtype,
        value=value,
        unit=unit,
        source=Source.MANUAL,
        kiosk_time=T0 + dt.timedelta(minutes=12),
    )


def encounter(*readings: Reading) -> Encounter:
    return Encounter(
        id=ENCOUNTER_ID,
        patient_id=PATIENT_ID,
        number=f"{SITE}-000317",
        status=EncounterStatus.FINISHED,
        started_at=T0,
        ended_at=T0 + dt.timedelta(minutes=17),
        readings=readings,
    )


def bundle_of(*readings: Reading) -> dict[str, Any]:
    return fm.encounter_bundle(
        encounter(*readings),
        "a94eac51",
        {OXIMETER: "62be6029", CUFF: "f7b9f854"},
        "d6c607ae",
        BASE,
        SITE,
    )


def observations(bundle: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Observation"
    ]


def by_loinc(bundle: dict[str, Any], code: str) -> dict[str, Any]:
    found = [o for o in observations(bundle) if code in loinc_codes(o)]
    assert len(found) == 1, f"expected one Observation with LOINC {code}"
    return found[0]


def loinc_codes(obs: dict[str, Any]) -> list[str]:
    return [c["code"] for c in obs["code"]["coding"] if c["system"] == "http://loinc.org"]


def mdc_codes(obs: dict[str, Any]) -> list[str]:
    return [
        c["code"] for c in obs["code"]["coding"] if c["system"] == "urn:iso:std:iso:11073:10101"
    ]


def assert_valid(bundle: dict[str, Any]) -> None:
    Bundle.model_validate(bundle)
    for entry in bundle["entry"]:
        resource = entry["resource"]
        MODELS[resource["resourceType"]].model_validate(resource)


def spo2_pulse() -> dict[str, Any]:
    return bundle_of(device_reading("spo2", 97, "%"), device_reading("pulse_rate", 72, "/min"))


# --- encounter bundle shape (§3.2, §3.3, §8.1) ---------------------------------------------


def test_spo2_and_pulse_bundle_shape() -> None:
    bundle = spo2_pulse()
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "transaction"
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert kinds == ["Encounter", "Observation", "Observation"]
    for entry in bundle["entry"]:
        resource = entry["resource"]
        assert entry["request"] == {
            "method": "PUT",
            "url": f"{resource['resourceType']}/{resource['id']}",
        }
        assert entry["fullUrl"] == f"urn:uuid:{resource['id']}"
    enc = bundle["entry"][0]["resource"]
    assert enc["status"] == "finished"
    assert enc["class"]["code"] == "AMB"
    assert enc["subject"] == {"reference": "Patient/a94eac51"}
    assert enc["identifier"] == [
        {"system": BASE + "sid/kiosk-encounter", "value": f"{SITE}-000317"}
    ]
    assert enc["period"] == {
        "start": "2026-11-26T04:24:00+00:00",
        "end": "2026-11-26T04:41:00+00:00",
    }
    assert_valid(bundle)


def test_spo2_codes_unit_and_profile() -> None:
    obs = by_loinc(spo2_pulse(), "59408-5")
    assert loinc_codes(obs) == ["2708-6", "59408-5"]
    assert mdc_codes(obs) == ["150456"]
    assert obs["meta"]["profile"] == ["http://hl7.org/fhir/StructureDefinition/oxygensat"]
    assert obs["valueQuantity"] == {
        "value": 97,
        "unit": "%",
        "system": "http://unitsofmeasure.org",
        "code": "%",
    }
    assert obs["category"][0]["coding"][0]["code"] == "vital-signs"
    assert obs["status"] == "final"
    assert obs["effectiveDateTime"] == "2026-11-26T04:30:12+00:00"
    assert obs["encounter"] == {"reference": f"Encounter/{ENCOUNTER_ID}"}


def test_pulse_from_oximeter_is_heartrate_per_min() -> None:
    obs = by_loinc(spo2_pulse(), "8867-4")
    assert mdc_codes(obs) == ["149530"]
    assert obs["meta"]["profile"] == ["http://hl7.org/fhir/StructureDefinition/heartrate"]
    assert obs["valueQuantity"]["code"] == "/min"
    assert obs["valueQuantity"]["value"] == 72


def test_device_provenance_and_reading_identifier() -> None:
    obs = by_loinc(spo2_pulse(), "2708-6")
    assert obs["device"] == {"reference": "Device/62be6029"}
    assert obs["extension"] == [
        {
            "url": "http://hl7.org/fhir/StructureDefinition/observation-gatewayDevice",
            "valueReference": {"reference": "Device/d6c607ae"},
        }
    ]
    system = BASE + "sid/device-reading"
    value = f"{OXIMETER}-{PATIENT_ID}-150456-20261126T043012"
    assert obs["identifier"] == [{"system": system, "value": value}]
    assert obs["id"] == fm.reading_resource_id(system, value)
    assert "performer" not in obs


def test_uuid5_vector_from_the_spec() -> None:
    namespace = uuid.UUID("6f1c2b8e-4d3a-5e7f-9a0b-1c2d3e4f5a6b")
    value = "F0F1F2F3F4F5-2d5a3177-b69f-431d-8717-2eeb84ca6512-150456-20261126T093012"
    got = fm.reading_resource_id("https://dala.example/fhir/sid/device-reading", value, namespace)
    assert got == "ae70523c-25da-5657-a040-afd4f46e5b09"


def test_mac_device_key_loses_its_separators_and_device_time_keeps_its_offset() -> None:
    mac = "F0:F1:F2:F3:F4:F5"
    reading = device_reading(
        "spo2", 93, "%", key=mac, seconds=373, device_time="2026-11-26T09:30:12"
    )
    obs = by_loinc(fm.encounter_bundle(encounter(reading), "p", {}, None, BASE, SITE), "2708-6")
    assert obs["identifier"][0]["value"] == f"F0F1F2F3F4F5-{PATIENT_ID}-150456-20261126T093012"
    assert obs["effectiveDateTime"] == "2026-11-26T09:30:12+05:00"  # zone inferred, clock ok
    # no server ids yet (export before the first sync): logical references by identifier
    assert obs["device"]["identifier"]["system"] == "http://hl7.org/fhir/sid/eui-48/bluetooth"
    assert obs["device"]["identifier"]["value"] == "F0-F1-F2-F3-F4-F5"
    assert obs["extension"][0]["valueReference"]["identifier"] == {
        "system": BASE + "sid/kiosk",
        "value": SITE,
    }


def test_manual_reading_has_no_device_but_a_performer_and_note() -> None:
    rid = "550ff6f3-850d-460b-8389-a4d8208436d4"
    bundle = bundle_of(manual_reading("body_temp", 38.3, "Cel", rid))
    obs = by_loinc(bundle, "8310-5")
    assert obs["id"] == rid
    assert "device" not in obs and "extension" not in obs and "identifier" not in obs
    assert obs["performer"][0]["display"]
    assert {"text": "entered by hand"} in obs["note"]
    assert obs["valueQuantity"] == {
        "value": 38.3,
        "unit": "°C",
        "system": "http://unitsofmeasure.org",
        "code": "Cel",
    }
    assert_valid(bundle)


# --- units (clinical.md §5) -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("rtype", "value", "unit", "loinc", "expected", "code"),
    [
        ("body_temp", 98.6, "[degF]", "8310-5", 37.0, "Cel"),
        ("body_temp", 100.4, "[degF]", "8310-5", 38.0, "Cel"),
        ("body_weight", 150, "[lb_av]", "29463-7", 68.039, "kg"),
        ("body_height", 1.72, "m", "8302-2", 172.0, "cm"),
        ("body_weight", 70.5, "kg", "29463-7", 70.5, "kg"),
    ],
)
def test_unit_conversion_to_the_profile_unit(
    rtype: str, value: float, unit: str, loinc: str, expected: float, code: str
) -> None:
    bundle = bundle_of(manual_reading(rtype, value, unit))
    quantity = by_loinc(bundle, loinc)["valueQuantity"]
    assert quantity["code"] == code
    assert quantity["value"] == pytest.approx(expected, abs=1e-9)
    assert_valid(bundle)


def test_unknown_unit_is_a_mapping_error() -> None:
    with pytest.raises(fm.MappingError):
        bundle_of(manual_reading("body_temp", 310.0, "K"))


# --- blood pressure and the rest of the table (§3.3) ------------------------------------------


def test_bp_is_one_observation_with_components_in_mmhg() -> None:
    bundle = bundle_of(
        device_reading("systolic_bp", 142, "mm[Hg]", key=CUFF, seconds=600),
        device_reading("diastolic_bp", 12.1, "kPa", key=CUFF, seconds=600),
        device_reading("pulse_rate", 80, "/min", key=CUFF, seconds=600),
        device_reading("cuff_pressure", 180, "mm[Hg]", key=CUFF, seconds=590),
    )
    bp = by_loinc(bundle, "85354-9")
    assert bp["meta"]["profile"] == ["http://hl7.org/fhir/StructureDefinition/bp"]
    assert mdc_codes(bp) == ["150020"]
    assert "valueQuantity" not in bp
    components = {c["code"]["coding"][0]["code"]: c["valueQuantity"] for c in bp["component"]}
    assert components["8480-6"] == {
        "value": 142,
        "unit": "mmHg",
        "system": "http://unitsofmeasure.org",
        "code": "mm[Hg]",
    }
    assert components["8462-4"]["value"] == pytest.approx(90.8)
    assert mdc_codes(by_loinc(bundle, "8867-4")) == ["149546"]  # the cuff's pulse
    assert len(observations(bundle)) == 2  # cuff pressure is never sent
    assert_valid(bundle)


def test_every_simple_type_maps_and_validates() -> None:
    table = [
        ("heart_rate", 70, "/min", "8867-4", "147842"),
        ("perfusion_index", 3.1, "%", "61006-3", "150488"),
        ("body_temp", 36.6, "Cel", "8310-5", "150364"),
        ("body_weight", 70.2, "kg", "29463-7", "188736"),
        ("body_height", 172, "cm", "8302-2", "188740"),
        ("bmi", 23.7, "kg/m2", "39156-5", "188752"),
        ("body_fat", 21.5, "%", "41982-0", "188748"),
        ("resp_rate", 16, "/min", "9279-1", "151562"),
        ("glucose", 5.5, "mmol/L", "14743-9", "160184"),
    ]
    readings = [device_reading(t, v, u, seconds=i) for i, (t, v, u, _, _) in enumerate(table)]
    bundle = bundle_of(*readings)
    for rtype, value, unit, loinc, mdc in table:
        obs = (
            by_loinc(bundle, loinc)
            if rtype != "heart_rate"
            else next(o for o in observations(bundle) if "147842" in mdc_codes(o))
        )
        assert mdc_codes(obs) == [mdc], rtype
        assert obs["valueQuantity"]["value"] == value and obs["valueQuantity"]["code"] == unit
    assert_valid(bundle)


def test_flags_become_reading_flag_components() -> None:
    bundle = bundle_of(device_reading("pulse_rate", 88, "/min", flags=("irregular-pulse",)))
    component = by_loinc(bundle, "8867-4")["component"][0]
    assert component["code"]["coding"][0] == {
        "system": BASE + "CodeSystem/reading-flag",
        "code": "irregular-pulse",
    }
    assert component["valueCodeableConcept"]["coding"][0]["code"] == "Y"
    assert_valid(bundle)


def test_same_reading_twice_maps_to_one_entry() -> None:
    twice = [device_reading("spo2", 97, "%", device_time="2026-11-26T09:30:12") for _ in range(2)]
    assert len(observations(bundle_of(*twice))) == 1


def test_draft_encounter_is_not_mapped() -> None:
    draft = Encounter(
        id=ENCOUNTER_ID,
        patient_id=PATIENT_ID,
        number="n",
        status=EncounterStatus.DRAFT,
        started_at=T0,
    )
    with pytest.raises(fm.MappingError):
        fm.encounter_bundle(draft, "p", {}, None, BASE, SITE)


# --- determinism, registration ---------------------------------------------------------------


def test_same_input_gives_identical_output() -> None:
    readings = (
        device_reading("spo2", 97, "%"),
        manual_reading("body_temp", 37.2, "Cel"),
        device_reading("systolic_bp", 120, "mm[Hg]", key=CUFF),
        device_reading("diastolic_bp", 80, "mm[Hg]", key=CUFF),
    )
    first = bundle_of(*readings)
    again = bundle_of(*reversed(copy.deepcopy(readings)))
    assert json.dumps(first, sort_keys=True) == json.dumps(again, sort_keys=True)


def test_patient_bundle_puts_by_uuid() -> None:
    patient = Patient(
        id=PATIENT_ID,
        family="Қасымов",
        given="Ерлан",
        birth_date=dt.date(1985, 3, 14),
        sex=Sex.MALE,
        created_at=T0,
    )
    bundle = fm.patient_bundle(patient, BASE)
    entry = bundle["entry"][0]
    assert entry["request"] == {"method": "PUT", "url": f"Patient/{PATIENT_ID}"}
    resource = entry["resource"]
    assert resource["identifier"] == [{"system": BASE + "sid/kiosk-patient", "value": PATIENT_ID}]
    assert resource["name"] == [{"family": "Қасымов", "given": ["Ерлан"]}]
    assert resource["gender"] == "male" and resource["birthDate"] == "1985-03-14"
    assert_valid(bundle)


def test_device_bundle_conditional_creates() -> None:
    cuff = DeviceIdentity("and-ua767", CUFF, "A&D", "UA-767", "5181000124")
    bundle = fm.device_bundle([cuff], BASE, SITE, include_kiosk=True)
    kiosk, device = (e for e in bundle["entry"])
    assert kiosk["request"] == {
        "method": "POST",
        "url": "Device",
        "ifNoneExist": f"identifier={BASE}sid/kiosk|{SITE}",
    }
    assert kiosk["resource"]["identifier"] == [{"system": BASE + "sid/kiosk", "value": SITE}]
    assert device["request"]["ifNoneExist"] == f"identifier={BASE}sid/device-serial|{CUFF}"
    assert device["resource"]["manufacturer"] == "A&D"
    assert device["resource"]["serialNumber"] == "5181000124"
    assert_valid(bundle)
    assert fm.device_bundle([cuff], BASE, SITE) == fm.device_bundle([cuff], BASE, SITE)


def test_device_firmware_is_the_device_version() -> None:
    cuff = DeviceIdentity("ble-bp", CUFF, "A&D", "UA-651", "5181000124", firmware="1.2.3")
    bundle = fm.device_bundle([cuff], BASE, SITE)
    (device,) = bundle["entry"]
    assert device["resource"]["version"] == [
        {
            "type": {
                "coding": [
                    {
                        "system": "urn:iso:std:iso:11073:10101",
                        "code": "531976",
                        "display": "MDC_ID_PROD_SPEC_FW",
                    }
                ]
            },
            "value": "1.2.3",
        }
    ]
    assert_valid(bundle)
    without = fm.device_bundle([dataclasses.replace(cuff, firmware=None)], BASE, SITE)
    assert "version" not in without["entry"][0]["resource"]


def test_low_device_battery_is_a_note_on_the_observation() -> None:
    def bp(battery: int | None) -> list[Reading]:
        return [
            dataclasses.replace(
                device_reading(rtype, value, "mm[Hg]", key=CUFF, seconds=600),
                device_battery=battery,
            )
            for rtype, value in (("systolic_bp", 142), ("diastolic_bp", 91))
        ]

    low = by_loinc(bundle_of(*bp(15)), "85354-9")
    assert low["note"] == [{"text": "device battery 15 % (low)"}]
    assert_valid(bundle_of(*bp(15)))
    for battery in (20, 42, None):  # at or above the threshold, or unknown: nothing said
        assert "note" not in by_loinc(bundle_of(*bp(battery)), "85354-9")


def test_identifier_base_comes_from_the_caller() -> None:
    other = "https://fhir.hospital.kz/ns/"
    bundle = fm.encounter_bundle(
        encounter(device_reading("spo2", 97, "%")), "p", {}, None, other, SITE
    )
    text = json.dumps(bundle)
    assert "dala.example" not in text and other + "sid/device-reading" in text
