"""Cancelling a replaced request's Task (sync/consult_sync.py): ``If-Match`` on the version
the kiosk last saw; a ``412`` (the hospital moved first) re-reads and records instead of
overwriting. The store is real; the server is a unit-test fake that answers in order (the
real server's path is in tests/integration/test_consults_e2e.py)."""

from __future__ import annotations

import json
import types
from typing import Any

import requests

from kiosk import consults
from kiosk.events import ConsultChanged, Events
from kiosk.store import Store
from sync.client import Verdict
from sync.consult_sync import send_cancel
from tests.sync.test_consult_pull import NOW, Answer, placed


def task(version: str, status: str, **more: Any) -> dict[str, Any]:
    meta = {"versionId": version, "lastUpdated": f"2026-11-26T06:0{version[-1]}:00.000Z"}
    return {"resourceType": "Task", "id": "srv", "meta": meta, "status": status, **more}


class Reply(Answer):
    def __init__(self, status: int, document: dict[str, Any] | None = None) -> None:
        super().__init__(status, document)
        self.headers: dict[str, str] = {}
        self.reason = ""


class FakeClient:
    """GETs and PUTs answered from two queues; every request is logged."""

    base_url = "http://fhir.test/R4"
    timeout = 5.0
    settings = types.SimpleNamespace(verify=True)

    def __init__(self, gets: list[Reply | Exception], puts: list[Reply]) -> None:
        self.gets, self.puts = gets, puts
        self.log: list[tuple[str, str, dict[str, str], Any]] = []

    def headers(self) -> dict[str, str]:
        return {"Content-Type": "application/fhir+json", "Prefer": "return=minimal"}

    def get(self, path: str, params: object = None) -> Reply:
        self.log.append(("GET", path, {}, None))
        answer = self.gets.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    def put_if_match(self, resource: dict[str, Any], version: str) -> Reply:
        """FhirClient.put_if_match's request, logged (its headers as the real one sets)."""
        url = f"{self.base_url}/{resource['resourceType']}/{resource['id']}"
        headers = self.headers() | {"If-Match": f'W/"{version}"', "Prefer": "return=representation"}
        self.log.append(("PUT", url, headers, json.loads(json.dumps(resource))))
        return self.puts.pop(0)


def replaced(store: Store) -> str:
    consult_id = placed(store)  # on the server as Task 'srv', version v1, requested
    consults.reroute(store, consult_id, specialty="surgeon", now=NOW)
    return consult_id


def test_the_cancel_uses_if_match_and_keeps_the_hospitals_fields(store: Store) -> None:
    consult_id = replaced(store)
    owner = {"display": "Dr A"}
    client = FakeClient(
        gets=[Reply(200, task("v1", "requested", owner=owner))],
        puts=[Reply(200, task("v2", "cancelled", owner=owner))],
    )

    outcome = send_cancel(store, client, consult_id, NOW)  # type: ignore[arg-type]

    assert outcome.verdict is Verdict.ACKED
    _, url, headers, body = client.log[1]
    assert url == "http://fhir.test/R4/Task/srv" and headers["If-Match"] == 'W/"v1"'
    assert body["status"] == "cancelled" and body["owner"] == owner and "meta" not in body
    row = store.query(
        "SELECT state, task_version, cancel_outcome FROM consults WHERE id = ?", (consult_id,)
    )
    assert row == [{"state": "cancelled", "task_version": "v2", "cancel_outcome": "done"}]


def test_a_412_rereads_and_records_what_changed(store: Store) -> None:
    consult_id = replaced(store)
    taken = task("v2", "in-progress", owner={"display": "Dr B"})
    client = FakeClient(
        gets=[Reply(200, task("v1", "requested")), Reply(200, taken)], puts=[Reply(412)]
    )
    events = Events()
    seen: list[ConsultChanged] = []
    events.consult_did_change.connect(seen.append)

    outcome = send_cancel(store, client, consult_id, NOW, events)  # type: ignore[arg-type]

    assert outcome.verdict is Verdict.ACKED
    assert [entry[0] for entry in client.log] == ["GET", "PUT", "GET"]  # one try, no overwrite
    view = consults.get_consult(store, consult_id, now=NOW)
    assert (view.state, view.owner_display, view.unread) == ("in-progress", "Dr B", True)
    assert seen == [ConsultChanged(consult_id, "in-progress", False)]
    outcome_row = store.scalar("SELECT cancel_outcome FROM consults WHERE id = ?", (consult_id,))
    assert outcome_row == "conflict"


def test_a_finished_task_is_not_cancelled(store: Store) -> None:
    consult_id = replaced(store)
    client = FakeClient(
        gets=[Reply(200, task("v3", "rejected", statusReason={"text": "no slot"}))], puts=[]
    )

    assert send_cancel(store, client, consult_id, NOW).verdict is Verdict.ACKED  # type: ignore[arg-type]
    view = consults.get_consult(store, consult_id, now=NOW)
    assert (view.state, view.status_reason) == ("rejected", "no slot")
    assert [entry[0] for entry in client.log] == ["GET"]
    settled = store.scalar("SELECT cancel_outcome FROM consults WHERE id = ?", (consult_id,))
    assert settled == "done"  # nothing left to cancel, nothing to show as a conflict


def test_link_and_server_failures_retry_later(store: Store) -> None:
    consult_id = replaced(store)
    down = FakeClient(gets=[requests.ConnectionError("down")], puts=[])
    busy = FakeClient(gets=[Reply(503)], puts=[])
    assert send_cancel(store, down, consult_id, NOW).verdict is Verdict.LINK_DOWN  # type: ignore[arg-type]
    assert send_cancel(store, busy, consult_id, NOW).verdict is Verdict.RETRY  # type: ignore[arg-type]
    still = store.query("SELECT state, cancel_outcome FROM consults WHERE id = ?", (consult_id,))
    assert still == [{"state": "requested", "cancel_outcome": None}]
