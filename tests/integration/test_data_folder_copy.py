"""Issue 10's "done when": a copy of the data folder taken from a running kiosk reveals no
patient. A real ``kiosk demo --headless`` saves synthetic patients' visits while the test
adds patients with IINs and Latin names (``kiosk patients add``), photos, and a backup
inside the data folder; the folder is copied while the demo still writes. Every byte of
every file of the copy (store, -wal, -shm, media, logs, backups) is searched for every
name (Cyrillic and Latin; UTF-8, UTF-16 LE/BE) and IIN. None may be found — and the same
search over a copy taken with encryption switched off must find them, so it can fail."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import services
from kiosk.config import load_config
from kiosk.media import photos
from kiosk.store import Store
from kiosk.store import backup as store_backup
from tests.kiosk.media import synth

REPO = Path(__file__).resolve().parents[2]
ENCOUNTERS = 25
PEOPLE = (  # family, given, Latin family, Latin given, IIN, birth date, sex
    ("Жұмабекова", "Айгерім", "Zhumabekova", "Aigerim", "921130447113", "1992-11-30", "female"),
    ("Иванов", "Сергей", "Ivanov", "Sergey", "850314301234", "1985-03-14", "male"),
)


def _kiosk(data_dir: Path, *args: str, encryption: str) -> tuple[list[str], dict[str, str]]:
    keep = {"KIOSK_KEY_DIR"}
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_") or k in keep}
    env["KIOSK_ENCRYPTION"] = encryption
    return [sys.executable, "-m", "kiosk", "--data-dir", str(data_dir), *args], env


def _run(data_dir: Path, *args: str, encryption: str) -> str:
    command, env = _kiosk(data_dir, *args, encryption=encryption)
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=300, cwd=REPO, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _add_people_with_photos(data_dir: Path, encryption: str) -> None:
    config = load_config(data_dir)
    for family, given, family_latin, given_latin, iin, born, sex in PEOPLE:
        out = _run(
            data_dir, "patients", "add", "--family", family, "--given", given,
            "--family-latin", family_latin, "--given-latin", given_latin, "--iin", iin,
            "--birth-date", born, "--sex", sex, "--force-duplicate", "--json",
            encryption=encryption,
        )  # fmt: skip
        patient_id = json.loads(out)["id"]
        now = dt.datetime.now(dt.UTC)
        with Store(config.store_path) as store:
            encounter = services.start_encounter(
                store, patient_id=patient_id, site=config.site, now=now
            )
            photos.save_photo(
                store, media_dir=config.media_dir, encounter_id=encounter.id,
                image=synth.noisy(synth.scene(1280, 960), 6.0), now=now,
                note=f"{family} {given}: сыпь",
            )  # fmt: skip


def _copy_while_running(data_dir: Path, copy: Path, encryption: str) -> None:
    """Start the demo, take a backup into the data folder and copy the folder mid-run."""
    command, env = _kiosk(
        data_dir, "demo", "--headless", "--encounters", str(ENCOUNTERS), "--seed", "3",
        encryption=encryption,
    )  # fmt: skip
    demo = subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    try:
        assert demo.stderr is not None
        for line in demo.stderr:  # "encounter 2/6 saved": it is writing now
            if line.startswith("encounter 2/"):
                break
        config = load_config(data_dir)
        store_backup.backup(
            config.store_path, config.media_dir, data_dir / "backups", dt.datetime.now(dt.UTC)
        )
        assert demo.poll() is None, "the demo ended before the copy: make it longer"
        shutil.copytree(data_dir, copy)
        assert (copy / "kiosk.sqlite3-wal").exists()  # taken from a running kiosk
    finally:
        rest = demo.communicate(timeout=300)[1]
    assert demo.returncode == 0, rest


def _terms(data_dir: Path) -> set[str]:
    with Store(load_config(data_dir).store_path) as store:
        names = store.query("SELECT family, given FROM patient_names")
        ids = store.query("SELECT value FROM patient_identifiers")
    terms = {part for row in names for part in row.values() if part and len(part) >= 4}
    terms |= {row["value"] for row in ids}
    for family, given, family_latin, given_latin, iin, _, _ in PEOPLE:
        terms |= {family, given, family_latin, given_latin, iin}
    return terms


def _found(folder: Path, terms: set[str]) -> list[tuple[str, str, str]]:
    hits = []
    files = [p for p in sorted(folder.rglob("*")) if p.is_file()]
    assert files
    for file in files:
        blob = file.read_bytes()
        for term in sorted(terms):
            for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                if term.encode(encoding) in blob:
                    hits.append((str(file.relative_to(folder)), term, encoding))
    return hits


def _kinds(folder: Path) -> set[str]:
    names = {p.name for p in folder.rglob("*") if p.is_file()}
    kinds = {"wal" for n in names if n.endswith("-wal")} | {
        "shm" for n in names if n.endswith("-shm")
    }
    kinds |= {"log" for p in folder.glob("logs/*") if p.is_file()}
    kinds |= {"photo" for p in folder.glob("media/photos/*")}
    kinds |= {"backup" for p in folder.glob("backups/*.sqlite3")}
    kinds |= {"backup-photo" for p in folder.glob("backups/*-media/photos/*")}
    return kinds


def _scenario(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encryption: str
) -> tuple[set[str], list[tuple[str, str, str]]]:
    monkeypatch.setenv("KIOSK_ENCRYPTION", encryption)  # this process writes photos too
    data_dir, copy = tmp_path / f"data-{encryption}", tmp_path / f"copy-{encryption}"
    _run(data_dir, "init", encryption=encryption)
    _add_people_with_photos(data_dir, encryption)
    _copy_while_running(data_dir, copy, encryption)
    assert _kinds(copy) >= {"wal", "shm", "log", "photo", "backup", "backup-photo"}
    terms = _terms(data_dir)
    assert len(terms) >= 10
    return terms, _found(copy, terms)


def test_a_copy_of_a_running_kiosks_data_folder_reveals_no_patient(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    terms, hits = _scenario(tmp_path, monkeypatch, "on")
    assert hits == [], f"patient data readable in the copy: {hits[:10]}"
    assert {"Жұмабекова", "Zhumabekova", "921130447113"} <= terms


def test_the_same_search_finds_patients_in_a_plain_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The control: with encryption off the very same search finds names and IINs."""
    _, hits = _scenario(tmp_path, monkeypatch, "off")
    found = {term for _, term, _ in hits}
    assert {"Жұмабекова", "Zhumabekova", "921130447113", "Иванов"} <= found, hits[:20]
    assert any(where.startswith("backups/") for where, _, _ in hits)
