"""Teleconsultation requests as FHIR, both ways (fhir-mapping.md §3.7, §4, §8.3). Pure.

Out: :func:`consult_bundle` turns one request into a transaction of a ServiceRequest and
its Task, each ``POST`` + ``ifNoneExist`` on its kiosk identifier (``kiosk-consult`` /
``kiosk-task``), so a re-send — even after the hospital accepted the Task — changes
nothing. The specialty is ``performerType`` (ServiceRequest and Task) coded in SNOMED CT
occupations (:data:`SPECIALTY_CODES`) with a text; ``priority`` is the higher of the
nurse's urgency and what NEWS2 / IMCI asked for (§3.7); the Task's
``restriction.period.end`` is the deadline; ``supportingInfo`` points at the chosen
Observations and Media and at the visit's QuestionnaireResponse and score Observations.
:func:`cancelled_task` is the one change the kiosk makes to a Task afterwards.

In: :func:`read_task` reads what any FHIR client did to the Task — ``status``, ``owner``,
``statusReason``, and ``output`` entries: references to the answer (a ``Communication``
with ``payload.contentString`` and ICD-10 ``reasonCode``, or a ``DiagnosticReport`` with
``conclusion`` and ``conclusionCode``; :func:`read_answer`), a ``decision``
(``valueCode`` / ``valueString``) and a ``follow-up`` (``valueDate``), recognised by
``type.text`` or ``type.coding.code``. A string output of any other type (a plan) is
shown after the advice.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import urllib.parse
from collections.abc import Iterable, Sequence
from typing import Any

from sync.fhir_common import Json, MappingError, fhir_time, sid, transaction

SNOMED = "http://snomed.info/sct"
ICD10 = "http://hl7.org/fhir/sid/icd-10"
TASK_CODES = "http://hl7.org/fhir/CodeSystem/task-code"
CONSULTATION = {"system": SNOMED, "code": "11429006", "display": "Consultation"}
#: specialty → SNOMED CT occupation (the "Participant roles" binding of performerType)
SPECIALTY_CODES: dict[str, tuple[str, str]] = {
    "therapist": ("39677007", "Internal medicine specialist"),
    "paediatrician": ("82296001", "Pediatrician"),
    "cardiologist": ("17561000", "Cardiologist"),
    "dermatologist": ("18803008", "Dermatologist"),
    "obstetrician": ("11935004", "Obstetrician"),
    "neurologist": ("56397003", "Neurologist"),
    "surgeon": ("78703002", "General surgeon"),
    "ophthalmologist": ("422234006", "Ophthalmologist"),
}
URGENCY_PRIORITY = {"routine": "routine", "urgent": "urgent", "emergency": "stat"}
PRIORITY_RANK = {"routine": 0, "urgent": 1, "asap": 1, "stat": 2}
#: Task.status → the kiosk's state (kiosk.consults.CONSULT_STATES)
TASK_STATES = {
    "draft": "requested",
    "requested": "requested",
    "received": "accepted",
    "accepted": "accepted",
    "ready": "accepted",
    "in-progress": "in-progress",
    "on-hold": "on-hold",
    "completed": "answered",
    "rejected": "rejected",
    "cancelled": "cancelled",
    "entered-in-error": "cancelled",
    "failed": "failed",
}
ANSWER_TYPES = ("Communication", "DiagnosticReport")


@dataclasses.dataclass(frozen=True)
class ConsultInput:
    """One request as the mapping takes it (filled from the store by sync.bundles)."""

    id: str
    task_id: str
    specialty: str
    urgency: str
    question: str
    requested_at: dt.datetime
    deadline: dt.datetime
    patient_ref: str
    encounter_ref: str
    kiosk_ref: str
    clinical_priority: str | None = None
    supporting: tuple[str, ...] = ()  # "Observation/…", "Media/…", "QuestionnaireResponse/…"
    #: Said in ServiceRequest.note when chosen photos could not be sent (held back).
    kiosk_note: str | None = None


def priority(urgency: str, clinical: str | None) -> str:
    """The higher of the nurse's urgency and the clinical rules' priority (§3.7)."""
    chosen = URGENCY_PRIORITY[urgency]
    if clinical in PRIORITY_RANK and PRIORITY_RANK[clinical] > PRIORITY_RANK[chosen]:
        return "stat" if clinical == "stat" else "urgent"
    return chosen


def specialty_concept(specialty: str) -> Json:
    if specialty not in SPECIALTY_CODES:
        raise MappingError(f"unknown specialty {specialty!r}", "ServiceRequest.performerType")
    code, display = SPECIALTY_CODES[specialty]
    return {"coding": [{"system": SNOMED, "code": code, "display": display}], "text": specialty}


def _post(resource_type: str, full_url: str, identifier: Json, resource: Json) -> Json:
    query = urllib.parse.quote(f"{identifier['system']}|{identifier['value']}", safe=":/|-._~")
    return {
        "fullUrl": full_url,
        "resource": {"resourceType": resource_type, "identifier": [identifier], **resource},
        "request": {"method": "POST", "url": resource_type, "ifNoneExist": f"identifier={query}"},
    }


def consult_bundle(consult: ConsultInput, base: str) -> Json:
    """ServiceRequest + Task of one request, created once (§4, §8.3)."""
    if not consult.question.strip():
        raise MappingError("a consult needs a question", "ServiceRequest.reasonCode")
    if consult.urgency not in URGENCY_PRIORITY:
        raise MappingError(f"unknown urgency {consult.urgency!r}", "ServiceRequest.priority")
    level = priority(consult.urgency, consult.clinical_priority)
    specialty = specialty_concept(consult.specialty)
    authored = fhir_time(consult.requested_at)
    subject = {"reference": f"Patient/{consult.patient_ref}"}
    encounter = {"reference": f"Encounter/{consult.encounter_ref}"}
    requester = {"reference": f"Device/{consult.kiosk_ref}"}
    request_url = f"urn:uuid:{consult.id}"
    service_request: Json = {
        "status": "active",
        "intent": "order",
        "priority": level,
        "category": [{"coding": [CONSULTATION]}],
        "code": {"text": "Remote specialist review"},
        "subject": subject,
        "encounter": encounter,
        "authoredOn": authored,
        "requester": requester,
        "performerType": specialty,
        "reasonCode": [{"text": consult.question}],
    }
    if consult.supporting:
        service_request["supportingInfo"] = [{"reference": ref} for ref in consult.supporting]
    if consult.kiosk_note:
        service_request["note"] = [{"text": consult.kiosk_note, "time": authored}]
    task: Json = {
        "status": "requested",
        "intent": "order",
        "priority": level,
        "code": {"coding": [{"system": TASK_CODES, "code": "fulfill"}]},
        "description": consult.question,
        "focus": {"reference": request_url},
        "for": subject,
        "encounter": encounter,
        "authoredOn": authored,
        "requester": requester,
        "performerType": [specialty],
        "restriction": {"period": {"end": fhir_time(consult.deadline)}},
    }
    sr_id = {"system": sid(base, "kiosk-consult"), "value": consult.id}
    task_id = {"system": sid(base, "kiosk-task"), "value": consult.task_id}
    return transaction(
        [
            _post("ServiceRequest", request_url, sr_id, service_request),
            _post("Task", f"urn:uuid:{consult.task_id}", task_id, task),
        ]
    )


def cancelled_task(task: Json, reason: str) -> Json:
    """The Task as read, with ``status: cancelled`` and the kiosk's reason (§4)."""
    body = {key: value for key, value in task.items() if key != "meta"}
    body["status"] = "cancelled"
    body["statusReason"] = {"text": reason}
    return body


