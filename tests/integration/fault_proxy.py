"""A fault-injecting HTTP proxy between the kiosk and the real FHIR test peer (issue 7).

A threaded reverse proxy on 127.0.0.1. For every request it asks its *plan* what to do:

- ``RESET``: the server never sees the request; the connection is reset (RST).
- ``DROP_AFTER_COMMIT``: forwarded, the server commits and answers, the answer is thrown
  away and the connection reset: the "lost response" of a 2G link.
- ``SERVER_ERROR``: 503 (or another 5xx) from the gateway; the server never sees it.
- ``TOO_MANY``: 429 with ``Retry-After`` in seconds or as an HTTP date.
- ``SLOW``: forwarded and committed, the answer held back ``delay`` seconds (client timeout).
- ``TRUNCATE``: forwarded and committed; the answer's ``Content-Length`` is larger than the
  body that is sent before the connection closes.
- ``REJECT``: 400 + OperationOutcome, as the hospital does for one bad encounter.

Plans: :class:`RandomFaultPlan` (seeded; a shuffled deck of every fault kind so each one is
hit, plus "reject this Encounter id" and "drop the first encounter's answer after commit"),
or any callable ``plan(request) -> Action | None``. A :class:`~tests.integration.link_emulator.
LinkEmulator` can shape the link (bandwidth, RTT, loss, cuts). Wire bytes are counted at the
HTTP level (request line, headers and body each way), not TCP/IP overhead.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import email.utils
import enum
import gzip
import http.client
import http.server
import json
import random
import socket
import struct
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable
from typing import Any

from tests.integration.link_emulator import LinkEmulator

HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "transfer-encoding",
        "te",
        "trailer",
        "upgrade",
        "proxy-connection",
    }
)


class Fault(enum.Enum):
    RESET = "reset"
    DROP_AFTER_COMMIT = "drop-after-commit"
    SERVER_ERROR = "5xx"
    TOO_MANY = "429"
    SLOW = "slow"
    TRUNCATE = "truncate"
    REJECT = "reject"


#: Faults a random plan deals; REJECT is only for the chosen encounter.
RANDOM_FAULTS = (
    Fault.RESET,
    Fault.DROP_AFTER_COMMIT,
    Fault.SERVER_ERROR,
    Fault.TOO_MANY,
    Fault.SLOW,
    Fault.TRUNCATE,
)


@dataclasses.dataclass(frozen=True)
class Action:
    fault: Fault
    status: int = 503
    retry_after: str | None = None
    delay: float = 0.0
    text: str = "injected fault"


@dataclasses.dataclass(frozen=True)
class Request:
    index: int
    method: str
    path: str
    headers: dict[str, str]
    body: bytes  # decoded (gzip request bodies are inflated)

    def bundle(self) -> dict[str, Any] | None:
        try:
            document = json.loads(self.body)
        except (ValueError, UnicodeDecodeError):
            return None
        return document if isinstance(document, dict) else None

    def encounter_ids(self) -> list[str]:
        document = self.bundle() or {}
        return [
            str(entry["resource"]["id"])
            for entry in document.get("entry") or []
            if isinstance(entry, dict)
            and (entry.get("resource") or {}).get("resourceType") == "Encounter"
            and entry["resource"].get("id")
        ]


Plan = Callable[[Request], Action | None]


def operation_outcome(text: str, expression: str | None = None) -> dict[str, Any]:
    issue: dict[str, Any] = {"severity": "error", "code": "invalid", "details": {"text": text}}
    if expression:
        issue["expression"] = [expression]
    return {"resourceType": "OperationOutcome", "issue": [issue]}


class RandomFaultPlan:
    """Seeded faults on ``rate`` of the requests, dealt from a shuffled deck of every kind.

    ``cover_all``: the first round of the deck is dealt to consecutive requests, so every
    fault kind is met at least once in each run whatever the seed.

    ``reject_encounter``: every transaction holding that Encounter id gets 400.
    ``drop_first_encounter``: the first other encounter transaction is committed and its
    answer lost, so the lost-response path is exercised in every run.
    """

    def __init__(
        self,
        seed: int,
        rate: float = 0.35,
        *,
        reject_encounter: str | None = None,
        drop_first_encounter: bool = True,
        slow_delay: float = 3.0,
        cover_all: bool = True,
    ) -> None:
        self.rng = random.Random(seed)
        self.rate = rate
        self.reject_encounter = reject_encounter
        self.drop_first_encounter = drop_first_encounter
        self.slow_delay = slow_delay
        self.enabled = True
        self._deck: list[Fault] = []
        self._first_round_done = not cover_all

    def _deal(self) -> Fault:
        if not self._deck:
            self._deck = list(RANDOM_FAULTS)
            self.rng.shuffle(self._deck)
        return self._deck.pop()

    def __call__(self, request: Request) -> Action | None:
        encounters = request.encounter_ids() if request.method == "POST" else []
        if self.reject_encounter and self.reject_encounter in encounters:
            text = f"Encounter/{self.reject_encounter} refused: Missing required property"
            return Action(Fault.REJECT, 400, text=text)
        if not self.enabled:
            return None
        if encounters and self.drop_first_encounter:
            self.drop_first_encounter = False
            return Action(Fault.DROP_AFTER_COMMIT)
        if self._first_round_done and self.rng.random() >= self.rate:
            return None
        fault = self._deal()
        self._first_round_done = self._first_round_done or not self._deck
        if fault is Fault.SERVER_ERROR:
            return Action(fault, self.rng.choice((500, 502, 503, 504)))
        if fault is Fault.TOO_MANY:
            wait = self.rng.randint(1, 90)
            if self.rng.random() < 0.5:
                return Action(fault, 429, retry_after=str(wait))
            moment = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=wait)
            return Action(fault, 429, retry_after=email.utils.format_datetime(moment, True))
        if fault is Fault.SLOW:
            return Action(fault, delay=self.slow_delay)
        return Action(fault)


class FaultProxy:
    """``http://127.0.0.1:{port}{path}`` → ``upstream``; start, then use :attr:`base_url`."""

    def __init__(
        self, upstream: str, plan: Plan | None = None, link: LinkEmulator | None = None
    ) -> None:
        parsed = urllib.parse.urlsplit(upstream)
        self.upstream_host = parsed.hostname or "127.0.0.1"
        self.upstream_port = parsed.port or 80
        self.path = parsed.path.rstrip("/")
        self.plan = plan
        self.link = link
        self.faults: Counter[Fault] = Counter()
        #: (method, path, fault, bytes up, bytes down) per request
        self.log: list[tuple[str, str, Fault | None, int, int]] = []
        #: wall seconds the upstream server took (forwarded requests only)
        self.upstream_s = 0.0
        self.requests = 0
        self.bytes_up = 0
        self.bytes_down = 0
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.proxy = self
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}{self.path}"

    def start(self) -> FaultProxy:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def reset_counters(self) -> None:
        with self._lock:
            self.faults.clear()
            self.log.clear()
            self.requests = self.bytes_up = self.bytes_down = 0
            self.upstream_s = 0.0

    def _record(self, request: Request, fault: Fault | None, up: int, down: int) -> None:
        with self._lock:
            self.log.append((request.method, request.path, fault, up, down))
            self.bytes_up += up
            self.bytes_down += down

    def _count(self, fault: Fault | None) -> None:
        """Counted when decided (a stalled answer may still be asleep when a test looks)."""
        if fault is not None:
            with self._lock:
                self.faults[fault] += 1

    def _next_index(self) -> int:
        with self._lock:
            self.requests += 1
            return self.requests


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    proxy: FaultProxy


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def do_PUT(self) -> None:
        self._handle()

    def do_DELETE(self) -> None:
        self._handle()

    # -- one request ---------------------------------------------------------------------------
    def _handle(self) -> None:
        proxy = self.server.proxy
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        head = len(self.requestline) + 2 + len(bytes(self.headers))
        body = gzip.decompress(raw) if "gzip" in self.headers.get("Content-Encoding", "") else raw
        request = Request(proxy._next_index(), self.command, self.path, dict(self.headers), body)
        action = proxy.plan(request) if proxy.plan is not None else None
        up = head + len(raw)
        link = proxy.link
        if link is not None:
            if not link.transfer(up, upstream=True):
                proxy._count(Fault.RESET)
                return self._reset(request, Fault.RESET, up)
            if action is None and link.lose():
                lost = link.rng.random() < 0.5
                action = Action(Fault.DROP_AFTER_COMMIT if lost else Fault.RESET)
        fault = None if action is None else action.fault
        proxy._count(fault)
        if action is not None and action.fault is Fault.RESET:
            return self._reset(request, fault, up)
        if action is not None and action.fault in (
            Fault.SERVER_ERROR,
            Fault.TOO_MANY,
            Fault.REJECT,
        ):
            return self._answer_locally(request, action, up)
        status, headers, payload = self._forward(raw)
        if action is not None and action.fault is Fault.DROP_AFTER_COMMIT:
            return self._reset(request, fault, up)
        if action is not None and action.fault is Fault.SLOW:
            time.sleep(action.delay)
        header_block = self._header_block(status, headers, len(payload), action)
        down = len(header_block) + len(payload)
        if link is not None and not link.transfer(down, upstream=False):
            proxy._count(Fault.DROP_AFTER_COMMIT)
            return self._reset(request, Fault.DROP_AFTER_COMMIT, up)
        sent = payload
        if action is not None and action.fault is Fault.TRUNCATE:
            sent = payload[: len(payload) // 2]
            self.close_connection = True
        try:
            self.wfile.write(header_block + sent)
            self.wfile.flush()
        except OSError:
            self.close_connection = True
        proxy._record(request, fault, up, len(header_block) + len(sent))

    def _forward(self, raw: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
        proxy = self.server.proxy
        conn = http.client.HTTPConnection(proxy.upstream_host, proxy.upstream_port, timeout=60)
        started = time.monotonic()
        try:
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
            conn.request(self.command, self.path, body=raw or None, headers=headers)
            response = conn.getresponse()
            payload = response.read()
            kept = [(k, v) for k, v in response.getheaders() if k.lower() not in HOP_BY_HOP]
            return response.status, kept, payload
        finally:
            conn.close()
            with proxy._lock:
                proxy.upstream_s += time.monotonic() - started

    def _header_block(
        self, status: int, headers: list[tuple[str, str]], length: int, action: Action | None
    ) -> bytes:
        lines = [f"HTTP/1.1 {status} {http.client.responses.get(status, '')}"]
        for key, value in headers:
            if key.lower() != "content-length":
                lines.append(f"{key}: {value}")
        truncated = action is not None and action.fault is Fault.TRUNCATE
        lines.append(f"Content-Length: {length}")
        if truncated:
            lines.append("Connection: close")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    def _answer_locally(self, request: Request, action: Action, up: int) -> None:
        text = action.text if action.fault is Fault.REJECT else f"{action.text} ({action.status})"
        expression = "Observation.code" if action.fault is Fault.REJECT else None
        payload = json.dumps(operation_outcome(text, expression)).encode()
        self.send_response(action.status)
        self.send_header("Content-Type", "application/fhir+json")
        self.send_header("Content-Length", str(len(payload)))
        if action.retry_after is not None:
            self.send_header("Retry-After", action.retry_after)
        self.end_headers()
        self.wfile.write(payload)
        self.server.proxy._record(request, action.fault, up, len(payload) + 200)

    def _reset(self, request: Request, fault: Fault | None, up: int) -> None:
        """Close with RST: the client sees a reset, never an answer."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.server.proxy._record(request, fault, up, 0)
