"""The specialist's answer as FHIR R4 (pure: no I/O, the time is passed in).

What the kiosk reads back (fhir-mapping.md §4 "Replies"):

- a ``Communication``: ``payload[0].contentString`` = the advice, ``reasonCode`` = the
  ICD-10 codes (system ``http://hl7.org/fhir/sid/icd-10``), ``basedOn`` → the
  ServiceRequest, ``subject``, ``encounter``, ``recipient`` = the kiosk (Task.requester);
- the Task, ``status: completed``, whose ``output`` holds the Communication (type text
  ``advice``), the ``decision`` (valueString), the ``follow-up`` date (valueDate) and the
  ``plan`` (valueString) when there is one.
"""

from __future__ import annotations

import copy
import datetime as dt
import uuid

from sync.specialist_model import Answer, Resource, Specialist

ICD10_SYSTEM = "http://hl7.org/fhir/sid/icd-10"
#: Identifies the Communication across a re-send (conditional create), RFC 3986 URN.
URN_SYSTEM = "urn:ietf:rfc:3986"

OUTPUT_ADVICE = "advice"
OUTPUT_DECISION = "decision"
OUTPUT_FOLLOW_UP = "follow-up"
OUTPUT_PLAN = "plan"


def fhir_instant(moment: dt.datetime) -> str:
    """An aware datetime as a FHIR instant in UTC (``2026-11-26T04:41:00Z``)."""
    if moment.tzinfo is None:
        raise ValueError("a naive datetime cannot be sent: its zone is unknown")
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def new_communication_key() -> str:
    """A fresh ``urn:uuid:…`` identifying one answer (kept across retries by the caller)."""
    return f"urn:uuid:{uuid.uuid4()}"


def communication_to_kiosk(
    task: Resource, text: str, specialist: Specialist, now: dt.datetime, key: str
) -> Resource:
    """A Communication from the specialist to the kiosk that asked (``task.requester``),
    about ``task`` and its ServiceRequest, identified by ``key`` (an answer's advice, a
    question to the nurse)."""
    communication: Resource = {
        "resourceType": "Communication",
        "identifier": [{"system": URN_SYSTEM, "value": key}],
        "status": "completed",
        "basedOn": [dict(task["focus"])],
        "about": [{"reference": f"Task/{task['id']}"}],
        "subject": dict(task["for"]),
        "sent": fhir_instant(now),
        "sender": specialist.owner(),
        "payload": [{"contentString": text}],
    }
    if "encounter" in task:
        communication["encounter"] = dict(task["encounter"])
    if "requester" in task:
        communication["recipient"] = [dict(task["requester"])]
    return communication


def build_communication(
    task: Resource, answer: Answer, specialist: Specialist, now: dt.datetime, key: str
) -> Resource:
    """The advice as a Communication for the kiosk that asked (``task.requester``)."""
    if not answer.advice.strip():
        raise ValueError("the advice is empty")
    communication = communication_to_kiosk(task, answer.advice, specialist, now, key)
    if answer.diagnoses:
        communication["reasonCode"] = [
            {
                "coding": [{"system": ICD10_SYSTEM, "code": d.code, "display": d.title}],
                "text": d.title,
            }
            for d in answer.diagnoses
        ]
    return communication


def task_with_status(task: Resource, status: str, now: dt.datetime) -> Resource:
    """A copy of ``task`` to PUT as its next version: ``status``, ``lastModified`` now, the
    server's ``meta`` dropped (the version goes in If-Match); everything else kept."""
    changed = copy.deepcopy(task)
    changed.pop("meta", None)
    changed["status"] = status
    changed["lastModified"] = fhir_instant(now)
    return changed


def build_claimed_task(task: Resource, specialist: Specialist, now: dt.datetime) -> Resource:
    """The Task taken by this specialist: ``status: accepted``, ``owner`` set."""
    claimed = task_with_status(task, "accepted", now)
    claimed["owner"] = specialist.owner()
    claimed["executionPeriod"] = {"start": fhir_instant(now)}
    return claimed


def build_completed_task(
    task: Resource, communication_id: str, answer: Answer, now: dt.datetime
) -> Resource:
    """The Task completed, its ``output`` carrying the answer (module docstring)."""
    completed = task_with_status(task, "completed", now)
    period = dict(completed.get("executionPeriod") or {})
    period["end"] = fhir_instant(now)
    completed["executionPeriod"] = period
    outputs: list[Resource] = [
        {
            "type": {"text": OUTPUT_ADVICE},
            "valueReference": {"reference": f"Communication/{communication_id}"},
        },
        {"type": {"text": OUTPUT_DECISION}, "valueString": answer.decision.value},
    ]
    if answer.follow_up is not None:
        outputs.append(
            {"type": {"text": OUTPUT_FOLLOW_UP}, "valueDate": answer.follow_up.isoformat()}
        )
    if answer.plan.strip():
        outputs.append({"type": {"text": OUTPUT_PLAN}, "valueString": answer.plan.strip()})
    completed["output"] = outputs
    return completed
