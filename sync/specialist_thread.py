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
about one request into the messages the case view lists, oldest first.
"""

from __future__ import annotations

import datetime as dt

from sync.specialist_answer import communication_to_kiosk, task_with_status
from sync.specialist_model import Message, Resource, Specialist, parse_instant

QUESTION_REASON = "question to the nurse"
MAX_QUESTION_CHARS = 2000


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
            Message(
                communication_id=str(communication.get("id") or ""),
                role="reply" if by_kiosk else "question",
                text=text,
                sender=str(sender.get("display") or sender.get("reference") or ""),
                sent=parse_instant(communication.get("sent"))
                or parse_instant((communication.get("meta") or {}).get("lastUpdated")),
            )
        )
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    return tuple(sorted(messages, key=lambda m: m.sent or far))
