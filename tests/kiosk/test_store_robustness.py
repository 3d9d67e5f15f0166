"""Disk full, read-only, backup/restore and doctor: a clear message, nothing half-written,
the draft kept in memory, and a restore that gives back exactly what was saved."""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils

from kiosk import doctor, encounters, services
from kiosk.config import KioskConfig, load_config
from kiosk.demo import init_store
from kiosk.domain import EncounterStatus
from kiosk.errors import StoreError, UserFacingError
from kiosk.security.encrypted_store import open_file
from kiosk.store import Store, backup, records
from tests.conftest import make_patient

ROOT = Path(__file__).resolve().parents[2]


def _draft_with_vitals(store: Store, now: dt.datetime) -> str:
    patient_id = make_patient(store, now)
    encounter_id = services.start_encounter(store, patient_id=patient_id, site="KZ-T", now=now).id
    for kind, value, unit in (("spo2", 97, "%"), ("pulse_rate", 72, "/min")):
        encounters.record_manual_reading(
            store, encounter_id=encounter_id, reading_type=kind, value=value, unit=unit, now=now
        )
    return encounter_id


def _saved(store: Store, now: dt.datetime) -> str:
    encounter_id = _draft_with_vitals(store, now)
    encounters.save_encounter(store, encounter_id=encounter_id, now=now)
    return encounter_id


# --- disk full ---------------------------------------------------------------------------


