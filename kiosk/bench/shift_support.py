"""Parts of the shift benchmark (:mod:`kiosk.bench.b_shift`): a flapping HTTP peer, the
outbox pusher that talks to it, and the photographer."""

from __future__ import annotations

import datetime as dt
import http.server
import importlib
import json
import random
import threading
from pathlib import Path
from typing import Any

import requests

from kiosk.domain import utc_now
from kiosk.runtime import Runtime
from kiosk.store import outbox

PASS_LIMIT = 20
HTTP_TIMEOUT_S = 2.0


class FlappingServer:
    """An HTTP server on 127.0.0.1 that answers 200, 503, or drops the connection."""

    def __init__(self, fail_rate: float, seed: int) -> None:
        rng = random.Random(seed)
        lock = threading.Lock()
        counts = {"ok": 0, "503": 0, "dropped": 0}
        self.counts = counts

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                self.rfile.read(length)
                with lock:
                    roll = rng.random()
                if roll < fail_rate / 3:
                    counts["dropped"] += 1
                    self.close_connection = True
                    return  # the link went down mid-request: no answer at all
                if roll < fail_rate:
                    counts["503"] += 1
                    self.send_response(503)
                    self.send_header("Retry-After", "0")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                counts["ok"] += 1
                body = b'{"resourceType": "Bundle", "type": "transaction-response"}'
                self.send_response(200)
                self.send_header("Content-Type", "application/fhir+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                return

        self._server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="bench-flapping-server", daemon=True
        )
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/fhir"

    @property
    def requests(self) -> dict[str, int]:
        return dict(self.counts)

    def __enter__(self) -> FlappingServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


def push_outbox(runtime: Runtime, http: requests.Session, url: str) -> tuple[int, int]:
    """One pass: send due items in order until the link fails; returns (sent, failed)."""
    now = utc_now()
    items = runtime.read(outbox.due_items, now, PASS_LIMIT).result()
    sent = 0
    for item in items:
        runtime.write(outbox.mark_sending, item.id).result()
        body = json.dumps({"id": item.id, "kind": item.kind, "ref": item.ref})
        status: int | None = None
        try:
            response = http.post(f"{url}/{item.kind}", data=body, timeout=HTTP_TIMEOUT_S)
            status = response.status_code
            response.close()
        except requests.RequestException as error:
            error_text = type(error).__name__
        else:
            error_text = f"HTTP {status}"
        if status is not None and 200 <= status < 300:
            runtime.write(outbox.mark_acked, item.id, utc_now(), {"status": status}).result()
            sent += 1
            continue
        retry_at = utc_now() + dt.timedelta(microseconds=1)
        runtime.write(outbox.mark_retry, item.id, retry_at, status, error_text).result()
        return sent, 1  # a dead link or a busy server stops the pass, as in sync/engine.py
    return sent, 0


class Photographer:
    """One photo per visit through :mod:`kiosk.media.photos`, when it is there and works."""

    def __init__(self, media_dir: Path) -> None:
        self.media_dir = media_dir
        self.taken = 0
        self.skipped: str | None = None
        self._image: Any = None
        self._photos: Any = None
        try:
            self._photos = importlib.import_module("kiosk.media.photos")
            numpy = importlib.import_module("numpy")
        except ImportError as error:
            self.skipped = f"kiosk.media cannot be imported: {error}"
            return
        y, x = numpy.mgrid[0:1080, 0:1920]
        base = ((x // 40 + y // 40) % 2 * 120 + 60).astype(numpy.uint8)
        self._image = numpy.dstack([base, (x % 256).astype(numpy.uint8), base])

    def take(self, runtime: Runtime, encounter_id: str) -> None:
        if self.skipped is not None:
            return
        try:
            runtime.write(
                self._photos.save_photo,
                media_dir=self.media_dir,
                encounter_id=encounter_id,
                image=self._image,
                now=utc_now(),
                keep_anyway_reason="benchmark",
            ).result()
        except Exception as error:  # the media subsystem is young: report, don't stop
            self.skipped = f"save_photo failed: {type(error).__name__}: {error}"
            return
        self.taken += 1

    def report(self) -> dict[str, Any]:
        return {"taken": self.taken, "skipped": self.skipped}
