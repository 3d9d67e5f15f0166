"""Sync through a fault-injecting proxy in front of the REAL FHIR peer (issue 7).

Encounters are built through kiosk.services on a real store; the engine runs again and again
(with a fake clock, so back-off never sleeps) until nothing is due, while the proxy resets
connections, loses answers after the server committed, answers 5xx / 429, stalls, truncates,
and refuses one encounter. Then the server is counted with plain ``requests``. Photos
(real JPEGs through kiosk.media) go through the same faults and must arrive exactly once,
hash-identical.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from kiosk import services
from kiosk.config import KioskConfig
from kiosk.domain import DeviceIdentity, Measurement, Sex, utc_now
from kiosk.media.photos import read_file, save_photo
from kiosk.store import Store, migrate, outbox
from sync.bundles import CLOCK_OFFSET_KEY, KIOSK_SERVER_ID_KEY
from sync.engine import SyncEngine, SyncReport
from sync.pull import Puller, bookmark_key, pulled
from sync.recheck import VERIFIED_STATUS
from tests.integration.fault_proxy import (
    RANDOM_FAULTS,
    Action,
    Fault,
    FaultProxy,
    RandomFaultPlan,
    Request,
)
from tests.kiosk.media import synth

FHIR_JSON = {"Accept": "application/fhir+json", "Content-Type": "application/fhir+json"}
REPO = Path(__file__).resolve().parents[2]
OXIMETER = DeviceIdentity("contec-v7", "contec-v7-SN0042", "Contec", "CMS50D+", "SN0042")
T0 = dt.datetime(2026, 11, 26, 4, 0, tzinfo=dt.UTC)
SEEDS = (11, 23, 37)
SLOW_SEEDS = tuple(range(101, 109))


class FakeClock:
    """The real clock plus a skip that jumps over back-off waits."""

    def __init__(self) -> None:
        self.skip = dt.timedelta()

    def __call__(self) -> dt.datetime:
        return utc_now() + self.skip

    def advance(self, seconds: float) -> None:
        self.skip += dt.timedelta(seconds=seconds)


def build_encounters(store: Store, site: str, count: int) -> list[str]:
    migrate(store)
    services.ensure_kiosk_registered(store, T0)
    ids = []
    for index in range(count):
        now = T0 + dt.timedelta(minutes=10 * index)
        patient = services.register_patient(
            store,
            family=f"Сейтов{index}",
            given="Арман",
            birth_date=dt.date(1980, 1, 1 + index % 28),
            sex=Sex.MALE,
            now=now,
        )
        enc = services.start_encounter(store, patient_id=patient.id, site=site, now=now)
        for rtype, value, unit in (
            ("spo2", 94 + index % 5, "%"),
            ("pulse_rate", 60 + index, "/min"),
        ):
            services.record_reading(
                store,
                encounter_id=enc.id,
                measurement=Measurement("contec-v7", rtype, value, unit),
                identity=OXIMETER,
                now=now + dt.timedelta(seconds=30),
            )
        services.save_encounter(store, encounter_id=enc.id, now=now + dt.timedelta(minutes=5))
        ids.append(enc.id)
    return ids


def drain(engine: SyncEngine, clock: FakeClock, store: Store, passes: int = 400) -> SyncReport:
    """Run passes until nothing is pending, jumping the clock to the next due item."""
    for _ in range(passes):
        report = engine.run_once()
        assert report.error is None or str(report.error) == "NETWORK", report
        if report.pending == 0:
            return report
        due = store.scalar(  # the next back-off to end (blocked items wait for theirs)
            "SELECT min(next_at) FROM outbox WHERE state = 'pending' AND next_at > ?",
            (clock().isoformat(),),
        )
        wait = (
            0.0 if due is None else (dt.datetime.fromisoformat(str(due)) - clock()).total_seconds()
        )
        clock.advance(max(wait, 0.0) + 0.01)
    raise AssertionError(f"still pending after {passes} passes: {outbox.counts(store)}")


def search(base: str, resource_type: str, **params: str) -> list[dict[str, Any]]:
    resp = requests.get(
        f"{base}/{resource_type}",
        params={"_count": "1000", **params},
        headers=FHIR_JSON,
        timeout=10,
    )
    assert resp.status_code == 200, resp.text
    return [entry["resource"] for entry in resp.json().get("entry", [])]


def kiosk_cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    keep = {"KIOSK_KEY_DIR"}  # the store key of this test session (tests/conftest.py)
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_") or k in keep}
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env=env,
        check=False,
    )


@pytest.fixture
def kiosk_store(tmp_path: Path) -> Iterator[tuple[Store, KioskConfig]]:
    config = KioskConfig(data_dir=tmp_path, server_timeout=1.0)
    with Store(config.store_path) as store:
        yield store, config


def run_faulty_sync(
    seed: int, count: int, fhir_base: str, store: Store, config: KioskConfig
) -> tuple[list[str], str, FaultProxy, RandomFaultPlan, FakeClock]:
    ids = build_encounters(store, config.site, count)
    rejected = ids[count // 2]
    plan = RandomFaultPlan(seed, rate=0.35, reject_encounter=rejected, slow_delay=1.5)
    proxy = FaultProxy(fhir_base, plan).start()
    clock = FakeClock()
    try:
        with SyncEngine(store, config, server_url=proxy.base_url, now=clock) as engine:
            drain(engine, clock, store)
    except BaseException:
        proxy.stop()
        raise
    return ids, rejected, proxy, plan, clock


def check_server(
    fhir_base: str, store: Store, config: KioskConfig, ids: list[str], rejected: str
) -> None:
    system = config.identifier_base + "sid/kiosk-encounter"
    numbers = {r["id"]: r["number"] for r in store.query("SELECT id, number FROM encounters")}
    for encounter_id in ids:
        found = search(fhir_base, "Encounter", identifier=f"{system}|{numbers[encounter_id]}")
        expected = 0 if encounter_id == rejected else 1
        assert len(found) == expected, (encounter_id, found)
    observations = search(fhir_base, "Observation")
    values = [o["identifier"][0]["value"] for o in observations]
    assert len(values) == len(set(values)) == 2 * (len(ids) - 1)
    refs = {o["encounter"]["reference"] for o in observations}
    assert refs == {f"Encounter/{i}" for i in ids if i != rejected}
    assert len(search(fhir_base, "Patient")) == len(ids)  # the rejected one's patient too
    assert len(search(fhir_base, "Device")) == 2


def check_store(store: Store, rejected: str) -> None:
    counts = outbox.counts(store)
    assert counts["pending"] == counts["sending"] == 0 and counts["quarantined"] == 1
    item = store.query("SELECT * FROM outbox WHERE kind = 'encounter' AND ref = ?", (rejected,))[0]
    assert item["state"] == "quarantined" and item["last_status"] == 400
    text = json.loads(item["last_error"])["issue"][0]["details"]["text"]
    assert text == f"Encounter/{rejected} refused: Missing required property"
    responses = [
        r["response"] for r in store.query("SELECT response FROM outbox WHERE kind = 'encounter'")
    ]
    assert any(VERIFIED_STATUS in (r or "") for r in responses)  # the lost answer was checked


@pytest.mark.parametrize("seed", SEEDS)
def test_every_encounter_once_under_faults(
    seed: int, fhir_base: str, kiosk_store: tuple[Store, KioskConfig]
) -> None:
    store, config = kiosk_store
    ids, rejected, proxy, plan, clock = run_faulty_sync(seed, 6, fhir_base, store, config)
    try:
        assert proxy.faults[Fault.DROP_AFTER_COMMIT] >= 1 and proxy.faults[Fault.REJECT] >= 1
        assert all(proxy.faults[kind] >= 1 for kind in RANDOM_FAULTS), proxy.faults
        check_server(fhir_base, store, config, ids, rejected)
        check_store(store, rejected)
        offset = float(
            store.scalar("SELECT value FROM sync_state WHERE key = ?", (CLOCK_OFFSET_KEY,))
        )
        assert abs(offset - clock.skip.total_seconds()) < 5  # the fake clock is measured

        # `kiosk sync`: 3 while one item is quarantined; 0 once it is fixed and re-sent
        held = kiosk_cli(config.data_dir, "sync", "--server", proxy.base_url, "--once", "--json")
        assert held.returncode == 3, held.stderr
        assert json.loads(held.stdout)["quarantined"] == 1
        item_id = store.scalar("SELECT id FROM outbox WHERE state = 'quarantined'")
        outbox.requeue(store, int(item_id), utc_now())
        plan.enabled, plan.reject_encounter = False, None
        fixed = kiosk_cli(config.data_dir, "sync", "--server", proxy.base_url, "--once", "--json")
        assert fixed.returncode == 0, fixed.stderr
        assert json.loads(fixed.stdout)["pending"] == 0
        observations = search(fhir_base, "Observation")
        assert len(observations) == len({o["id"] for o in observations}) == 2 * len(ids)
    finally:
        proxy.stop()


@pytest.mark.slow
@pytest.mark.parametrize("seed", SLOW_SEEDS)
def test_every_encounter_once_under_faults_many_seeds(
    seed: int, fhir_base: str, kiosk_store: tuple[Store, KioskConfig]
) -> None:
    store, config = kiosk_store
    ids, rejected, proxy, _plan, _clock = run_faulty_sync(seed, 12, fhir_base, store, config)
    try:
        check_server(fhir_base, store, config, ids, rejected)
        check_store(store, rejected)
    finally:
        proxy.stop()


def hospital_task(base: str, kiosk: str, patient: str) -> dict[str, Any]:
    task = {
        "resourceType": "Task",
        "status": "requested",
        "intent": "order",
        "requester": {"reference": f"Device/{kiosk}"},
        "for": {"reference": f"Patient/{patient}"},
    }
    resp = requests.post(f"{base}/Task", json=task, headers=FHIR_JSON, timeout=10)
    assert resp.status_code == 201, resp.text
    return dict(resp.json())


def pull_until_clean(puller: Puller, tries: int = 30) -> tuple[int, int]:
    stored = duplicates = 0
    for _ in range(tries):
        report = puller.run()
        stored, duplicates = stored + report.stored, duplicates + report.duplicates
        if report.error is None:
            return stored, duplicates
    raise AssertionError("pull never got through")


def test_pull_tasks_and_communications_with_a_server_bookmark(
    fhir_base: str, kiosk_store: tuple[Store, KioskConfig]
) -> None:
    store, config = kiosk_store
    ids, _rejected, proxy, plan, clock = run_faulty_sync(5, 3, fhir_base, store, config)
    try:
        kiosk = str(
            store.scalar("SELECT value FROM sync_state WHERE key = ?", (KIOSK_SERVER_ID_KEY,))
        )
        patient = str(store.scalar("SELECT server_id FROM patients LIMIT 1"))
        plan.reject_encounter = None  # GETs still meet resets, 5xx, 429, stalls, truncation
        with SyncEngine(store, config, server_url=proxy.base_url, now=clock) as engine:
            puller = Puller(store, engine.client, clock)
            assert pull_until_clean(puller) == (0, 0)
            empty_mark = puller.bookmark("Task")
            assert empty_mark is not None  # from the server's Date, not the kiosk clock
            assert dt.datetime.fromisoformat(empty_mark) < utc_now()  # the fake clock is ahead

            task = hospital_task(fhir_base, kiosk, patient)
            note = {
                "resourceType": "Communication",
                "status": "completed",
                "recipient": [{"reference": f"Device/{kiosk}"}],
                "payload": [{"contentString": "Please repeat the SpO2 at rest."}],
            }
            requests.post(f"{fhir_base}/Communication", json=note, headers=FHIR_JSON, timeout=10)
            assert pull_until_clean(puller)[0] == 2
            assert puller.bookmark("Task") == task["meta"]["lastUpdated"]

            accepted = {**task, "status": "accepted"}  # the hospital takes the consult
            resp = requests.put(
                f"{fhir_base}/Task/{task['id']}", json=accepted, headers=FHIR_JSON, timeout=10
            )
            assert resp.status_code == 200, resp.text
            assert pull_until_clean(puller)[0] == 1
            mark = puller.bookmark("Task")
            assert mark == resp.json()["meta"]["lastUpdated"]
            [held] = pulled(store, "Task")
            assert (
                held["status"] == "accepted"
                and held["meta"]["versionId"] != task["meta"]["versionId"]
            )
            again = search(
                fhir_base,
                "Task",
                requester=f"Device/{kiosk}",
                _lastUpdated=f"gt{mark}",
                _sort="_lastUpdated",
            )
            assert again == []  # the same query with the new bookmark returns nothing
            assert pull_until_clean(puller) == (0, 0)
            assert puller.bookmark("Task") == mark  # never moves back

            with store.transaction() as conn:  # replaying a page stores nothing twice
                conn.execute("DELETE FROM sync_state WHERE key = ?", (bookmark_key("Task"),))
            assert pull_until_clean(puller) == (0, 1)
        assert len(pulled(store, "Communication")) == 1
        assert ids
    finally:
        proxy.stop()


# --- photos under faults (Binary + Media + read-back, fhir-mapping.md §3.5) -------------------

#: Dealt in turn to the photo requests (PUT Binary, PUT Media, GET Binary), after which the
#: random plan carries on: a lost answer after commit, 5xx, a truncated answer, a reset.
PHOTO_FAULTS = (
    Fault.DROP_AFTER_COMMIT,
    Fault.SERVER_ERROR,
    Fault.TRUNCATE,
    Fault.DROP_AFTER_COMMIT,
    Fault.RESET,
    Fault.TRUNCATE,
)


class PhotoFaultPlan:
    """The seeded random plan, plus :data:`PHOTO_FAULTS` on the first photo requests."""

    def __init__(self, seed: int) -> None:
        self.random = RandomFaultPlan(seed, rate=0.3, slow_delay=1.5)
        self.photo_faults = list(PHOTO_FAULTS)

    def __call__(self, request: Request) -> Action | None:
        photo = "/Binary/" in request.path or "/Media/" in request.path
        if photo and self.photo_faults:
            fault = self.photo_faults.pop(0)
            return Action(fault, 503 if fault is Fault.SERVER_ERROR else 0)
        return self.random(request)


def build_encounters_with_photos(
    store: Store, config: KioskConfig, count: int, per_encounter: int = 2, edge: int = 1024
) -> dict[str, list[str]]:
    """``count`` saved encounters (SpO2 + pulse), each with real JPEGs (kiosk.media);
    returns encounter id → media ids."""
    migrate(store)
    services.ensure_kiosk_registered(store, T0)
    taken: dict[str, list[str]] = {}
    for index in range(count):
        now = T0 + dt.timedelta(minutes=10 * index)
        patient = services.register_patient(
            store, family=f"Суретов{index}", given="Арман", birth_date=dt.date(1980, 1, 1 + index),
            sex=Sex.MALE, now=now,
        )  # fmt: skip
        enc = services.start_encounter(store, patient_id=patient.id, site=config.site, now=now)
        for rtype, value, unit in (("spo2", 95, "%"), ("pulse_rate", 70 + index, "/min")):
            services.record_reading(
                store, encounter_id=enc.id, identity=OXIMETER,
                measurement=Measurement("contec-v7", rtype, value, unit), now=now,
            )  # fmt: skip
        taken[enc.id] = [
            save_photo(
                store, media_dir=config.media_dir, encounter_id=enc.id,
                image=synth.noisy(synth.scene(edge, edge * 3 // 4, seed=index * 7 + n), 4.0),
                now=now + dt.timedelta(seconds=50 + n), site="chest" if n else None,
            ).id
            for n in range(per_encounter)
        ]  # fmt: skip
        services.save_encounter(store, encounter_id=enc.id, now=now + dt.timedelta(minutes=5))
    return taken


def check_photos_on_server(
    fhir_base: str, store: Store, config: KioskConfig, taken: dict[str, list[str]]
) -> None:
    """Every photo exactly once: one Media per photo pointing at its Encounter and Patient,
    and the Binary's bytes hash-identical to the file on the kiosk."""
    media = search(fhir_base, "Media")
    expected = {m for ids in taken.values() for m in ids}
    assert sorted(m["id"] for m in media) == sorted(expected)
    patients = {r["id"]: r["server_id"] for r in store.query("SELECT id, server_id FROM patients")}
    for resource in media:
        row = store.query("SELECT * FROM media WHERE id = ?", (resource["id"],))[0]
        assert resource["encounter"] == {"reference": f"Encounter/{row['encounter_id']}"}
        assert resource["subject"] == {"reference": f"Patient/{patients[row['patient_id']]}"}
        local = read_file(store, config.media_dir, row["path"])
        held = requests.get(
            f"{fhir_base}/Binary/{resource['id']}", headers={"Accept": "image/jpeg"}, timeout=10
        )
        assert held.status_code == 200 and held.headers["Content-Type"].startswith("image/jpeg")
        assert hashlib.sha256(held.content).digest() == hashlib.sha256(local).digest()
        digest = base64.b64encode(hashlib.sha1(local).digest()).decode()
        assert resource["content"]["hash"] == digest
        assert resource["content"]["size"] == len(local) == row["size"]
    binaries = requests.get(
        f"{fhir_base}/Binary", params={"_summary": "count"}, headers=FHIR_JSON, timeout=10
    ).json()
    assert binaries["total"] == len(expected)


