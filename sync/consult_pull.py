"""Teleconsultation replies: pulled Task versions into the kiosk's requests (§4).

:func:`refresh` runs in every sync pass that reached the server (from
:meth:`sync.engine.SyncEngine.run_once`) while a request is open: it pulls ``Task``
resources with the server-time bookmark (:mod:`sync.pull`, ``requester`` = this kiosk's
Device), then :func:`apply_pending` takes every pulled Task version that differs from the
one the request last recorded. For each, :func:`apply_task` reads status, owner and
reason (:func:`sync.fhir_consult.read_task`), fetches the ``Task.output`` references
(``Communication`` / ``DiagnosticReport``) and writes it all into the ``consults`` row
(:func:`kiosk.consult_updates.apply_update`), then emits ``consult_did_change``.

Nothing here depends on who wrote the answer: any FHIR client that completes the Task with
its answer in ``Task.output`` is read the same way. A version whose answer cannot be
fetched yet (link down, server error) is left for the next pass — the bookmark already
moved, but the request still records the older version, so it is taken again. An output
reference that no longer exists (404/410) is skipped; the rest is kept.

A Task ``on-hold`` may carry a question for the nurse: the Communications based on the
request are read (``GET Communication?based-on=ServiceRequest/{id}``) and the questions among
them (:func:`sync.fhir_consult_messages.read_questions`) go into the same update; like an
answer, a question that cannot be read yet leaves the version for the next pass.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
from typing import Any

import requests

from kiosk.consult_messages import PulledQuestion
from kiosk.consult_updates import ConsultUpdate, apply_update
from kiosk.consults import OPEN_STATES
from kiosk.events import ConsultChanged, Events
from kiosk.store.db import Store
from sync.client import FhirClient
from sync.fhir_common import Json
from sync.fhir_consult import read_answer, read_task
from sync.fhir_consult_messages import bundle_resources, read_questions
from sync.pull import Puller, PullReport

log = logging.getLogger(__name__)

GONE = frozenset({404, 410})
THREAD_PAGE = "100"


class AnswerNotReady(Exception):
    """An output of the Task could not be fetched now (link down, server error)."""


def watching(store: Store) -> bool:
    """Whether any request on the server is still open (or waits to be cancelled)."""
    placeholders = ",".join("?" for _ in OPEN_STATES)
    return bool(
        store.scalar(
            "SELECT count(*) FROM consults WHERE server_task_id IS NOT NULL AND "
            f"(state IN ({placeholders}) OR "
            "(cancel_requested_at IS NOT NULL AND cancel_outcome IS NULL))",
            tuple(sorted(OPEN_STATES)),
        )
    )


@dataclasses.dataclass(frozen=True, slots=True)
class Refreshed:
    """What :func:`refresh` did: requests changed, and its ``Task`` pull (None if none ran),
    which the pass hands to :meth:`sync.pull.Puller.run` so Tasks are searched once."""

    changed: int
    pull: PullReport | None = None


def refresh(
    store: Store, client: FhirClient, now: dt.datetime, events: Events | None = None
) -> Refreshed:
    """Pull Task updates when a request is open, then apply them."""
    if not store.has_table("consults"):
        return Refreshed(0)  # a store before schema v8 (`kiosk init` migrates it)
    report = None
    if watching(store):
        report = Puller(store, client, lambda: now).pull_one("Task")
        if report.error is not None:
            log.info("consult pull: %s", report.message_key or report.error)
    return Refreshed(apply_pending(store, client, now, events), report)


def apply_pending(
    store: Store, client: FhirClient, now: dt.datetime, events: Events | None = None
) -> int:
    """Apply every pulled Task version a request has not recorded yet."""
    rows = store.query(
        "SELECT c.id, p.resource FROM consults c JOIN pulled_resources p "
        "ON p.resource_type = 'Task' AND p.id = c.server_task_id "
        "WHERE p.version_id != coalesce(c.task_version, '') ORDER BY p.last_updated"
    )
    changed = 0
    for row in rows:
        try:
            task = json.loads(row["resource"])
            changed += apply_task(store, client, row["id"], task, now, events) is not None
        except AnswerNotReady:
            break  # the link failed: the rest waits for the next pass
    return changed


def _fetch(client: FhirClient, reference: str) -> Json | bool | None:
    """The resource, None when it is gone, False when the link failed."""
    if "/" not in reference or reference.startswith("urn:"):
        return None
    try:
        response = client.get(reference)
        if response.status_code in GONE:
            return None
        if response.status_code != 200:
            return False
        document: Any = response.json()
    except (requests.RequestException, ValueError):
        return False
    return document if isinstance(document, dict) else None


def apply_task(
    store: Store,
    client: FhirClient,
    consult_id: str,
    task: Json,
    now: dt.datetime,
    events: Events | None = None,
) -> ConsultChanged | None:
    """One Task version into its request; the change it made (also emitted), if any.
    Raises :class:`AnswerNotReady` when an answer could not be fetched: nothing written."""
    state = read_task(task)
    resources: list[Json] = []
    for reference in state.answer_refs:
        found = _fetch(client, reference)
        if found is False:
            log.info("consult %s: an answer could not be fetched yet", consult_id)
            raise AnswerNotReady(reference)
        if isinstance(found, dict):
            resources.append(found)
    text, codes = read_answer(resources, state.answer_strings)
    questions = _questions(client, task, state.answer_refs) if state.state == "on-hold" else ()
    update = ConsultUpdate(
        server_task_id=state.server_id,
        task_version=state.version,
        task_updated=state.last_updated,
        state=state.state,
        owner_display=state.owner_display,
        status_reason=state.status_reason,
        answer_text=text or None,
        answer_decision=state.decision,
        answer_codes=tuple(codes),
        follow_up=state.follow_up,
        answered_at=state.answered_at or _sent(resources),
        questions=questions,
    )
    change = apply_update(store, consult_id, update, now=now)
    if change is not None and events is not None:
        events.consult_did_change.emit(change)
    return change


def _questions(
    client: FhirClient, task: Json, answer_refs: tuple[str, ...]
) -> tuple[PulledQuestion, ...]:
    """The specialist's questions about this Task; :class:`AnswerNotReady` when the link
    failed (nothing is written, the version is taken again on the next pass)."""
    focus = task.get("focus")
    request = focus.get("reference") if isinstance(focus, dict) else None
    if not isinstance(request, str) or not request.startswith("ServiceRequest/"):
        return ()
    try:
        response = client.get("Communication", {"based-on": request, "_count": THREAD_PAGE})
        if response.status_code != 200:
            raise AnswerNotReady(request)
        found = bundle_resources(response.json())
    except (requests.RequestException, ValueError) as error:
        raise AnswerNotReady(request) from error
    return read_questions(found, task, answer_refs)


def _sent(resources: list[Json]) -> str | None:
    stamps = [str(r["sent"]) for r in resources if r.get("sent")]
    return max(stamps) if stamps else None
