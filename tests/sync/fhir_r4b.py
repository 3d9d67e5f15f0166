"""Validate every resource of a generated Bundle with its own ``fhir.resources.R4B`` model,
and build encounters through the core services for the mapping tests."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Sequence
from typing import Any

from fhir.resources.R4B.bundle import Bundle

from kiosk import encounters, services
from kiosk.domain import DeviceIdentity, Measurement, Sex
from kiosk.store.db import Store

Json = dict[str, Any]
OXIMETER = DeviceIdentity("contec-v7", "contec-v7-SN0042", "Contec", "CMS50D+", "SN0042")
#: clinical.md §1.3 case C: RR, SpO2, air, SBP, pulse, ACVPU, temp → 6, medium
CASE_C = (
    ("resp_rate", 21, "/min"),
    ("spo2", 95, "%"),
    ("systolic_bp", 110, "mm[Hg]"),
    ("diastolic_bp", 70, "mm[Hg]"),
    ("pulse_rate", 91, "/min"),
    ("body_temp", 38.1, "Cel"),
)


def model_for(resource_type: str) -> Any:
    module = importlib.import_module(f"fhir.resources.R4B.{resource_type.lower()}")
    return getattr(module, resource_type)


def assert_valid_bundle(bundle: Json) -> set[str]:
    """The Bundle and each entry's resource with its own R4B model; returns the types seen."""
    Bundle.model_validate(bundle)
    seen: set[str] = set()
    for entry in bundle["entry"]:
        resource = entry["resource"]
        model_for(resource["resourceType"]).model_validate(resource)
        seen.add(resource["resourceType"])
    return seen


def resources(bundle: Json, resource_type: str) -> list[Json]:
    return [
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == resource_type
    ]


def first_codes(resource: Json) -> list[str]:
    return [c["code"] for c in resource["code"]["coding"]]


def with_code(bundle: Json, code: str) -> Json:
    found = [o for o in resources(bundle, "Observation") if code in first_codes(o)]
    assert len(found) == 1, f"expected one Observation with code {code}, got {len(found)}"
    return found[0]


def adult(store: Store, now: dt.datetime, birth: dt.date = dt.date(1985, 3, 14)) -> str:
    return services.register_patient(
        store, family="Қасымов", given="Ерлан", birth_date=birth, sex=Sex.MALE, now=now
    ).id


def visit(
    store: Store,
    patient_id: str,
    now: dt.datetime,
    manual: Sequence[tuple[str, float, str]] = CASE_C,
    *,
    device: Sequence[tuple[str, float, str]] = (),
    complaints: Sequence[str] = ("fever", "cough"),
    text: str = "Жөтел, 3 күн",
    consciousness: str | None = "alert",
    on_oxygen: bool | None = False,
    imci_signs: Sequence[str] = (),
    confirm: Sequence[str] = (),
    site: str = "KZ-AKM-0042",
) -> str:
    """A saved encounter built through the core services; ``confirm``: reading types the
    nurse confirms after they were flagged implausible."""
    encounter = services.start_encounter(store, patient_id=patient_id, site=site, now=now)
    for index, (rtype, value, unit) in enumerate(device):
        services.record_reading(
            store,
            encounter_id=encounter.id,
            measurement=Measurement("contec-v7", rtype, value, unit),
            identity=OXIMETER,
            now=now + dt.timedelta(seconds=10 + index),
        )
    for index, (rtype, value, unit) in enumerate(manual):
        reading, check = encounters.record_manual_reading(
            store,
            encounter_id=encounter.id,
            reading_type=rtype,
            value=value,
            unit=unit,
            now=now + dt.timedelta(seconds=30 + index),
        )
        if rtype in confirm:
            assert check.verdict == "implausible", (rtype, check)
            encounters.confirm_reading(
                store, reading_id=reading.id, staff="Айгерим С.", now=now + dt.timedelta(minutes=1)
            )
    encounters.set_complaints(store, encounter.id, list(complaints), text, now=now)
    encounters.set_assessment(
        store,
        encounter.id,
        consciousness=consciousness,
        on_oxygen=on_oxygen,
        imci_signs=list(imci_signs),
        now=now,
    )
    encounters.save_encounter(store, encounter_id=encounter.id, now=now + dt.timedelta(minutes=5))
    return encounter.id
