"""Find or register: cross-script search rows, live form checks, estimated ages, duplicates."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk import services
from kiosk.domain import Sex
from kiosk.errors import ValidationError
from kiosk.patient_finder import (
    LatestOnly,
    RegistrationForm,
    check_form,
    parse_birth_date,
    parse_estimated_age,
    register_form,
    search_patients,
)
from kiosk.store import Store
from tests.kiosk.test_home_model import saved_visit

TODAY = dt.date(2026, 11, 26)


def _keys(form: RegistrationForm) -> list[tuple[str, str]]:
    return [(f.level, f.key) for f in check_form(form, TODAY)]


def test_a_cyrillic_name_is_found_typed_in_latin_and_back(store: Store, now: dt.datetime) -> None:
    patient_id, _ = saved_visit(store, now)
    services.register_patient(
        store, family="Smith", given="John", birth_date=dt.date(1970, 1, 2), now=now
    )
    rows = search_patients(store, "Kasymov", TODAY)
    assert rows[0].patient_id == patient_id
    row = rows[0]
    assert row.name == "Қасымов Ерлан" and row.age_years == 41
    assert row.last_visit is not None and row.last_visit.date() == now.date()
    assert search_patients(store, "Смит", TODAY)[0].name == "Smith John"
    assert search_patients(store, "1985", TODAY)[0].patient_id == patient_id
    assert search_patients(store, "K", TODAY) == []


def test_age_words_in_three_languages() -> None:
    assert parse_estimated_age("about 45 years") == (45, "y")
    assert parse_estimated_age("примерно 45 лет") == (45, "y")
    assert parse_estimated_age("шамамен 45 жас") == (45, "y")
    assert parse_estimated_age("~8 months") == (8, "m")
    assert parse_estimated_age("forty") is None
    assert parse_estimated_age("131") is None
    assert parse_birth_date("14.03.1985") == dt.date(1985, 3, 14)
    assert parse_birth_date("1985-03-14") == dt.date(1985, 3, 14)
    assert parse_birth_date("31.02.1985") is None


def test_estimated_age_is_shown_and_stored_as_estimated(store: Store, now: dt.datetime) -> None:
    form = RegistrationForm(family="Нұрланов", given="Асқар", age="about 45 years")
    notes = check_form(form, TODAY)
    assert [(f.level, f.key) for f in notes] == [("note", "screens.age.estimated")]
    assert dict(notes[0].params)["birth_date"].year == 1981
    done = register_form(store, form, now=now)
    assert done.patient_id is not None
    row = store.query(
        "SELECT birth_date, birth_date_estimated FROM patients WHERE id = ?", (done.patient_id,)
    )[0]
    assert row["birth_date_estimated"] == 1 and row["birth_date"].startswith("1981-")


def test_iin_is_validated_and_cross_checked_while_typing() -> None:
    assert _keys(RegistrationForm(iin="85031430123")) == [("error", "screens.iin.length")]
    assert _keys(RegistrationForm(iin="850314301235")) == [("error", "screens.iin.checksum")]
    assert _keys(RegistrationForm(iin="921130747113")) == [("error", "screens.iin.century")]
    assert _keys(RegistrationForm(iin="850230301233")) == [("error", "screens.iin.date")]
    ok = RegistrationForm(iin="850314301234", sex=Sex.MALE, birth_date="14.03.1985")
    assert _keys(ok) == [("note", "screens.iin.ok")]
    wrong = RegistrationForm(iin="850314301234", sex=Sex.FEMALE, birth_date="15.03.1985")
    assert _keys(wrong) == [
        ("note", "screens.iin.ok"),
        ("warning", "patient.iin_birth_date_mismatch"),
        ("warning", "patient.iin_sex_mismatch"),
    ]
    far = RegistrationForm(iin="850314301234", age="20")
    assert ("warning", "patient.iin_birth_date_mismatch") in _keys(far)


def test_duplicate_name_and_birth_date_needs_confirmation(store: Store, now: dt.datetime) -> None:
    patient_id, _ = saved_visit(store, now)
    form = RegistrationForm(family="Kasymov", given="Erlan", birth_date="14.03.1985")
    stopped = register_form(store, form, now=now)
    assert stopped.patient_id is None
    assert stopped.warnings == ("patient.duplicate_name_birth_date",)
    assert [c.patient_id for c in stopped.candidates] == [patient_id]
    assert stopped.candidates[0].last_visit is not None
    done = register_form(store, form, now=now, acknowledge=stopped.warnings)
    assert done.patient_id not in (None, patient_id)


def test_same_iin_is_a_hard_stop(store: Store, now: dt.datetime) -> None:
    first = register_form(
        store, RegistrationForm(family="Ахметов", given="Бекзат", iin="850314301234"), now=now
    )
    assert first.patient_id is not None
    again = register_form(
        store, RegistrationForm(family="Другой", given="Человек", iin="850314301234"), now=now
    )
    assert again.duplicate_identifier and again.patient_id is None
    assert [c.patient_id for c in again.candidates] == [first.patient_id]


def test_an_unreadable_birth_date_is_refused_never_dropped(store: Store, now: dt.datetime) -> None:
    with pytest.raises(ValidationError) as refused:
        register_form(
            store, RegistrationForm(family="A", given="B", birth_date="32.13.1990"), now=now
        )
    assert refused.value.key == "patient.bad_birth_date"
    assert store.scalar("SELECT count(*) FROM patients") == 0


def test_only_the_latest_request_is_current() -> None:
    latest = LatestOnly()
    first, second = latest.next(), latest.next()
    assert not latest.is_current(first) and latest.is_current(second)
