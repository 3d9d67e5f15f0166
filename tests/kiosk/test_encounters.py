"""The encounter record: complaints, plausibility flows, scores at save, versions, drafts."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import encounters, services
from kiosk.domain import DeviceIdentity, EncounterStatus, Measurement
from kiosk.errors import StoreError, UserFacingError, ValidationError
from kiosk.store import Store, records
from tests.conftest import make_patient

ROOT = Path(__file__).resolve().parents[2]
OXIMETER = DeviceIdentity(driver_id="contec-v7", key="contec-v7-KIOSK01", serial="KIOSK01")
#: clinical.md §1.3 case C: RR 21, SpO2 95, air, SBP 110, pulse 91, A, 38.1 → 6, medium.
CASE_C = (
    ("resp_rate", 21, "/min"),
    ("spo2", 95, "%"),
    ("systolic_bp", 110, "mm[Hg]"),
    ("diastolic_bp", 70, "mm[Hg]"),
    ("pulse_rate", 91, "/min"),
    ("body_temp", 38.1, "Cel"),
    ("body_weight", 70, "kg"),
    ("body_height", 170, "cm"),
)


def _draft(store: Store, now: dt.datetime, birth: dt.date | None = None) -> str:
    if birth is None:
        patient_id = make_patient(store, now)
    else:
        patient_id = services.register_patient(
            store, family="Сейітова", given="Айгерім", birth_date=birth, now=now
        ).id
    return services.start_encounter(store, patient_id=patient_id, site="KZ-T-1", now=now).id


def _manual(store: Store, encounter_id: str, kind: str, value: float, unit: str, now: dt.datetime):  # type: ignore[no-untyped-def]
    return encounters.record_manual_reading(
        store, encounter_id=encounter_id, reading_type=kind, value=value, unit=unit, now=now
    )


def _case_c(store: Store, now: dt.datetime) -> str:
    encounter_id = _draft(store, now)
    for kind, value, unit in CASE_C:
        _manual(store, encounter_id, kind, value, unit, now)
    encounters.set_assessment(store, encounter_id, consciousness="alert", on_oxygen=False, now=now)
    return encounter_id


def test_complaints_and_notes_are_kept(store: Store, now: dt.datetime) -> None:
    encounter_id = _draft(store, now)
    encounters.set_complaints(store, encounter_id, ["cough", "fever", "cough"], "үш күн", now=now)
    encounters.set_notes(store, encounter_id, "Жөтел түнде күшейеді", now=now)
    record, form = encounters.resume(store, encounter_id)
    assert record.details.complaints == ("fever", "cough")  # checklist order, no duplicates
    assert (form.complaint_text, form.notes) == ("үш күн", "Жөтел түнде күшейеді")
    shown = record.to_json()
    assert [c["code"] for c in shown["complaints"]] == ["fever", "cough"]
    with pytest.raises(ValidationError) as caught:
        encounters.set_complaints(store, encounter_id, ["banana"], now=now)
    assert caught.value.key == "complaint.unknown_code"
    assert encounters.load(store, encounter_id).details.complaints == ("fever", "cough")


def test_implausible_value_blocks_save_until_confirmed(store: Store, now: dt.datetime) -> None:
    encounter_id = _draft(store, now)
    reading, check = _manual(store, encounter_id, "spo2", 65, "%", now)
    assert check.verdict == "implausible" and check.reasons == ("below_plausible",)
    assert reading.value == 65  # never clamped
    with pytest.raises(ValidationError) as caught:
        encounters.save_encounter(store, encounter_id=encounter_id, now=now)
    assert caught.value.key == "encounter.needs_confirmation"
    assert store.scalar("SELECT count(*) FROM outbox WHERE kind = 'encounter'") == 0
    with pytest.raises(ValidationError):
        encounters.confirm_reading(store, reading_id=reading.id, staff=" ", now=now)
    confirmed = encounters.confirm_reading(
        store, reading_id=reading.id, staff="Nurse Aida", now=now
    )
    assert confirmed.confirmed_by == "Nurse Aida" and confirmed.confirmed_at is not None
    saved = encounters.save_encounter(store, encounter_id=encounter_id, now=now)
    assert saved.to_json()["readings"][0]["plausibility"]["confirmed_by"] == "Nurse Aida"


def test_remeasuring_replaces_the_flagged_value(store: Store, now: dt.datetime) -> None:
    encounter_id = _draft(store, now)
    _manual(store, encounter_id, "spo2", 65, "%", now)
    _manual(store, encounter_id, "spo2", 97, "%", now + dt.timedelta(seconds=30))
    record = encounters.save_encounter(store, encounter_id=encounter_id, now=now)
    assert [r.value for r in record.encounter.readings] == [97]
    (kept,) = record.rejects
    assert (kept["why"], kept["value"], kept["reasons"]) == ("remeasured", 65, ["below_plausible"])


def test_impossible_typed_value_is_refused_and_not_stored(store: Store, now: dt.datetime) -> None:
    encounter_id = _draft(store, now)
    with pytest.raises(ValidationError) as caught:
        _manual(store, encounter_id, "spo2", 150, "%", now)
    assert caught.value.key == "reading.impossible"
    with pytest.raises(ValidationError) as caught:
        _manual(store, encounter_id, "pulse_rate", 72.5, "/min", now)
    assert caught.value.key == "reading.whole_count"
    with pytest.raises(ValidationError) as caught:
        _manual(store, encounter_id, "body_temp", 37, "furlongs", now)
    assert caught.value.key == "reading.bad_unit"
    assert store.scalar("SELECT count(*) FROM readings") == 0
    assert store.scalar("SELECT count(*) FROM reading_rejects") == 0


def test_impossible_device_value_is_a_device_error_kept_for_the_technician(
    store: Store, now: dt.datetime
) -> None:
    encounter_id = _draft(store, now)
    frame = bytes.fromhex("01 ff 96")
    with pytest.raises(ValidationError) as caught:
        services.record_reading(
            store,
            encounter_id=encounter_id,
            measurement=Measurement("contec-v7", "spo2", 150, "%", raw=frame),
            identity=OXIMETER,
            now=now,
        )
    assert caught.value.key == "reading.device_error"
    assert "measure again" in str(caught.value).lower()
    assert store.scalar("SELECT count(*) FROM readings") == 0
    (row,) = store.query("SELECT why, value, raw FROM reading_rejects")
    assert row == {"why": "impossible", "value": 150, "raw": frame}


def test_unit_confusion_is_flagged_never_fixed(store: Store, now: dt.datetime) -> None:
    encounter_id = _draft(store, now)
    reading, check = _manual(store, encounter_id, "body_height", 1.7, "cm", now)
    assert (reading.value, reading.unit) == (1.7, "cm")
    assert check.verdict == "implausible" and "probably_metres" in check.reasons
    reading, check = _manual(store, encounter_id, "glucose", 5.5, "mg/dL", now)
    assert (reading.value, reading.unit) == (5.5, "mg/dL") and "probably_mmol" in check.reasons
    with pytest.raises(ValidationError) as caught:  # 98.6 "Cel": °F, and impossible as °C
        _manual(store, encounter_id, "body_temp", 98.6, "Cel", now)
    assert caught.value.key == "reading.impossible"


def test_device_readings_are_checked_too(store: Store, now: dt.datetime) -> None:
    encounter_id = _draft(store, now)
    reading = services.record_reading(
        store,
        encounter_id=encounter_id,
        measurement=Measurement("contec-v7", "pulse_rate", 260, "/min"),
        identity=OXIMETER,
        now=now,
    )
    record = encounters.load(store, encounter_id)
    assert record.checks[reading.id].verdict == "implausible"
    assert [r.id for r in record.needs_confirmation] == [reading.id]


def test_cross_checks_run_at_save(store: Store, now: dt.datetime) -> None:
    encounter_id = _draft(store, now)
    systolic, _ = _manual(store, encounter_id, "systolic_bp", 80, "mm[Hg]", now)
    _manual(store, encounter_id, "diastolic_bp", 85, "mm[Hg]", now)
    with pytest.raises(ValidationError) as caught:
        encounters.save_encounter(store, encounter_id=encounter_id, now=now)
    assert caught.value.key == "encounter.cross_check"
    assert "systolic_not_above_diastolic" in caught.value.params["reasons"]
    assert records.get_encounter(store, encounter_id).status is EncounterStatus.DRAFT  # type: ignore[union-attr]
    encounters.confirm_reading(store, reading_id=systolic.id, staff="Nurse Aida", now=now)
    encounters.save_encounter(store, encounter_id=encounter_id, now=now)


def test_news2_is_stored_at_save_for_an_adult(store: Store, now: dt.datetime) -> None:
    encounter_id = _case_c(store, now)
    record = encounters.save_encounter(store, encounter_id=encounter_id, now=now)
    score = record.score
    assert score is not None and score.kind == "news2"
    assert (score.total, score.band, score.missing, score.priority) == (6, "medium", (), "urgent")
    assert score.points == {
        "resp_rate": 2,
        "spo2": 1,
        "air_or_oxygen": 0,
        "systolic_bp": 1,
        "pulse": 1,
        "consciousness": 0,
        "temperature": 1,
    }
    assert len(score.detail["derived_from"]) == 5
    assert store.scalar("SELECT count(*) FROM outbox WHERE kind = 'encounter'") == 1


def test_incomplete_news2_is_saved_as_incomplete(store: Store, now: dt.datetime) -> None:
    encounter_id = _draft(store, now)
    _manual(store, encounter_id, "spo2", 97, "%", now)
    _manual(store, encounter_id, "pulse_rate", 72, "/min", now)
    score = encounters.save_encounter(store, encounter_id=encounter_id, now=now).score
    assert score is not None and score.kind == "news2" and score.total is None
    assert score.missing == (
        "resp_rate",
        "air_or_oxygen",
        "systolic_bp",
        "consciousness",
        "temperature",
    )
    assert score.to_json()["complete"] is False


def test_imci_for_a_child(store: Store, now: dt.datetime) -> None:
    encounter_id = _draft(store, now, birth=dt.date(2025, 2, 1))  # 21 months old
    _manual(store, encounter_id, "resp_rate", 45, "/min", now)
    encounters.set_assessment(store, encounter_id, imci_signs=["convulsions_this_illness"], now=now)
    with pytest.raises(ValidationError):
        encounters.set_assessment(store, encounter_id, imci_signs=["green_hair"], now=now)
    score = encounters.save_encounter(store, encounter_id=encounter_id, now=now).score
    assert score is not None and score.kind == "imci" and score.priority == "stat"
    assert score.detail["fast_breathing"] is True and score.detail["threshold"] == 40
    assert score.detail["danger_signs"] == ["convulsions_this_illness"]


def test_no_score_for_ages_5_to_15(store: Store, now: dt.datetime) -> None:
    encounter_id = _draft(store, now, birth=dt.date(2016, 1, 1))
    _manual(store, encounter_id, "spo2", 97, "%", now)
    score = encounters.save_encounter(store, encounter_id=encounter_id, now=now).score
    assert score is not None and score.kind == "none" and score.detail == {"reason": "age_5_to_15"}


def test_a_saved_encounter_is_immutable(store: Store, now: dt.datetime) -> None:
    encounter_id = _case_c(store, now)
    encounters.save_encounter(store, encounter_id=encounter_id, now=now)
    with pytest.raises(UserFacingError) as caught:
        encounters.set_notes(store, encounter_id, "later", now=now)
    assert caught.value.key == "encounter.already_saved"
    for sql in (
        "UPDATE readings SET value = 1 WHERE encounter_id = ?",
        "DELETE FROM readings WHERE encounter_id = ?",
        "UPDATE encounter_details SET notes = 'x' WHERE encounter_id = ?",
        "UPDATE encounters SET ended_at = 'x' WHERE id = ?",
    ):
        with pytest.raises(StoreError), store.transaction() as conn:
            conn.execute(sql, (encounter_id,))


def test_correction_is_a_new_version_that_keeps_the_old(store: Store, now: dt.datetime) -> None:
    encounter_id = _case_c(store, now)
    original = encounters.save_encounter(store, encounter_id=encounter_id, now=now)
    later = now + dt.timedelta(hours=2)
    with pytest.raises(ValidationError):
        encounters.correct_encounter(
            store, encounter_id, encounters.Changes(notes="x"), "", "A", later
        )
    changes = encounters.Changes(readings={"resp_rate": (16, "/min")}, notes="RR recounted")
    v2 = encounters.correct_encounter(
        store, encounter_id, changes, "miscounted RR", "Nurse Aida", later
    )
    assert v2.encounter.id != encounter_id and v2.version.version == 2
    assert v2.encounter.number == original.encounter.number + "-v2"
    assert v2.version.root_id == encounter_id and v2.version.supersedes == encounter_id
    assert (v2.version.corrected_by, v2.version.correction_reason) == (
        "Nurse Aida",
        "miscounted RR",
    )
    assert v2.encounter.started_at == original.encounter.started_at
    assert v2.score is not None and v2.score.total == 4  # RR 16 scores 0 instead of 2
    assert (
        v2.details.notes == "RR recounted" and v2.details.complaints == original.details.complaints
    )
    old = encounters.load(store, encounter_id)
    assert old.encounter == original.encounter and old.score == original.score
    assert not old.version.current and old.version.superseded_by == v2.encounter.id
    items = store.query("SELECT id, ref FROM outbox WHERE kind = 'encounter' ORDER BY id")
    assert [i["ref"] for i in items] == [encounter_id, v2.encounter.id]
    deps = {
        r[0]
        for r in store.conn.execute(
            "SELECT depends_on FROM outbox_deps WHERE item_id = ?", (items[1]["id"],)
        )
    }
    assert items[0]["id"] in deps
    hook = encounters.amendment_of(store, v2.encounter.id)
    assert hook == encounters.Amendment(encounter_id, original.encounter.number, 2, encounter_id)
    assert encounters.amendment_of(store, encounter_id) is None
    with pytest.raises(UserFacingError) as caught:
        encounters.correct_encounter(store, encounter_id, changes, "again", "A", later)
    assert caught.value.key == "encounter.not_current"
    with pytest.raises(ValidationError) as caught:
        encounters.correct_encounter(
            store, v2.encounter.id, encounters.Changes(), "none", "A", later
        )
    assert caught.value.key == "encounter.no_changes"
    assert [v.version for v in v2.versions] == [1, 2]


def test_a_draft_survives_a_restart(kiosk_config, now: dt.datetime) -> None:  # type: ignore[no-untyped-def]
    with Store(kiosk_config.store_path) as store:
        encounter_id = _draft(store, now)
        _manual(store, encounter_id, "spo2", 97, "%", now)
        encounters.set_complaints(store, encounter_id, ["cough"], "ночью", now=now)
    script = (
        "import sys, json, datetime as dt\n"
        "from pathlib import Path\n"
        "from kiosk import encounters\n"
        "from kiosk.store import Store\n"
        "now = dt.datetime.fromisoformat(sys.argv[2])\n"
        "with Store(Path(sys.argv[1])) as store:\n"
        "    (draft,) = encounters.list_drafts(store)\n"
        "    record, form = encounters.resume(store, draft['id'])\n"
        "    encounters.record_manual_reading(store, encounter_id=draft['id'],\n"
        "        reading_type='pulse_rate', value=72, unit='/min', now=now)\n"
        "    saved = encounters.save_encounter(store, encounter_id=draft['id'], now=now)\n"
        "    print(json.dumps({'id': draft['id'], 'complaints': form.complaints,\n"
        "        'text': form.complaint_text, 'readings': len(saved.encounter.readings)}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(kiosk_config.store_path), now.isoformat()],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={
            "PYTHONPATH": str(ROOT),
            "PATH": "/usr/bin:/bin",
            "KIOSK_KEY_DIR": os.environ["KIOSK_KEY_DIR"],  # the session's store key
        },
    )
    assert json.loads(done.stdout) == {
        "id": encounter_id,
        "complaints": ["cough"],
        "text": "ночью",
        "readings": 2,
    }
    with Store(kiosk_config.store_path) as store:
        assert encounters.list_drafts(store) == []
        assert encounters.load(store, encounter_id).encounter.status is EncounterStatus.FINISHED
