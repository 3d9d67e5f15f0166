"""Structured, rotated logs in the data folder, with no patient data in them."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from kiosk import logging_setup
from kiosk.config import KioskConfig
from tests.ops.conftest import kiosk, patient_secrets


def test_demo_logs_are_json_lines_without_patient_data(demo_dir: Path) -> None:
    files = logging_setup.log_files(demo_dir)
    assert [f.name for f in files] == ["kiosk.log"]
    assert (files[0].stat().st_mode & 0o777) == 0o600
    lines = files[0].read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert {"time", "level", "logger", "message"} <= set(records[0])
    assert any(r.get("command") == "demo" for r in records)
    text = "\n".join(lines)
    secrets = patient_secrets(demo_dir)
    assert len(secrets) >= 9  # 3 patients: id, family, given, birth date
    assert [s for s in secrets if s in text] == []


def test_redaction_filter_and_rotation(tmp_path: Path) -> None:
    config = KioskConfig(data_dir=tmp_path, log_max_bytes=10_000, log_backups=2)
    logging_setup.configure(config)
    try:
        log = logging.getLogger("kiosk.test")
        log.warning(
            "saved %(family)s born %(birth_date)s",
            {"family": "Қасымов", "birth_date": "1980-01-02"},
        )
        log.warning("visit", extra={"given": "Айгүл", "encounter": "e-1"})
        for index in range(400):
            log.info("filler %d %s", index, "x" * 40)
    finally:
        logging_setup.shutdown()
    files = logging_setup.log_files(tmp_path)
    assert [f.name for f in files] == ["kiosk.log", "kiosk.log.1", "kiosk.log.2"]
    assert all(f.stat().st_size <= 10_500 for f in files)
    text = "".join(f.read_text(encoding="utf-8") for f in files)
    assert "Қасымов" not in text and "1980-01-02" not in text and "Айгүл" not in text


def test_an_unwritable_data_folder_still_runs(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    result = kiosk(blocked / "data", "drivers", "list")
    assert result.exit_code == 0
    assert logging_setup.file_handler(KioskConfig(data_dir=blocked / "data")) is None
