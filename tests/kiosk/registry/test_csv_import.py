"""CSV import: good rows imported, bad ones reported with line numbers, bounds enforced."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kiosk import registry
from kiosk.errors import UserFacingError
from kiosk.registry import csv_import
from kiosk.store import Store

GOOD_AND_BAD = (
    "family,given,patronymic,sex,birth_date,age,iin,snils,phone,address,notes\n"
    "Қасымов,Ерлан,Серікұлы,male,1985-03-14,,850314301234,,87011234567,Ақжол,first\n"
    "Иванова,Ольга,Петровна,ж,14.02.1970,,,112-233-445 95,,,\n"
    "Петров,Иван,,male,1985-02-30,,,,,,wrong date\n"
    "Сейтқали,Мейрам,,male,,40,850314301235,,,,bad iin\n"
    ",Жанна,,female,1990-01-01,,,,,,missing name\n"
    '"Әбенова","Жанна","Ғаниқызы",female,,8m,,,,"Ақжол, 5",\n'
    "Kassymov,Yerlan,,male,,,850314301234,,,,same iin\n"
    "Нұрланова,Алия,,female,1992-11-30,,921130447113,,,,ok\n"
)


def _write(tmp_path: Path, text: str, bom: bool = False) -> Path:
    path = tmp_path / "patients.csv"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


@pytest.mark.parametrize("bom", [False, True])
def test_good_rows_imported_bad_rows_reported(
    store: Store, now: dt.datetime, tmp_path: Path, bom: bool
) -> None:
    report = registry.import_csv(store, _write(tmp_path, GOOD_AND_BAD, bom), now)
    assert [line for line, _ in report.imported] == [2, 3, 7, 9]
    assert [(p.line, p.key) for p in report.rejected] == [
        (4, "patient.bad_birth_date"),
        (5, "patient.bad_iin"),
        (6, "patient.name_required"),
        (8, "patient.duplicate_identifier"),
    ]
    assert report.ignored_columns == ["notes"]
    assert store.scalar("SELECT count(*) FROM patients") == 4
    # a rejected row left nothing behind: no orphan names, tokens or outbox items
    assert store.scalar("SELECT count(DISTINCT patient_id) FROM patient_names") == 4
    assert store.scalar("SELECT count(*) FROM outbox WHERE kind = 'register-patient'") == 4
    assert store.integrity_check() == []
    hits = registry.search(store, "Abenova Zhanna")
    assert hits[0].family == "Әбенова"
    details = registry.patient_details(store, hits[0].patient_id)
    assert details["birth_date_estimated"] and details["address"] == "Ақжол, 5"
    assert report.to_json()["rejected"][0]["line"] == 4


def test_reimport_reports_duplicates(store: Store, now: dt.datetime, tmp_path: Path) -> None:
    text = "family;given;birth_date\nҚасымов;Ерлан;1985-03-14\n"
    assert len(registry.import_csv(store, _write(tmp_path, text), now).imported) == 1
    again = registry.import_csv(store, _write(tmp_path, text), now)
    assert [(p.line, p.key) for p in again.rejected] == [(2, "patient.duplicate_name_birth_date")]


def test_multiline_fields_keep_line_numbers(store: Store, now: dt.datetime, tmp_path: Path) -> None:
    text = 'family,given,address\nА,Б,"line one\nline two"\n,В,\n'
    report = registry.import_csv(store, _write(tmp_path, text), now)
    assert [(p.line, p.key) for p in report.rejected] == [(4, "patient.name_required")]


@pytest.mark.parametrize(
    ("content", "key"),
    [
        (b"given,sex\nX,male\n", "import.missing_columns"),
        (b"", "import.missing_columns"),
        (b"family,given\n\xff\xfe,X\n", "import.not_utf8"),
    ],
)
def test_unusable_files_are_refused(
    store: Store, now: dt.datetime, tmp_path: Path, content: bytes, key: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(UserFacingError) as caught:
        registry.import_csv(store, path, now)
    assert caught.value.key == key
    assert store.scalar("SELECT count(*) FROM patients") == 0


def test_bounds(
    store: Store, now: dt.datetime, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    huge = "family,given\n" + "А" * 2000 + ",Б\nВ,Г\n"
    report = registry.import_csv(store, _write(tmp_path, huge), now)
    assert [(p.line, p.key) for p in report.rejected] == [(2, "patient.field_too_long")]
    monkeypatch.setattr(csv_import, "MAX_ROWS", 1)
    with pytest.raises(UserFacingError) as caught:
        registry.import_csv(store, _write(tmp_path, "family,given\nА,Б\nВ,Г\n"), now)
    assert caught.value.key == "import.too_large"
    monkeypatch.setattr(csv_import, "MAX_BYTES", 10)
    with pytest.raises(UserFacingError):
        registry.import_csv(store, _write(tmp_path, "family,given\nА,Б\n"), now)
