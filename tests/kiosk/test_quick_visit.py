"""QuickVisit without Qt: a real store in tmp_path, a real Runtime, a fake source of live values.

The live values come from a small fake with only ``fresh()``; the real device path (driver
session on a pseudo-terminal) is exercised by tests/ui/test_main_window.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.camera_source import demo_frame
from kiosk.config import KioskConfig
from kiosk.demo import init_store
from kiosk.domain import DeviceIdentity, EncounterStatus, Measurement, Source
from kiosk.errors import UserFacingError, ValidationError
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

    encounter = (
        quick_visit(runtime, config, live)
        .save("Abenova", "Aigerim", "1984-02-29", TODAY)
        .result(timeout=10)
    )

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


# -- every device: the oximeter, a BP cuff and a thermometer ----------------------------------

CUFF = DeviceIdentity(
    driver_id="ble-bp",
    key="ble-bp-SIM-BP-normal",
    manufacturer="Dala Simulators",
    model="BP-1",
    serial="SIM-BP-normal",
    port="F0:00:00:00:00:01",
)
THERMOMETER = DeviceIdentity(
    driver_id="ble-thermometer",
    key="ble-thermometer-SIM-HT-normal",
    manufacturer="Dala Simulators",
    model="HT-1",
    serial="SIM-HT-normal",
    port="F0:00:00:00:00:02",
)
UNITS = {"systolic_bp": "mm[Hg]", "diastolic_bp": "mm[Hg]", "mean_bp": "mm[Hg]"}
UNITS |= {"pulse_rate": "/min", "cuff_pressure": "mm[Hg]", "body_temp": "Cel", "spo2": "%"}


def device_value(
    identity: DeviceIdentity,
    kind: str,
    value: float,
    age_seconds: float,
    flags: tuple[str, ...] = (),
    unit: str | None = None,
) -> LiveValue:
    measurement = Measurement(
        driver=identity.driver_id,
        type=kind,
        value=value,
        unit=unit or UNITS[kind],
        flags=flags,
        raw=b"\x10",
    )
    return LiveValue(measurement, identity, NOW - dt.timedelta(seconds=age_seconds))


def bp_measurement(age_seconds: float) -> list[LiveValue]:
    return [
        device_value(CUFF, kind, value, age_seconds)
        for kind, value in (
            ("systolic_bp", 120),
            ("diastolic_bp", 80),
            ("mean_bp", 93),
            ("pulse_rate", 72),
        )
    ]


class FakeDevices:
    """Like LiveDevices: every device's latest value of each type (``fresh_values``)."""

    def __init__(self, *values: LiveValue) -> None:
        self.values = list(values)

    def fresh(self, types: tuple[str, ...], since: dt.datetime) -> dict[str, LiveValue]:
        raise AssertionError("a source with fresh_values is asked for every device's values")

    def fresh_values(self, types: tuple[str, ...], since: dt.datetime) -> list[LiveValue]:
        return [v for v in self.values if v.measurement.type in types and v.received_at > since]


def saved_readings(config: KioskConfig, encounter_id: str) -> set[tuple[str, float, str, str]]:
    with Store(config.store_path) as store:
        rows = store.query(
            "SELECT type, value, unit, device_key FROM readings WHERE encounter_id = ?",
            [encounter_id],
        )
    return {(r["type"], r["value"], r["unit"], r["device_key"]) for r in rows}


def test_save_records_every_fresh_value_of_every_device_with_its_identity(
    runtime: Runtime, config: KioskConfig
) -> None:
    live = FakeDevices(
        device_value(OXIMETER, "spo2", 97, 1.0),
        device_value(OXIMETER, "pulse_rate", 64, 1.0),
        device_value(CUFF, "cuff_pressure", 150, 181.0),
        *bp_measurement(180.0),
        device_value(THERMOMETER, "body_temp", 36.4, 60.0),
    )

    encounter = (
        QuickVisit(runtime, live, config, clock=lambda: NOW)
        .save("Abenova", "Aigerim", "1984-02-29", TODAY)
        .result(timeout=10)
    )

    assert saved_readings(config, encounter.id) == {
        ("spo2", 97, "%", OXIMETER.key),
        ("pulse_rate", 64, "/min", OXIMETER.key),
        ("systolic_bp", 120, "mm[Hg]", CUFF.key),
        ("diastolic_bp", 80, "mm[Hg]", CUFF.key),
        ("mean_bp", 93, "mm[Hg]", CUFF.key),
        ("pulse_rate", 72, "/min", CUFF.key),
        ("body_temp", 36.4, "Cel", THERMOMETER.key),
    }
    assert encounter.started_at == NOW - dt.timedelta(seconds=180)
    with Store(config.store_path) as store:
        devices = store.query("SELECT key, manufacturer, model, serial FROM devices ORDER BY key")
    assert {"key": CUFF.key, "manufacturer": "Dala Simulators", "model": "BP-1"} | {
        "serial": "SIM-BP-normal"
    } in devices


