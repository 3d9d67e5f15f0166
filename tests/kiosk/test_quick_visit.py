"""QuickVisit without Qt: a real store in tmp_path, a real Runtime, a fake source of live values.

The live values come from a small fake with only ``fresh()``; the real device path (driver
session on a pseudo-terminal) is exercised by tests/ui/test_main_window.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.config import KioskConfig
from kiosk.demo import init_store
from kiosk.domain import DeviceIdentity, EncounterStatus, Measurement, Source
from kiosk.errors import ValidationError
from kiosk.events import EncounterSaved, OutboxChanged
from kiosk.live import LiveValue
from kiosk.quick_visit import QuickVisit
from kiosk.runtime import Runtime
from kiosk.store import Store
from kiosk.store.records import get_encounter

NOW = dt.datetime(2025, 3, 14, 9, 30, tzinfo=dt.UTC)
TODAY = NOW.date()
OXIMETER = DeviceIdentity(driver_id="contec-v7", key="contec-v7-port-/dev/pts/9", port="/dev/pts/9")


def live_value(
    kind: str, value: int | None, age_seconds: float, flags: tuple[str, ...] = ()
) -> LiveValue:
    unit = {"spo2": "%", "pulse_rate": "/min", "status": None, "pleth": None}[kind]
    measurement = Measurement(
        driver="contec-v7", type=kind, value=value, unit=unit, flags=flags, raw=b"\x01\x02"
    )
    return LiveValue(measurement, OXIMETER, NOW - dt.timedelta(seconds=age_seconds))


class FakeLive:
    """Only what QuickVisit uses of LiveDevices: ``fresh(types, since)``."""

    def __init__(self, *values: LiveValue, honour_types: bool = True) -> None:
        self.values = list(values)
        self.honour_types = honour_types

    def fresh(self, types: tuple[str, ...], since: dt.datetime) -> dict[str, LiveValue]:
        return {
            value.measurement.type: value
            for value in self.values
            if value.received_at > since
            and (value.measurement.type in types or not self.honour_types)
        }


@pytest.fixture
def config(tmp_path: Path) -> KioskConfig:
    config = KioskConfig(data_dir=tmp_path, site="KZ-TEST-0001")
    init_store(config)
    return config


@pytest.fixture
def runtime(config: KioskConfig) -> Iterator[Runtime]:
    with Runtime(config.store_path) as runtime:
        yield runtime


def quick_visit(runtime: Runtime, config: KioskConfig, live: FakeLive) -> QuickVisit:
    return QuickVisit(runtime, live, config, clock=lambda: NOW)


def stored_counts(config: KioskConfig) -> tuple[int, int, int]:
    """Patients, encounters and outbox rows other than the kiosk's own registration."""
    with Store(config.store_path) as store:
        return (
            int(store.scalar("SELECT count(*) FROM patients")),
            int(store.scalar("SELECT count(*) FROM encounters")),
            int(store.scalar("SELECT count(*) FROM outbox WHERE ref != 'kiosk'")),
        )


def test_save_stores_a_finished_encounter_with_the_fresh_vitals(
    runtime: Runtime, config: KioskConfig
) -> None:
    live = FakeLive(live_value("spo2", 97, 1.0), live_value("pulse_rate", 72, 0.5))
    saved: list[EncounterSaved] = []
    outbox: list[OutboxChanged] = []
    runtime.events.encounter_did_save.connect(saved.append)
    runtime.events.outbox_did_change.connect(outbox.append)

    encounter = (
        quick_visit(runtime, config, live)
        .save(" Abenova ", "Aigerim", "1984-02-29", TODAY)
        .result(timeout=10)
    )

    assert encounter.status is EncounterStatus.FINISHED
    assert encounter.number == "KZ-TEST-0001-000001"
    assert encounter.started_at == NOW - dt.timedelta(seconds=1)
    assert encounter.ended_at == NOW
    with Store(config.store_path) as store:
        stored = get_encounter(store, encounter.id)
        patient = store.query("SELECT family, given, birth_date FROM patients")
        kinds = [row["kind"] for row in store.query("SELECT kind FROM outbox ORDER BY id")]
    assert stored is not None
    assert {(r.type, r.value, r.unit) for r in stored.readings} == {
        ("spo2", 97, "%"),
        ("pulse_rate", 72, "/min"),
    }
    assert all(r.source is Source.DEVICE and r.device_key == OXIMETER.key for r in stored.readings)
    assert all(r.raw == b"\x01\x02" for r in stored.readings)
    assert patient == [{"family": "Abenova", "given": "Aigerim", "birth_date": "1984-02-29"}]
    assert kinds == ["register-device", "register-patient", "register-device", "encounter"]
    assert saved == [EncounterSaved(encounter.id, encounter.patient_id)]
    assert outbox == [OutboxChanged(pending=4, quarantined=0)]


