"""The offline ICD-10 lookup: exact codes, code prefixes, words; no network involved."""

from __future__ import annotations

import pytest

from kiosk.clinical import icd10


@pytest.mark.parametrize("typed", ["J18.9", "j18.9", "J189", " j189 "])
def test_lookup_accepts_the_usual_spellings(typed: str) -> None:
    entry = icd10.lookup(typed)
    assert entry == icd10.Icd10Entry("J18.9", "Pneumonia, unspecified")
    assert entry.label() == "J18.9 — Pneumonia, unspecified"


def test_lookup_knows_categories_but_not_headings_or_inventions() -> None:
    assert icd10.lookup("I10") == icd10.Icd10Entry("I10", "Essential (primary) hypertension")
    assert icd10.lookup("O14.1") is not None  # severe pre-eclampsia (obstetrics)
    assert icd10.lookup("A00-A09") is None  # a block, not a diagnosis
    assert icd10.lookup("I") is None  # a chapter
    assert icd10.lookup("J18.7") is None  # not in WHO ICD-10
    assert not icd10.is_valid("ZZ9")


def test_search_by_code_prefix_lists_the_category_first() -> None:
    codes = [e.code for e in icd10.search("j18")]
    assert codes[:4] == ["J18", "J18.0", "J18.1", "J18.2"]
    assert all(c.startswith("J18") for c in codes)
    assert icd10.search("R06.0")[0].code == "R06.0"


def test_search_by_words_needs_every_word_as_a_prefix() -> None:
    found = icd10.search("pneumon unspec", limit=50)
    assert found[0] == icd10.Icd10Entry("J18.9", "Pneumonia, unspecified")
    assert all("pneumon" in e.title.lower() and "unspec" in e.title.lower() for e in found)
    assert "R06.0" in [e.code for e in icd10.search("Dyspnoea")]
    assert icd10.search("hypertens essential")[0].code == "I10"


def test_search_respects_the_limit_and_empty_input() -> None:
    assert len(icd10.search("fever", limit=3)) == 3
    assert icd10.search("   ") == []
    assert icd10.search("fever", limit=0) == []
    assert icd10.search("qqqqzzzz") == []


def test_the_index_is_the_whole_who_2019_list() -> None:
    assert icd10.size() == 12_246  # WHO ICD-10 2019: categories + subcategories
    assert icd10.SYSTEM == "http://hl7.org/fhir/sid/icd-10"
