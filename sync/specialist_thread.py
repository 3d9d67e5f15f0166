"""The specialist's side of a conversation with the nurse, as FHIR R4 (pure: no I/O).

fhir-mapping.md §4: the hospital owns ``Task.status``. The console moves a claimed Task to
``in-progress`` when the specialist opens it (:func:`build_started_task`), and to
``on-hold`` when the specialist asks the nurse something instead of answering
(:func:`build_on_hold_task`, ``statusReason`` and ``businessStatus`` "question to the
nurse"). The question itself is a ``Communication`` (:func:`build_question`): ``basedOn``
→ the ServiceRequest, ``about`` → the Task, ``recipient`` = the kiosk Device
(``Task.requester``), ``sender`` = the specialist, ``payload[0].contentString`` = the
words, identified by an ``urn:uuid`` so a retry creates no second one.

The kiosk answers with a Communication ``inResponseTo`` the question, sent by its Device,
and puts the Task back to ``in-progress``. :func:`read_thread` turns the Communications
about one request into the messages the case view lists, oldest first; a reply's
``payload.contentReference`` entries name the new readings and photos the nurse attached,
which :func:`with_attachments` reads (Observations, Media and their bytes).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from kiosk.errors import UserFacingError
from sync.specialist_answer import communication_to_kiosk, task_with_status
from sync.specialist_case import reading
from sync.specialist_http import ReviewHttp
from sync.specialist_model import Message, Photo, Reading, Resource, Specialist, parse_instant

QUESTION_REASON = "question to the nurse"
MAX_QUESTION_CHARS = 2000


@dataclasses.dataclass(frozen=True, slots=True)
class ThreadMessage(Message):
    """A message with what the nurse attached to it: the ``contentReference`` of each
    ``payload`` entry (``Observation/…``, ``Media/…``), and once read
    (:func:`with_attachments`) the readings and photos themselves."""

    references: tuple[str, ...] = ()
    readings: tuple[Reading, ...] = ()
    photos: tuple[Photo, ...] = ()
    note: str = ""  # the kiosk's note (photos that could not be sent), as written


def build_started_task(task: Resource, now: dt.datetime) -> Resource:
    """The claimed Task, now being looked at: ``status: in-progress``."""
    return task_with_status(task, "in-progress", now)


def build_question(
    task: Resource, text: str, specialist: Specialist, now: dt.datetime, key: str
) -> Resource:
    """The specialist's question for the kiosk that asked (``task.requester``)."""
    words = text.strip()
    if not words:
        raise ValueError("the question is empty")
    return communication_to_kiosk(task, words, specialist, now, key)


def build_on_hold_task(task: Resource, now: dt.datetime) -> Resource:
    """The Task waiting for the nurse: ``on-hold`` with the reason in words."""
    held = task_with_status(task, "on-hold", now)
    held["statusReason"] = {"text": QUESTION_REASON}
    held["businessStatus"] = {"text": QUESTION_REASON}
    return held


def _text(communication: Resource) -> str:
    parts = [
        str(p.get("contentString") or "").strip()
        for p in communication.get("payload") or []
        if isinstance(p, dict)
    ]
    return "\n".join(part for part in parts if part)


def read_thread(communications: list[Resource], task_id: str) -> tuple[Message, ...]:
    """The questions and replies about the Task ``task_id``, oldest first. A message sent by
    a Device is the kiosk's reply; any other sender asked a question. The final answer
    (a Communication without ``about`` this Task, or one the Task's output names) is not
    part of the conversation."""
    messages: list[Message] = []
    for communication in communications:
        about = {str(a.get("reference")) for a in communication.get("about") or []}
        text = _text(communication)
        if f"Task/{task_id}" not in about or not text:
            continue
        if communication.get("status") == "entered-in-error":
            continue
        sender = communication.get("sender") or {}
        by_kiosk = str(sender.get("reference") or "").startswith("Device/")
        messages.append(
            ThreadMessage(
                communication_id=str(communication.get("id") or ""),
                role="reply" if by_kiosk else "question",
                text=text,
                sender=str(sender.get("display") or sender.get("reference") or ""),
                sent=parse_instant(communication.get("sent"))
                or parse_instant((communication.get("meta") or {}).get("lastUpdated")),
                references=_references(communication) if by_kiosk else (),
                note="\n".join(
                    str(n.get("text") or "") for n in communication.get("note") or [] if n
                ).strip(),
            )
        )
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    return tuple(sorted(messages, key=lambda m: m.sent or far))


def _references(communication: Resource) -> tuple[str, ...]:
    found = []
    for part in communication.get("payload") or []:
        target = part.get("contentReference") if isinstance(part, dict) else None
        ref = str(target.get("reference") or "") if isinstance(target, dict) else ""
        if ref.startswith(("Observation/", "Media/")):
            found.append(ref)
    return tuple(dict.fromkeys(found))


def with_attachments(http: ReviewHttp, messages: tuple[Message, ...]) -> tuple[Message, ...]:
    """The messages with the readings and photos the nurse attached, read from the server
    (one ``GET`` per reference, the photo's bytes from its ``Binary``). A reference the
    server does not have (deleted) is left out; the rest of the thread still shows."""
    return tuple(
        _read_attachments(http, m) if isinstance(m, ThreadMessage) and m.references else m
        for m in messages
    )


def _read_attachments(http: ReviewHttp, message: ThreadMessage) -> ThreadMessage:
    readings: list[Reading] = []
    photos: list[Photo] = []
    for ref in message.references:
        try:
            resource = http.read_reference(ref)
            if ref.startswith("Observation/"):
                readings += [r for r in (reading(resource),) if r is not None]
            else:
                photos += [p for p in (_photo(http, resource),) if p is not None]
        except UserFacingError as error:
            if error.key != "review.not_found":
                raise  # unreachable, refused: the case cannot be shown whole
            continue
    return dataclasses.replace(message, readings=tuple(readings), photos=tuple(photos))


def _photo(http: ReviewHttp, media: Resource) -> Photo | None:
    content = media.get("content") or {}
    url = str(content.get("url") or "")
    if not url.startswith("Binary/"):
        return None
    encounter = (media.get("encounter") or {}).get("reference")
    return Photo(
        media_id=str(media.get("id") or ""),
        title=str(content.get("title") or ""),
        content_type=str(content.get("contentType") or "image/jpeg"),
        data=http.binary(url),
        when=parse_instant(media.get("createdDateTime")),
        encounter=None if encounter is None else str(encounter),
    )