# --- reading what the hospital did ------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class TaskState:
    """What the kiosk takes from one version of its Task."""

    server_id: str
    version: str
    last_updated: str | None
    state: str
    owner_display: str | None
    status_reason: str | None
    answer_refs: tuple[str, ...]
    answer_strings: tuple[str, ...]
    decision: str | None
    follow_up: dt.date | None
    answered_at: str | None


def _concept_text(concept: Any) -> str | None:
    if not isinstance(concept, dict):
        return None
    if concept.get("text"):
        return str(concept["text"])
    for coding in _dicts(concept.get("coding")):
        if coding.get("display") or coding.get("code"):
            return str(coding.get("display") or coding.get("code"))
    return None


def _obj(value: Any) -> Json:
    """A JSON object, or an empty one for anything else."""
    return value if isinstance(value, dict) else {}


def _dicts(value: Any) -> list[Json]:
    """The objects of a JSON list (anything else in it, or a non-list, is ignored)."""
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _output_kind(output: Json) -> str:
    concept = _obj(output.get("type"))
    names = [concept.get("text")] + [c.get("code") for c in _dicts(concept.get("coding"))]
    return " ".join(str(n).strip().lower() for n in names if n)


def _decision(output: Json) -> str | None:
    for key in ("valueCode", "valueString"):
        if output.get(key):
            return str(output[key]).strip()
    return _concept_text(output.get("valueCodeableConcept"))


