"""``kiosk bench save``: p99 of a full encounter save vs a bare SQLite insert + commit.

The measured save is :func:`kiosk.encounters.save_encounter` on a draft that holds 8
vitals (device and typed), complaints and the NEWS2 answers: confirmations and
cross-checks, NEWS2 computed and stored, the encounter finished and its outbox row with
dependencies, one ``synchronous=FULL`` WAL commit, then the saved record read back. Drafts
are prepared first; only the saves are timed. The baseline is one ``INSERT`` + ``COMMIT``
into a plain table of a fresh file with the same pragmas (WAL, ``synchronous=FULL``); a raw
``os.write`` + ``fsync`` of 4 KiB is reported in ``details`` as the disk's own floor.

The saves run twice in the same run: on an encrypted store (the default; SQLCipher, the
figure judged against the goal) and on a plain one (``*_encryption_off`` in ``details``).
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import time
from pathlib import Path

from kiosk import encounters, services
from kiosk.bench import Benchmark, BenchResult, median, percentile
from kiosk.domain import DeviceIdentity, Measurement
from kiosk.security.keys import encryption_mode
from kiosk.store import Store, migrate

GOAL_MS = 15.0
T0 = dt.datetime(2026, 11, 26, 8, 0, tzinfo=dt.UTC)
OXIMETER = DeviceIdentity(driver_id="contec-v7", key="contec-v7-BENCH01", serial="BENCH01")
DEVICE_VITALS: tuple[tuple[str, float, str], ...] = (("spo2", 96, "%"), ("pulse_rate", 78, "/min"))
TYPED_VITALS: tuple[tuple[str, float, str], ...] = (
    ("resp_rate", 16, "/min"),
    ("systolic_bp", 124, "mm[Hg]"),
    ("diastolic_bp", 78, "mm[Hg]"),
    ("body_temp", 36.8, "Cel"),
    ("body_weight", 71.5, "kg"),
    ("body_height", 172, "cm"),
)


def _prepare(store: Store, count: int) -> list[str]:
    services.ensure_kiosk_registered(store, T0)
    drafts = []
    for index in range(count):
        now = T0 + dt.timedelta(minutes=index)
        patient = services.register_patient(
            store,
            family=f"Bench{index:05d}",
            given="Ерлан",
            birth_date=dt.date(1980, 5, 1),
            now=now,
        )
        draft = services.start_encounter(store, patient_id=patient.id, site="KZ-BENCH", now=now)
        for kind, value, unit in DEVICE_VITALS:
            measurement = Measurement("contec-v7", kind, value, unit, raw=b"\x01\x02\x03")
            services.record_reading(
                store, encounter_id=draft.id, measurement=measurement, identity=OXIMETER, now=now
            )
        for kind, value, unit in TYPED_VITALS:
            encounters.record_manual_reading(
                store, encounter_id=draft.id, reading_type=kind, value=value, unit=unit, now=now
            )
        encounters.set_complaints(store, draft.id, ["cough", "fever"], "three days", now=now)
        encounters.set_assessment(store, draft.id, consciousness="alert", on_oxygen=False, now=now)
        drafts.append(draft.id)
    return drafts


def _time_saves(store: Store, drafts: list[str]) -> list[float]:
    samples = []
    for index, encounter_id in enumerate(drafts):
        now = T0 + dt.timedelta(minutes=index, seconds=30)
        start = time.perf_counter()
        record = encounters.save_encounter(store, encounter_id=encounter_id, now=now)
        samples.append((time.perf_counter() - start) * 1000)
        assert record.score is not None and record.score.total is not None
    return samples


def _bare_inserts(path: Path, count: int) -> list[float]:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)")
        samples = []
        for index in range(count):
            start = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO t (payload) VALUES (?)", (f"row {index}",))
            conn.execute("COMMIT")
            samples.append((time.perf_counter() - start) * 1000)
        return samples
    finally:
        conn.close()


def _raw_fsyncs(path: Path, count: int) -> list[float]:
    block = os.urandom(4096)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        samples = []
        for _ in range(count):
            start = time.perf_counter()
            os.write(fd, block)
            os.fsync(fd)
            samples.append((time.perf_counter() - start) * 1000)
        return samples
    finally:
        os.close(fd)


def _saves(workdir: Path, count: int, encrypted: bool) -> list[float]:
    data = workdir / ("encrypted" if encrypted else "plain")
    with encryption_mode(encrypted, workdir / "keys"), Store(data / "kiosk.sqlite3") as store:
        assert store.encrypted == encrypted
        migrate(store)
        drafts = _prepare(store, count)
        return _time_saves(store, drafts)


def run(workdir: Path, quick: bool) -> BenchResult:
    count = 30 if quick else 300
    saves = _saves(workdir, count, encrypted=True)
    plain = _saves(workdir, count, encrypted=False)
    bare = _bare_inserts(workdir / "bare.sqlite3", count)
    raw = _raw_fsyncs(workdir / "raw.bin", count)
    value = percentile(saves, 99)
    return BenchResult(
        name="save",
        value=value,
        unit="ms",
        baseline="bare SQLite INSERT + COMMIT (WAL, synchronous=FULL), p99",
        baseline_value=percentile(bare, 99),
        goal=f"value <= {GOAL_MS:g}",
        met=value <= GOAL_MS,
        details={
            "saves": count,
            "vitals_per_encounter": len(DEVICE_VITALS) + len(TYPED_VITALS),
            "save_median_ms": round(median(saves), 3),
            "encryption": "on (SQLCipher 4: AES-256-CBC + HMAC-SHA512 per page, raw key)",
            "save_p99_ms_encryption_off": round(percentile(plain, 99), 3),
            "save_median_ms_encryption_off": round(median(plain), 3),
            "bare_insert_median_ms": round(median(bare), 3),
            "raw_write_fsync_p99_ms": round(percentile(raw, 99), 3),
            "raw_write_fsync_median_ms": round(median(raw), 3),
            "quick": quick,
        },
    )


BENCHMARK = Benchmark(
    name="save",
    description="p99 encounter save (synchronous=FULL) vs a bare SQLite insert + commit",
    run=run,
)
