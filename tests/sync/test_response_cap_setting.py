"""``[server]`` settings reach sync from ``config.toml`` through :func:`kiosk.config.load_config`
alone: ``max_response_mib`` caps what a real sync reads from a real local HTTP server, and
``photo_max_bytes`` is the photo upload budget."""

from __future__ import annotations

import contextlib
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk import services
from kiosk.config import KioskConfig, load_config
from kiosk.errors import UserFacingError
from kiosk.i18n import translate
from kiosk.settings_schema import BY_KEY
from kiosk.store import Store, migrate
from sync.client import FhirClient
from sync.engine import SyncEngine
from sync.http_guard import MAX_RESPONSE_BYTES
from sync.settings import PHOTO_MAX_BYTES, SyncSettings
from sync.specialist_http import ReviewHttp
from tests.sync.test_engine import LATER, NOW, SERVER, add_encounter, ok_entries, row
from tests.sync.test_photos import Clock, FakeFhir, add_visit, make_engine, photo_item

MIB = 1024 * 1024
#: The transaction-response is padded with JSON white space to this size: over 1 MiB,
#: well under the default 8 MiB.
ANSWER_BYTES = 2 * MIB
NO_ENV: dict[str, str] = {}


class _Padded(http.server.BaseHTTPRequestHandler):
    """Acks every transaction with a valid transaction-response of ``ANSWER_BYTES``;
    searches get a small empty Bundle."""

    server: Any

    def _send(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/fhir+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def do_POST(self) -> None:
        request = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
        self.server.posts += 1
        body = json.dumps(ok_entries(request)[1]).encode()
        self._send(body + b" " * (ANSWER_BYTES - len(body)))

    def do_GET(self) -> None:
        self._send(json.dumps({"resourceType": "Bundle", "type": "searchset"}).encode())

    def log_message(self, format: str, *args: Any) -> None:
        return


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    monkeypatch.setenv("NO_PROXY", "*")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Padded)
    httpd.daemon_threads = True
    httpd.posts = 0  # type: ignore[attr-defined]
    httpd.base = f"http://127.0.0.1:{httpd.server_address[1]}/fhir"  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(10)


def configured(data_dir: Path, url: str, extra: str = "") -> KioskConfig:
    """The kiosk's config as ``kiosk run`` loads it, from a written ``config.toml``."""
    data_dir.mkdir(parents=True, exist_ok=True)
    text = f'site = "KZ-TST-0001"\n[server]\nurl = "{url}"\ntimeout = 30\n{extra}'
    (data_dir / "config.toml").write_text(text, encoding="utf-8")
    return load_config(data_dir, NO_ENV)


@contextlib.contextmanager
def opened_store(config: KioskConfig) -> Iterator[Store]:
    with Store(config.store_path) as store:
        migrate(store)
        services.ensure_kiosk_registered(store, NOW)
        yield store


def test_the_defaults_agree_with_sync() -> None:
    assert BY_KEY["server.max_response_mib"].default * MIB == MAX_RESPONSE_BYTES
    assert BY_KEY["server.photo_max_bytes"].default == PHOTO_MAX_BYTES == 250 * 1024
    assert SyncSettings().max_response_bytes == MAX_RESPONSE_BYTES
    assert FhirClient("https://h.example/fhir").max_response_bytes == MAX_RESPONSE_BYTES


def test_a_one_mib_cap_refuses_a_two_mib_answer_and_the_default_takes_it(
    server: Any, tmp_path: Path
) -> None:
    capped = configured(tmp_path / "capped", server.base, "max_response_mib = 1\n")
    assert capped.server_max_response_bytes == MIB
    with opened_store(capped) as store:
        enc = add_encounter(store)
        engine = SyncEngine(store, capped, now=lambda: LATER)
        assert engine.client.max_response_bytes == MIB
        engine.run_once()
        engine.close()
        tried = store.query("SELECT * FROM outbox WHERE attempts > 0")
        refused = translate("security.response_too_large", limit="1 MiB")
        assert tried and all(item["state"] == "pending" for item in tried)
        assert all(refused in item["last_error"] for item in tried)
        assert store.scalar("SELECT count(*) FROM outbox WHERE state = 'acked'") == 0
        assert row(store, "encounter", enc)["state"] != "acked"
    assert server.posts >= 1  # the answer came and was refused, not a dead link

    default = configured(tmp_path / "default", server.base)
    assert default.server_max_response_bytes == MAX_RESPONSE_BYTES
    with opened_store(default) as store:
        enc = add_encounter(store)
        engine = SyncEngine(store, default, now=lambda: LATER)
        report = engine.run_once()
        engine.close()
        assert report.error is None
        assert row(store, "encounter", enc)["state"] == "acked"


def test_the_specialist_console_keeps_the_default_cap(server: Any) -> None:
    """The console has no ``config.toml``: a 2 MiB answer is under its 8 MiB default;
    a console given a smaller cap refuses it with the translated message."""
    bundle = {"resourceType": "Bundle", "type": "transaction", "entry": []}
    http = ReviewHttp(server.base, timeout=30)
    assert http.max_response_bytes == MAX_RESPONSE_BYTES
    created = http.create(bundle)
    http.close()
    assert created["resourceType"] == "Bundle"
    small = ReviewHttp(server.base, timeout=30, max_response_bytes=MIB)
    with pytest.raises(UserFacingError) as refused:
        small.create(bundle)
    small.close()
    assert str(refused.value) == translate("security.response_too_large", limit="1 MiB")


def test_photo_max_bytes_in_the_file_takes_effect(tmp_path: Path) -> None:
    config = configured(tmp_path, SERVER, "photo_max_bytes = 16384\n")
    assert config.server_photo_max_bytes == 16_384
    with opened_store(config) as store:
        _, [photo] = add_visit(store, config, photo_count=1)
        assert photo.size > 16_384
        server = FakeFhir()
        with make_engine(store, config, server, Clock()) as engine:
            assert engine.client.settings.photo_max_bytes == 16_384
            report = engine.run_once()
        assert report.photos_quarantined == 1 and server.photo_requests() == []
        text = json.loads(photo_item(store, photo.id)["last_error"])["issue"][0]["details"]
        assert "over the upload budget of 16384 bytes" in text["text"]
