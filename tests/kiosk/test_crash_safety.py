"""kill -9 at any instant: no committed encounter lost, none without its outbox row, no
corruption (issue 3). A writer subprocess (``crash_writer``) saves encounters through the
real services on a real file; it is SIGKILLed at seeded random moments, then the store is
opened and checked. The seed is printed so a failure can be replayed."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.store import Store

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_RUNS = 40
SLOW_RUNS = 500
RUNS_PER_STORE = 50


def _kill_once(path: Path, rng: random.Random, run: int) -> list[tuple[str, int]]:
    """Start the writer, kill it at a random moment; the (id, readings) it reported."""
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.kiosk.crash_writer", str(path), str(run)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    first = writer.stdout.readline()
    assert first == "ready\n", writer.stderr.read() if writer.stderr else first
    time.sleep(rng.uniform(0.0, 0.2))
    writer.send_signal(signal.SIGKILL)
    out, err = writer.communicate(timeout=30)
    assert writer.returncode == -signal.SIGKILL, err
    return [(p[1], int(p[2])) for line in out.splitlines() if (p := line.split())[0] == "saved"]


def _check(path: Path, reported: dict[str, int]) -> None:
    with Store(path) as store:
        assert store.integrity_check() == []  # integrity_check + foreign_key_check
        assert (
            store.scalar(
                "SELECT count(*) FROM encounters e WHERE e.status = 'finished' AND NOT EXISTS "
                "(SELECT 1 FROM outbox o WHERE o.kind = 'encounter' AND o.ref = e.id)"
            )
            == 0
        ), "a finished encounter without its outbox row"
        assert (
            store.scalar(
                "SELECT count(*) FROM outbox o WHERE o.kind = 'encounter' AND NOT EXISTS "
                "(SELECT 1 FROM encounters e WHERE e.id = o.ref AND e.status = 'finished')"
            )
            == 0
        ), "an outbox row without its finished encounter"
        assert (
            store.scalar(
                "SELECT count(*) FROM encounters e WHERE e.status = 'finished' AND NOT EXISTS "
                "(SELECT 1 FROM encounter_scores s WHERE s.encounter_id = e.id)"
            )
            == 0
        ), "a finished encounter without its score"
        assert (
            store.scalar(
                "SELECT count(*) FROM patients p WHERE NOT EXISTS (SELECT 1 FROM outbox o "
                "WHERE o.kind = 'register-patient' AND o.ref = p.id)"
            )
            == 0
        )
        assert (
            store.scalar(
                "SELECT count(*) FROM readings r WHERE NOT EXISTS "
                "(SELECT 1 FROM reading_checks c WHERE c.reading_id = r.id)"
            )
            == 0
        ), "a reading without its plausibility verdict"
        found = {
            row["id"]: row["n"]
            for row in store.query(
                "SELECT e.id, count(r.id) AS n FROM encounters e LEFT JOIN readings r "
                "ON r.encounter_id = e.id WHERE e.status = 'finished' GROUP BY e.id"
            )
        }
        lost = {k: v for k, v in reported.items() if found.get(k) != v}
        assert not lost, f"committed encounters lost or incomplete: {lost}"


def _harness(tmp_path: Path, runs: int, seed: int) -> None:
    """``runs`` kills; a fresh store every ``RUNS_PER_STORE`` keeps each check's cost flat."""
    print(f"crash harness: seed={seed} runs={runs}")
    rng = random.Random(seed)
    reported: dict[str, int] = {}
    total = 0
    for run in range(runs):
        if run % RUNS_PER_STORE == 0:
            total += len(reported)
            reported = {}
        path = tmp_path / f"kiosk-{run // RUNS_PER_STORE}.sqlite3"
        reported.update(_kill_once(path, rng, run))
        _check(path, reported)
    total += len(reported)
    assert total, "the writer never saved anything: kills came too early"
    print(f"crash harness: {runs} kills, {total} committed encounters all intact")


def test_kill_9_never_loses_or_corrupts(tmp_path: Path) -> None:
    seed = int(os.environ.get("KIOSK_CRASH_SEED", random.randrange(1 << 30)))
    _harness(tmp_path, DEFAULT_RUNS, seed)


@pytest.mark.slow
@pytest.mark.timeout(1800)
def test_kill_9_soak(tmp_path: Path) -> None:
    seed = int(os.environ.get("KIOSK_CRASH_SEED", random.randrange(1 << 30)))
    _harness(tmp_path, SLOW_RUNS, seed)
