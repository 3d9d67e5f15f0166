"""`kiosk support-bundle`: logs, versions, doctor, masked config, drivers; no patient data."""

from __future__ import annotations

import json
import tarfile
from pathlib import Path

from kiosk.settings_file import MASK
from kiosk.support_bundle import Redactor
from tests.ops.conftest import kiosk, patient_secrets


def test_bundle_after_the_demo_has_no_patient_data(demo_dir: Path, tmp_path: Path) -> None:
    assert kiosk(demo_dir, "config", "set", "server.token", "very-secret-token").exit_code == 0
    out = tmp_path / "bundle.tar.gz"
    result = kiosk(demo_dir, "support-bundle", "--out", str(out), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["path"] == str(out)
    with tarfile.open(out, "r:gz") as archive:
        members = {
            m.name.split("/", 1)[1]: archive.extractfile(m).read()  # type: ignore[union-attr]
            for m in archive.getmembers()
            if m.isfile()
        }
    assert {"versions.json", "doctor.json", "config.json", "drivers.json", "status.json",
            "logs/kiosk.log"} <= set(members)  # fmt: skip
    assert not any(name.endswith((".sqlite3", ".jpg", ".db")) for name in members)
    secrets = [*patient_secrets(demo_dir), "very-secret-token"]
    for name, data in members.items():
        text = data.decode("utf-8")
        assert [s for s in secrets if s in text] == [], name
    versions = json.loads(members["versions.json"])
    assert versions["python"] and "click" in {k.lower() for k in versions["packages"]}
    doctor = json.loads(members["doctor.json"])
    assert doctor["checks"][0]["name"] == "store_integrity"
    config = {s["key"]: s for s in json.loads(members["config.json"])["settings"]}
    assert config["server.token"]["value"] == MASK
    drivers = {d["id"] for d in json.loads(members["drivers.json"])["drivers"]}
    assert {"contec-v7", "and-scale"} <= drivers
    assert json.loads(members["status.json"])["patients"] == 3


def test_redactor_is_a_second_guard() -> None:
    redact = Redactor(
        ["Қасымов", "Айгүл"], ["1980-01-02"], ["0f8fad5b-d9cb-469f-a165-70867728950e"]
    )
    text = 'x "Қасымов" y 1980-01-02 0F8FAD5B-D9CB-469F-A165-70867728950E 2026-11-26 Asel'
    assert redact(text) == 'x "[redacted]" y [redacted] [redacted] 2026-11-26 Asel'
