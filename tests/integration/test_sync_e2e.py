"""Sync end to end against the real FHIR peer (tests/peers/fhir; fhir-mapping.md §1, §5, §6).

Encounters are built through kiosk.services with hand-made measurements, synced with the
real engine over HTTP, and the server is then queried with plain ``requests``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from fhir.resources.R4B.bundle import Bundle

from kiosk import services
from kiosk.config import KioskConfig, load_config
from kiosk.domain import DeviceIdentity, Measurement, Sex
from kiosk.store import Store, migrate, outbox
from sync.client import SyncErrorKind
from sync.engine import SyncEngine

FHIR_JSON = {"Accept": "application/fhir+json"}
TIMEOUT = 10
REPO = Path(__file__).resolve().parents[2]
OXIMETER = DeviceIdentity("contec-v7", "contec-v7-SN0042", "Contec", "CMS50D+", "SN0042")
T0 = dt.datetime(2026, 11, 26, 4, 0, tzinfo=dt.UTC)


def build_encounters(store: Store, site: str, count: int = 3) -> list[str]:
    migrate(store)
    services.ensure_kiosk_registered(store, T0)
    ids = []
    for index in range(count):
        now = T0 + dt.timedelta(minutes=10 * index)
        patient = services.register_patient(
            store,
            family=f"Қасымов{index}",
            given="Ерлан",
            birth_date=dt.date(1985, 3, 14),
            sex=Sex.MALE,
            now=now,
        )
        enc = services.start_encounter(store, patient_id=patient.id, site=site, now=now)
        for rtype, value, unit in (("spo2", 95 + index, "%"), ("pulse_rate", 70 + index, "/min")):
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


def search(base: str, resource_type: str, **params: str) -> list[dict[str, Any]]:
    resp = requests.get(
        f"{base}/{resource_type}",
        params={"_count": "100", **params},
        headers=FHIR_JSON,
        timeout=TIMEOUT,
    )
    assert resp.status_code == 200, resp.text
    return [entry["resource"] for entry in resp.json().get("entry", [])]


def totals(base: str) -> dict[str, int]:
    return {t: len(search(base, t)) for t in ("Patient", "Device", "Encounter", "Observation")}


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/fhir/R4"


@pytest.fixture
def kiosk_store(tmp_path: Path) -> Iterator[tuple[Store, KioskConfig]]:
    config = KioskConfig(data_dir=tmp_path, site="KZ-AKM-0042")
    with Store(config.store_path) as store:
        yield store, config


def sync_once(store: Store, config: KioskConfig, url: str) -> Any:
    with SyncEngine(store, config, server_url=url) as engine:
        return engine.run_once()


def test_three_encounters_arrive_once_each(
    fhir_base: str, kiosk_store: tuple[Store, KioskConfig]
) -> None:
    store, config = kiosk_store
    encounter_ids = build_encounters(store, config.site)

    report = sync_once(store, config, fhir_base)

    assert report.error is None and report.done, report
    encounters = search(fhir_base, "Encounter")
    assert sorted(e["id"] for e in encounters) == sorted(encounter_ids)
    spo2 = search(fhir_base, "Observation", code="http://loinc.org|59408-5")
    pulse = search(fhir_base, "Observation", code="http://loinc.org|8867-4")
    for found in (spo2, pulse):
        refs = sorted(o["encounter"]["reference"] for o in found)
        assert refs == sorted(f"Encounter/{i}" for i in encounter_ids)
    assert {o["valueQuantity"]["code"] for o in spo2} == {"%"}
    assert {o["valueQuantity"]["unit"] for o in spo2} == {"%"}
    assert {o["valueQuantity"]["code"] for o in pulse} == {"/min"}
    assert all(o["device"]["reference"].startswith("Device/") for o in spo2 + pulse)
    status = services.status_summary(store)
    assert status["outbox"]["pending"] == 0 and status["outbox"]["quarantined"] == 0
    assert status["unsynced_encounters"] == 0 and status["last_sync"] is not None
    assert status["last_sync_error"] is None

    before = totals(fhir_base)
    assert before == {"Patient": 3, "Device": 2, "Encounter": 3, "Observation": 6}
    again = sync_once(store, config, fhir_base)
    assert again.acked == 0 and again.done
    assert totals(fhir_base) == before


def test_resending_after_a_lost_response_creates_no_duplicate(
    fhir_base: str, kiosk_store: tuple[Store, KioskConfig]
) -> None:
    store, config = kiosk_store
    build_encounters(store, config.site)
    assert sync_once(store, config, fhir_base).done
    before = totals(fhir_base)

    # the answers were "lost": every item goes back to pending and is sent once more
    with store.transaction() as conn:
        conn.execute(
            "UPDATE outbox SET state = 'pending', acked_at = NULL, next_at = ?", (T0.isoformat(),)
        )
    report = sync_once(store, config, fhir_base)

    assert report.done and report.acked == outbox.counts(store)["acked"] == 8
    assert totals(fhir_base) == before
    devices = search(fhir_base, "Device")
    assert len({d["identifier"][0]["value"] for d in devices}) == len(devices) == 2


def test_unreachable_server_keeps_everything_pending(
    kiosk_store: tuple[Store, KioskConfig],
) -> None:
    store, config = kiosk_store
    build_encounters(store, config.site)
    before = outbox.counts(store)

    report = sync_once(store, config, closed_port_url())

    assert report.error is SyncErrorKind.NETWORK and not report.done
    assert report.pending == before["pending"] == 8
    assert outbox.counts(store) == before
    assert store.scalar("SELECT count(*) FROM readings") == 6
    assert services.status_summary(store)["last_sync_error"] == "NETWORK"


def kiosk(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
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


def test_cli_sync_status_and_export(fhir_base: str, tmp_path: Path) -> None:
    config = load_config(tmp_path)
    with Store(config.store_path) as store:
        encounter_ids = build_encounters(store, config.site, count=2)

    offline = kiosk(tmp_path, "sync", "--server", closed_port_url(), "--once", "--json")
    assert offline.returncode == 3, offline.stderr
    assert json.loads(offline.stdout)["pending"] == 6

    # without --once it waits out the back-off of the item the failed pass tried (≤ 5 s)
    done = kiosk(tmp_path, "sync", "--server", fhir_base, "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["pending"] == 0 and report["quarantined"] == 0 and report["acked"] == 6
    assert report["error"] is None

    status = kiosk(tmp_path, "status", "--json")
    summary = json.loads(status.stdout)
    assert summary["outbox"]["pending"] == 0 and summary["last_sync"]

    exported = kiosk(tmp_path, "encounters", "export", encounter_ids[0], "--fhir")
    assert exported.returncode == 0, exported.stderr
    bundle = json.loads(exported.stdout)
    Bundle.model_validate(bundle)
    assert bundle["entry"][0]["resource"]["id"] == encounter_ids[0]
    server_encounter = requests.get(
        f"{fhir_base}/Encounter/{encounter_ids[0]}", headers=FHIR_JSON, timeout=TIMEOUT
    ).json()
    assert server_encounter["subject"] == bundle["entry"][0]["resource"]["subject"]
    ids = {e["resource"]["id"] for e in bundle["entry"][1:]}
    on_server = {o["id"] for o in search(fhir_base, "Observation")}
    assert ids <= on_server  # what export prints is exactly what sync sent


def test_cli_without_server_says_so(tmp_path: Path) -> None:
    with Store(load_config(tmp_path).store_path) as store:
        migrate(store)
    result = kiosk(tmp_path, "sync", "--once")
    assert result.returncode == 1
    assert "--server" in result.stderr
