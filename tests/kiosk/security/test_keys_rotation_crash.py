"""A power cut at any step of a key rotation leaves a store that one kept key opens, with
every row; the next open finishes or undoes the rotation."""

from __future__ import annotations

import datetime as dt
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk import services
from kiosk.config import KioskConfig
from kiosk.security.keys import KeyRing, key_dir_for
from kiosk.security.rotation import STEPS
from kiosk.store import Store

T0 = dt.datetime(2026, 11, 26, 4, 24, tzinfo=dt.UTC)
ROOT = Path(__file__).resolve().parents[3]


def _fill(config: KioskConfig, patients: int) -> int:
    with Store(config.store_path) as store:
        for n in range(patients):
            services.register_patient(
                store, family=f"Сейтқали{n}", given="Дана", birth_date=dt.date(1990, 1, 1), now=T0
            )
        return int(store.scalar("SELECT count(*) FROM patients"))


def _killer(store: Path, step: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.kiosk.security.rotation_killer", str(store), step],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _check_after_cut(config: KioskConfig, count: int, old: bytes) -> bytes:
    ring = KeyRing(key_dir_for(config.data_dir))
    with Store(config.store_path) as store:  # opening settles the rotation
        assert store.integrity_check() == []
        assert store.scalar("SELECT count(*) FROM patients") == count
        assert store.key is not None
        used = store.key.raw
    assert ring.pending() is None  # finished or undone, never left half
    current = ring.current()
    assert current is not None and current.raw == used
    if used != old:
        assert old in [key.raw for key in ring.retired()]  # the old key is kept
    return used


@pytest.mark.parametrize("step", STEPS)
def test_a_cut_after_each_step_leaves_an_openable_store(
    kiosk_config: KioskConfig, step: str
) -> None:
    count = _fill(kiosk_config, 20)
    with Store(kiosk_config.store_path) as store:
        assert store.key is not None
        old = store.key.raw
    killer = _killer(kiosk_config.store_path, step)
    _out, err = killer.communicate(timeout=60)
    assert killer.returncode == -signal.SIGKILL, err
    used = _check_after_cut(kiosk_config, count, old)
    assert (used == old) == (step == "pending")  # cut before the rekey: still the old key


def test_cuts_at_random_instants_during_rotations(kiosk_config: KioskConfig) -> None:
    seed = random.randrange(1 << 30)
    print("rotation crash seed", seed)
    rng = random.Random(seed)
    count = _fill(kiosk_config, 400)
    with Store(kiosk_config.store_path) as store:
        assert store.key is not None
        key = store.key.raw
    for _ in range(6):
        killer = _killer(kiosk_config.store_path, "never")
        assert killer.stdout is not None and killer.stdout.readline().strip() == "started"
        time.sleep(rng.uniform(0.0, 0.25))
        killer.kill()
        killer.communicate(timeout=60)
        key = _check_after_cut(kiosk_config, count, key)


def test_an_open_during_a_rotation_leaves_the_pending_key_alone(kiosk_config: KioskConfig) -> None:
    """An hourly backup opening the store mid-rotation must not undo it (the pending key
    deleted just before the rekey would lose the store)."""
    from kiosk.security.rotation import rotate

    count = _fill(kiosk_config, 5)
    seen: list[str] = []

    def open_meanwhile(step: str) -> None:
        if step == "pending":
            with Store(kiosk_config.store_path) as store:
                assert store.scalar("SELECT count(*) FROM patients") == count
            seen.append(step)
            assert KeyRing(key_dir_for(kiosk_config.data_dir)).pending() is not None

    done = rotate(kiosk_config.store_path, on_step=open_meanwhile)
    assert seen == ["pending"]
    with Store(kiosk_config.store_path) as store:
        assert store.key is not None and store.key.key_id == done.new_key_id
        assert store.scalar("SELECT count(*) FROM patients") == count
