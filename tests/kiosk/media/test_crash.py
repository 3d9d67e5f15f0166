"""kill -9 while photos are being saved: after start-up reconciliation, no orphan files, no
rows pointing at missing files, every row has its outbox item, every reported save is kept."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.media import photos
from kiosk.store import Store

ROOT = Path(__file__).resolve().parents[3]
RUNS = 5


def _kill_once(store_path: Path, media_dir: Path, rng: random.Random, run: int) -> list[str]:
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.kiosk.media.crash_photo_writer", str(store_path),
         str(media_dir), str(run)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    assert writer.stdout is not None
    try:
        first = writer.stdout.readline()
        if first == "ready\n":
            time.sleep(rng.uniform(0.05, 0.6))
    finally:
        writer.send_signal(signal.SIGKILL)
        out, err = writer.communicate(timeout=30)
    assert first == "ready\n", err
    assert writer.returncode == -signal.SIGKILL, err
    return [line.split()[1] for line in out.splitlines() if line.startswith("saved ")]


def _check(store_path: Path, media_dir: Path, reported: list[str]) -> None:
    with Store(store_path) as store:
        photos.reconcile(store, media_dir)
        assert store.integrity_check() == []
        rows = store.query("SELECT id, path, thumb_path, size, sha256, state FROM media")
        ids = {row["id"] for row in rows}
        assert set(reported) <= ids, "a committed photo was lost"
        for row in rows:
            assert row["state"] == "ready", row
            data = photos.read_file(store, media_dir, row["path"])
            assert len(data) == row["size"] and hashlib.sha256(data).hexdigest() == row["sha256"]
            assert (media_dir / row["thumb_path"]).is_file()
        files = {f"{p.parent.name}/{p.name}" for p in media_dir.rglob("*") if p.is_file()}
        expected = {row["path"] for row in rows} | {row["thumb_path"] for row in rows}
        assert files == expected, "orphan files after reconciliation"
        unqueued = store.scalar(
            "SELECT count(*) FROM media m WHERE NOT EXISTS (SELECT 1 FROM outbox o "
            "WHERE o.kind = 'binary' AND o.ref = m.id)"
        )
        assert unqueued == 0, "a photo without its outbox item"


def test_photos_survive_kill_9(tmp_path: Path) -> None:
    seed = int(os.environ.get("KIOSK_CRASH_SEED", random.randrange(1 << 30)))
    print(f"crash seed {seed}")
    rng = random.Random(seed)
    store_path, media_dir = tmp_path / "kiosk.sqlite3", tmp_path / "media"
    reported: list[str] = []
    for run in range(RUNS):
        reported += _kill_once(store_path, media_dir, rng, run)
        _check(store_path, media_dir, reported)
    if not reported:
        pytest.fail("the writer never committed a photo: the harness proves nothing")