def _follow_up(output: Json) -> dt.date | None:
    value = output.get("valueDate") or output.get("valueDateTime")
    try:
        return None if not value else dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def read_task(task: Json) -> TaskState:
    """The state, owner, reason and answer pointers of one Task version."""
    meta = _obj(task.get("meta"))
    status = str(task.get("status") or "requested")
    refs: list[str] = []
    strings: list[str] = []
    decision: str | None = None
    follow_up: dt.date | None = None
    for output in _dicts(task.get("output")):
        kind = _output_kind(output)
        if "decision" in kind:
            decision = _decision(output) or decision
        elif "follow" in kind:
            follow_up = _follow_up(output) or follow_up
        elif isinstance(output.get("valueReference"), dict):
            ref = output["valueReference"].get("reference")
            if isinstance(ref, str) and ref.split("/")[0] in ANSWER_TYPES:
                refs.append(ref)
        elif isinstance(output.get("valueString"), str) and output["valueString"].strip():
            strings.append(output["valueString"].strip())
    owner, period = _obj(task.get("owner")), _obj(task.get("executionPeriod"))
    answered = None
    if status == "completed":
        answered = period.get("end") or task.get("lastModified") or meta.get("lastUpdated")
    return TaskState(
        server_id=str(task.get("id") or ""),
        version=str(meta.get("versionId") or meta.get("lastUpdated") or ""),
        last_updated=meta.get("lastUpdated"),
        state=TASK_STATES.get(status, "requested"),
        owner_display=owner.get("display"),
        status_reason=_concept_text(task.get("statusReason")),
        answer_refs=tuple(dict.fromkeys(refs)),
        answer_strings=tuple(strings),
        decision=decision,
        follow_up=follow_up,
        answered_at=None if answered is None else str(answered),
    )


def _icd10(concepts: Iterable[Any]) -> list[str]:
    found = []
    for concept in _dicts(list(concepts)):
        for coding in _dicts(concept.get("coding")):
            system = str(coding.get("system") or "")
            if coding.get("code") and system.startswith(ICD10):
                found.append(str(coding["code"]))
    return found


def read_answer(resources: Sequence[Json], strings: Sequence[str] = ()) -> tuple[str, list[str]]:
    """The specialist's words and ICD-10 codes from the Task's output resources."""
    texts: list[str] = []  # the advice first, then other text outputs (e.g. a plan)
    codes: list[str] = []
    for resource in resources:
        kind = resource.get("resourceType")
        if kind == "Communication":
            texts += [
                str(p["contentString"]).strip()
                for p in _dicts(resource.get("payload"))
                if str(p.get("contentString") or "").strip()
            ]
            codes += _icd10(_dicts(resource.get("reasonCode")))
        elif kind == "DiagnosticReport":
            if str(resource.get("conclusion") or "").strip():
                texts.append(str(resource["conclusion"]).strip())
            codes += _icd10(_dicts(resource.get("conclusionCode")))
    texts += [text for text in strings if text.strip()]
    return "\n\n".join(dict.fromkeys(texts)), list(dict.fromkeys(codes))