def test_spot_measurements_stay_fresh_for_minutes_a_continuous_value_for_seconds(
    runtime: Runtime, config: KioskConfig
) -> None:
    live = FakeDevices(
        device_value(OXIMETER, "spo2", 97, 11.0),  # too old for a continuous device
        *bp_measurement(301.0),  # older than five minutes
        device_value(THERMOMETER, "body_temp", 36.9, 299.0),
    )

    encounter = (
        QuickVisit(runtime, live, config, clock=lambda: NOW)
        .save("Abenova", "Aigerim", "1984-02-29", TODAY)
        .result(timeout=10)
    )

    assert saved_readings(config, encounter.id) == {("body_temp", 36.9, "Cel", THERMOMETER.key)}


def test_an_unfinished_temperature_is_not_recorded(runtime: Runtime, config: KioskConfig) -> None:
    live = FakeDevices(device_value(THERMOMETER, "body_temp", 35.2, 1.0, flags=("intermediate",)))

    with pytest.raises(ValidationError) as raised:
        QuickVisit(runtime, live, config, clock=lambda: NOW).save(
            "Abenova", "Aigerim", "1984-02-29", TODAY
        )

    assert raised.value.key == "encounter.empty"
    assert stored_counts(config) == (0, 0, 0)


def test_a_temperature_in_fahrenheit_is_stored_as_the_device_sent_it(
    runtime: Runtime, config: KioskConfig
) -> None:
    live = FakeDevices(device_value(THERMOMETER, "body_temp", 98.6, 5.0, unit="[degF]"))

    encounter = (
        QuickVisit(runtime, live, config, clock=lambda: NOW)
        .save("Abenova", "Aigerim", "1984-02-29", TODAY)
        .result(timeout=10)
    )

    assert saved_readings(config, encounter.id) == {("body_temp", 98.6, "[degF]", THERMOMETER.key)}


def test_the_finger_coming_out_drops_only_the_oximeter_values(
    runtime: Runtime, config: KioskConfig
) -> None:
    finger_out = LiveValue(
        Measurement(
            driver="contec-v7", type="status", value=None, unit=None, flags=("finger-out",)
        ),
        OXIMETER,
        NOW - dt.timedelta(seconds=1),
    )
    live = FakeDevices(device_value(OXIMETER, "spo2", 97, 3.0), finger_out, *bp_measurement(30.0))

    encounter = (
        QuickVisit(runtime, live, config, clock=lambda: NOW)
        .save("Abenova", "Aigerim", "1984-02-29", TODAY)
        .result(timeout=10)
    )

    assert {(kind, key) for kind, _, _, key in saved_readings(config, encounter.id)} == {
        (kind, CUFF.key) for kind in ("systolic_bp", "diastolic_bp", "mean_bp", "pulse_rate")
    }


# -- photos: the draft encounter they belong to --------------------------------------------


def test_photos_go_into_one_draft_that_save_records_into_and_saves(
    runtime: Runtime, config: KioskConfig
) -> None:
    live = FakeLive(live_value("spo2", 97, 1.0), live_value("pulse_rate", 72, 0.5))
    visit = quick_visit(runtime, config, live)
    with pytest.raises(ValidationError):
        visit.start_draft("", "Aigerim", "1984-02-29", TODAY)
    assert not visit.has_draft

    first = visit.start_draft("Abenova", "Aigerim", "1984-02-29", TODAY)
    assert visit.start_draft("Abenova", "Aigerim", "1984-02-29", TODAY) is first  # once
    photos_saved = [visit.save_photo(demo_frame(i), site="hand") for i in range(2)]
    draft = first.result(timeout=10)
    stored_photos = [future.result(timeout=10) for future in photos_saved]
    assert visit.draft_id() == draft.encounter_id and visit.photo_count == 2
    assert {photo.encounter_id for photo in stored_photos} == {draft.encounter_id}
    assert stored_counts(config)[:2] == (1, 1)  # the patient and the draft, nothing else

    encounter = visit.save("Abenova", "Aigerim", "1984-02-29", TODAY).result(timeout=10)

    assert encounter.id == draft.encounter_id and encounter.status is EncounterStatus.FINISHED
    assert not visit.has_draft and visit.photo_count == 0  # the next visit starts afresh
    with Store(config.store_path) as store:
        stored = get_encounter(store, encounter.id)
        assert stored is not None
        assert {r.type for r in stored.readings} == {"spo2", "pulse_rate"}
        (item,) = store.query("SELECT id FROM outbox WHERE kind = 'encounter'")
        deps = store.query(
            "SELECT d.depends_on FROM outbox_deps d JOIN outbox o ON o.id = d.item_id "
            "WHERE o.kind = 'binary'"
        )
    assert [row["depends_on"] for row in deps] == [item["id"], item["id"]]
    assert stored_counts(config)[:2] == (1, 1)


def test_a_save_touched_while_the_draft_is_created_waits_for_it_on_the_writer(
    runtime: Runtime, config: KioskConfig
) -> None:
    live = FakeLive(live_value("spo2", 97, 1.0))
    visit = quick_visit(runtime, config, live)

    draft = visit.start_draft("Abenova", "Aigerim", "1984-02-29", TODAY)
    saved = visit.save("Abenova", "Aigerim", "1984-02-29", TODAY)

    assert saved.result(timeout=10).id == draft.result(timeout=10).encounter_id
    assert stored_counts(config)[:2] == (1, 1)


def test_a_photo_needs_a_draft(runtime: Runtime, config: KioskConfig) -> None:
    visit = quick_visit(runtime, config, FakeLive())
    with pytest.raises(UserFacingError):
        visit.save_photo(demo_frame(0))
