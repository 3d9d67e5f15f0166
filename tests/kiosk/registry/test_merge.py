"""Merge: both histories kept, the replacement recorded, nothing deleted."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk import registry, services
from kiosk.domain import Measurement
from kiosk.errors import UserFacingError, ValidationError
from kiosk.registry import PatientDraft
from kiosk.store import Store

PULSE = Measurement("contec-v7", "pulse_rate", 72, "/min")


def _patient(store: Store, now: dt.datetime, family: str, given: str, **kw: object) -> str:
    draft = PatientDraft(family, given, **kw)  # type: ignore[arg-type]
    return registry.register(store, draft, now=now, acknowledge=registry.ALL_WARNINGS).patient_id


def _visit(store: Store, patient_id: str, now: dt.datetime) -> str:
    encounter = services.start_encounter(store, patient_id=patient_id, site="KZ-T-1", now=now)
    services.record_manual_reading(
        store, encounter_id=encounter.id, reading_type="pulse_rate", value=72, unit="/min", now=now
    )
    services.save_encounter(store, encounter_id=encounter.id, now=now)
    return encounter.id


def test_merge_keeps_both_histories_and_records_the_replacement(
    store: Store, now: dt.datetime
) -> None:
    keep = _patient(store, now, "Қасымов", "Ерлан", birth_date=dt.date(1985, 3, 14))
    gone = _patient(
        store, now, "Kassymov", "Yerlan", iin="850314301234", phone="87011234567", address="Ақжол"
    )
    first, second = _visit(store, keep, now), _visit(store, gone, now + dt.timedelta(hours=1))
    later = now + dt.timedelta(days=1)
    result = registry.merge(store, keep, gone, "same person, two cards", later)

    details = registry.patient_details(store, keep)
    assert {e["id"] for e in details["encounters"]} == {first, second}
    assert details["replaced"][0]["id"] == gone
    assert details["replaced"][0]["merge_reason"] == "same person, two cards"
    assert {(i["system"], i["value"]) for i in details["identifiers"]} == {
        ("kz-iin", "850314301234")
    }
    assert details["phone"] == "87011234567" and details["address"] == "Ақжол"
    assert {n["family"] for n in details["names"]} == {"Қасымов", "Kassymov"}

    replaced = registry.patient_details(store, gone)  # kept, never deleted
    assert replaced["merged_into"] == keep and replaced["merged_at"] == result.merged_at
    assert replaced["family"] == "Kassymov"
    # the survivor is registered again (it now carries the IIN)
    refs = store.query("SELECT ref FROM outbox WHERE kind = 'register-patient' ORDER BY id")
    assert refs[-1]["ref"] == keep and result.outbox_item > 0
    assert store.integrity_check() == []


def test_merge_refusals(store: Store, now: dt.datetime) -> None:
    a = _patient(store, now, "Қасымов", "Ерлан", iin="850314301234")
    b = _patient(store, now, "Қасымов", "Ерлан", iin="850314300400")
    c = _patient(store, now, "Петров", "Иван")
    for args, key in [
        ((a, b, "x"), "patient.merge_conflicting_ids"),
        ((a, a, "x"), "patient.merge_same"),
        ((a, c, "  "), "patient.merge_reason_required"),
    ]:
        with pytest.raises(ValidationError) as caught:
            registry.merge(store, *args, now=now)
        assert caught.value.key == key
    with pytest.raises(UserFacingError) as missing:
        registry.merge(store, a, "no-such-id", "x", now)
    assert missing.value.key == "patient.not_found"
    registry.merge(store, a, c, "same", now)
    with pytest.raises(ValidationError) as again:
        registry.merge(store, b, c, "again", now)
    assert again.value.key == "patient.already_merged"


def test_chained_merges_keep_every_history(store: Store, now: dt.datetime) -> None:
    a, b, c = (_patient(store, now, "Әбенов", g) for g in ("Ғалым", "Галым", "Galym"))
    visits = {_visit(store, p, now) for p in (a, b, c)}
    registry.merge(store, b, c, "same", now)
    registry.merge(store, a, b, "same", now)
    assert {e["id"] for e in registry.history(store, a)} == visits
