"""Engine hardening (issue 7): lost responses, 409/412, 401 refresh, TLS/CA/proxy/gzip,
clock offset and flags, progress, and the background loop. Fake transport: unit tests only."""

from __future__ import annotations

import datetime as dt
import email.utils
import gzip
import json
import random
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from requests.adapters import BaseAdapter
from requests.models import PreparedRequest, Response

from kiosk import services
from kiosk.config import KioskConfig, load_config
from kiosk.store import Store, migrate, outbox
from sync.auth import BearerTokenAuth
from sync.bundles import CLOCK_OFFSET_KEY, set_state
from sync.client import SyncErrorKind
from sync.clock_flags import CLOCK_FLAG_CODE, flag_readings
from sync.engine import SyncEngine, SyncReport
from sync.loop import PAUSE_S, SyncLoop, next_delay
from sync.recheck import VERIFIED_STATUS
from sync.settings import SyncSettings
from tests.sync.test_engine import LATER, NOW, SERVER, add_encounter, ok_entries, outcome, row


class Transport(BaseAdapter):
    """POSTs go to ``post``; GETs to ``get``; every answer carries a Date header."""

    def __init__(self, post: Any, get: Any = None, server_now: dt.datetime = LATER) -> None:
        super().__init__()
        self.post, self.get = post, get
        self.server_now = server_now
        self.seen: list[PreparedRequest] = []
        self.verify: list[Any] = []

    def send(self, request: PreparedRequest, **kwargs: Any) -> Response:
        self.seen.append(request)
        self.verify.append(kwargs.get("verify"))
        if request.method == "GET":
            status, document, headers = self.get(request)
        else:
            body = request.body if isinstance(request.body, bytes) else b""
            if request.headers.get("Content-Encoding") == "gzip":
                body = gzip.decompress(body)
            status, document, headers = self.post(request, json.loads(body))
        response = Response()
        response.status_code = status
        response.headers.update(
            {
                "Content-Type": "application/fhir+json",
                "Date": email.utils.format_datetime(self.server_now, usegmt=True),
                **headers,
            }
        )
        response._content = json.dumps(document).encode()
        response.url = str(request.url)
        response.request = request
        return response

    def close(self) -> None:
        pass


@pytest.fixture
def config(tmp_path: Path) -> KioskConfig:
    return KioskConfig(data_dir=tmp_path, site="KZ-TST-0001", server_url=SERVER)


@pytest.fixture
def store(config: KioskConfig) -> Iterator[Store]:
    with Store(config.store_path) as opened:
        migrate(opened)
        services.ensure_kiosk_registered(opened, NOW)
        yield opened


def engine_for(store: Store, config: KioskConfig, transport: Transport, **kw: Any) -> SyncEngine:
    session = requests.Session()
    session.mount("https://", transport)
    return SyncEngine(store, config, session, now=lambda: LATER, rng=random.Random(3), **kw)


def happy(_request: PreparedRequest, bundle: dict[str, Any]) -> Any:
    return ok_entries(bundle)


# --- lost response (§6) ----------------------------------------------------------------------


def test_lost_answer_is_checked_by_get_before_resending(store: Store, config: KioskConfig) -> None:
    enc = add_encounter(store)
    calls = {"posts": 0}

    def lose_encounter(request: PreparedRequest, bundle: dict[str, Any]) -> Any:
        if bundle["entry"][0]["resource"]["resourceType"] == "Encounter":
            calls["posts"] += 1
            raise requests.ConnectionError("reset after commit")
        return ok_entries(bundle)

    def found(request: PreparedRequest) -> Any:
        return 200, {"resourceType": "Encounter", "id": enc, "meta": {"versionId": "7"}}, {}

    first = engine_for(store, config, Transport(lose_encounter, found))
    assert first.run_once().error is SyncErrorKind.NETWORK
    assert row(store, "encounter", enc)["last_status"] is None
    transport = Transport(lose_encounter, found)
    second = engine_for(store, config, transport)
    second.now = lambda: LATER + dt.timedelta(hours=2)
    report = second.run_once()
    assert report.done and calls["posts"] == 1  # never re-sent: the GET found it
    item = row(store, "encounter", enc)
    assert item["state"] == "acked" and VERIFIED_STATUS in item["response"]
    assert json.loads(item["response"])[0]["etag"] == 'W/"7"'
    assert [r.method for r in transport.seen] == ["GET"]