def test_disk_full_keeps_the_draft_in_memory_and_a_retry_succeeds(
    store: Store, now: dt.datetime
) -> None:
    encounter_id = _draft_with_vitals(store, now)
    form = encounters.DraftForm(
        encounter_id, complaints=["cough"], complaint_text="ж" * 2000, notes="ш" * 2000
    )
    kept = dataclasses.replace(form)
    assert store.scalar("PRAGMA freelist_count") == 0
    pages = store.scalar("PRAGMA page_count")
    store.conn.execute(f"PRAGMA max_page_count = {pages}")  # a real SQLITE_FULL on growth
    with pytest.raises(StoreError) as caught:
        encounters.write_draft(store, form, now=now)
    assert caught.value.key == "store.disk_full"
    assert "free some space" in str(caught.value)
    assert form == kept  # the caller's draft is intact
    assert encounters.draft_form(store, encounter_id).notes == ""  # nothing half-written
    assert store.integrity_check() == []
    store.conn.execute("PRAGMA max_page_count = 1073741823")  # space freed
    encounters.write_draft(store, form, now=now)
    assert encounters.draft_form(store, encounter_id).notes == form.notes


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MiB tmpfs: a real ENOSPC (needs root and mount; skipped otherwise)."""
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(folder: Path) -> Path:
    filler = folder / "filler.bin"
    with filler.open("wb", buffering=0) as handle:
        for size in (65536, 4096, 512, 1):
            try:
                while True:
                    handle.write(b"\0" * size)
            except OSError as error:
                assert error.errno == errno.ENOSPC
    return filler


def test_save_on_a_full_filesystem_is_refused_whole_and_retried(
    small_disk: Path, now: dt.datetime
) -> None:
    config = load_config(small_disk / "data")
    init_store(config)
    with Store(config.store_path) as store:
        encounter_id = _draft_with_vitals(store, now)
        filler = _fill(small_disk)
        with pytest.raises(StoreError) as caught:
            encounters.save_encounter(store, encounter_id=encounter_id, now=now)
        assert caught.value.key == "store.disk_full"
        encounter = records.get_encounter(store, encounter_id)
        assert encounter is not None and encounter.status is EncounterStatus.DRAFT
        assert store.scalar("SELECT count(*) FROM outbox WHERE kind = 'encounter'") == 0
        assert store.scalar("SELECT count(*) FROM encounter_scores") == 0
        filler.unlink()
        saved = encounters.save_encounter(store, encounter_id=encounter_id, now=now)
        assert saved.encounter.status is EncounterStatus.FINISHED
    with Store(config.store_path) as reopened:
        assert reopened.integrity_check() == []
        assert reopened.scalar("SELECT count(*) FROM outbox WHERE kind = 'encounter'") == 1


# --- read-only ---------------------------------------------------------------------------


def _read_only(path: Path) -> Store:
    store = Store(path)
    store.conn.close()
    store.conn = open_file(path, read_only=True).conn
    store.db = sqlite_utils.Database(store.conn)
    return store


def test_read_only_store_refuses_clearly_and_keeps_the_draft(
    kiosk_config: KioskConfig, now: dt.datetime
) -> None:
    with Store(kiosk_config.store_path) as store:
        encounter_id = _draft_with_vitals(store, now)
    form = encounters.DraftForm(encounter_id, complaints=["fever"], notes="высокая температура")
    with _read_only(kiosk_config.store_path) as store:
        for attempt in (
            lambda: encounters.write_draft(store, form, now=now),
            lambda: encounters.save_encounter(store, encounter_id=encounter_id, now=now),
        ):
            with pytest.raises(StoreError) as caught:
                attempt()
            assert caught.value.key == "store.read_only"
            assert str(kiosk_config.store_path) in str(caught.value)
    assert form.notes == "высокая температура"
    with Store(kiosk_config.store_path) as store:
        assert encounters.list_drafts(store)[0]["id"] == encounter_id
        encounters.write_draft(store, form, now=now)
        saved = encounters.save_encounter(store, encounter_id=encounter_id, now=now)
        assert saved.details.notes == form.notes


# --- backup and restore ------------------------------------------------------------------


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = open_file(path, read_only=True).conn
    try:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'name_vocab_trigrams_%'"
            )
        ]
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}
    finally:
        conn.close()


def test_backup_while_writing_then_restore_into_a_fresh_dir(
    kiosk_config: KioskConfig, tmp_path: Path, now: dt.datetime
) -> None:
    with Store(kiosk_config.store_path) as store:
        before = [_saved(store, now) for _ in range(3)]
        _draft_with_vitals(store, now)
    kiosk_config.media_dir.mkdir()
    (kiosk_config.media_dir / "photo-1.jpg").write_bytes(b"\xff\xd8 jpeg bytes")
    stop, written = threading.Event(), []

    def writer() -> None:
        with Store(kiosk_config.store_path) as own:
            while not stop.is_set() or len(written) < 3:
                written.append(_saved(own, now))

    thread = threading.Thread(target=writer)
    thread.start()
    while len(written) < 2:
        threading.Event().wait(0.005)
    try:
        done = backup.backup(kiosk_config.store_path, kiosk_config.media_dir, tmp_path / "bk", now)
    finally:
        stop.set()
        thread.join()
    assert done.manifest["sha256"] == backup.sha256(done.path)
    assert done.manifest["integrity"] == "ok" and done.manifest["media"]["files"]
    fresh = load_config(tmp_path / "fresh")
    result = backup.restore(done.path, fresh.store_path, fresh.media_dir, now)
    assert result["safety_copy"] is None  # there was nothing to keep aside
    assert _dump(fresh.store_path) == _dump(done.path)  # identical rows
    assert (fresh.media_dir / "photo-1.jpg").read_bytes() == b"\xff\xd8 jpeg bytes"
    with Store(fresh.store_path) as restored:
        assert restored.integrity_check() == []
        ids = {r["id"] for r in restored.query("SELECT id FROM encounters")}
        assert set(before) | set(written[:2]) <= ids
        assert encounters.load(restored, before[0]).score is not None


def test_restore_keeps_the_current_store_aside(
    kiosk_config: KioskConfig, tmp_path: Path, now: dt.datetime
) -> None:
    with Store(kiosk_config.store_path) as store:
        first = _saved(store, now)
    done = backup.backup(kiosk_config.store_path, kiosk_config.media_dir, tmp_path / "bk", now)
    with Store(kiosk_config.store_path) as store:
        later = _saved(store, now)
    result = backup.restore(done.path, kiosk_config.store_path, kiosk_config.media_dir, now)
    with Store(kiosk_config.store_path) as store:
        ids = {r["id"] for r in store.query("SELECT id FROM encounters")}
    assert first in ids and later not in ids
    with Store(Path(result["safety_copy"])) as safety:
        assert safety.scalar("SELECT count(*) FROM encounters WHERE id = ?", (later,)) == 1


def test_restore_refuses_a_bad_or_tampered_backup(
    kiosk_config: KioskConfig, tmp_path: Path, now: dt.datetime
) -> None:
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"not a database at all" * 100)
    with pytest.raises(UserFacingError) as caught:
        backup.restore(garbage, kiosk_config.store_path, kiosk_config.media_dir, now)
    assert caught.value.key == "restore.bad_backup"
    done = backup.backup(kiosk_config.store_path, kiosk_config.media_dir, tmp_path / "bk", now)
    with done.path.open("r+b") as handle:
        handle.seek(200)
        handle.write(b"\x00tampered")
    with pytest.raises(UserFacingError) as caught:
        backup.restore(done.path, kiosk_config.store_path, kiosk_config.media_dir, now)
    assert caught.value.key == "restore.bad_backup" and "SHA-256" in str(caught.value)
    with Store(kiosk_config.store_path) as store:
        assert store.integrity_check() == []


def test_restore_refuses_while_another_process_has_the_store_open(
    kiosk_config: KioskConfig, tmp_path: Path, now: dt.datetime
) -> None:
    done = backup.backup(kiosk_config.store_path, kiosk_config.media_dir, tmp_path / "bk", now)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom pathlib import Path\nfrom kiosk.store import Store\n"
            "s = Store(Path(sys.argv[1])); s.scalar('SELECT 1'); print('open', flush=True)\n"
            "time.sleep(60)\n",
            str(kiosk_config.store_path),
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        assert backup.store_in_use(kiosk_config.store_path)
        with pytest.raises(UserFacingError) as caught:
            backup.restore(done.path, kiosk_config.store_path, kiosk_config.media_dir, now)
        assert caught.value.key == "restore.in_use"
    finally:
        holder.kill()
        holder.communicate()
    assert not backup.store_in_use(kiosk_config.store_path)


# --- doctor ------------------------------------------------------------------------------


def test_doctor_reports_each_check_with_a_fix(kiosk_config: KioskConfig, now: dt.datetime) -> None:
    report = doctor.run(kiosk_config)
    assert report["ok"] is True
    checks = {c["name"]: c for c in report["checks"]}
    assert list(checks) == ["store_integrity", "schema_version", "disk_space", "outbox"]
    assert checks["store_integrity"]["status"] == "ok"
    assert checks["schema_version"]["detail"]["version"] >= 4
    assert checks["disk_space"]["detail"]["free_mb"] > 0
    assert checks["outbox"]["detail"]["pending"] == 1  # the kiosk's own registration
    assert all(c["fix"] for c in report["checks"])


def test_doctor_on_a_missing_or_damaged_store(tmp_path: Path) -> None:
    missing = load_config(tmp_path / "none")
    report = doctor.run(missing)
    assert report["ok"] is False
    integrity = report["checks"][0]
    assert integrity["status"] == "fail" and "kiosk init" in integrity["fix"]
    damaged = load_config(tmp_path / "bad")
    damaged.data_dir.mkdir(parents=True)
    damaged.store_path.write_bytes(b"SQLite format 3\x00" + b"\x07" * 8000)
    report = doctor.run(damaged)
    assert report["ok"] is False and report["checks"][0]["status"] == "fail"
    assert "restore" in report["checks"][0]["fix"]
