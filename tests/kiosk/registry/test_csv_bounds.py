"""Hostile CSV files are bounded (issue 10): size, rows, columns, field length, encoding,
control characters and spreadsheet formulas, each with its translated message."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kiosk import registry
from kiosk.errors import UserFacingError
from kiosk.i18n import translate
from kiosk.registry import csv_import
from kiosk.store import Store

HEADER = "family,given,sex,birth_date,address\n"


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "patients.csv"
    path.write_bytes(data)
    return path


def _refused(store: Store, path: Path, now: dt.datetime) -> UserFacingError:
    with pytest.raises(UserFacingError) as refused:
        registry.import_csv(store, path, now)
    assert store.scalar("SELECT count(*) FROM patients") == 0  # nothing half-imported
    return refused.value


def test_a_file_over_the_size_limit_is_refused_unread(
    store: Store, now: dt.datetime, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(csv_import, "MAX_BYTES", 1024 * 1024)
    body = HEADER + "Ахметов,Ерлан,male,1980-01-01,x\n" * 40_000
    error = _refused(store, _write(tmp_path, body.encode()), now)
    assert error.key == "import.too_large" and "1 MB" in str(error)


def test_too_many_rows_refuse_the_whole_file(
    store: Store, now: dt.datetime, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(csv_import, "MAX_ROWS", 3)
    rows = "".join(f"Ахметов,Ерлан{i},male,1980-01-0{i},\n" for i in range(1, 5))
    error = _refused(store, _write(tmp_path, (HEADER + rows).encode()), now)
    assert error.key == "import.too_large" and "3 rows" in str(error)


def test_too_many_columns_refuse_the_whole_file(
    store: Store, now: dt.datetime, tmp_path: Path
) -> None:
    header = "family,given," + ",".join(f"c{i}" for i in range(csv_import.MAX_COLUMNS)) + "\n"
    error = _refused(store, _write(tmp_path, (header + "А,Б\n").encode()), now)
    assert error.key == "import.too_large"


def test_not_utf8_names_the_line(store: Store, now: dt.datetime, tmp_path: Path) -> None:
    data = HEADER.encode() + "Ахметов,Ерлан,male,,\n".encode() + "Ахметов,".encode("cp1251")
    error = _refused(store, _write(tmp_path, data + b"\n"), now)
    assert error.key == "import.not_utf8" and error.params == {"line": 3}
    utf16 = _refused(store, _write(tmp_path, (HEADER + "А,Б,,,\n").encode("utf-16")), now)
    assert utf16.key == "import.not_utf8"


def test_long_fields_and_control_characters_reject_only_their_row(
    store: Store, now: dt.datetime, tmp_path: Path
) -> None:
    long_address = "a" * (csv_import.MAX_FIELD + 1)
    body = (
        HEADER
        + f"Ахметов,Ерлан,male,1980-01-01,{long_address}\n"
        + "Ахме\x00тов,Ерлан,male,1980-01-02,\n"
        + "Бекова,Айгүл,female,1981-01-02,Ақжол\x07\n"
        + 'Серікова,Дана,female,1982-03-04,"Ақжол,\n5\tүй"\n'
    )
    report = registry.import_csv(store, _write(tmp_path, body.encode()), now)
    assert [(p.line, p.key) for p in report.rejected] == [
        (2, "patient.field_too_long"),
        (3, "import.control_character"),
        (4, "import.control_character"),
    ]
    assert report.rejected[1].params == {"field": "family"}
    message = report.to_json()["rejected"][1]["message"]
    assert message == translate("import.control_character", field="family")
    assert [line for line, _ in report.imported] == [5]  # line breaks and tabs are white space
    assert store.scalar("SELECT count(*) FROM patients") == 1
    assert store.scalar("SELECT count(*) FROM patient_names WHERE instr(family, char(0)) > 0") == 0


@pytest.mark.parametrize("formula", ['=HYPERLINK("http://x")', "+7(701)", "-Ерлан", "@SUM(A1)"])
def test_a_formula_like_field_stays_data(
    store: Store, now: dt.datetime, tmp_path: Path, formula: str
) -> None:
    quoted = '"' + formula.replace('"', '""') + '"'
    body = HEADER + f"{quoted},Ерлан,male,1980-01-01,{quoted}\n"
    report = registry.import_csv(store, _write(tmp_path, body.encode()), now)
    assert report.rejected == [] and len(report.imported) == 1
    details = registry.patient_details(store, report.imported[0][1])
    assert details["address"] == formula
    families = [row["family"] for row in store.query("SELECT family FROM patient_names")]
    assert families == [formula]
