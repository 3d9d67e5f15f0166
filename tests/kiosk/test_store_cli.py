"""CLI: ``encounters list/show``, ``backup``, ``restore``, ``doctor``, ``bench save``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kiosk import encounters, services
from kiosk.cli import cli
from kiosk.config import KioskConfig
from kiosk.store import Store
from tests.conftest import make_patient


@pytest.fixture
def saved(kiosk_config: KioskConfig, now: dt.datetime) -> str:
    with Store(kiosk_config.store_path) as store:
        patient_id = make_patient(store, now)
        encounter_id = services.start_encounter(
            store, patient_id=patient_id, site="KZ-T", now=now
        ).id
        for kind, value, unit in (
            ("resp_rate", 21, "/min"),
            ("spo2", 95, "%"),
            ("systolic_bp", 110, "mm[Hg]"),
            ("pulse_rate", 91, "/min"),
            ("body_temp", 38.1, "Cel"),
            ("body_weight", 40, "kg"),
        ):
            encounters.record_manual_reading(
                store, encounter_id=encounter_id, reading_type=kind, value=value, unit=unit, now=now
            )
        encounters.set_complaints(store, encounter_id, ["cough"], "3 days", now=now)
        encounters.set_assessment(
            store, encounter_id, consciousness="alert", on_oxygen=False, now=now
        )
        encounters.save_encounter(store, encounter_id=encounter_id, now=now)
        encounters.correct_encounter(
            store, encounter_id, encounters.Changes(notes="weight typo"), "typo", "Aida", now
        )
    return encounter_id


def _run(config: KioskConfig, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--data-dir", str(config.data_dir), "--lang", "en", *args])
    return result.exit_code, result.stdout, result.stderr


def test_encounters_list_shows_status_version_and_news2(
    kiosk_config: KioskConfig, saved: str
) -> None:
    code, out, _ = _run(kiosk_config, "encounters", "list", "--json")
    assert code == 0
    rows = json.loads(out)
    assert [(r["version"], r["current"]) for r in rows] == [(2, True), (1, False)]
    assert rows[1]["id"] == saved and rows[1]["status"] == "finished"
    assert rows[1]["news2"] == {"total": 6, "band": "medium", "missing": []}
    code, out, _ = _run(kiosk_config, "encounters", "list")
    assert code == 0 and "NEWS2 6 medium" in out and "(superseded)" in out


def test_encounters_show(kiosk_config: KioskConfig, saved: str) -> None:
    code, out, _ = _run(kiosk_config, "encounters", "show", saved, "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["complaints"] == [{"code": "cough", "display": "Cough"}]
    assert doc["score"]["total"] == 6 and doc["current"] is False
    weight = next(r for r in doc["readings"] if r["type"] == "body_weight")
    assert weight["plausibility"]["verdict"] == "ok"
    assert [v["version"] for v in doc["versions"]] == [1, 2]
    code, out, _ = _run(kiosk_config, "encounters", "show", saved)
    assert code == 0 and "NEWS2: 6 medium" in out and "by Aida" in out
    code, _, err = _run(kiosk_config, "encounters", "show", "no-such-id")
    assert code == 1 and "No such encounter" in err


def test_backup_restore_and_doctor(kiosk_config: KioskConfig, saved: str, tmp_path: Path) -> None:
    code, out, err = _run(kiosk_config, "backup", "--to", str(tmp_path / "bk"), "--json")
    assert code == 0, err
    manifest = json.loads(out)
    assert Path(manifest["path"]).exists() and manifest["schema_version"] >= 4
    assert "Backup written" in err
    code, out, err = _run(kiosk_config, "restore", manifest["path"], "--json")
    assert code == 0, err
    assert json.loads(out)["safety_copy"] and "restored" in err
    code, out, _ = _run(kiosk_config, "doctor", "--json")
    assert code == 0
    report = json.loads(out)
    assert report["ok"] and report["checks"][0]["name"] == "store_integrity"
    code, out, _ = _run(kiosk_config, "doctor")
    assert code == 0 and "Store integrity: ok." in out
    code, _, err = _run(kiosk_config, "restore", str(tmp_path / "absent.sqlite3"))
    assert code == 1 and "Cannot restore" in err


def test_doctor_fails_without_a_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["--data-dir", str(tmp_path / "empty"), "--lang", "en", "doctor", "--json"]
    )
    assert result.exit_code == 1
    assert json.loads(result.stdout)["ok"] is False


def test_bench_save_quick_json() -> None:
    result = CliRunner().invoke(cli, ["bench", "save", "--quick", "--json"])
    assert result.exit_code == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["name"] == "save" and figures["unit"] == "ms"
    assert figures["ratio"] == pytest.approx(figures["value"] / figures["baseline_value"], rel=1e-2)
    assert figures["details"]["saves"] == 30 and figures["details"]["vitals_per_encounter"] == 8
