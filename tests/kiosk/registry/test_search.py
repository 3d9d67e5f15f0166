"""Search: cross-script, Kazakh/Russian spellings, typos, identifiers, phone, year, ranking,
and that it runs on indexes."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk import registry
from kiosk.domain import Sex
from kiosk.names import transliterate_icao
from kiosk.registry import PatientDraft
from kiosk.registry.search import parse_query
from kiosk.store import Store

#: clinical.md §7.2: each set gives one key (the first spelling is Cyrillic where there is one).
SPELLINGS = [
    ["Жанна", "Zhanna", "Janna"],
    ["Қасымов", "Kasymov", "Qasymov", "Kassymov"],
    ["Юлия", "Iuliia", "Yuliya", "Yulia"],
    ["Хабибуллин", "Khabibullin", "Habibullin"],
    ["Цой", "Tsoi", "Tsoy"],
    ["Әлия", "Aliya", "Älia", "Alia"],
    ["Ерлан", "Yerlan", "Erlan"],
    ["Нұрсұлтан", "Nursultan", "Nūrsūltan"],
    ["Ғалия", "Galiya", "Ğalia"],
    ["Шаһар", "Shahar", "Şahar"],
    ["Щукин", "Shchukin", "Shhukin", "Šukin"],
    ["Жаңаөзен", "Zhanaozen", "Jañaözen"],
]


def _add(store: Store, now: dt.datetime, family: str, given: str = "Бауыржан", **kw: object) -> str:
    draft = PatientDraft(family, given, **kw)  # type: ignore[arg-type]
    done = registry.register(store, draft, now=now, acknowledge=registry.ALL_WARNINGS)
    return done.patient_id


def _ids(store: Store, query: str) -> list[str]:
    return [c.patient_id for c in registry.search(store, query)]


@pytest.mark.parametrize("spellings", SPELLINGS, ids=lambda s: s[0])
def test_every_spelling_finds_the_same_patient(
    store: Store, now: dt.datetime, spellings: list[str]
) -> None:
    _add(store, now, "Сейтқали", "Мейрам")  # someone else
    for stored in (spellings[0], spellings[-1]):
        patient = _add(store, now, stored)
        for query in spellings:
            hits = registry.search(store, query)
            assert hits and hits[0].patient_id == patient, (stored, query)
            assert hits[0].score == 0, (stored, query)
        with store.transaction() as conn:  # the next round stores the other spelling
            conn.execute("UPDATE patients SET merged_into = ? WHERE id = ?", (patient, patient))


def test_russian_spelling_finds_kazakh(store: Store, now: dt.datetime) -> None:
    patient = _add(store, now, "Әбенов", "Ғалым")
    assert _ids(store, "Абенов")[0] == patient
    assert _ids(store, "Абенов Галым")[0] == patient
    assert _ids(store, "Galym Abenov")[0] == patient  # word order is free


@pytest.mark.parametrize(
    ("query", "distance"),
    [("Kasymof", 1), ("Касымв", 1), ("Kasimofa", 2), ("Qsymof", 2), ("Кассымо Ерлн", 2)],
)
def test_typos(store: Store, now: dt.datetime, query: str, distance: int) -> None:
    patient = _add(store, now, "Қасымов", "Ерлан")
    _add(store, now, "Петров", "Иван")
    hits = registry.search(store, query)
    assert hits[0].patient_id == patient
    assert 0 < hits[0].score <= distance


def test_must_not_match_pairs_do_not_rank_as_exact(store: Store, now: dt.datetime) -> None:
    sergei = _add(store, now, "Иванов", "Сергей")
    sergeev = _add(store, now, "Sergeev", "Ivan")
    alia = _add(store, now, "Нұрланова", "Алия")
    alina = _add(store, now, "Нұрланова", "Алина")
    hits = registry.search(store, "Сергей")
    assert hits[0].patient_id == sergei and hits[0].score == 0
    assert all(h.score > 0 for h in hits if h.patient_id == sergeev)
    assert _ids(store, "Алия Нұрланова")[0] == alia
    assert _ids(store, "Алина Нұрланова")[0] == alina


def test_identifier_and_phone_search(store: Store, now: dt.datetime) -> None:
    kasymov = _add(
        store, now, "Қасымов", iin="850314301234", snils="112-233-445 95", phone="8 701 123 45 67"
    )
    _add(store, now, "Петров", phone="+7 777 000 11 22")
    for query in ("850314301234", "8503 1430 1234", "112-233-445 95", "11223344595"):
        assert _ids(store, query) == [kasymov], query
    for query in ("+7 (701) 123-45-67", "87011234567", "1234567", "4567"):
        assert _ids(store, query) == [kasymov], query
    assert registry.search(store, "4567")[0].reasons == ("phone",)


def test_birth_year_filters_and_boosts(store: Store, now: dt.datetime) -> None:
    old = _add(store, now, "Қасымов", birth_date=dt.date(1950, 5, 1))
    young = _add(store, now, "Қасымов", birth_date=dt.date(1990, 5, 1))
    _add(store, now, "Петров", birth_date=dt.date(1990, 1, 1))
    assert _ids(store, "Kasymov 1990")[0] == young
    assert _ids(store, "1950 Kasymov")[0] == old
    assert set(_ids(store, "1990")) == {young, *_ids(store, "Петров")}
    assert _ids(store, "Kasymov 1950-05-01")[0] == old


def test_ranking_order(store: Store, now: dt.datetime) -> None:
    exact = _add(store, now, "Қасымов", "Ерлан")
    typo = _add(store, now, "Қасымова", "Ерлан")
    one_word = _add(store, now, "Қасымов", "Данияр")
    son = _add(store, now, "Петров", "Данияр", patronymic="Ерланұлы")
    ranked = _ids(store, "Kasymov Erlan")
    assert ranked[:2] == [exact, typo]
    assert ranked.index(one_word) < ranked.index(son) or son not in ranked
    assert _ids(store, "Данияр Ерлан")[0] == son


def test_merged_patients_lead_to_the_survivor(store: Store, now: dt.datetime) -> None:
    keep = _add(store, now, "Қасымов", "Ерлан")
    gone = _add(store, now, "Kassymov", "Yerlan", iin="850314301234")
    registry.merge(store, keep, gone, "same person", now)
    assert _ids(store, "Kassymov Yerlan") == [keep]
    assert _ids(store, "850314301234") == [keep]


def test_query_parsing() -> None:
    assert parse_query("Қасымов Ерлан 1985").year == 1985
    assert parse_query("112-233-445 95").digits == ("11223344595",)
    assert parse_query("Нұрсұлтан Серікұлы").tokens == ("nursultan", "serik")
    assert parse_query("").tokens == ()


def _plan(store: Store, sql: str, params: tuple[object, ...]) -> list[str]:
    return [row[3] for row in store.conn.execute(f"EXPLAIN QUERY PLAN {sql}", params)]


def test_search_uses_the_indexes(store: Store, now: dt.datetime) -> None:
    for i in range(30):
        _add(store, now, f"Фамилия{i}", phone=f"8701000{i:04d}", birth_date=dt.date(1980, 1, 1))
    _add(store, now, "Қасымов")  # found by one word (Qsymof): single tokens
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        for query in (
            "Familiia1 Bauyrzhan",
            "Qsymof",
            "Абенов 1985",
            "4567",
            "850314301234",
            "1985",
        ):
            registry.search(store, query)
    finally:
        store.conn.set_trace_callback(None)
    selects = [s for s in statements if s.lstrip().upper().startswith(("SELECT", "WITH"))]
    assert any("patient_pairs" in s for s in selects)
    steps = {step for sql in selects for step in _plan(store, sql, ())}
    assert any("patient_tokens" in step for step in steps)
    assert [step for step in steps if step.startswith("SCAN")] == []
    assert any("COVERING INDEX patients_search_card" in step for step in steps)


NAME = st.text(alphabet="абвгдежзийклмнопрстуфхцчшыэюяәғқңөұүһі", min_size=3, max_size=12)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(family=NAME, given_name=NAME)
def test_any_name_is_found_by_its_icao_transliteration(
    store: Store, now: dt.datetime, family: str, given_name: str
) -> None:
    patient = _add(store, now, family.capitalize(), given_name.capitalize(), sex=Sex.UNKNOWN)
    query = f"{transliterate_icao(family)} {transliterate_icao(given_name)}"
    hits = registry.search(store, query, limit=50)
    assert patient in [h.patient_id for h in hits]
    assert next(h for h in hits if h.patient_id == patient).score == 0
