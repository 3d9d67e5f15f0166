"""Hostile answers from the server are bounded (issue 10): oversize, endless, gzip-bomb and
malformed bodies from a real local HTTP server are refused with a translated error; the
outbox item is retried later and the pull stops without storing anything."""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk import services
from kiosk.config import KioskConfig
from kiosk.errors import UserFacingError
from kiosk.i18n import translate
from kiosk.store import Store, migrate
from sync.bundles import KIOSK_SERVER_ID_KEY, set_state
from sync.client import MAX_RESPONSE_BYTES, FhirClient, ResponseTooLarge, Verdict
from sync.consult_pull import _fetch
from sync.engine import SyncEngine
from sync.pull import Puller
from sync.specialist_http import ReviewHttp
from tests.sync.test_engine import LATER, NOW, add_encounter, ok_entries, row

LIMIT = "8 MiB"


class _Hostile(http.server.BaseHTTPRequestHandler):
    server: Any

    def _send(self, status: int, body: bytes, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/fhir+json")
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def _oversize(self) -> None:
        size = MAX_RESPONSE_BYTES + 1024 * 1024
        self.send_response(200)
        self.send_header("Content-Type", "application/fhir+json")
        self.send_header("Content-Length", str(size))
        self.end_headers()
        self._write_forever(size)

    def _endless(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/fhir+json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = b" " * 65536
        framed = b"%x\r\n%s\r\n" % (len(chunk), chunk)
        try:
            while not self.server.stopping.is_set():
                self.wfile.write(framed)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _write_forever(self, size: int) -> None:
        chunk = b" " * 65536
        try:
            for _ in range(0, size, len(chunk)):
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _answer(self, request: dict[str, Any] | None) -> None:
        self.server.requests += 1
        mode = self.server.mode
        if mode == "oversize":
            self._oversize()
        elif mode == "endless":
            self._endless()
        elif mode == "bomb":
            bomb = gzip.compress(b" " * (MAX_RESPONSE_BYTES * 2))
            self._send(200, bomb, Content_Encoding="gzip", Content_Length=str(len(bomb)))
        elif mode == "malformed":
            self._send(200, b'{"resourceType": "Bundle", "entry": [', Content_Length="37")
        else:
            document = ok_entries(request)[1] if request else {"resourceType": "Bundle"}
            body = json.dumps(document).encode()
            self._send(200, body, Content_Length=str(len(body)))

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        self._answer(json.loads(body))

    def do_GET(self) -> None:
        self._answer(None)

    def log_message(self, format: str, *args: Any) -> None:
        return


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    monkeypatch.setenv("NO_PROXY", "*")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Hostile)
    httpd.daemon_threads = True
    httpd.mode, httpd.requests, httpd.stopping = "ok", 0, threading.Event()  # type: ignore[attr-defined]
    httpd.base = f"http://127.0.0.1:{httpd.server_address[1]}/fhir"  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.stopping.set()  # type: ignore[attr-defined]
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


@pytest.fixture
def config(tmp_path: Path, server: Any) -> KioskConfig:
    return KioskConfig(data_dir=tmp_path, site="KZ-TST-0001", server_url=server.base)


@pytest.fixture
def store(config: KioskConfig) -> Iterator[Store]:
    with Store(config.store_path) as opened:
        migrate(opened)
        services.ensure_kiosk_registered(opened, NOW)
        yield opened


def _bundle() -> dict[str, Any]:
    entry = {
        "fullUrl": "urn:uuid:1",
        "resource": {"resourceType": "Patient"},
        "request": {"method": "POST", "url": "Patient"},
    }
    return {"resourceType": "Bundle", "type": "transaction", "entry": [entry]}


@pytest.mark.parametrize("mode", ["oversize", "endless", "bomb"])
def test_send_refuses_a_body_past_the_cap(server: Any, mode: str) -> None:
    server.mode = mode
    client = FhirClient(server.base, timeout=10)
    outcome = client.send(_bundle(), NOW)
    client.close()
    assert outcome.verdict is Verdict.RETRY and outcome.status is None
    assert outcome.error is not None
    text = outcome.error["issue"][0]["details"]["text"]
    assert text == translate("security.response_too_large", limit=LIMIT)


@pytest.mark.parametrize("mode", ["oversize", "endless", "bomb"])
def test_get_raises_past_the_cap(server: Any, mode: str) -> None:
    server.mode = mode
    client = FhirClient(server.base, timeout=10)
    with pytest.raises(ResponseTooLarge) as refused:
        client.get("Task", {"requester": "Device/k"})
    client.close()
    assert str(refused.value) == translate("security.response_too_large", limit=LIMIT)
    assert "8 MiB" in str(refused.value)


def test_a_body_under_the_cap_is_read_whole(server: Any) -> None:
    client = FhirClient(server.base, timeout=10)
    client.max_response_bytes = 1000
    outcome = client.send(_bundle(), NOW)
    client.close()
    assert outcome.verdict is Verdict.ACKED
    assert outcome.entries[0]["status"] == "201 Created"


def test_malformed_json_is_retried_not_acked(server: Any) -> None:
    server.mode = "malformed"
    client = FhirClient(server.base, timeout=10)
    outcome = client.send(_bundle(), NOW)
    with pytest.raises(ValueError):
        client.get("Task").json()
    client.close()
    assert outcome.verdict is Verdict.RETRY
    assert outcome.error is not None
    assert "not a transaction-response" in outcome.error["issue"][0]["details"]["text"]


def test_outbox_item_waits_for_a_later_pass(server: Any, store: Store, config: KioskConfig) -> None:
    enc = add_encounter(store)
    server.mode = "endless"
    engine = SyncEngine(store, config, now=lambda: LATER)
    engine.run_once()
    engine.close()
    tried = store.query("SELECT * FROM outbox WHERE attempts > 0")
    assert tried and all(item["state"] == "pending" for item in tried)
    assert all("8 MiB" in item["last_error"] for item in tried)
    assert store.scalar("SELECT count(*) FROM outbox WHERE state = 'acked'") == 0
    server.mode = "ok"
    later = SyncEngine(store, config, now=lambda: LATER + dt.timedelta(days=1))
    later.run_once()
    later.close()
    assert row(store, "encounter", enc)["state"] == "acked"


@pytest.mark.parametrize("mode", ["oversize", "endless", "malformed"])
def test_pull_stops_cleanly_and_stores_nothing(server: Any, store: Store, mode: str) -> None:
    with store.transaction() as conn:
        set_state(conn, KIOSK_SERVER_ID_KEY, "kiosk-1")
    server.mode = mode
    client = FhirClient(server.base, timeout=10)
    report = Puller(store, client, lambda: LATER).run()
    assert _fetch(client, "Task/t1") is False  # the teleconsult reply waits as well
    client.close()
    assert report.error is not None and report.pages == 0 and report.stored == 0
    assert store.scalar("SELECT count(*) FROM pulled_resources") == 0
    assert store.scalar("SELECT count(*) FROM sync_state WHERE key LIKE 'pull%'") == 0


@pytest.mark.parametrize("mode", ["oversize", "endless"])
def test_specialist_console_shows_the_translated_refusal(server: Any, mode: str) -> None:
    server.mode = mode
    http = ReviewHttp(server.base, token="t0k3n", timeout=10)
    with pytest.raises(UserFacingError) as refused:
        http.read("Task", "t1")
    http.close()
    assert refused.value.key == "security.response_too_large"
    assert str(refused.value) == translate("security.response_too_large", limit=LIMIT)
