"""The ``consult`` outbox item's I/O side (fhir-mapping.md §4; docs/consults.md).

An item for a request whose Task the server does not hold yet sends the ServiceRequest +
Task bundle (:func:`consult_bundle_for`, mapped by :mod:`sync.fhir_consult`); the ack
stores the server ids and the Task's version (:func:`store_created`).

An item for a request the nurse re-routed or escalated (``cancel_requested_at``) after its
Task exists cancels that Task (:func:`send_cancel`): ``GET`` it, and if it is still the
version the kiosk last saw, ``PUT`` it back ``cancelled`` with ``If-Match:
W/"{versionId}"``. If the hospital changed it in the meantime — a newer version, or a
``412`` on the ``PUT`` — the kiosk re-reads it, records what changed (state, owner,
answer) and does not overwrite it: the nurse is shown the conflict. A Task already
finished needs no cancelling. Either way the item is done (acked).

A ``consult`` item whose ``ref`` is a nurse's reply to the specialist's question takes the
same hand-made path (:func:`is_cancel` is true for it, :func:`cancel` hands it to
:func:`sync.consult_reply.send_reply`): the engine's hook stays one call.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Protocol

import requests

from kiosk import consult_updates
from kiosk.config import KioskConfig
from kiosk.consult_messages import reply_row
from kiosk.domain import utc_now
from kiosk.events import Events
from kiosk.i18n import translate
from kiosk.store.db import Store
from kiosk.store.outbox import OutboxItem
from sync import consult_pull, consult_reply, fhir_mapping, fhir_sources
from sync.client import (
    FhirClient,
    Outcome,
    Verdict,
    classify,
    operation_outcome,
    server_id,
    unanswered,
)
from sync.fhir_common import Json, MappingError
from sync.fhir_consult import ConsultInput, cancelled_task, consult_bundle

CANCEL_REASON = "withdrawn by the health post: re-routed or escalated as a new request"
FINISHED = frozenset({"completed", "rejected", "cancelled", "failed", "entered-in-error"})


def _row(store: Store, consult_id: str) -> dict[str, Any] | None:
    rows = store.query("SELECT * FROM consults WHERE id = ?", (consult_id,))
    return rows[0] if rows else None


def consult_bundle_for(store: Store, config: KioskConfig, consult_id: str) -> Json:
    """The transaction Bundle of one request, from what the store holds now."""
    row = _row(store, consult_id)
    if row is None:
        raise MappingError("the consult record is missing", "ServiceRequest")
    visit = fhir_sources.visit(store, row["encounter_id"])
    if visit is None:
        raise MappingError("the encounter record is missing", "Encounter")
    target = fhir_sources.target(store, config, visit)
    if target.kiosk_ref is None:
        raise MappingError("the kiosk Device has no server id yet", "Task.requester")
    chosen = store.query(
        "SELECT kind, ref FROM consult_attachments WHERE consult_id = ? ORDER BY kind, ref",
        (consult_id,),
    )
    mapped = fhir_mapping._map(visit, target)
    supporting = [
        f"Observation/{mapped.observation_of[r['ref']]}"
        for r in chosen
        if r["kind"] == "reading" and r["ref"] in mapped.observation_of
    ]
    supporting += [f"{e['resource']['resourceType']}/{e['resource']['id']}" for e in mapped.derived]
    photos = [r["ref"] for r in chosen if r["kind"] == "media"]
    held = held_back_photos(store, photos)
    supporting += [f"Media/{ref}" for ref in photos if ref not in held]
    consult = ConsultInput(
        id=row["id"],
        task_id=row["task_id"],
        specialty=row["specialty"],
        urgency=row["urgency"],
        question=row["question"],
        requested_at=dt.datetime.fromisoformat(row["requested_at"]),
        deadline=dt.datetime.fromisoformat(row["deadline"]),
        patient_ref=target.patient_ref,
        encounter_ref=visit.fhir_id,
        kiosk_ref=target.kiosk_ref,
        clinical_priority=None if visit.score is None else visit.score.priority,
        supporting=tuple(dict.fromkeys(supporting)),
        kiosk_note=(
            translate("consult.photos_not_sent", config.language, count=len(held)) if held else None
        ),
    )
    return consult_bundle(consult, config.identifier_base)


def held_back_photos(store: Store, media_ids: list[str]) -> set[str]:
    """The chosen photos whose upload was held back (quarantined): the request goes without
    them (kiosk.store.outbox.due_items lets it) and its note says how many."""
    if not media_ids:
        return set()
    marks = ", ".join("?" * len(media_ids))
    rows = store.query(
        f"SELECT ref FROM outbox WHERE kind = 'binary' AND state = 'quarantined' "
        f"AND ref IN ({marks})",
        tuple(media_ids),
    )
    return {str(row["ref"]) for row in rows}


def _version(etag: Any) -> str | None:
    if not etag:
        return None
    return str(etag).removeprefix("W/").strip('"') or None


def store_created(conn: Any, consult_id: str, entries: tuple[dict[str, Any], ...]) -> None:
    """Server ids and the Task's version from the transaction-response (in the ack)."""
    if len(entries) < 2:  # a cancellation's ack carries no entries
        return
    request, task = entries[0], entries[1]
    location = task.get("location")
    version = _version(task.get("etag"))
    if version is None and location and "/_history/" in str(location):
        version = str(location).rsplit("/_history/", 1)[1]
    consult_updates.record_created(
        conn,
        consult_id,
        server_request_id=server_id(request.get("location"), "ServiceRequest"),
        server_task_id=server_id(location, "Task"),
        task_version=version,
        now=utc_now(),
    )