@pytest.mark.parametrize("seed", SEEDS)
def test_photos_exactly_once_and_hash_identical_under_faults(
    seed: int, fhir_base: str, kiosk_store: tuple[Store, KioskConfig]
) -> None:
    store, config = kiosk_store
    taken = build_encounters_with_photos(store, config, 3)
    plan = PhotoFaultPlan(seed)
    clock = FakeClock()
    with (
        FaultProxy(fhir_base, plan) as proxy,
        SyncEngine(store, config, server_url=proxy.base_url, now=clock) as engine,
    ):
        drain(engine, clock, store)
        photo_faults = [f for _m, path, f, *_ in proxy.log if f and "/Binary/" in path]
        photo_faults += [f for _m, path, f, *_ in proxy.log if f and "/Media/" in path]
    assert not plan.photo_faults and set(photo_faults) >= set(PHOTO_FAULTS), photo_faults
    counts = outbox.counts(store)
    assert counts["pending"] == counts["sending"] == counts["quarantined"] == 0, counts
    check_photos_on_server(fhir_base, store, config, taken)
    assert len(search(fhir_base, "Encounter")) == len(taken)


@pytest.mark.slow
@pytest.mark.parametrize("seed", SLOW_SEEDS)
def test_photos_under_faults_many_seeds(
    seed: int, fhir_base: str, kiosk_store: tuple[Store, KioskConfig]
) -> None:
    store, config = kiosk_store
    taken = build_encounters_with_photos(store, config, 4)
    clock = FakeClock()
    with (
        FaultProxy(fhir_base, PhotoFaultPlan(seed)) as proxy,
        SyncEngine(store, config, server_url=proxy.base_url, now=clock) as engine,
    ):
        drain(engine, clock, store)
    assert outbox.counts(store)["quarantined"] == 0
    check_photos_on_server(fhir_base, store, config, taken)
