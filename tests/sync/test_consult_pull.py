"""Applying pulled Task versions to requests (sync/consult_pull.py) with a stand-in server:
an answer that cannot be fetched yet is taken again on the next pass, a vanished output is
skipped, and the event goes out once. The store is real; the peer is a unit-test fake (the
real server is in tests/integration/test_consults_e2e.py)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import requests

from kiosk import consults, services
from kiosk.consults import ConsultRequest
from kiosk.domain import DeviceIdentity, Measurement
from kiosk.events import ConsultChanged, Events
from kiosk.store import Store
from sync.consult_pull import apply_pending, watching
from tests.conftest import make_patient

NOW = dt.datetime(2026, 11, 26, 5, 0, tzinfo=dt.UTC)


class Answer:
    def __init__(self, status: int, document: dict[str, Any] | None = None) -> None:
        self.status_code = status
        self._document = document or {}

    def json(self) -> dict[str, Any]:
        return self._document


class FakeServer:
    """``get(path)`` from a table; a missing path is a dead link."""

    def __init__(self, table: dict[str, Answer]) -> None:
        self.table = table
        self.asked: list[str] = []

    def get(self, path: str, params: object = None) -> Answer:
        self.asked.append(path)
        if path not in self.table:
            raise requests.ConnectionError("link down")
        return self.table[path]


def placed(store: Store) -> str:
    services.ensure_kiosk_registered(store, NOW)
    patient = make_patient(store, NOW)
    encounter = services.start_encounter(store, patient_id=patient, site="KZ-1", now=NOW)
    identity = DeviceIdentity("contec-v7", "contec-v7-SN1", "Contec", "CMS50D+", "SN1")
    services.record_reading(
        store,
        encounter_id=encounter.id,
        measurement=Measurement("contec-v7", "spo2", 95, "%"),
        identity=identity,
        now=NOW,
    )
    services.save_encounter(store, encounter_id=encounter.id, now=NOW)
    request = ConsultRequest(encounter.id, "therapist", "routine", "Кашель?")
    consult_id = consults.request_consult(store, request, now=NOW)
    with store.transaction() as conn:
        conn.execute(
            "UPDATE consults SET server_task_id = 'srv', task_version = 'v1', "
            "state = 'requested' WHERE id = ?",
            (consult_id,),
        )
    return consult_id


def pull(store: Store, task: dict[str, Any]) -> None:
    meta = task["meta"]
    with store.transaction() as conn:
        conn.execute(
            "INSERT OR REPLACE INTO pulled_resources (resource_type, id, version_id, "
            "last_updated, resource, pulled_at) VALUES ('Task', 'srv', ?, ?, ?, ?)",
            (meta["versionId"], meta["lastUpdated"], json.dumps(task), NOW.isoformat()),
        )


COMPLETED = {
    "resourceType": "Task",
    "id": "srv",
    "meta": {"versionId": "v3", "lastUpdated": "2026-11-26T06:00:00.000Z"},
    "status": "completed",
    "output": [
        {"type": {"text": "answer"}, "valueReference": {"reference": "Communication/c1"}},
        {"type": {"text": "old"}, "valueReference": {"reference": "DiagnosticReport/gone"}},
    ],
}


def test_an_answer_that_cannot_be_fetched_waits_for_the_next_pass(store: Store) -> None:
    consult_id = placed(store)
    assert watching(store)
    pull(store, COMPLETED)
    events = Events()
    seen: list[ConsultChanged] = []
    events.consult_did_change.connect(seen.append)

    offline = FakeServer({})
    assert apply_pending(store, offline, NOW, events) == 0  # type: ignore[arg-type]
    assert consults.get_consult(store, consult_id, now=NOW).state == "requested" and not seen

    online = FakeServer(
        {
            "Communication/c1": Answer(
                200, {"resourceType": "Communication", "payload": [{"contentString": "Rest."}]}
            ),
            "DiagnosticReport/gone": Answer(410),
        }
    )
    assert apply_pending(store, online, NOW, events) == 1  # type: ignore[arg-type]
    view = consults.get_consult(store, consult_id, now=NOW)
    assert (view.state, view.answer_text, view.unread) == ("answered", "Rest.", True)
    assert seen == [ConsultChanged(consult_id, "answered", True)]
    assert not watching(store)

    assert apply_pending(store, online, NOW, events) == 0  # nothing new: nothing fetched again
    assert online.asked == ["Communication/c1", "DiagnosticReport/gone"] and len(seen) == 1


def test_a_server_error_on_an_output_is_retried_not_skipped(store: Store) -> None:
    consult_id = placed(store)
    pull(store, COMPLETED)
    busy = FakeServer({"Communication/c1": Answer(503), "DiagnosticReport/gone": Answer(404)})
    assert apply_pending(store, busy, NOW) == 0  # type: ignore[arg-type]
    assert consults.get_consult(store, consult_id, now=NOW).answer_text is None
