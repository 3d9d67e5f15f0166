"""No patient data in logs or support bundles (issue 10): the full headless demo, a sync
against the real FHIR server and a support bundle, then every log file, every member of the
bundle and everything the commands printed on stderr is searched for the synthetic
patients' names, birth dates and national identifiers. The search is proven able to find
one by planting a name in copies."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

from kiosk.config import load_config
from kiosk.store import Store

REPO = Path(__file__).resolve().parents[2]
ENCOUNTERS = 8


def kiosk(data_dir: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    keep = {"KIOSK_KEY_DIR", "KIOSK_ENCRYPTION"}  # the store key of this test session
    clean = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_") or k in keep}
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "--data-dir", str(data_dir), "-v", *args],
        capture_output=True, text=True, timeout=300, cwd=REPO, env={**clean, **env},
        check=False,
    )  # fmt: skip


def patient_terms(data_dir: Path) -> set[str]:
    """Every name part, birth date and identifier value of the patients in the store."""
    with Store(load_config(data_dir).store_path) as store:
        names = store.query("SELECT family, given, patronymic FROM patient_names")
        dates = store.query("SELECT birth_date FROM patients WHERE birth_date IS NOT NULL")
        ids = store.query("SELECT value FROM patient_identifiers")
    terms = {part for row in names for part in row.values() if part}
    terms |= {row["birth_date"] for row in dates} | {row["value"] for row in ids}
    return {term for term in terms if len(term) >= 4}  # short syllables match anything


def leaks(blobs: dict[str, bytes], terms: set[str]) -> list[tuple[str, str]]:
    """(where, what) for every term found in any blob (UTF-8, case-insensitive)."""
    found = []
    for where, blob in blobs.items():
        text = blob.decode("utf-8", errors="replace").casefold()
        found += [(where, term) for term in sorted(terms) if term.casefold() in text]
    return found


def log_files(data_dir: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted((data_dir / "logs").rglob("*")) if p.is_file()}


def bundle_members(archive: Path) -> dict[str, bytes]:
    with tarfile.open(archive) as tar:
        return {
            f"{archive.name}:{m.name}": tar.extractfile(m).read()  # type: ignore[union-attr]
            for m in tar.getmembers()
            if m.isfile()
        }


def test_demo_sync_and_support_bundle_leak_no_patient_data(fhir_base: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    printed: dict[str, bytes] = {}
    steps = [
        ("init", ("init",), {}),
        ("staff", ("staff", "add", "admin", "--name", "A", "--role", "administrator"),
         {"KIOSK_NEW_PIN": "4321"}),
        ("demo", ("demo", "--headless", "--encounters", str(ENCOUNTERS), "--seed", "3"),
         {"KIOSK_USER": "admin", "KIOSK_PIN": "4321"}),
        ("sync", ("sync", "--server", fhir_base, "--once", "--json"), {}),
        ("bundle", ("support-bundle", "--out", str(tmp_path / "support.tar.gz")),
         {"KIOSK_USER": "admin", "KIOSK_PIN": "4321"}),
    ]  # fmt: skip
    for name, args, env in steps:
        done = kiosk(data, *args, **env)
        assert done.returncode == 0, (name, done.stderr)
        printed[f"stderr of {name}"] = done.stderr.encode()
    assert json.loads(kiosk(data, "status", "--json").stdout)["outbox"]["pending"] == 0
    terms = patient_terms(data)
    assert len(terms) >= ENCOUNTERS  # names of every synthetic patient, and more
    logs = log_files(data)
    assert logs and sum(len(b) for b in logs.values()) > 1000  # the logs say something
    members = bundle_members(tmp_path / "support.tar.gz")
    assert any("logs/" in name for name in members)
    assert leaks({**logs, **members, **printed}, terms) == []

    # the search finds a planted name in a copy of the logs and of the bundle
    planted = sorted(terms)[0]
    copy = tmp_path / "planted"
    shutil.copytree(data / "logs", copy / "logs")
    first_log = sorted((copy / "logs").rglob("*.log*"))[0]
    with first_log.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"msg": f"opened {planted}"}, ensure_ascii=False) + "\n")
    assert leaks(log_files(copy), terms) == [(str(first_log), planted)]
    archive = tmp_path / "planted.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        blob = f"patient {planted}\n".encode()
        info = tarfile.TarInfo("logs/kiosk.log")
        info.size = len(blob)
        tar.addfile(info, io.BytesIO(blob))
    assert leaks(bundle_members(archive), terms) == [("planted.tar.gz:logs/kiosk.log", planted)]
