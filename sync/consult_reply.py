"""Sending the nurse's reply to a specialist's question (fhir-mapping.md §4; docs/consults.md).

A ``consult`` outbox item whose ``ref`` is a reply's id (:mod:`kiosk.consult_messages`) is
sent here, not as a plain bundle (:func:`sync.consult_sync.is_cancel` routes it):

1. ``GET Task/{id}`` — the Task as the hospital holds it now;
2. the reply's Communication, a transaction of one ``POST`` + ``ifNoneExist`` on
   ``{base}/sid/kiosk-message|{reply id}`` (:func:`sync.fhir_consult_messages.reply_bundle`):
   a retry — lost answer, crash, re-queued item — finds the one already there;
3. while the Task is still ``on-hold``, ``PUT`` it back ``in-progress`` with
   ``If-Match: W/"{versionId}"``. On ``412`` (the specialist changed it meanwhile) the kiosk
   re-reads it and records that state instead: the specialist's newer state is kept. A
   Task no longer on hold is not touched.

What the Task became goes through :func:`sync.consult_pull.apply_task`. A failure before the
Task was resumed leaves the item to be retried as a whole (step 2 is idempotent).

New readings and photos the nurse attached (:mod:`kiosk.consult_reply_attachments`) are
named by the ids their visit's own sync gave them (:func:`attachment_references`); the
outbox made the item wait until they were on the server. A photo whose upload was held back
(quarantined) is left out and the reply's ``note`` says how many (``consult.photos_not_sent``,
in the kiosk's current language).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

import requests

from kiosk.consult_messages import record_reply_sent, reply_row
from kiosk.consult_reply_attachments import attached
from kiosk.events import Events
from kiosk.i18n import translate
from kiosk.store.db import Store
from kiosk.store.outbox import OutboxItem
from sync import consult_pull, fhir_mapping, fhir_sources
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
from sync.fhir_consult_messages import ReplyInput, reply_bundle, resumed_task
from sync.fhir_inputs import Target


def is_reply(store: Store, item: OutboxItem) -> bool:
    """Whether this ``consult`` item sends a reply of the nurse."""
    return item.kind == "consult" and reply_row(store, item.ref) is not None


def send_reply(
    store: Store,
    client: FhirClient,
    base: str,
    reply_id: str,
    now: dt.datetime,
    events: Events | None = None,
) -> Outcome:
    """Send one reply and resume the Task (module docstring)."""
    row = reply_row(store, reply_id)
    if row is None or not row["server_task_id"] or not row["question_id"]:
        text = "the reply, its question or the request's Task is missing"
        return Outcome(Verdict.QUARANTINE, None, operation_outcome(text, "not-found"))
    path = f"Task/{row['server_task_id']}"
    try:
        response = client.get(path)
        if response.status_code != 200:
            return classify(response, 0, now)
        task = response.json()
        bundle = reply_bundle(_input(store, base, row), task, base)
    except MappingError as error:
        return Outcome(Verdict.QUARANTINE, None, operation_outcome(str(error), "invalid"))
    except (requests.RequestException, ValueError) as error:
        return unanswered(error)
    outcome = client.send(bundle, now)
    if outcome.verdict is not Verdict.ACKED:
        return outcome
    location = outcome.entries[0].get("location") if outcome.entries else None
    record_reply_sent(store, reply_id, server_id(location, "Communication"))
    return _resume(store, client, str(row["consult_id"]), task, now, events)


def _input(store: Store, base: str, row: dict[str, Any]) -> ReplyInput:
    references, held = attachment_references(store, base, str(row["id"]))
    return ReplyInput(
        id=str(row["id"]),
        text=str(row["text"]),
        sent_at=dt.datetime.fromisoformat(str(row["sent_at"])),
        question_ref=f"Communication/{row['question_id']}",
        asked_by=row["sender_ref"],
        attachments=references,
        note=translate("consult.photos_not_sent", count=held) if held else None,
    )


def observation_ids(store: Store, base: str, encounter_id: str) -> dict[str, str]:
    """reading id → the Observation id the visit's own sync gives it
    (:func:`sync.fhir_mapping._map`, as :func:`sync.consult_sync.consult_bundle_for` uses
    it). Those ids depend on the identifier base and the kiosk's records only — not on the
    site or the language — so the reply needs no more of the configuration."""
    visit = fhir_sources.visit(store, encounter_id)
    if visit is None:
        raise MappingError("the visit of an attached reading is missing", "Encounter")
    target = Target(
        patient_ref=fhir_sources.patient_reference(store, visit.encounter.patient_id),
        device_refs={},
        kiosk_ref=None,
        base=base,
        site="",
    )
    return fhir_mapping._map(visit, target).observation_of


def attachment_references(store: Store, base: str, reply_id: str) -> tuple[tuple[str, ...], int]:
    """The reply's attachments as references, in the order chosen, and how many chosen
    photos were held back (quarantined upload: left out, the reply still goes)."""
    from sync.consult_sync import held_back_photos  # consult_sync imports this module

    readings, photos = attached(store, reply_id)
    references: list[str] = []
    mapped: dict[str, dict[str, str]] = {}
    for encounter_id, reading_id in readings:
        if encounter_id not in mapped:
            mapped[encounter_id] = observation_ids(store, base, encounter_id)
        observation = mapped[encounter_id].get(reading_id)
        if observation is not None:  # a type never sent as an Observation has none
            references.append(f"Observation/{observation}")
    held = held_back_photos(store, list(photos))
    references += [f"Media/{ref}" for ref in photos if ref not in held]
    return tuple(dict.fromkeys(references)), len(held)


def _resume(
    store: Store,
    client: FhirClient,
    consult_id: str,
    task: Json,
    now: dt.datetime,
    events: Events | None,
) -> Outcome:
    """The Task back ``in-progress`` if it still waits for the nurse; record what it is."""
    current = task
    try:
        if task.get("status") == "on-hold":
            version = str((task.get("meta") or {}).get("versionId") or "")
            answer = client.put_if_match(resumed_task(task), version)
            if answer.status_code == 412:  # the specialist was first: keep theirs
                answer = client.get(f"Task/{task['id']}")
            if answer.status_code not in (200, 201):
                return classify(answer, 0, now)
            current = answer.json()
    except (requests.RequestException, ValueError) as error:
        return unanswered(error)
    with contextlib.suppress(consult_pull.AnswerNotReady):  # the next pull records it
        consult_pull.apply_task(store, client, consult_id, current, now, events)
    return Outcome(Verdict.ACKED, 200, None, ())