def test_unsynced_count_follows_saved_encounters(runtime: Runtime, config: KioskConfig) -> None:
    visit = quick_visit(runtime, config, FakeLive(live_value("spo2", 98, 2.0)))
    assert visit.unsynced_count().result(timeout=10) == 0

    visit.save("Ivanov", "Pyotr", "1950-01-01", TODAY).result(timeout=10)
    visit.save("Serikov", "Dana", "2001-12-31", TODAY).result(timeout=10)

    assert visit.unsynced_count().result(timeout=10) == 2


def test_only_the_vitals_that_are_fresh_are_recorded(runtime: Runtime, config: KioskConfig) -> None:
    live = FakeLive(live_value("spo2", 96, 3.0), live_value("pulse_rate", 80, 11.0))

    encounter = (
        quick_visit(runtime, config, live)
        .save("Abenova", "Aigerim", "1984-02-29", TODAY)
        .result(timeout=10)
    )

    assert [r.type for r in encounter.readings] == ["spo2"]


@pytest.mark.parametrize(
    ("form", "key"),
    [
        (("", "Aigerim", "1984-02-29"), "patient.name_required"),
        (("Abenova", "   ", "1984-02-29"), "patient.name_required"),
        (("Abenova", "Aigerim", "29.02.1984"), "patient.bad_birth_date"),
        (("Abenova", "Aigerim", ""), "patient.birth_date_required"),
        (("Abenova", "Aigerim", "2025-03-15"), "patient.bad_birth_date"),
        (("Abenova", "Aigerim", "1850-01-01"), "patient.bad_birth_date"),
    ],
)
def test_bad_input_is_refused_before_the_store_is_touched(
    runtime: Runtime, config: KioskConfig, form: tuple[str, str, str], key: str
) -> None:
    visit = quick_visit(runtime, config, FakeLive(live_value("spo2", 97, 1.0)))

    with pytest.raises(ValidationError) as raised:
        visit.save(*form, TODAY)

    assert raised.value.key == key
    assert stored_counts(config) == (0, 0, 0)


def test_no_fresh_vitals_means_an_empty_encounter_and_nothing_stored(
    runtime: Runtime, config: KioskConfig
) -> None:
    stale = FakeLive(live_value("spo2", 97, 10.5), live_value("pulse_rate", 70, 30.0))

    with pytest.raises(ValidationError) as raised:
        quick_visit(runtime, config, stale).save("Abenova", "Aigerim", "1984-02-29", TODAY)

    assert raised.value.key == "encounter.empty"
    assert stored_counts(config) == (0, 0, 0)


def test_values_from_before_the_finger_came_out_are_not_recorded(
    runtime: Runtime, config: KioskConfig
) -> None:
    finger_out = live_value("status", None, 2.0, flags=("finger-out",))
    live = FakeLive(live_value("spo2", 97, 3.0), live_value("pulse_rate", 70, 2.5), finger_out)

    with pytest.raises(ValidationError) as raised:
        quick_visit(runtime, config, live).save("Abenova", "Aigerim", "1984-02-29", TODAY)

    assert raised.value.key == "encounter.empty"
    assert stored_counts(config) == (0, 0, 0)


def test_values_after_the_finger_went_back_in_are_recorded(
    runtime: Runtime, config: KioskConfig
) -> None:
    finger_out = live_value("status", None, 5.0, flags=("finger-out",))
    live = FakeLive(finger_out, live_value("spo2", 95, 1.0), live_value("pulse_rate", 70, 6.0))

    encounter = quick_visit(runtime, config, live).save(
        "Abenova", "Aigerim", "1984-02-29", TODAY
    ).result(timeout=10)

    assert [(r.type, r.value) for r in encounter.readings] == [("spo2", 95)]


def test_a_failure_on_the_writer_rolls_the_whole_visit_back(
    runtime: Runtime, config: KioskConfig
) -> None:
    # A source that ignores the wanted types hands over a waveform sample, which the
    # record_reading service refuses: the patient registered just before must go too.
    live = FakeLive(live_value("spo2", 97, 1.0), live_value("pleth", 40, 1.0), honour_types=False)
    saved: list[EncounterSaved] = []
    runtime.events.encounter_did_save.connect(saved.append)

    future = quick_visit(runtime, config, live).save("Abenova", "Aigerim", "1984-02-29", TODAY)

    with pytest.raises(ValidationError) as raised:
        future.result(timeout=10)
    assert raised.value.key == "reading.unknown_type"
    assert stored_counts(config) == (0, 0, 0)
    assert saved == []