def is_cancel(store: Store, item: OutboxItem) -> bool:
    """Whether this outbox item is sent by hand — it cancels an existing Task, or sends the
    nurse's reply (else it creates the request as a bundle)."""
    if item.kind != "consult":
        return False
    if consult_reply.is_reply(store, item):
        return True
    row = _row(store, item.ref)
    return bool(
        row
        and row["server_task_id"]
        and row["cancel_requested_at"]
        and row["cancel_outcome"] is None
    )


class EngineParts(Protocol):
    """What :func:`cancel` takes from :class:`sync.engine.SyncEngine`."""

    store: Store
    config: KioskConfig
    client: FhirClient
    events: Events | None
    now: Callable[[], dt.datetime]


def cancel(engine: EngineParts, ref: str) -> Outcome:
    """The engine's entry for a hand-made item: :func:`send_cancel`, or a nurse's reply
    (:func:`sync.consult_reply.send_reply`), with its store, client, clock and bus."""
    store, client, now, events = engine.store, engine.client, engine.now(), engine.events
    if reply_row(store, ref) is not None:
        base = engine.config.identifier_base
        return consult_reply.send_reply(store, client, base, ref, now, events)
    return send_cancel(store, client, ref, now, events)


def send_cancel(
    store: Store,
    client: FhirClient,
    consult_id: str,
    now: dt.datetime,
    events: Events | None = None,
) -> Outcome:
    """Cancel the Task of a replaced request with ``If-Match``; see the module docstring."""
    row = _row(store, consult_id)
    assert row is not None and row["server_task_id"]
    path = f"Task/{row['server_task_id']}"
    try:
        response = client.get(path)
        if response.status_code != 200:
            return classify(response, 0, now)
        task = response.json()
        current = str((task.get("meta") or {}).get("versionId") or "")
        if task.get("status") in FINISHED or current != row["task_version"]:
            return _conflict(store, client, consult_id, task, now, events)
        answer = client.put_if_match(cancelled_task(task, CANCEL_REASON), current)
        if answer.status_code == 412:
            reread = client.get(path)
            if reread.status_code != 200:
                return classify(reread, 0, now)
            return _conflict(store, client, consult_id, reread.json(), now, events)
        if answer.status_code not in (200, 201):
            return classify(answer, 0, now)
    except (requests.RequestException, ValueError) as error:
        return unanswered(error)
    meta = _meta(answer)
    version = meta.get("versionId") or _version(answer.headers.get("ETag"))
    consult_updates.record_cancel(
        store,
        consult_id,
        outcome="done",
        now=now,
        task_version=version,
        task_updated=meta.get("lastUpdated"),
        state="cancelled",
    )
    return Outcome(Verdict.ACKED, answer.status_code, None, ())


def _meta(response: requests.Response) -> dict[str, Any]:
    try:
        document = response.json()
    except ValueError:
        return {}
    meta = document.get("meta") if isinstance(document, dict) else None
    return meta if isinstance(meta, dict) else {}


def _conflict(
    store: Store,
    client: FhirClient,
    consult_id: str,
    task: Json,
    now: dt.datetime,
    events: Events | None,
) -> Outcome:
    """The hospital changed the Task first: record its state, keep the kiosk's hands off."""
    try:
        consult_pull.apply_task(store, client, consult_id, task, now, events)
    except consult_pull.AnswerNotReady:
        text = "the Task's answer could not be fetched yet"
        return Outcome(Verdict.RETRY, None, operation_outcome(text, "transient"))
    closed = task.get("status") in FINISHED - {"completed"}  # nothing left to cancel
    outcome = "done" if closed else "conflict"  # answered or still open: the nurse sees it
    meta = task.get("meta") or {}
    consult_updates.record_cancel(
        store,
        consult_id,
        outcome=outcome,
        now=now,
        task_version=meta.get("versionId"),
        task_updated=meta.get("lastUpdated"),
    )
    return Outcome(Verdict.ACKED, 200, None, ())
