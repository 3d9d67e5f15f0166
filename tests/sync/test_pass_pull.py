"""One sync pass searches Tasks once (sync/pass_pull.py): the teleconsult step's ``Task``
search is handed to the generic pull instead of being repeated, and no update is lost.

The store is real; the server is a recording ``requests`` adapter (the real FHIR server's
proof is tests/integration/test_pull_once_e2e.py).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import urllib.parse
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from requests import PreparedRequest, Response
from requests.adapters import BaseAdapter

from kiosk import consults
from kiosk.config import KioskConfig
from kiosk.store import Store, migrate
from sync.bundles import KIOSK_SERVER_ID_KEY, set_state
from sync.engine import SyncEngine
from sync.loop import SyncLoop
from sync.pull import bookmark_key, pulled
from tests.sync.test_consult_pull import NOW, placed

SERVER = "https://fhir.test/R4"


class RecordingServer(BaseAdapter):
    """Answers ``GET Task?…`` with :attr:`tasks` and ``GET Communication?…`` with none;
    counts each search by resource type."""

    def __init__(self) -> None:
        super().__init__()
        self.tasks: list[dict[str, Any]] = []
        self.searches: Counter[str] = Counter()

    def send(self, request: PreparedRequest, **kwargs: Any) -> Response:
        url = urllib.parse.urlsplit(str(request.url))
        resource_type = url.path.rsplit("/", 1)[-1]
        assert request.method == "GET" and url.query, f"unexpected {request.method} {url.path}"
        self.searches[resource_type] += 1
        found = self.tasks if resource_type == "Task" else []
        bookmark = urllib.parse.parse_qs(url.query).get("_lastUpdated", ["gt"])[0][2:]
        entries = [{"resource": t} for t in found if t["meta"]["lastUpdated"] > bookmark]
        document = {"resourceType": "Bundle", "type": "searchset", "entry": entries}
        response = Response()
        response.status_code = 200
        response.headers.update(
            {
                "Content-Type": "application/fhir+json",
                "Date": email.utils.format_datetime(NOW, usegmt=True),
            }
        )
        response._content = json.dumps(document).encode()
        response.url, response.request = str(request.url), request
        return response

    def close(self) -> None:
        pass


def task(version: int, status: str) -> dict[str, Any]:
    stamp = f"2026-11-26T05:{version:02d}:00.000Z"
    return {
        "resourceType": "Task",
        "id": "srv",
        "meta": {"versionId": f"v{version}", "lastUpdated": stamp},
        "status": status,
        "owner": {"reference": "Practitioner/dr-a", "display": "Dr A"},
    }


@pytest.fixture
def server() -> RecordingServer:
    return RecordingServer()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "kiosk.sqlite3") as opened:
        migrate(opened)
        with opened.transaction() as conn:
            set_state(conn, KIOSK_SERVER_ID_KEY, "kiosk-1")
        yield opened


def run_pass(store: Store, server: RecordingServer, tmp_path: Path) -> Counter[str]:
    """One push + pull of the sync loop; the searches it made, by resource type."""
    config = KioskConfig(data_dir=tmp_path, site="KZ-TST-0001", server_url=SERVER)
    session = requests.Session()
    session.mount("https://", server)
    clock = NOW + dt.timedelta(hours=1)
    loop = SyncLoop(
        None, config, engine_factory=lambda s: SyncEngine(s, config, session, lambda: clock)
    )
    before = server.searches.copy()
    result = loop.run_pass(store)
    assert result.push is not None and result.push.error is None
    assert result.pull is not None and result.pull.error is None
    return server.searches - before


def test_no_open_request_one_task_search_by_the_generic_pull(
    store: Store, server: RecordingServer, tmp_path: Path
) -> None:
    server.tasks = [task(1, "requested")]
    assert run_pass(store, server, tmp_path) == Counter({"Task": 1, "Communication": 1})
    assert [t["id"] for t in pulled(store, "Task")] == ["srv"]


def test_an_open_request_is_searched_once_and_every_update_applied(
    store: Store, server: RecordingServer, tmp_path: Path
) -> None:
    consult_id = placed(store)  # the server's Task "srv", v1, requested
    with store.transaction() as conn:  # sent already: the passes only pull
        conn.execute("UPDATE outbox SET state = 'acked'")

    server.tasks = [task(2, "accepted")]
    assert run_pass(store, server, tmp_path) == Counter({"Task": 1, "Communication": 1})
    view = consults.get_consult(store, consult_id, now=NOW)
    assert (view.state, view.owner_display) == ("accepted", "Dr A")

    server.tasks = [task(2, "accepted"), task(3, "in-progress")]  # v2 is behind the bookmark
    assert run_pass(store, server, tmp_path) == Counter({"Task": 1, "Communication": 1})
    assert consults.get_consult(store, consult_id, now=NOW).state == "in-progress"
    stored = store.scalar("SELECT value FROM sync_state WHERE key = ?", (bookmark_key("Task"),))
    assert stored == "2026-11-26T05:03:00.000Z"

    assert run_pass(store, server, tmp_path) == Counter({"Task": 1, "Communication": 1})
    assert [t["meta"]["versionId"] for t in pulled(store, "Task")] == ["v3"]