def test_lost_answer_not_on_server_is_sent_again(store: Store, config: KioskConfig) -> None:
    enc = add_encounter(store)
    with store.transaction() as conn:  # as if the kiosk died while sending it
        conn.execute(
            "UPDATE outbox SET state = 'acked' WHERE kind != 'encounter'",
        )
        conn.execute("UPDATE outbox SET state = 'sending', attempts = 1 WHERE kind = 'encounter'")
    transport = Transport(happy, lambda r: (404, outcome("gone"), {}))
    assert engine_for(store, config, transport).run_once().done
    assert [r.method for r in transport.seen] == ["GET", "POST"]
    assert row(store, "encounter", enc)["state"] == "acked"


# --- 409 / 412 ------------------------------------------------------------------------------


def test_conflict_rereads_and_quarantines_with_the_reason(
    store: Store, config: KioskConfig
) -> None:
    enc = add_encounter(store)

    def conflict(request: PreparedRequest, bundle: dict[str, Any]) -> Any:
        if bundle["entry"][0]["resource"]["resourceType"] == "Encounter":
            return 412, outcome("version mismatch"), {}
        return ok_entries(bundle)

    held = {"resourceType": "Encounter", "id": enc, "meta": {"versionId": "3", "lastUpdated": "x"}}
    engine = engine_for(store, config, Transport(conflict, lambda r: (200, held, {})))
    report = engine.run_once()
    item = row(store, "encounter", enc)
    assert item["state"] == "quarantined" and item["last_status"] == 412
    texts = [i["details"]["text"] for i in json.loads(item["last_error"])["issue"]]
    assert texts[0] == "version mismatch" and "version 3" in texts[1]
    assert report.quarantined == 1 and report.error is None


# --- 401 and auth ---------------------------------------------------------------------------


