"""A patient's history: visits of the merged set, current versions, trend series, ranges."""

from __future__ import annotations

import datetime as dt

from kiosk import encounters, registry, services
from kiosk.patient_history import NORMAL_RANGES, load_history
from kiosk.store import Store
from tests.kiosk.test_home_model import CASE_C, saved_visit

TODAY = dt.date(2026, 11, 26)


def test_visits_newest_first_with_one_point_per_visit(store: Store, now: dt.datetime) -> None:
    patient_id, first = saved_visit(store, now - dt.timedelta(days=30))
    second_values = (*CASE_C[:4], ("body_temp", 98.6, "[degF]"))
    _, second = saved_visit(store, now, values=second_values, patient_id=patient_id)
    history = load_history(store, patient_id, TODAY)
    assert [v.encounter_id for v in history.visits] == [second, first]
    assert history.header.name == "Қасымов Ерлан" and history.header.age_years == 41
    series = {s.reading_type: s for s in history.series}
    assert set(series) == {"resp_rate", "spo2", "systolic_bp", "pulse_rate", "body_temp"}
    temps = series["body_temp"]
    assert temps.unit == "Cel" and len(temps.points) == 2
    assert temps.points[0][1] == 38.1 and round(temps.points[1][1], 1) == 37.0  # °F plotted in °C
    assert temps.normal == NORMAL_RANGES["body_temp"]
    shown = {v.reading_type: v for v in history.visits[1].values}
    assert (shown["body_temp"].number, shown["body_temp"].places) == (38.1, 1)
    assert shown["spo2"].manual
    assert history.visits[1].score_band == "medium"
    assert history.visits[1].complaints == ("fever", "cough")


def test_merged_records_and_corrections(store: Store, now: dt.datetime) -> None:
    keep, first = saved_visit(store, now - dt.timedelta(days=3))
    other, second = saved_visit(store, now - dt.timedelta(days=2), family="Kasymov")
    registry.merge(store, keep, other, "same person", now)
    corrected = encounters.correct_encounter(
        store, second, encounters.Changes(readings={"spo2": (97, "%")}), "typo", "nurse", now
    )
    history = load_history(store, keep, TODAY)
    assert [v.encounter_id for v in history.visits] == [corrected.encounter.id, first]
    spo2 = next(s for s in history.series if s.reading_type == "spo2")
    assert [p[1] for p in spo2.points] == [95, 97]


def test_no_normal_band_for_a_child(store: Store, now: dt.datetime) -> None:
    child = services.register_patient(
        store, family="Сейітова", given="Айгерім", birth_date=dt.date(2016, 5, 1), now=now
    ).id
    saved_visit(store, now, patient_id=child)
    history = load_history(store, child, TODAY)
    assert history.series and all(s.normal is None for s in history.series)
