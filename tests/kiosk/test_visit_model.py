"""The visit view model without Qt: a real store file, a real Runtime, a fake source of live
values (only ``fresh()``); typed values judged by clinical.md §3/§4, the score panel on the
golden cases of §1.3 and §2, and the visit saved in one transaction with its outbox row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.config import KioskConfig
from kiosk.demo import init_store
from kiosk.domain import DeviceIdentity, Measurement
from kiosk.errors import ValidationError
from kiosk.live import LiveValue
from kiosk.quick_visit import QuickVisit
from kiosk.runtime import Runtime
from kiosk.store import Store
from kiosk.visit_model import VisitModel
from kiosk.visit_values import check_typed, parse_number, score_panel

NOW = dt.datetime(2025, 3, 14, 9, 30, tzinfo=dt.UTC)
TODAY = NOW.date()
ADULT = dt.date(1980, 1, 1)
OXIMETER = DeviceIdentity(driver_id="contec-v7", key="contec-v7-X", port="/dev/pts/9")


class FakeLive:
    def __init__(self, *values: LiveValue) -> None:
        self.values = list(values)

    def fresh(self, types: tuple[str, ...], since: dt.datetime) -> dict[str, LiveValue]:
        return {
            v.measurement.type: v
            for v in self.values
            if v.received_at > since and v.measurement.type in types
        }


def oximeter(kind: str, value: float, unit: str) -> LiveValue:
    measurement = Measurement("contec-v7", kind, value, unit, raw=b"\x01")
    return LiveValue(measurement, OXIMETER, NOW - dt.timedelta(seconds=1))


@pytest.fixture
def config(tmp_path: Path) -> KioskConfig:
    config = KioskConfig(data_dir=tmp_path, site="KZ-TEST-0001")
    init_store(config)
    return config


@pytest.fixture
def runtime(config: KioskConfig) -> Iterator[Runtime]:
    with Runtime(config.store_path) as runtime:
        yield runtime


def model(runtime: Runtime, config: KioskConfig, *values: LiveValue) -> VisitModel:
    quick = QuickVisit(runtime, FakeLive(*values), config, clock=lambda: NOW)
    return VisitModel(quick, staff="nurse-7", clock=lambda: NOW)


# --- typed values ------------------------------------------------------------------------


def test_numbers_take_either_decimal_separator() -> None:
    assert parse_number("36,6") == parse_number(" 36.6 ") == 36.6
    for bad in ("", "3б", "nan", "inf", "1.2.3"):
        with pytest.raises(ValidationError) as caught:
            parse_number(bad)
        assert caught.value.key == "visit.not_a_number"


@pytest.mark.parametrize(
    ("key", "text", "verdict"),
    [
        ("spo2", "97", "ok"),
        ("spo2", "69", "implausible"),
        ("spo2", "101", "impossible"),
        ("pulse_rate", "24", "implausible"),
        ("pulse_rate", "351", "impossible"),
        ("body_temp", "36,6", "ok"),
        ("body_temp", "33.9", "implausible"),
        ("body_temp", "98.6", "impossible"),  # above 45 °C: °F typed as °C, refused
        ("body_temp", "19", "impossible"),
        ("resp_rate", "5", "implausible"),
        ("body_weight", "0.4", "implausible"),
        ("body_height", "1.7", "implausible"),  # metres typed as cm (§4 confusion)
        ("glucose", "5.5", "ok"),
        ("glucose", "101", "impossible"),
    ],
)
def test_typed_values_are_judged_by_the_plausibility_table(
    key: str, text: str, verdict: str
) -> None:
    assert check_typed(key, text).verdict == verdict


def test_a_count_must_be_whole() -> None:
    with pytest.raises(ValidationError) as caught:
        check_typed("pulse_rate", "72.5")
    assert caught.value.key == "reading.whole_count"


# --- the score panel ---------------------------------------------------------------------

GOLDEN = {  # clinical.md §1.3: RR, SpO2, O2, SBP, pulse, ACVPU, temp -> total, colour
    "A": ((16, 97, False, 125, 72, "alert", 36.8), 0, "green"),
    "B": ((20, 96, False, 111, 90, "alert", 38.0), 0, "green"),
    "C": ((21, 95, False, 110, 91, "alert", 38.1), 6, "amber"),
    "D": ((8, 97, False, 130, 80, "alert", 37.0), 3, "amber"),
    "E": ((12, 96, False, 111, 51, "new_confusion", 36.1), 3, "amber"),
    "F": ((22, 94, False, 100, 95, "alert", 37.0), 6, "amber"),
    "G": ((24, 93, True, 105, 115, "alert", 38.6), 10, "red"),
    "H": ((25, 91, True, 90, 131, "voice", 39.1), 19, "red"),
}


@pytest.mark.parametrize("case", sorted(GOLDEN))
def test_the_news2_panel_shows_the_golden_cases(case: str) -> None:
    (rr, spo2, oxygen, sbp, pulse, acvpu, temp), total, colour = GOLDEN[case]
    values = {
        "resp_rate": rr,
        "spo2": spo2,
        "systolic_bp": sbp,
        "pulse_rate": pulse,
        "body_temp": temp,
    }
    panel = score_panel(
        values, birth_date=ADULT, today=TODAY, consciousness=acvpu, on_oxygen=oxygen
    )
    assert (panel.kind, panel.total, panel.colour) == ("news2", total, colour)
    expected_advice = {
        "green": {"news2.advice.zero", "news2.advice.low"},
        "amber": {"news2.advice.medium", "news2.advice.single_three"},
        "red": {"news2.advice.high"},
    }
    assert panel.advice in expected_advice[colour]


def test_an_incomplete_news2_lists_what_is_missing_but_keeps_a_reached_band() -> None:
    panel = score_panel({"spo2": 97}, birth_date=ADULT, today=TODAY)
    assert panel.total is None and panel.colour == "grey"
    assert panel.advice == "news2.advice.incomplete"
    assert "resp_rate" in panel.missing and "spo2" not in panel.missing
    red = score_panel(
        {"resp_rate": 25, "spo2": 91, "pulse_rate": 131}, birth_date=ADULT, today=TODAY
    )
    assert red.total is None and red.colour == "red"  # 9 points already: never less


def test_children_get_imci_and_school_ages_no_score() -> None:
    toddler = dt.date(2024, 3, 14)  # 12 months on TODAY
    calm = score_panel({"resp_rate": 39}, birth_date=toddler, today=TODAY)
    assert (calm.kind, calm.colour, calm.advice) == ("imci", "green", "imci.advice.none")
    fast = score_panel({"resp_rate": 40}, birth_date=toddler, today=TODAY)
    assert (fast.colour, fast.advice) == ("amber", "imci.advice.fast_breathing")
    sign = score_panel({}, birth_date=toddler, today=TODAY, imci_signs={"convulsing_now"})
    assert (sign.colour, sign.advice) == ("red", "imci.advice.referral")
    assert sign.signs == ("convulsing_now",)
    ten = score_panel({"spo2": 97}, birth_date=dt.date(2015, 1, 1), today=TODAY)
    assert (ten.kind, ten.advice) == ("none", "score.age_5_to_15")
    assert score_panel({}, birth_date=None, today=TODAY).advice == "score.age_unknown"


# --- saving ------------------------------------------------------------------------------


def fill_patient(visit: VisitModel) -> None:
    visit.form.family, visit.form.given, visit.form.birth_date = "Әбенова", "Айгерім", "1980-01-01"


def test_a_visit_with_typed_and_device_values_is_saved_with_its_outbox_row(
    runtime: Runtime, config: KioskConfig
) -> None:
    visit = model(runtime, config, oximeter("spo2", 97, "%"), oximeter("pulse_rate", 72, "/min"))
    fill_patient(visit)
    for key, text in (("resp_rate", "16"), ("systolic_bp", "125"), ("diastolic_bp", "80")):
        assert visit.type_value(key, text) is not None
    visit.type_value("body_temp", "36,8")
    visit.form.consciousness, visit.form.on_oxygen = "alert", False
    visit.form.complaints = ["cough", "fever"]
    visit.form.complaint_text = "Жөтел үш күннен бері"
    assert visit.panel(TODAY).total == 0

    saved = visit.save(TODAY).result(timeout=10)

    record = saved.record
    assert record.encounter.status.value == "finished" and saved.label == "Әбенова Айгерім"
    assert record.score is not None and record.score.total == 0
    assert record.details.complaints == ("fever", "cough")
    assert record.details.complaint_text == "Жөтел үш күннен бері"
    with Store(config.store_path) as store:
        rows = store.query("SELECT type, value, source FROM readings ORDER BY type")
        items = store.query("SELECT kind FROM outbox WHERE kind = 'encounter'")
    assert {(r["type"], r["source"]) for r in rows} == {
        ("spo2", "device"),
        ("pulse_rate", "device"),
        ("resp_rate", "manual"),
        ("systolic_bp", "manual"),
        ("diastolic_bp", "manual"),
        ("body_temp", "manual"),
    }
    assert ("body_temp", 36.8) in {(r["type"], r["value"]) for r in rows}
    assert len(items) == 1


def test_an_impossible_value_is_refused_and_an_unusual_one_needs_confirmation(
    runtime: Runtime, config: KioskConfig
) -> None:
    visit = model(runtime, config)
    fill_patient(visit)
    assert visit.type_value("spo2", "101").verdict == "impossible"  # type: ignore[union-attr]
    with pytest.raises(ValidationError) as caught:
        visit.save(TODAY)
    assert caught.value.key == "visit.value_impossible"

    visit.type_value("spo2", "69")
    with pytest.raises(ValidationError) as caught:
        visit.save(TODAY)
    assert caught.value.key == "visit.unconfirmed"
    visit.confirm("spo2")
    saved = visit.save(TODAY).result(timeout=10)

    (reading,) = saved.record.encounter.readings
    check = saved.record.checks[reading.id]
    assert (reading.value, check.verdict, check.confirmed_by) == (69, "implausible", "nurse-7")


def test_a_new_value_drops_the_previous_confirmation(runtime: Runtime, config: KioskConfig) -> None:
    visit = model(runtime, config)
    visit.type_value("spo2", "69")
    visit.confirm("spo2")
    assert visit.unconfirmed() == []
    visit.type_value("spo2", "68")
    assert visit.unconfirmed() == ["spo2"]


def test_nothing_to_record_is_refused_before_the_store(
    runtime: Runtime, config: KioskConfig
) -> None:
    visit = model(runtime, config)
    fill_patient(visit)
    with pytest.raises(ValidationError) as caught:
        visit.save(TODAY)
    assert caught.value.key == "encounter.empty"
    with Store(config.store_path) as store:
        assert store.scalar("SELECT count(*) FROM patients") == 0


def test_a_patient_from_the_registry_is_not_registered_again(
    runtime: Runtime, config: KioskConfig
) -> None:
    first = model(runtime, config)
    fill_patient(first)
    first.type_value("pulse_rate", "70")
    patient_id = first.save(TODAY).result(timeout=10).record.encounter.patient_id

    again = model(runtime, config)
    again.choose_patient(patient_id, "Әбенова Айгерім", ADULT)
    again.type_value("pulse_rate", "75")
    saved = again.save(TODAY).result(timeout=10)

    assert saved.record.encounter.patient_id == patient_id
    with Store(config.store_path) as store:
        assert store.scalar("SELECT count(*) FROM patients") == 1
        assert store.scalar("SELECT count(*) FROM encounters WHERE status='finished'") == 2
