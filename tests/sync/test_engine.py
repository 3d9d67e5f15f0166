"""The sync engine against a fake HTTP transport (fhir-mapping.md §5, §6).

The transport is a ``requests`` adapter returning canned answers: unit tests only. The real
server is exercised in tests/integration/test_sync_e2e.py.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from requests.adapters import BaseAdapter
from requests.models import PreparedRequest, Response

from kiosk import services
from kiosk.config import KioskConfig
from kiosk.domain import DeviceIdentity, Measurement, Sex
from kiosk.store import Store, migrate, outbox
from sync import engine as engine_mod
from sync.client import SyncErrorKind, retry_after, server_id
from sync.engine import SyncEngine, backoff_delay, sync_lock

NOW = dt.datetime(2026, 11, 26, 4, 0, tzinfo=dt.UTC)
LATER = NOW + dt.timedelta(hours=1)  # the engine's clock: every saved item is due
SERVER = "https://fhir.test/R4"
FAMILY = "Секретова"
DEVICE = DeviceIdentity("contec-v7", "contec-v7-SN77", "Contec", "CMS50D", "SN77")

Answer = tuple[int, Any, dict[str, str]]
Handler = Callable[[PreparedRequest, dict[str, Any]], Answer]


class FakeTransport(BaseAdapter):
    """Answers each POST with ``handler(request, bundle)``; records every request."""

    def __init__(self, handler: Handler) -> None:
        super().__init__()
        self.handler = handler
        self.requests: list[tuple[PreparedRequest, dict[str, Any]]] = []

    def send(
        self,
        request: PreparedRequest,
        stream: bool = False,
        timeout: Any = None,
        verify: Any = True,
        cert: Any = None,
        proxies: Any = None,
    ) -> Response:
        assert verify not in (False, None, ""), "TLS verification must stay on"
        body = request.body
        bundle = json.loads(body.decode() if isinstance(body, bytes) else str(body))
        self.requests.append((request, bundle))
        status, document, headers = self.handler(request, bundle)
        response = Response()
        response.status_code = status
        response.reason = "canned"
        response.headers.update({"Content-Type": "application/fhir+json", **headers})
        response._content = json.dumps(document).encode()
        response.url = str(request.url)
        response.request = request
        return response

    def close(self) -> None:
        pass


def ok_entries(bundle: dict[str, Any], status: str = "201 Created") -> Answer:
    entries = []
    for index, entry in enumerate(bundle["entry"]):
        rtype = entry["resource"]["resourceType"]
        rid = entry["resource"].get("id") or f"srv-{rtype.lower()}-{index}-{len(entry['fullUrl'])}"
        entries.append(
            {
                "response": {
                    "status": status,
                    "location": f"{rtype}/{rid}/_history/1",
                    "etag": 'W/"1"',
                }
            }
        )
    return 200, {"resourceType": "Bundle", "type": "transaction-response", "entry": entries}, {}


def happy(_request: PreparedRequest, bundle: dict[str, Any]) -> Answer:
    return ok_entries(bundle)


def outcome(text: str) -> dict[str, Any]:
    return {
        "resourceType": "OperationOutcome",
        "issue": [
            {
                "severity": "error",
                "code": "invalid",
                "details": {"text": text},
                "expression": ["Observation.code"],
            }
        ],
    }


def first_type(bundle: dict[str, Any]) -> str:
    return str(bundle["entry"][0]["resource"]["resourceType"])


@pytest.fixture
def config(tmp_path: Path) -> KioskConfig:
    return KioskConfig(
        data_dir=tmp_path,
        site="KZ-TST-0001",
        server_url=SERVER,
        server_token="tok-123",
        server_timeout=5,
    )


@pytest.fixture
def store(config: KioskConfig) -> Iterator[Store]:
    with Store(config.store_path) as opened:
        migrate(opened)
        services.ensure_kiosk_registered(opened, NOW)
        yield opened


def add_encounter(store: Store, spo2: float = 97, unit: str = "%") -> str:
    patient = services.register_patient(
        store, family=FAMILY, given="Анна", birth_date=dt.date(1990, 1, 2), sex=Sex.FEMALE, now=NOW
    )
    enc = services.start_encounter(store, patient_id=patient.id, site="KZ-TST-0001", now=NOW)
    services.record_reading(
        store,
        encounter_id=enc.id,
        identity=DEVICE,
        now=NOW,
        measurement=Measurement("contec-v7", "spo2", spo2, unit),
    )
    services.record_reading(
        store,
        encounter_id=enc.id,
        identity=DEVICE,
        now=NOW,
        measurement=Measurement("contec-v7", "pulse_rate", 72, "/min"),
    )
    services.save_encounter(store, encounter_id=enc.id, now=NOW + dt.timedelta(minutes=3))
    return enc.id


def make_engine(
    store: Store, config: KioskConfig, handler: Handler
) -> tuple[SyncEngine, FakeTransport]:
    transport = FakeTransport(handler)
    session = requests.Session()
    session.mount("https://", transport)
    return SyncEngine(store, config, session, now=lambda: LATER, rng=random.Random(7)), transport


def states(store: Store, kind: str | None = None) -> list[str]:
    rows = store.query("SELECT kind, state FROM outbox ORDER BY id")
    return [r["state"] for r in rows if kind is None or r["kind"] == kind]


def row(store: Store, kind: str, ref: str) -> dict[str, Any]:
    return store.query("SELECT * FROM outbox WHERE kind = ? AND ref = ?", (kind, ref))[0]


# --- acknowledgement ----------------------------------------------------------------------------


def test_all_entries_2xx_acks_everything_and_stores_server_ids(
    store: Store, config: KioskConfig
) -> None:
    enc = add_encounter(store)
    engine, transport = make_engine(store, config, happy)
    report = engine.run_once()
    assert report.error is None and report.done and report.acked == 4
    assert set(states(store)) == {"acked"}
    kinds = [first_type(b) for _, b in transport.requests]
    assert kinds[-1] == "Encounter" and kinds.count("Device") == 2  # registrations first
    request = transport.requests[0][0]
    assert request.headers["Content-Type"] == "application/fhir+json"
    assert request.headers["Accept"] == "application/fhir+json"
    assert request.headers["Authorization"] == "Bearer tok-123"
    assert request.url == SERVER
    pid = store.scalar("SELECT id FROM patients")
    assert store.scalar("SELECT server_id FROM patients") == pid
    assert str(store.scalar("SELECT server_id FROM devices")).startswith("srv-device")
    encounter_bundle = transport.requests[-1][1]
    obs = encounter_bundle["entry"][1]["resource"]
    assert obs["device"]["reference"].startswith("Device/srv-device")
    assert obs["extension"][0]["valueReference"]["reference"].startswith("Device/srv-device")
    assert json.loads(row(store, "encounter", enc)["response"])[0]["status"] == "201 Created"
    status = services.status_summary(store)
    assert status["last_sync"] == LATER.isoformat() and status["last_sync_error"] is None


def test_one_entry_not_2xx_is_not_acked(store: Store, config: KioskConfig) -> None:
    enc = add_encounter(store)

    def partial(request: PreparedRequest, bundle: dict[str, Any]) -> Answer:
        status, document, headers = ok_entries(bundle)
        if first_type(bundle) == "Encounter":
            document["entry"][-1]["response"]["status"] = "500 Internal Server Error"
        return status, document, headers

    engine, _ = make_engine(store, config, partial)
    report = engine.run_once()
    item = row(store, "encounter", enc)
    assert item["state"] == "pending" and item["acked_at"] is None
    assert report.pending == 1 and not report.done


def test_html_from_a_captive_portal_is_not_an_ack(store: Store, config: KioskConfig) -> None:
    add_encounter(store)
    engine, _ = make_engine(store, config, lambda r, b: (200, {"html": "login"}, {}))
    engine.run_once()
    assert "acked" not in states(store)


# --- retries (§6) ------------------------------------------------------------------------------


def test_500_leaves_items_pending_with_backoff_and_attempts(
    store: Store, config: KioskConfig
) -> None:
    add_encounter(store)
    engine, transport = make_engine(store, config, lambda r, b: (500, outcome("boom"), {}))
    report = engine.run_once()
    assert report.error is SyncErrorKind.NETWORK  # three 5xx in a row: the worker backs off
    assert len(transport.requests) == engine_mod.SERVER_STRIKES
    tried = store.query("SELECT * FROM outbox WHERE attempts > 0")
    assert len(tried) == engine_mod.SERVER_STRIKES
    for item in tried:
        assert item["state"] == "pending" and item["last_status"] == 500
        assert dt.datetime.fromisoformat(item["next_at"]) > LATER
        assert "boom" in item["last_error"]
    assert report.retry_in is not None and report.retry_in >= 0
    # the registrations wait for their back-off and the encounter waits for them
    engine2, transport2 = make_engine(store, config, happy)
    assert engine2.run_once().pending == 4 and not transport2.requests


def test_429_retry_after_is_a_lower_bound(store: Store, config: KioskConfig) -> None:
    engine, transport = make_engine(
        store, config, lambda r, b: (429, outcome("slow down"), {"Retry-After": "120"})
    )
    report = engine.run_once()
    assert report.error is SyncErrorKind.NETWORK and len(transport.requests) == 1
    item = row(store, "register-device", "kiosk")
    assert item["state"] == "pending" and item["attempts"] == 1
    assert dt.datetime.fromisoformat(item["next_at"]) >= LATER + dt.timedelta(seconds=120)


def test_connection_error_keeps_everything_pending(store: Store, config: KioskConfig) -> None:
    add_encounter(store)
    before = outbox.counts(store)

    def down(request: PreparedRequest, bundle: dict[str, Any]) -> Answer:
        raise requests.ConnectionError("no route to host")

    engine, transport = make_engine(store, config, down)
    report = engine.run_once()
    assert report.error is SyncErrorKind.NETWORK and len(transport.requests) == 1
    assert outbox.counts(store) == before and report.pending == before["pending"]
    assert store.scalar("SELECT count(*) FROM readings") == 2
    assert services.status_summary(store)["last_sync_error"] == "NETWORK"
    # the link comes back: everything goes
    engine2, _ = make_engine(store, config, happy)
    engine2.now = lambda: LATER + dt.timedelta(hours=1)
    assert engine2.run_once().done


# --- refusals -----------------------------------------------------------------------------------


def test_400_quarantines_that_item_only(store: Store, config: KioskConfig) -> None:
    bad, good = add_encounter(store), add_encounter(store)

    def refuse_bad(request: PreparedRequest, bundle: dict[str, Any]) -> Answer:
        if bundle["entry"][0]["resource"].get("id") == bad:
            return 400, outcome("Missing required property"), {}
        return ok_entries(bundle)

    engine, _ = make_engine(store, config, refuse_bad)
    report = engine.run_once()
    item = row(store, "encounter", bad)
    assert item["state"] == "quarantined" and item["last_status"] == 400
    error = json.loads(item["last_error"])
    assert error["issue"][0]["details"]["text"] == "Missing required property"
    assert row(store, "encounter", good)["state"] == "acked"
    assert report.quarantined == 1 and report.pending == 0 and not report.done


def test_local_validation_failure_is_quarantined_without_airtime(
    store: Store, config: KioskConfig
) -> None:
    bad = add_encounter(store, spo2=0.97, unit="1")  # a unit the profile cannot take
    engine, transport = make_engine(store, config, happy)
    report = engine.run_once()
    item = row(store, "encounter", bad)
    assert item["state"] == "quarantined" and item["last_status"] is None
    assert item["attempts"] == 0
    assert "Observation.valueQuantity" in item["last_error"]
    assert all(first_type(b) != "Encounter" for _, b in transport.requests)
    assert report.quarantined == 1


def test_401_stops_the_run(store: Store, config: KioskConfig) -> None:
    add_encounter(store)
    engine, transport = make_engine(store, config, lambda r, b: (401, outcome("token"), {}))
    report = engine.run_once()
    assert report.error is SyncErrorKind.AUTH and len(transport.requests) == 1
    assert "acked" not in states(store) and "quarantined" not in states(store)
    assert report.retry_in is None


def test_same_404_everywhere_is_a_configuration_fault(store: Store, config: KioskConfig) -> None:
    add_encounter(store)
    engine, _ = make_engine(store, config, lambda r, b: (404, outcome("no such path"), {}))
    report = engine.run_once()
    assert report.error is SyncErrorKind.CONFIG
    assert "quarantined" not in states(store)  # the queue is not thrown away


# --- worker hygiene ------------------------------------------------------------------------------


def test_items_left_sending_by_a_crash_are_sent_again(store: Store, config: KioskConfig) -> None:
    item = outbox.due_items(store, NOW)[0]
    outbox.mark_sending(store, item.id)
    engine, _ = make_engine(store, config, happy)
    assert engine.run_once().done


def test_one_worker_at_a_time(store: Store, config: KioskConfig) -> None:
    engine, transport = make_engine(store, config, happy)
    with sync_lock(config.data_dir) as held:
        assert held
        report = engine.run_once()
    assert report.error is SyncErrorKind.BUSY and not transport.requests
    assert engine.run_once().done


def test_logs_carry_no_patient_data(
    store: Store, config: KioskConfig, caplog: pytest.LogCaptureFixture
) -> None:
    add_encounter(store)
    caplog.set_level(logging.DEBUG)
    engine, _ = make_engine(store, config, lambda r, b: (400, outcome(f"bad {FAMILY}"), {}))
    engine.run_once()
    assert caplog.records
    assert FAMILY not in caplog.text and "1990-01-02" not in caplog.text


def test_no_server_is_a_user_facing_error(store: Store, tmp_path: Path) -> None:
    from kiosk.errors import UserFacingError

    with pytest.raises(UserFacingError) as raised:
        SyncEngine(store, KioskConfig(data_dir=tmp_path))
    assert raised.value.key == "sync.no_server"


# --- helpers ------------------------------------------------------------------------------------


def test_backoff_is_full_jitter_capped_and_honours_retry_after() -> None:
    rng = random.Random(3)
    delays = [backoff_delay(1, rng) for _ in range(200)]
    assert all(0 <= d <= 5 for d in delays) and max(delays) > 2.5
    assert all(0 <= backoff_delay(40, rng) <= 900 for _ in range(200))
    assert backoff_delay(1, rng, retry_after=60) >= 60


def test_retry_after_http_date_and_location_parsing() -> None:
    response = Response()
    response.headers["Retry-After"] = "Thu, 26 Nov 2026 04:02:00 GMT"
    assert retry_after(response, NOW) == 120
    assert server_id("Patient/abc/_history/1", "Patient") == "abc"
    assert server_id("http://h/fhir/R4/Device/x1/_history/2", "Device") == "x1"
    assert server_id(None, "Device") is None


def test_sync_did_finish_is_emitted(store: Store, config: KioskConfig) -> None:
    from kiosk.events import Events, SyncFinished

    events = Events()
    seen: list[SyncFinished] = []
    events.sync_did_finish.connect(seen.append)

    def down(request: PreparedRequest, bundle: dict[str, Any]) -> Answer:
        raise requests.Timeout("read timed out")

    transport = FakeTransport(down)
    session = requests.Session()
    session.mount("https://", transport)
    with SyncEngine(store, config, session, now=lambda: LATER, events=events) as engine:
        engine.run_once()
    assert seen == [SyncFinished(0, 1, 0, "sync.unreachable")]
