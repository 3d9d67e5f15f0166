"""Photos on their own lane (fhir-mapping.md §3.5, §5, §6) against a fake HTTP server.

Real JPEGs are made with kiosk.media (``save_photo`` on synthesised scenes); the server is a
``requests`` adapter that keeps Binaries and Media in dicts. The real server is exercised
in tests/integration/test_sync_photos_e2e.py.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from fhir.resources.R4B.media import Media
from requests.adapters import BaseAdapter
from requests.models import PreparedRequest, Response

from kiosk import services
from kiosk.config import KioskConfig, load_config
from kiosk.domain import DeviceIdentity, Measurement, Sex
from kiosk.media import photos as media_photos
from kiosk.store import Store, migrate, outbox
from sync import photos
from sync.bundles import encounter_bundle_for
from sync.engine import SyncEngine
from sync.settings import PHOTO_MAX_BYTES, SyncSettings
from tests.kiosk.media import synth

NOW = dt.datetime(2026, 11, 26, 4, 0, tzinfo=dt.UTC)
SERVER = "https://fhir.test/R4"
DEVICE = DeviceIdentity("contec-v7", "contec-v7-SN77", "Contec", "CMS50D", "SN77")
KIOSK_SERVER_ID = "srv-kiosk-device"


class FakeFhir(BaseAdapter):
    """Transactions are acked entry by entry; ``PUT Binary`` / ``PUT Media`` are kept;
    ``GET Binary`` answers the bytes (through ``corrupt`` when set). ``log`` holds
    (method, path) of every request; ``on_request`` runs before each answer."""

    def __init__(self) -> None:
        super().__init__()
        self.binaries: dict[str, bytes] = {}
        self.binary_headers: dict[str, dict[str, str]] = {}
        self.media: dict[str, dict[str, Any]] = {}
        self.log: list[tuple[str, str]] = []
        self.corrupt: Callable[[bytes], bytes] | None = None
        self.fail: Callable[[str, str], int | None] = lambda method, path: None
        self.on_request: Callable[[str, str], None] = lambda method, path: None
        self.get_headers: list[dict[str, str]] = []
        self.encounters_at: dict[str, int] = {}  # Encounter id → index in ``log``

    def send(self, request: PreparedRequest, **kwargs: Any) -> Response:
        path = str(request.url).removeprefix(SERVER).strip("/")
        method = str(request.method)
        self.log.append((method, path))
        self.on_request(method, path)
        body = request.body if isinstance(request.body, bytes) else b""
        status = self.fail(method, path)
        if status is not None:
            return _answer(request, status, {"resourceType": "OperationOutcome", "issue": []})
        if method == "POST" and path == "":
            bundle = json.loads(body)
            for entry in bundle["entry"]:
                if entry["resource"]["resourceType"] == "Encounter":
                    self.encounters_at[entry["resource"]["id"]] = len(self.log) - 1
            return _answer(request, 200, _transaction_response(bundle))
        kind, _, rid = path.partition("/")
        if method == "PUT" and kind == "Binary":
            self.binaries[rid] = body
            self.binary_headers[rid] = dict(request.headers)
            return _answer(request, 200, None, {"Location": f"{SERVER}/{path}/_history/1"})
        if method == "PUT" and kind == "Media":
            self.media[rid] = json.loads(body)
            return _answer(request, 201, None, {"ETag": 'W/"1"'})
        if method == "GET" and kind == "Binary":
            self.get_headers.append(dict(request.headers))
            if rid not in self.binaries:
                return _answer(request, 404, {"resourceType": "OperationOutcome", "issue": []})
            data = self.binaries[rid]
            return _answer(request, 200, self.corrupt(data) if self.corrupt else data)
        raise AssertionError(f"unexpected {method} {path}")

    def close(self) -> None:
        pass

    def photo_requests(self) -> list[tuple[str, str]]:
        return [(m, p) for m, p in self.log if p.startswith(("Binary", "Media"))]


def _transaction_response(bundle: dict[str, Any]) -> dict[str, Any]:
    entries = []
    for entry in bundle["entry"]:
        resource = entry["resource"]
        rtype = resource["resourceType"]
        rid = resource.get("id") or (
            KIOSK_SERVER_ID if rtype == "Device" else f"srv-{rtype.lower()}"
        )
        entries.append({"response": {"status": "201 Created", "location": f"{rtype}/{rid}/_h/1"}})
    return {"resourceType": "Bundle", "type": "transaction-response", "entry": entries}


def _answer(
    request: PreparedRequest, status: int, body: Any, headers: dict[str, str] | None = None
) -> Response:
    response = Response()
    response.status_code = status
    response.reason = "fake"
    if isinstance(body, bytes):
        response.headers["Content-Type"] = "image/jpeg"
        response._content = body
    else:
        response.headers["Content-Type"] = "application/fhir+json"
        response._content = b"" if body is None else json.dumps(body).encode()
    response.headers.update(headers or {})
    response.url = str(request.url)
    response.request = request
    return response


class Clock:
    def __init__(self) -> None:
        self.at = NOW + dt.timedelta(hours=1)

    def __call__(self) -> dt.datetime:
        return self.at

    def later(self, hours: float = 2) -> None:
        self.at += dt.timedelta(hours=hours)


@pytest.fixture
def config(tmp_path: Path) -> KioskConfig:
    return KioskConfig(data_dir=tmp_path, site="KZ-TST-0001", server_url=SERVER, server_timeout=5)


@pytest.fixture
def store(config: KioskConfig) -> Iterator[Store]:
    with Store(config.store_path) as opened:
        migrate(opened)
        services.ensure_kiosk_registered(opened, NOW)
        yield opened


def add_visit(
    store: Store, config: KioskConfig, photo_count: int = 2, index: int = 0, edge: int = 640
) -> tuple[str, list[media_photos.Photo]]:
    """A saved encounter (SpO2 + pulse) with ``photo_count`` real JPEGs."""
    at = NOW + dt.timedelta(minutes=10 * index)
    patient = services.register_patient(
        store, family=f"Фотова{index}", given="Анна", birth_date=dt.date(1990, 1, 2),
        sex=Sex.FEMALE, now=at,
    )  # fmt: skip
    enc = services.start_encounter(store, patient_id=patient.id, site=config.site, now=at)
    for rtype, value, unit in (("spo2", 97, "%"), ("pulse_rate", 72, "/min")):
        services.record_reading(
            store, encounter_id=enc.id, identity=DEVICE, now=at,
            measurement=Measurement("contec-v7", rtype, value, unit),
        )  # fmt: skip
    taken = [
        media_photos.save_photo(
            store, media_dir=config.media_dir, encounter_id=enc.id,
            image=synth.scene(edge, edge * 3 // 4, seed=index * 10 + n),
            now=at + dt.timedelta(seconds=40 + n), site="face" if n == 0 else None,
            note="rash, 3 days" if n == 0 else "",
        )
        for n in range(photo_count)
    ]  # fmt: skip
    services.save_encounter(store, encounter_id=enc.id, now=at + dt.timedelta(minutes=3))
    return enc.id, taken


def make_engine(
    store: Store, config: KioskConfig, server: FakeFhir, clock: Clock, **kw: Any
) -> SyncEngine:
    session = requests.Session()
    session.mount("https://", server)
    return SyncEngine(store, config, session, now=clock, rng=random.Random(5), **kw)


def photo_item(store: Store, media_id: str) -> dict[str, Any]:
    return store.query("SELECT * FROM outbox WHERE kind = 'binary' AND ref = ?", (media_id,))[0]


# --- the happy path -----------------------------------------------------------------------------


def test_binary_then_media_then_read_back_after_the_encounter(
    store: Store, config: KioskConfig
) -> None:
    encounter_id, taken = add_visit(store, config)
    server = FakeFhir()
    with make_engine(store, config, server, Clock()) as engine:
        report = engine.run_once()
    assert report.done and report.photos_acked == 2 and report.photos_pending == 0
    assert report.to_json()["photos"] == {"acked": 2, "pending": 0, "quarantined": 0}
    first_photo = server.log.index(("PUT", f"Binary/{taken[0].id}"))
    assert ("POST", "") in server.log[:first_photo]  # every transaction before any photo
    assert all(path.startswith(("Binary", "Media")) for _, path in server.log[first_photo:])
    assert server.photo_requests() == [
        step
        for photo in taken
        for step in (
            ("PUT", f"Binary/{photo.id}"),
            ("PUT", f"Media/{photo.id}"),
            ("GET", f"Binary/{photo.id}"),
        )
    ]
    for photo in taken:
        sent = server.binaries[photo.id]
        sent_file = media_photos.read_file(store, config.media_dir, photo.path)
        assert sent == sent_file  # raw bytes, not base64
        headers = server.binary_headers[photo.id]
        assert headers["Content-Type"] == "image/jpeg"
        assert headers["Prefer"] == "return=minimal"
        media = server.media[photo.id]
        Media.model_validate(media)
        content = media["content"]
        assert content["url"] == f"Binary/{photo.id}" and content["size"] == len(sent)
        assert content["hash"] == base64.b64encode(hashlib.sha1(sent).digest()).decode()
        assert content["contentType"] == "image/jpeg" and content["title"]
        assert media["status"] == "completed" and media["type"]["coding"][0]["code"] == "image"
        assert media["subject"] == {"reference": f"Patient/{taken[0].patient_id}"}
        assert media["device"] == {"reference": f"Device/{KIOSK_SERVER_ID}"}
        assert (media["width"], media["height"]) == (photo.width, photo.height)
        item = photo_item(store, photo.id)
        assert item["state"] == "acked"
        assert photos.READ_BACK_STATUS in item["response"]
    bundle = encounter_bundle_for(store, config, encounter_id)
    sent_encounter = bundle["entry"][0]["resource"]
    media = server.media[taken[0].id]
    assert media["encounter"] == {"reference": f"Encounter/{sent_encounter['id']}"}
    assert media["bodySite"]["coding"][0] == {
        "system": "http://snomed.info/sct", "code": "89545001", "display": "Face structure",
    }  # fmt: skip
    assert media["note"] == [{"text": "rash, 3 days"}]
    assert "bodySite" not in server.media[taken[1].id]
    assert all(h["Accept"] == "image/jpeg" for h in server.get_headers)

    server.log.clear()  # a second pass sends nothing
    with make_engine(store, config, server, Clock()) as engine:
        assert engine.run_once().acked == 0
    assert server.log == []


def test_photos_of_a_draft_are_held_and_not_pending(store: Store, config: KioskConfig) -> None:
    patient = services.register_patient(
        store, family="Черновик", given="Анна", birth_date=dt.date(1990, 1, 2), now=NOW
    )
    enc = services.start_encounter(store, patient_id=patient.id, site=config.site, now=NOW)
    media_photos.save_photo(
        store, media_dir=config.media_dir, encounter_id=enc.id, image=synth.scene(320, 240),
        now=NOW,
    )  # fmt: skip
    server = FakeFhir()
    with make_engine(store, config, server, Clock()) as engine:
        report = engine.run_once()
    assert report.pending == 0 and report.photos_pending == 0 and report.retry_in is None
    assert server.photo_requests() == []


# --- verification by hash -------------------------------------------------------------------------


def test_a_read_back_mismatch_is_uploaded_again(store: Store, config: KioskConfig) -> None:
    _, [photo] = add_visit(store, config, photo_count=1)
    server, clock = FakeFhir(), Clock()
    server.corrupt = lambda data: data[:-1] + b"\x00"
    with make_engine(store, config, server, clock) as engine:
        report = engine.run_once()
        item = photo_item(store, photo.id)
        assert item["state"] == "pending" and report.photos_pending == 1
        assert "does not match" in item["last_error"]
        server.corrupt = None
        clock.later()
        assert engine.run_once().photos_acked == 1
    assert photo_item(store, photo.id)["state"] == "acked"
    assert server.photo_requests().count(("PUT", f"Binary/{photo.id}")) == 2
    assert store.scalar("SELECT count(*) FROM sync_state WHERE key LIKE 'photo_mismatches:%'") == 0


def test_repeated_mismatch_is_quarantined(store: Store, config: KioskConfig) -> None:
    _, [photo] = add_visit(store, config, photo_count=1)
    server, clock = FakeFhir(), Clock()
    server.corrupt = lambda data: data[: len(data) // 2]
    with make_engine(store, config, server, clock) as engine:
        for _ in range(photos.MISMATCH_LIMIT):
            engine.run_once()
            clock.later()
        report = engine.run_once()
    item = photo_item(store, photo.id)
    assert item["state"] == "quarantined" and report.photos_quarantined == 1
    assert "does not match" in json.loads(item["last_error"])["issue"][0]["details"]["text"]
    assert server.photo_requests().count(("PUT", f"Binary/{photo.id}")) == photos.MISMATCH_LIMIT


# --- refused before any airtime -------------------------------------------------------------------


def test_a_missing_file_is_quarantined_and_nothing_sent(store: Store, config: KioskConfig) -> None:
    _, [gone, changed] = add_visit(store, config, photo_count=2)
    (config.media_dir / gone.path).unlink()
    media_photos.reconcile(store, config.media_dir)  # start-up marks it 'missing'
    data = bytearray((config.media_dir / changed.path).read_bytes())
    data[-3] ^= 0xFF  # same size, different bytes: the SHA-256 no longer matches
    (config.media_dir / changed.path).write_bytes(bytes(data))
    server = FakeFhir()
    with make_engine(store, config, server, Clock()) as engine:
        report = engine.run_once()
    assert report.photos_quarantined == 2 and report.quarantined == 2
    assert server.photo_requests() == []
    texts = {
        p.id: json.loads(photo_item(store, p.id)["last_error"])["issue"][0]["details"]["text"]
        for p in (gone, changed)
    }
    assert "missing on the kiosk" in texts[gone.id]
    assert "does not match its record" in texts[changed.id]


def test_a_photo_over_the_budget_is_quarantined(store: Store, config: KioskConfig) -> None:
    _, [photo] = add_visit(store, config, photo_count=1)
    assert PHOTO_MAX_BYTES == 250 * 1024
    server = FakeFhir()
    settings = SyncSettings(photo_max_bytes=photo.size - 1)
    with make_engine(store, config, server, Clock(), settings=settings) as engine:
        report = engine.run_once()
    assert report.photos_quarantined == 1 and server.photo_requests() == []
    text = json.loads(photo_item(store, photo.id)["last_error"])["issue"][0]["details"]["text"]
    assert f"over the upload budget of {photo.size - 1} bytes" in text


def test_budget_from_the_config_file(config: KioskConfig) -> None:
    def budget() -> int:
        return SyncSettings.from_config(load_config(config.data_dir, {})).photo_max_bytes

    assert budget() == PHOTO_MAX_BYTES
    (config.data_dir / "config.toml").write_text("[server]\nphoto_max_bytes = 100000\n")
    assert budget() == 100_000


# --- the lane: a photo never holds back the vitals ------------------------------------------------


def test_a_slow_photo_lets_new_encounters_go_first(store: Store, config: KioskConfig) -> None:
    """Encounters saved while a large photo uploads are sent before the next photo."""
    first, taken = add_visit(store, config, photo_count=2, edge=1600)
    server = FakeFhir()
    arrived: list[str] = []

    def during_upload(method: str, path: str) -> None:
        if method == "PUT" and path == f"Binary/{taken[0].id}" and not arrived:
            arrived.append(add_visit(store, config, photo_count=0, index=1)[0])
            arrived.append(add_visit(store, config, photo_count=0, index=2)[0])

    server.on_request = during_upload
    with make_engine(store, config, server, Clock()) as engine:
        report = engine.run_once()
    assert report.done and report.photos_acked == 2
    log, at = server.log, server.encounters_at
    first_photo = log.index(("PUT", f"Binary/{taken[0].id}"))
    second_photo = log.index(("PUT", f"Binary/{taken[1].id}"))
    assert at[first] < first_photo  # the photo's own encounter first (its dependency)
    assert all(first_photo < at[e] < second_photo for e in arrived)  # then the newcomers
    assert outbox.counts(store)["acked"] == len(store.query("SELECT id FROM outbox"))


def test_a_failing_photo_never_blocks_clinical_items(store: Store, config: KioskConfig) -> None:
    _, [photo] = add_visit(store, config, photo_count=1)
    server, clock = FakeFhir(), Clock()
    server.fail = lambda method, path: 503 if path.startswith("Binary") else None
    with make_engine(store, config, server, clock) as engine:
        report = engine.run_once()
        assert report.photos_pending == 1 and report.pending == 1 and report.retry_in
        later, _ = add_visit(store, config, photo_count=0, index=1)
        report = engine.run_once()  # the photo is backing off; the encounter goes
        assert dict(store.query("SELECT state FROM outbox WHERE ref = ?", (later,))[0]) == {
            "state": "acked"
        }
        assert photo_item(store, photo.id)["state"] == "pending"
        server.fail = lambda method, path: None
        clock.later(1)
        assert engine.run_once().photos_acked == 1
    assert outbox.counts(store)["pending"] == 0
