"""The printed visit summary's content in kk, ru and en, and the patient's language."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kiosk import encounters, registry, services
from kiosk.config import KioskConfig
from kiosk.media import photos
from kiosk.registry import PatientDraft
from kiosk.store import Store
from kiosk.visit_summary import Quantity, as_text, build_summary, patient_language
from tests.kiosk.media import synth
from tests.kiosk.test_home_model import saved_visit

EXPECTED = {
    "kk": (
        "Қабылдау қорытындысы",
        "Пульс: 91 /мин",
        "6 ұпай — Орташа қауіп",
        "Жөтел",
        "Дене қызуы: 38.1 °C",
    ),
    "ru": (
        "Сводка приёма",
        "Пульс: 91 /мин",
        "6 балл. — Средний риск",
        "Кашель",
        "Температура тела: 38.1 °C",
    ),
    "en": (
        "Visit summary",
        "Pulse: 91 /min",
        "6 points — Medium risk",
        "Cough",
        "Temperature: 38.1 °C",
    ),
}


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_summary_in_each_language(store: Store, now: dt.datetime, language: str) -> None:
    _, encounter_id = saved_visit(store, now)
    summary = build_summary(store, encounter_id, language=language, now=now, site="KZ-T-1")
    text = as_text(summary)
    assert summary.language == language
    for expected in EXPECTED[language]:
        assert expected in text, (expected, text)
    assert "үш күн" in text  # free text as typed, whatever the language
    assert "1985-03-14" in text and "KZ-T-1" in text


def test_patients_language_with_russian_fallback(store: Store, now: dt.datetime) -> None:
    patient_id, encounter_id = saved_visit(store, now)
    assert registry.patient_details(store, patient_id)["language"] is None  # never asked
    assert patient_language(store, patient_id) == "ru"
    summary = build_summary(store, encounter_id, now=now)
    assert summary.language == "ru" and "Сводка приёма" in as_text(summary)


def _registered(store: Store, now: dt.datetime, family: str, language: str | None) -> str:
    birth = dt.date(1985, 3, 14)
    draft = PatientDraft(family=family, given="Ерлан", birth_date=birth, language=language)
    return registry.register(store, draft, now=now, acknowledge=registry.ALL_WARNINGS).patient_id


@pytest.mark.parametrize("language", ["kk", "en"])
def test_a_patient_gets_the_summary_in_the_registered_language(
    store: Store, now: dt.datetime, language: str
) -> None:
    patient_id = _registered(store, now, "Сейтқали", language)
    _, encounter_id = saved_visit(store, now, patient_id=patient_id)
    summary = build_summary(store, encounter_id, now=now)
    text = as_text(summary)
    assert summary.language == language
    for expected in EXPECTED[language]:
        assert expected in text, (expected, text)
    assert "Сводка приёма" not in text


def test_a_merged_record_without_language_uses_the_survivors(
    store: Store, now: dt.datetime
) -> None:
    keep = _registered(store, now, "Сейтқали", "kk")
    replaced = _registered(store, now, "Сейткали", None)
    _, encounter_id = saved_visit(store, now, patient_id=replaced)
    registry.merge(store, keep, replaced, "the same person", now)
    assert build_summary(store, encounter_id, now=now).language == "kk"


def test_values_stay_typed_for_the_printer(store: Store, now: dt.datetime) -> None:
    _, encounter_id = saved_visit(store, now)
    summary = build_summary(store, encounter_id, language="en", now=now)
    vitals = next(s for s in summary.sections if s.heading == "Vital signs")
    temp = next(line for line in vitals.lines if line.label == "Temperature")
    assert temp.value == Quantity(38.1, 1, "°C") and temp.note == "typed in"
    visit = next(s for s in summary.sections if s.heading == "Visit")
    assert isinstance(visit.lines[1].value, dt.datetime)


def test_incomplete_score_names_what_is_missing(store: Store, now: dt.datetime) -> None:
    patient_id, first = saved_visit(store, now)
    _, encounter_id = saved_visit(store, now, values=(("spo2", 97, "%"),), patient_id=patient_id)
    text = as_text(build_summary(store, encounter_id, language="en", now=now))
    assert "incomplete: missing Respiratory rate, Systolic BP, Pulse, Temperature" in text
    assert encounters.load(store, first).score is not None


def visit_with_photo(store: Store, media_dir: Path, now: dt.datetime) -> str:
    """A saved visit with one real photo (gated, encoded, thumbnailed by kiosk.media)."""
    patient_id, _ = saved_visit(store, now)
    encounter_id = services.start_encounter(store, patient_id=patient_id, site="KZ-T-1", now=now).id
    encounters.record_manual_reading(
        store, encounter_id=encounter_id, reading_type="spo2", value=97, unit="%", now=now
    )
    frame = synth.noisy(synth.scene(1600, 1200), 6.0)
    photos.save_photo(store, media_dir=media_dir, encounter_id=encounter_id, image=frame, now=now)
    encounters.save_encounter(store, encounter_id=encounter_id, now=now)
    return encounter_id


def test_photo_thumbnails_come_along(
    store: Store, kiosk_config: KioskConfig, now: dt.datetime
) -> None:
    encounter_id = visit_with_photo(store, kiosk_config.media_dir, now)
    summary = build_summary(store, encounter_id, now=now, media_dir=kiosk_config.media_dir)
    assert len(summary.thumbnails) == 1 and summary.thumbnails[0].startswith(b"\xff\xd8")
    assert "Фотографии: 1" in as_text(summary)
    assert build_summary(store, encounter_id, now=now).thumbnails == ()


def test_a_child_gets_imci_findings_not_news2(store: Store, now: dt.datetime) -> None:
    child = services.register_patient(
        store, family="Сейітова", given="Айгерім", birth_date=dt.date(2025, 3, 1), now=now
    ).id
    fast = (("resp_rate", 45, "/min"), ("body_temp", 37.0, "Cel"))
    _, encounter_id = saved_visit(store, now, values=fast, patient_id=child)
    text = as_text(build_summary(store, encounter_id, language="en", now=now))
    assert "Assessment: IMCI (under 5)" in text
    assert "Fast breathing (threshold 40 /min)" in text
    assert "points" not in text and "NEWS2" not in text
