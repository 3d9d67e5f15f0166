"""Services: every write is one transaction with its outbox row; bad input stores nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from kiosk import services
from kiosk.domain import DeviceIdentity, EncounterStatus, Measurement, Source
from kiosk.errors import UserFacingError, ValidationError
from kiosk.store import Store, outbox, records
from tests.conftest import make_patient

OXIMETER = DeviceIdentity(driver_id="contec-v7", key="contec-v7-KIOSK01", serial="KIOSK01")
SPO2 = Measurement("contec-v7", "spo2", 97, "%", raw=bytes.fromhex("01e0 86aa 95c8 e2ff ff"))
PULSE = Measurement("contec-v7", "pulse_rate", 72, "/min")
SYSTOLIC = Measurement("ble-bp", "systolic_bp", 120, "mm[Hg]")


def _encounter(store: Store, now: dt.datetime) -> str:
    patient_id = make_patient(store, now)
    return services.start_encounter(store, patient_id=patient_id, site="KZ-T-1", now=now).id


def test_register_patient_queues_its_registration(store: Store, now: dt.datetime) -> None:
    patient_id = make_patient(store, now)
    assert records.get_patient(store, patient_id) is not None
    rows = store.query("SELECT kind, ref, state FROM outbox WHERE kind = 'register-patient'")
    assert rows == [{"kind": "register-patient", "ref": patient_id, "state": "pending"}]


@pytest.mark.parametrize(("family", "given"), [("", "Ерлан"), ("Қасымов", "  ")])
def test_names_are_required(store: Store, now: dt.datetime, family: str, given: str) -> None:
    with pytest.raises(ValidationError):
        services.register_patient(store, family=family, given=given, birth_date=None, now=now)
    assert store.scalar("SELECT count(*) FROM patients") == 0


@pytest.mark.parametrize("text", ["2030-01-01", "1985-02-30", "14.03.1985", "1700-01-01"])
def test_bad_birth_dates_are_refused(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        services.parse_birth_date(text, dt.date(2026, 11, 26))
    assert caught.value.key == "patient.bad_birth_date"


def test_encounter_numbers_are_sequential_per_site(store: Store, now: dt.datetime) -> None:
    patient_id = make_patient(store, now)
    first = services.start_encounter(store, patient_id=patient_id, site="KZ-T-1", now=now)
    second = services.start_encounter(store, patient_id=patient_id, site="KZ-T-1", now=now)
    assert (first.number, second.number) == ("KZ-T-1-000001", "KZ-T-1-000002")


def test_device_reading_keeps_provenance(store: Store, now: dt.datetime) -> None:
    encounter_id = _encounter(store, now)
    services.record_reading(
        store, encounter_id=encounter_id, measurement=SPO2, identity=OXIMETER, now=now
    )
    encounter = records.get_encounter(store, encounter_id)
    assert encounter is not None
    (reading,) = encounter.readings
    assert (reading.type, reading.value, reading.unit) == ("spo2", 97, "%")
    assert reading.source is Source.DEVICE
    assert (reading.driver_id, reading.device_key) == ("contec-v7", "contec-v7-KIOSK01")
    assert reading.raw == SPO2.raw
    assert reading.kiosk_time == now
    # a new device is registered once, however many readings it gives
    services.record_reading(
        store, encounter_id=encounter_id, measurement=PULSE, identity=OXIMETER, now=now
    )
    assert (
        store.scalar(
            "SELECT count(*) FROM outbox WHERE kind='register-device' AND ref='contec-v7-KIOSK01'"
        )
        == 1
    )


def test_device_firmware_and_battery_are_kept_per_reading(store: Store, now: dt.datetime) -> None:
    encounter_id = _encounter(store, now)
    cuff = DeviceIdentity(
        "ble-bp", "ble-bp-SIM01", serial="SIM01", firmware="1.2.3", battery_level=42
    )
    later = now + dt.timedelta(minutes=1)
    for identity, moment in (
        (cuff, now),
        (dataclasses.replace(cuff, battery_level=41, firmware=None), later),
        (dataclasses.replace(cuff, battery_level=None), later + dt.timedelta(minutes=1)),
    ):
        services.record_reading(
            store, encounter_id=encounter_id, measurement=SYSTOLIC, identity=identity, now=moment
        )
    rows = store.query("SELECT device_battery FROM readings ORDER BY kiosk_time")
    assert [r["device_battery"] for r in rows] == [42, 41, None]
    device = records.get_device(store, cuff.key)
    assert device is not None  # the latest known of each, first_seen unchanged
    assert (device["firmware"], device["battery_level"]) == ("1.2.3", 41)
    assert device["battery_at"] == records.to_db_time(later)
    assert device["first_seen"] == records.to_db_time(now)
    queued = store.query("SELECT ref FROM outbox WHERE ref = ?", (cuff.key,))
    assert queued == [{"ref": cuff.key}]  # a known device is not registered again
    with pytest.raises(ValueError, match="percentage"):
        dataclasses.replace(cuff, battery_level=101)


def test_manual_reading_is_marked_manual(store: Store, now: dt.datetime) -> None:
    encounter_id = _encounter(store, now)
    reading = services.record_manual_reading(
        store, encounter_id=encounter_id, reading_type="body_temp", value=38.3, unit="Cel", now=now
    )
    assert reading.source is Source.MANUAL and reading.driver_id is None


@pytest.mark.parametrize("kind", ["status", "cuff_pressure", "banana"])
def test_non_clinical_values_are_not_recorded(store: Store, now: dt.datetime, kind: str) -> None:
    encounter_id = _encounter(store, now)
    with pytest.raises(ValidationError):
        services.record_manual_reading(
            store, encounter_id=encounter_id, reading_type=kind, value=1, unit="%", now=now
        )
    assert store.scalar("SELECT count(*) FROM readings") == 0


def test_save_writes_encounter_and_outbox_atomically(store: Store, now: dt.datetime) -> None:
    encounter_id = _encounter(store, now)
    for measurement in (SPO2, PULSE):
        services.record_reading(
            store, encounter_id=encounter_id, measurement=measurement, identity=OXIMETER, now=now
        )
    later = now + dt.timedelta(minutes=3)
    saved = services.save_encounter(store, encounter_id=encounter_id, now=later)
    assert saved.status is EncounterStatus.FINISHED and saved.ended_at == later
    (item,) = store.query("SELECT * FROM outbox WHERE kind = 'encounter'")
    assert item["ref"] == encounter_id and item["state"] == "pending"
    deps = {
        (r["kind"], r["ref"])
        for r in store.query(
            "SELECT o.kind, o.ref FROM outbox_deps d JOIN outbox o ON o.id = d.depends_on "
            "WHERE d.item_id = ?",
            (item["id"],),
        )
    }
    assert deps == {
        ("register-patient", saved.patient_id),
        ("register-device", "contec-v7-KIOSK01"),
        ("register-device", "kiosk"),
    }


def test_saved_encounter_is_immutable(store: Store, now: dt.datetime) -> None:
    encounter_id = _encounter(store, now)
    services.record_reading(
        store, encounter_id=encounter_id, measurement=SPO2, identity=OXIMETER, now=now
    )
    services.save_encounter(store, encounter_id=encounter_id, now=now)
    with pytest.raises(UserFacingError) as caught:
        services.record_reading(
            store, encounter_id=encounter_id, measurement=PULSE, identity=OXIMETER, now=now
        )
    assert caught.value.key == "encounter.already_saved"
    with pytest.raises(UserFacingError):
        services.save_encounter(store, encounter_id=encounter_id, now=now)
    assert store.scalar("SELECT count(*) FROM outbox WHERE kind = 'encounter'") == 1


def test_empty_encounter_cannot_be_saved(store: Store, now: dt.datetime) -> None:
    encounter_id = _encounter(store, now)
    with pytest.raises(ValidationError):
        services.save_encounter(store, encounter_id=encounter_id, now=now)
    assert store.scalar("SELECT count(*) FROM outbox WHERE kind = 'encounter'") == 0


def test_failure_inside_save_rolls_back_both(
    store: Store, now: dt.datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    encounter_id = _encounter(store, now)
    services.record_reading(
        store, encounter_id=encounter_id, measurement=SPO2, identity=OXIMETER, now=now
    )

    def full_disk(*args: object, **kwargs: object) -> int:
        raise RuntimeError("disk full while writing the outbox row")

    monkeypatch.setattr(outbox, "enqueue", full_disk)
    with pytest.raises(RuntimeError):
        services.save_encounter(store, encounter_id=encounter_id, now=now)
    encounter = records.get_encounter(store, encounter_id)
    assert encounter is not None and encounter.status is EncounterStatus.DRAFT


def test_status_summary_counts(store: Store, now: dt.datetime) -> None:
    encounter_id = _encounter(store, now)
    services.record_reading(
        store, encounter_id=encounter_id, measurement=SPO2, identity=OXIMETER, now=now
    )
    services.save_encounter(store, encounter_id=encounter_id, now=now)
    summary = services.status_summary(store)
    assert summary["patients"] == 1
    assert summary["encounters"] == {"draft": 0, "finished": 1}
    assert summary["unsynced_encounters"] == 1
    assert summary["outbox"]["pending"] == 4  # kiosk, patient, device, encounter


def test_empty_birth_date_says_it_is_required() -> None:
    with pytest.raises(ValidationError) as caught:
        services.parse_birth_date("  ", dt.date(2026, 11, 26))
    assert caught.value.key == "patient.birth_date_required"
