"""Registration: validation, IIN/SNILS checks and consistency, duplicates, one transaction."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk import registry, services
from kiosk.domain import Sex
from kiosk.errors import ValidationError
from kiosk.registry import PatientDraft
from kiosk.registry.model import birth_date_from_age, normalise_phone, parse_age
from kiosk.store import Store


def _draft(**changes: object) -> PatientDraft:
    base: dict[str, object] = {
        "family": "Қасымов",
        "given": "Ерлан",
        "sex": Sex.MALE,
        "birth_date": dt.date(1985, 3, 14),
    }
    base.update(changes)
    return PatientDraft(**base)  # type: ignore[arg-type]


def _count(store: Store, table: str) -> int:
    return int(store.scalar(f"SELECT count(*) FROM {table}"))


def test_registration_writes_everything_in_one_go(store: Store, now: dt.datetime) -> None:
    draft = _draft(
        patronymic="Серікұлы",
        iin="850314301234",
        snils="112-233-445 95",
        phone="+7 701 123 45 67",
        address="Ақжол ауылы",
        other_names=(registry.NameEntry("KASSYMOV", "YERLAN", use="official"),),
    )
    done = registry.register(store, draft, now=now)
    row = store.query("SELECT * FROM patients WHERE id = ?", (done.patient_id,))[0]
    assert row["patronymic"] == "Серікұлы" and row["phone_digits"] == "77011234567"
    assert row["birth_date_estimated"] == 0 and row["address"] == "Ақжол ауылы"
    ids = store.query("SELECT system, value FROM patient_identifiers ORDER BY system")
    assert ids == [
        {"system": "kz-iin", "value": "850314301234"},
        {"system": "ru-snils", "value": "11223344595"},
    ]
    assert _count(store, "patient_names") == 2
    tokens = {r["token"] for r in store.query("SELECT token FROM patient_tokens")}
    assert {"kasimov", "erlan", "serik"} <= tokens and "uli" not in tokens
    outbox = store.query("SELECT kind, ref FROM outbox WHERE kind = 'register-patient'")
    assert outbox == [{"kind": "register-patient", "ref": done.patient_id}]


@pytest.mark.parametrize("iin", ["850314301235", "921130747113", "85023031234", "850314300450"])
def test_invalid_iins_are_refused(store: Store, now: dt.datetime, iin: str) -> None:
    with pytest.raises(ValidationError) as caught:
        registry.register(store, _draft(iin=iin), now=now)
    assert caught.value.key == "patient.bad_iin"
    assert _count(store, "patients") == 0


@pytest.mark.parametrize(
    ("iin", "birth", "sex"),
    [
        ("850314301234", dt.date(1985, 3, 14), Sex.MALE),
        ("921130447113", dt.date(1992, 11, 30), Sex.FEMALE),
        ("040229500055", dt.date(2004, 2, 29), Sex.MALE),
        ("850314300400", dt.date(1985, 3, 14), Sex.MALE),
    ],
)
def test_valid_iins_consistent_with_the_form(
    store: Store, now: dt.datetime, iin: str, birth: dt.date, sex: Sex
) -> None:
    done = registry.register(store, _draft(iin=iin, birth_date=birth, sex=sex), now=now)
    assert done.warnings == ()


def test_iin_disagreeing_with_the_form_needs_acknowledgement(
    store: Store, now: dt.datetime
) -> None:
    draft = _draft(iin="921130447113", birth_date=dt.date(1992, 11, 29), sex=Sex.MALE)
    with pytest.raises(registry.NeedsConfirmation) as caught:
        registry.register(store, draft, now=now)
    assert caught.value.warnings == ["patient.iin_birth_date_mismatch", "patient.iin_sex_mismatch"]
    assert _count(store, "patients") == 0
    done = registry.register(store, draft, now=now, acknowledge=registry.IIN_WARNINGS)
    assert set(done.warnings) == set(registry.IIN_WARNINGS)


def test_iin_fills_birth_date_and_sex_when_missing(store: Store, now: dt.datetime) -> None:
    draft = PatientDraft("Әбенова", "Жанна", iin="921130447113")
    done = registry.register(store, draft, now=now)
    row = store.query("SELECT birth_date, sex FROM patients")[0]
    assert row == {"birth_date": "1992-11-30", "sex": "female"}
    assert done.notes == ("patient.from_iin",)


def test_age_with_iin_keeps_the_iins_exact_date(store: Store, now: dt.datetime) -> None:
    registry.register(store, _draft(birth_date=None, age="41", iin="850314301234"), now=now)
    assert store.query("SELECT birth_date, birth_date_estimated FROM patients")[0] == {
        "birth_date": "1985-03-14",
        "birth_date_estimated": 0,
    }
    with pytest.raises(registry.NeedsConfirmation):
        registry.register(store, _draft(birth_date=None, age="20", iin="921130447113"), now=now)


@pytest.mark.parametrize(
    ("snils", "ok"),
    [("112-233-445 95", True), ("12345678964", True), ("112-233-445 96", False), ("123", False)],
)
def test_snils_checksum(store: Store, now: dt.datetime, snils: str, ok: bool) -> None:
    if ok:
        registry.register(store, _draft(snils=snils), now=now)
        return
    with pytest.raises(ValidationError) as caught:
        registry.register(store, _draft(snils=snils), now=now)
    assert caught.value.key == "patient.bad_snils"


def test_low_snils_is_accepted_with_a_note(store: Store, now: dt.datetime) -> None:
    done = registry.register(store, _draft(snils="001-001-998 00"), now=now)
    assert "patient.snils_unchecked" in done.notes


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"family": " "}, "patient.name_required"),
        ({"given": ""}, "patient.name_required"),
        ({"family": "x" * 101}, "patient.field_too_long"),
        ({"birth_date": dt.date(2030, 1, 1)}, "patient.bad_birth_date"),
        ({"age": "40"}, "patient.birth_date_or_age"),
        ({"birth_date": None, "age": "forty"}, "patient.bad_age"),
        ({"birth_date": None, "age": "200"}, "patient.bad_age"),
        ({"phone": "call me"}, "patient.bad_phone"),
    ],
)
def test_bad_forms_store_nothing(
    store: Store, now: dt.datetime, changes: dict[str, object], key: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        registry.register(store, _draft(**changes), now=now)
    assert caught.value.key == key
    assert _count(store, "patients") == _count(store, "patient_tokens") == 0


def test_estimated_birth_dates() -> None:
    today = dt.date(2026, 11, 26)
    assert parse_age("42") == (42, "y") and parse_age("8m") == (8, "m")
    assert parse_age("3 г") == (3, "y") and parse_age("x") is None
    assert birth_date_from_age(42, "y", today).year in (1983, 1984)
    assert birth_date_from_age(8, "m", today) == dt.date(2026, 3, 26)
    assert birth_date_from_age(9, "m", dt.date(2026, 11, 30)) == dt.date(2026, 2, 1)


def test_age_is_stored_as_estimated(store: Store, now: dt.datetime) -> None:
    registry.register(store, _draft(birth_date=None, age="8m"), now=now)
    row = store.query("SELECT birth_date, birth_date_estimated FROM patients")[0]
    assert row == {"birth_date": "2026-03-26", "birth_date_estimated": 1}


def test_phone_normalisation() -> None:
    assert normalise_phone("8 (701) 123-45-67") == normalise_phone("+7 701 1234567")
    assert normalise_phone("7011234567") == "77011234567"


def test_same_identifier_is_a_hard_stop(store: Store, now: dt.datetime) -> None:
    first = registry.register(store, _draft(iin="850314301234"), now=now)
    with pytest.raises(registry.DuplicateIdentifier) as caught:
        registry.register(
            store,
            PatientDraft("Иванов", "Пётр", iin="8503 1430 1234"),
            now=now,
            acknowledge=registry.ALL_WARNINGS,
        )
    assert [c.patient_id for c in caught.value.candidates] == [first.patient_id]
    assert _count(store, "patients") == 1


def test_same_name_and_birth_date_warns(store: Store, now: dt.datetime) -> None:
    first = registry.register(store, _draft(), now=now)
    latin = PatientDraft("Kassymov", "Yerlan", birth_date=dt.date(1985, 3, 14))
    with pytest.raises(registry.NeedsConfirmation) as caught:
        registry.register(store, latin, now=now)
    assert caught.value.warnings == ["patient.duplicate_name_birth_date"]
    assert [c.patient_id for c in caught.value.candidates] == [first.patient_id]
    done = registry.register(store, latin, now=now, acknowledge=registry.DUPLICATE_WARNINGS)
    assert done.candidates[0].patient_id == first.patient_id


def test_close_fuzzy_match_warns(store: Store, now: dt.datetime) -> None:
    registry.register(store, _draft(), now=now)
    with pytest.raises(registry.NeedsConfirmation) as caught:
        registry.register(
            store, PatientDraft("Касымова", "Ерлан", birth_date=dt.date(1986, 1, 1)), now=now
        )
    assert caught.value.warnings == ["patient.duplicate_similar"]


def test_different_people_do_not_warn(store: Store, now: dt.datetime) -> None:
    registry.register(store, _draft(), now=now)
    registry.register(
        store, PatientDraft("Иванова", "Ольга", birth_date=dt.date(1985, 3, 14)), now=now
    )
    registry.register(store, _draft(birth_date=dt.date(1950, 1, 1)), now=now)  # a namesake
    assert _count(store, "patients") == 3


def test_services_register_patient_still_works(store: Store, now: dt.datetime) -> None:
    first = services.register_patient(
        store, family="Қасымов", given="Ерлан", birth_date=dt.date(1985, 3, 14), now=now
    )
    again = services.register_patient(
        store, family="Қасымов", given="Ерлан", birth_date=dt.date(1985, 3, 14), now=now
    )
    assert first.id != again.id and first.family == "Қасымов"
    assert registry.search(store, "Kasymov")[0].patient_id in (first.id, again.id)