def test_401_refreshes_once_then_retries(
    store: Store, config: KioskConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_SERVER_TOKEN", "old")
    auth = BearerTokenAuth(config, token="old")
    monkeypatch.setenv("KIOSK_SERVER_TOKEN", "new")

    def needs_new(request: PreparedRequest, bundle: dict[str, Any]) -> Any:
        if request.headers.get("Authorization") != "Bearer new":
            return 401, outcome("expired"), {}
        return ok_entries(bundle)

    report = engine_for(store, config, Transport(needs_new), auth=auth).run_once()
    assert report.done and report.error is None
    assert "new" not in repr(auth)


def test_second_401_stops_the_worker(
    store: Store, config: KioskConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_SERVER_TOKEN", "same")
    transport = Transport(lambda r, b: (401, outcome("no"), {}))
    auth = BearerTokenAuth(config, token="same")
    report = engine_for(store, config, transport, auth=auth).run_once()
    assert report.error is SyncErrorKind.AUTH and len(transport.seen) == 1
    assert "acked" not in {r["state"] for r in store.query("SELECT state FROM outbox")}


# --- TLS, CA bundle, proxy, gzip --------------------------------------------------------------


def test_settings_from_config_file_and_env(config: KioskConfig) -> None:
    def settings_of(env: dict[str, str]) -> SyncSettings:
        return SyncSettings.from_config(load_config(config.data_dir, env))

    assert settings_of({}) == SyncSettings()
    assert settings_of({}).verify is True
    ca = settings_of({"KIOSK_CA_BUNDLE": "/env/ca.pem"})
    assert ca.verify == "/env/ca.pem"
    (config.data_dir / "config.toml").write_text(
        '[server]\nca_bundle = "/etc/ca.pem"\nproxy = "http://10.0.0.1:3128"\ngzip = true\n',
        encoding="utf-8",
    )
    settings = settings_of({"KIOSK_CA_BUNDLE": "/env/ca.pem"})  # the key wins over the env
    assert settings == SyncSettings("/etc/ca.pem", "http://10.0.0.1:3128", True)
    session = settings.session()
    assert session.verify == "/etc/ca.pem" and session.proxies["https"] == "http://10.0.0.1:3128"
    session.close()


def test_gzip_bodies_only_when_enabled_and_verify_always_on(
    store: Store, config: KioskConfig
) -> None:
    add_encounter(store)
    plain = Transport(happy)
    engine_for(store, config, plain, settings=SyncSettings(ca_bundle="/ca.pem")).run_once()
    assert all("Content-Encoding" not in r.headers for r in plain.seen)
    assert all(r.headers["Accept-Encoding"] == "gzip" for r in plain.seen)
    assert set(plain.verify) == {"/ca.pem"}
    with store.transaction() as conn:
        conn.execute("UPDATE outbox SET state = 'pending'")
    zipped = Transport(happy, lambda r: (404, outcome("not there"), {}))
    assert engine_for(store, config, zipped, settings=SyncSettings(gzip=True)).run_once().done
    assert all(r.headers["Content-Encoding"] == "gzip" for r in zipped.seen if r.method == "POST")
    assert all(v not in (False, None, "") for v in zipped.verify)  # env CA bundles may apply


# --- clock discipline and progress --------------------------------------------------------------


def test_clock_offset_is_measured_and_readings_flagged(store: Store, config: KioskConfig) -> None:
    enc = add_encounter(store)
    server_now = LATER - dt.timedelta(minutes=10)  # the kiosk clock is 10 min fast
    sent: list[dict[str, Any]] = []

    def keep(request: PreparedRequest, bundle: dict[str, Any]) -> Any:
        sent.append(bundle)
        return ok_entries(bundle)

    progress: list[tuple[int, int]] = []
    engine = engine_for(
        store,
        config,
        Transport(keep, server_now=server_now),
        on_progress=lambda d, t: progress.append((d, t)),
    )
    engine.run_once()
    offset = float(store.scalar("SELECT value FROM sync_state WHERE key = ?", (CLOCK_OFFSET_KEY,)))
    assert offset == pytest.approx(600, abs=1)
    assert progress[0] == (0, 4) and progress[-1] == (4, 4)
    assert [d for d, _ in progress] == sorted(d for d, _ in progress)
    # the next bundle built for this encounter flags its readings
    from sync.bundles import encounter_bundle_for

    bundle = encounter_bundle_for(store, config, enc)
    observations = [e["resource"] for e in bundle["entry"][1:]]
    assert all(o["meta"]["tag"][0]["code"] == CLOCK_FLAG_CODE for o in observations)
    assert all("+600 s off" in o["note"][-1]["text"] for o in observations)
    with store.transaction() as conn:
        set_state(conn, CLOCK_OFFSET_KEY, "30.0")
    assert "tag" not in encounter_bundle_for(store, config, enc)["entry"][1]["resource"].get(
        "meta", {}
    )


def test_flag_readings_is_pure() -> None:
    bundle = {"entry": [{"resource": {"resourceType": "Observation", "effectiveDateTime": "t"}}]}
    flagged = flag_readings(bundle, -400.0, "https://h.example/fhir/")
    assert "note" not in bundle["entry"][0]["resource"]
    tag = flagged["entry"][0]["resource"]["meta"]["tag"][0]
    assert tag["system"] == "https://h.example/fhir/CodeSystem/sync-flag"
    assert (
        flag_readings(bundle, 119.0, "b/") is bundle and flag_readings(bundle, None, "b/") is bundle
    )


# --- the background loop ------------------------------------------------------------------------


def test_next_delay_follows_the_report() -> None:
    assert next_delay(SyncReport(0, 0, 0), 60) == 60
    assert next_delay(SyncReport(0, 2, 0, retry_in=5.0), 60) == 5.0
    assert next_delay(SyncReport(0, 2, 0, SyncErrorKind.NETWORK, 300.0), 60) == 300.0
    assert next_delay(SyncReport(0, 2, 0, SyncErrorKind.AUTH), 60) == PAUSE_S
    assert next_delay(SyncReport(0, 2, 0, SyncErrorKind.NETWORK, 0.0), 60) == 1.0


def test_loop_runs_passes_on_its_thread_and_stops(store: Store, config: KioskConfig) -> None:
    add_encounter(store)
    passes = threading.Semaphore(0)
    threads: list[str] = []

    def factory(loop_store: Store) -> SyncEngine:
        threads.append(threading.current_thread().name)
        passes.release()
        return engine_for(loop_store, config, Transport(happy))

    loop = SyncLoop(None, config, interval_s=30, engine_factory=factory, pull=False)
    with loop:
        assert passes.acquire(timeout=10)
        loop.trigger()
        assert passes.acquire(timeout=10)
    assert not loop.running and loop.passes >= 2
    assert set(threads) == {"kiosk-sync"}
    assert outbox.counts(store)["pending"] == 0


def test_loop_survives_a_failing_pass(config: KioskConfig, store: Store) -> None:
    def broken(_store: Store) -> SyncEngine:
        raise RuntimeError("bug")

    loop = SyncLoop(None, config, interval_s=7, engine_factory=broken)
    result = loop.run_pass(store)
    assert result.push is None and result.delay_s == 7
