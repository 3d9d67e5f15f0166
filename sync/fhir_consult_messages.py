"""The specialist's questions and the nurse's replies as FHIR, both ways (fhir-mapping.md §4).
Pure: no I/O, times are passed in.

In: while its Task is ``on-hold``, the kiosk reads the Communications based on its
ServiceRequest (``GET Communication?based-on=ServiceRequest/{id}``); :func:`read_questions`
keeps those that ask the nurse something: ``about`` the Task (or based on the request),
sent by someone other than a Device (the kiosk's own replies are sent by its Device), not
themselves a reply (``inResponseTo``), not the Task's answer (``Task.output``), not
``entered-in-error``, with words in ``payload.contentString``.

Out: :func:`reply_bundle` is a transaction of one Communication, ``POST`` + ``ifNoneExist``
on ``{base}/sid/kiosk-message|{reply id}`` (a re-send finds the one already there):
``status completed``, ``inResponseTo`` → the question, ``about`` → the Task, ``basedOn`` →
the ServiceRequest, ``subject`` / ``encounter`` as the Task's, ``sender`` = the kiosk
Device (``Task.requester``), ``recipient`` = who asked, ``sent``, ``payload`` = the
nurse's words, then one ``contentReference`` per reading or photo she attached
(``Observation/{id}`` / ``Media/{id}``, the ids the visit's own sync gave them), and a
``note`` when a chosen photo could not be sent. :func:`resumed_task` is the Task as read
with ``status: in-progress`` (and ``businessStatus`` "reply from the nurse"), sent back
with ``If-Match``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from typing import Any

from kiosk.consult_messages import PulledQuestion
from sync.fhir_common import Json, MappingError, fhir_time, sid, transaction

REPLY_STATUS = "reply from the nurse"
MESSAGE_SYSTEM = "kiosk-message"


@dataclasses.dataclass(frozen=True)
class ReplyInput:
    """One reply as the mapping takes it (filled from the store by sync.consult_reply)."""

    id: str
    text: str
    sent_at: dt.datetime
    question_ref: str  # "Communication/{id}"
    asked_by: str | None  # the question's sender reference
    #: the new readings and photos sent with it: "Observation/{id}", "Media/{id}"
    attachments: tuple[str, ...] = ()
    note: str | None = None  # the kiosk's own note (photos that could not be sent)


def _refs(value: Any) -> set[str]:
    items = value if isinstance(value, list) else [value]
    return {str(i.get("reference")) for i in items if isinstance(i, dict) and i.get("reference")}


def _instant(value: Any) -> str | None:
    """A FHIR dateTime as ISO 8601 in UTC (no zone: taken as UTC); None if unreadable."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        moment = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat()


def _obj(value: Any) -> Json:
    return value if isinstance(value, dict) else {}


def _words(communication: Json) -> str:
    payload = communication.get("payload")
    parts = payload if isinstance(payload, list) else []
    texts = [str(p.get("contentString") or "").strip() for p in parts if isinstance(p, dict)]
    return "\n".join(text for text in texts if text)


def is_question(communication: Json, task: Json, answer_refs: Iterable[str] = ()) -> bool:
    """Whether this Communication asks the nurse something about ``task`` (module doc)."""
    if communication.get("resourceType") != "Communication" or not _words(communication):
        return False
    if communication.get("status") == "entered-in-error" or communication.get("inResponseTo"):
        return False
    if f"Communication/{communication.get('id')}" in set(answer_refs):
        return False
    sender = communication.get("sender")
    if str(sender.get("reference") if isinstance(sender, dict) else "").startswith("Device/"):
        return False
    focus = task.get("focus")
    request = focus.get("reference") if isinstance(focus, dict) else None
    about = _refs(communication.get("about"))
    return f"Task/{task.get('id')}" in about or (
        not about and request is not None and request in _refs(communication.get("basedOn"))
    )


def read_questions(
    resources: Iterable[Json], task: Json, answer_refs: Iterable[str] = ()
) -> tuple[PulledQuestion, ...]:
    """The questions to the nurse among ``resources``, oldest first, words as written."""
    answers = set(answer_refs)
    found = []
    for resource in resources:
        if not is_question(resource, task, answers):
            continue
        sender, meta = _obj(resource.get("sender")), _obj(resource.get("meta"))
        sent = _instant(resource.get("sent")) or _instant(meta.get("lastUpdated"))
        if sent is None:
            continue  # no usable time: not shown rather than shown out of order
        found.append(
            PulledQuestion(
                server_id=str(resource.get("id") or ""),
                text=_words(resource),
                sent_at=str(sent),
                sender_ref=sender.get("reference"),
                sender_display=sender.get("display"),
            )
        )
    return tuple(sorted((q for q in found if q.server_id), key=lambda q: q.sent_at))


def bundle_resources(bundle: Any) -> list[Json]:
    """The resources of a searchset Bundle (anything malformed is skipped)."""
    entries = bundle.get("entry") if isinstance(bundle, dict) else None
    resources = [e.get("resource") for e in entries or [] if isinstance(e, dict)]
    return [r for r in resources if isinstance(r, dict)]


def reply_communication(reply: ReplyInput, task: Json) -> Json:
    """The nurse's reply as a Communication (without its identifier)."""
    if not reply.text.strip():
        raise MappingError("a reply needs words", "Communication.payload")
    if not task.get("id") or not isinstance(task.get("requester"), dict):
        raise MappingError("the Task has no requester to send the reply as", "Task.requester")
    communication: Json = {
        "status": "completed",
        "inResponseTo": [{"reference": reply.question_ref}],
        "about": [{"reference": f"Task/{task['id']}"}],
        "sent": fhir_time(reply.sent_at),
        "sender": {"reference": task["requester"]["reference"]},
        "payload": [
            {"contentString": reply.text.strip()},
            *({"contentReference": {"reference": ref}} for ref in dict.fromkeys(reply.attachments)),
        ],
    }
    if reply.note:
        communication["note"] = [{"text": reply.note}]
    if isinstance(task.get("focus"), dict):
        communication["basedOn"] = [{"reference": task["focus"]["reference"]}]
    for key, target in (("for", "subject"), ("encounter", "encounter")):
        if isinstance(task.get(key), dict) and task[key].get("reference"):
            communication[target] = {"reference": task[key]["reference"]}
    if reply.asked_by:
        communication["recipient"] = [{"reference": reply.asked_by}]
    return communication


def reply_bundle(reply: ReplyInput, task: Json, base: str) -> Json:
    """One reply, created once: ``POST`` + ``ifNoneExist`` on its kiosk identifier."""
    identifier = {"system": sid(base, MESSAGE_SYSTEM), "value": reply.id}
    resource = {
        "resourceType": "Communication",
        "identifier": [identifier],
        **reply_communication(reply, task),
    }
    query = f"identifier={identifier['system']}|{identifier['value']}"
    entry = {
        "fullUrl": f"urn:uuid:{reply.id}",
        "resource": resource,
        "request": {"method": "POST", "url": "Communication", "ifNoneExist": query},
    }
    return transaction([entry])


def resumed_task(task: Json) -> Json:
    """The Task as read, back ``in-progress`` after the nurse's reply (everything else the
    hospital wrote is kept; ``meta`` is left to the server)."""
    body = {key: value for key, value in task.items() if key not in ("meta", "statusReason")}
    body["status"] = "in-progress"
    body["businessStatus"] = {"text": REPLY_STATUS}
    return body
