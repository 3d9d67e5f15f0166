"""``kiosk patients ...`` and ``kiosk bench search --quick`` through the real command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kiosk.cli import cli


@pytest.fixture
def data(tmp_path: Path) -> str:
    folder = str(tmp_path / "data")
    assert CliRunner().invoke(cli, ["--data-dir", folder, "init"]).exit_code == 0
    return folder


def _run(data: str, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--data-dir", data, *args])
    return result.exit_code, result.stdout, result.stderr


def _add(data: str, *args: str) -> str:
    code, out, err = _run(data, "patients", "add", *args)
    assert code == 0, err
    return out.strip()


def test_add_search_show(data: str) -> None:
    patient = _add(
        data, "--family", "Қасымов", "--given", "Ерлан", "--patronymic", "Серікұлы",
        "--sex", "male", "--birth-date", "1985-03-14", "--iin", "850314301234",
        "--phone", "+7 701 123 45 67", "--address", "Ақжол",
    )  # fmt: skip
    code, out, _ = _run(data, "patients", "search", "Kassymov Yerlan", "--json")
    assert code == 0 and json.loads(out)[0]["patient_id"] == patient
    code, out, _ = _run(data, "patients", "search", "Qasymov")
    assert code == 0 and out.startswith(patient)
    code, out, _ = _run(data, "patients", "show", patient, "--json")
    record = json.loads(out)
    assert record["identifiers"][0]["value"] == "850314301234" and record["phone"]
    code, out, _ = _run(data, "patients", "show", patient)
    assert code == 0 and "Серікұлы" in out
    code, _, err = _run(data, "patients", "search", "Петров")
    assert code == 0 and "No patient found" in err


def test_add_with_age_and_json(data: str) -> None:
    code, out, _ = _run(
        data, "patients", "add", "--family", "Әбенова", "--given", "Жанна", "--age", "8m", "--json"
    )
    assert code == 0 and json.loads(out)["id"]


def test_duplicate_warnings_and_forcing(data: str) -> None:
    first = _add(data, "--family", "Қасымов", "--given", "Ерлан", "--birth-date", "1985-03-14")
    args = ["patients", "add", "--family", "Kassymov", "--given", "Yerlan"]
    code, out, err = _run(data, *args, "--birth-date", "1985-03-14", "--json")
    assert code == 1 and "same name and birth date" in err
    assert json.loads(out)["candidates"][0]["patient_id"] == first
    code, out, err = _run(data, *args, "--birth-date", "1985-03-14", "--force-duplicate")
    assert code == 0 and out.strip() != first
    code, _, err = _run(data, "--lang", "ru", *args, "--age", "40", "--iin", "850314300400",
                        "--sex", "female")  # fmt: skip
    assert code == 1 and "ИИН" in err
    code, _, err = _run(data, *args, "--iin", "8503143012", "--age", "40")
    assert code == 1 and "IIN is not valid" in err


def test_identifier_duplicate_is_refused(data: str) -> None:
    _add(data, "--family", "Қасымов", "--given", "Ерлан", "--iin", "850314301234")
    code, _, err = _run(
        data, "patients", "add", "--family", "Иванов", "--given", "Иван", "--iin", "850314301234"
    )
    assert code == 1 and "already belongs" in err


def test_import_reports_lines_and_exit_codes(data: str, tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text("family,given,birth_date\nҚасымов,Ерлан,1985-03-14\n", encoding="utf-8-sig")
    code, out, _ = _run(data, "patients", "import", str(good), "--json")
    assert code == 0 and json.loads(out)["imported"] == 1
    mixed = tmp_path / "mixed.csv"
    mixed.write_text("family,given,birth_date\nПетров,Иван,1985-02-30\nИванов,Пётр,\n", "utf-8")
    code, out, err = _run(data, "patients", "import", str(mixed))
    assert code == 1 and "Line 2:" in out and "1 patient(s) imported, 1 row(s) rejected" in err


def test_merge_command(data: str) -> None:
    keep = _add(data, "--family", "Қасымов", "--given", "Ерлан")
    gone = _add(data, "--family", "Kassymov", "--given", "Yerlan", "--force-duplicate")
    code, _, err = _run(data, "patients", "merge", keep, gone, "--reason", "same person")
    assert code == 0 and "merged" in err
    code, out, _ = _run(data, "patients", "search", "Kassymov", "--json")
    assert [hit["patient_id"] for hit in json.loads(out)] == [keep]
    code, _, err = _run(data, "patients", "merge", keep, gone, "--reason", "again")
    assert code == 1


@pytest.mark.parametrize("command", ["add", "import", "search", "show", "merge"])
def test_every_patients_command_has_help(command: str) -> None:
    result = CliRunner().invoke(cli, ["patients", command, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output


def test_bench_search_quick_prints_the_interfaces_fields() -> None:
    result = CliRunner().invoke(cli, ["bench", "search", "--quick", "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert {
        "name",
        "value",
        "unit",
        "baseline",
        "baseline_value",
        "ratio",
        "goal",
        "details",
    } <= set(figures)
    assert figures["name"] == "search" and figures["unit"] == "ms"
    assert figures["ratio"] == pytest.approx(figures["value"] / figures["baseline_value"], abs=1e-3)
    assert figures["details"]["hit_rate"] > 0.7
