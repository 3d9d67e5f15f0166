"""Teleconsultation requests at the kiosk (issue 9; fhir-mapping.md §4; docs/consults.md).

The nurse asks a remote specialist about a saved visit: a specialty, an urgency (each with a
response deadline), a question, and the photos and readings to include. The request is one
``consults`` row (schema v8) plus a ``consult`` outbox item that depends on the visit's
``encounter`` item, written in one transaction; sync turns it into ServiceRequest + Task
(``sync/fhir_consult.py``) and later pulls the Task's state and answer back
(``sync/consult_pull.py``, :mod:`kiosk.consult_updates`).

States (:data:`CONSULT_STATES`): ``queued`` (saved, not yet on the hospital's server), then
the Task's status as the hospital sets it: ``requested``, ``accepted`` (also ``received``),
``in-progress``, ``on-hold``, ``answered`` (Task ``completed``), ``rejected``,
``cancelled``, ``failed``. A request is *overdue* when it is still open (queued …
on-hold) after its deadline. :func:`reroute` and :func:`escalate` replace an open request
by a new one; the old Task is cancelled on the next sync with ``If-Match``.

Deadlines (:data:`URGENCIES`, kiosk policy, documented in docs/consults.md): emergency 1 h,
urgent 4 h (fhir-mapping.md §8.3), routine 24 h.

The specialist's words (answer, status reason, questions) are shown as written; every label
and message is translated (:mod:`kiosk.i18n_consults`). Questions to the nurse and her
replies: :mod:`kiosk.consult_messages`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
from typing import Any

from kiosk.consult_messages import ConsultMessage, messages_of, open_question
from kiosk.domain import new_id
from kiosk.errors import UserFacingError, ValidationError
from kiosk.i18n import translate
from kiosk.security import audit
from kiosk.services import KIOSK_DEVICE_REF
from kiosk.store import outbox
from kiosk.store.db import Store

SPECIALTIES: tuple[str, ...] = (
    "therapist",
    "paediatrician",
    "cardiologist",
    "dermatologist",
    "obstetrician",
    "neurologist",
    "surgeon",
    "ophthalmologist",
)
#: urgency → how long the specialist has to answer (kiosk policy, docs/consults.md)
URGENCIES: dict[str, dt.timedelta] = {
    "routine": dt.timedelta(hours=24),
    "urgent": dt.timedelta(hours=4),
    "emergency": dt.timedelta(hours=1),
}
URGENCY_ORDER: tuple[str, ...] = ("routine", "urgent", "emergency")
CONSULT_STATES = (
    "queued",
    "requested",
    "accepted",
    "in-progress",
    "on-hold",
    "answered",
    "rejected",
    "cancelled",
    "failed",
)
#: states in which nobody has answered yet and the deadline still counts
OPEN_STATES = frozenset({"queued", "requested", "accepted", "in-progress", "on-hold"})
DECISIONS = ("manage-locally", "refer-district", "urgent-transport")
MAX_QUESTION_CHARS = 2000


@dataclasses.dataclass(frozen=True)
class ConsultRequest:
    encounter_id: str
    specialty: str
    urgency: str
    question: str
    media_ids: tuple[str, ...] = ()
    reading_ids: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class ConsultView:
    id: str
    encounter_id: str
    patient_id: str
    specialty: str
    urgency: str
    state: str
    question: str
    requested_at: dt.datetime
    deadline: dt.datetime
    overdue: bool
    owner_display: str | None
    answer_text: str | None
    answer_decision: str | None
    answer_codes: tuple[str, ...]
    follow_up: dt.date | None
    answered_at: dt.datetime | None
    unread: bool
    status_reason: str | None
    messages: tuple[ConsultMessage, ...] = ()  # the specialist's questions, the nurse's replies

    @property
    def open_question(self) -> ConsultMessage | None:
        """The specialist's question that waits for the nurse's reply (only while on hold)."""
        return open_question(self.messages) if self.state == "on-hold" else None

    def to_json(self) -> dict[str, Any]:
        """The ``kiosk consults list --json`` document of one request (interfaces.md)."""
        return {
            "id": self.id,
            "encounter_id": self.encounter_id,
            "patient_id": self.patient_id,
            "specialty": self.specialty,
            "urgency": self.urgency,
            "state": self.state,
            "question": self.question,
            "requested_at": self.requested_at.isoformat(),
            "deadline": self.deadline.isoformat(),
            "overdue": self.overdue,
            "owner": self.owner_display,
            "answer": self.answer_text,
            "decision": self.answer_decision,
            "codes": list(self.answer_codes),
            "follow_up": None if self.follow_up is None else self.follow_up.isoformat(),
            "answered_at": None if self.answered_at is None else self.answered_at.isoformat(),
            "unread": self.unread,
            "status_reason": self.status_reason,
            "messages": [message.to_json() for message in self.messages],
        }


# --- placing a request --------------------------------------------------------------------


def request_consult(store: Store, request: ConsultRequest, *, now: dt.datetime) -> str:
    """Validate and queue a request; returns its id (the ServiceRequest's kiosk UUID)."""
    with store.transaction() as conn:
        return _insert(conn, request, now=now, replaces=None)


def _validate(request: ConsultRequest) -> str:
    if request.specialty not in SPECIALTIES:
        raise ValidationError("consult.bad_specialty", specialty=request.specialty)
    if request.urgency not in URGENCIES:
        raise ValidationError("consult.bad_urgency", urgency=request.urgency)
    question = request.question.strip()
    if not question:
        raise ValidationError("consult.empty_question")
    if len(question) > MAX_QUESTION_CHARS:
        raise ValidationError("consult.question_too_long", limit=MAX_QUESTION_CHARS)
    return question


def _encounter(conn: sqlite3.Connection, encounter_id: str) -> tuple[str, int]:
    """(patient id, the encounter's outbox item) of a saved encounter, or a clear error."""
    row = conn.execute(
        "SELECT patient_id, status FROM encounters WHERE id = ?", (encounter_id,)
    ).fetchone()
    if row is None:
        raise UserFacingError("consult.encounter_not_found", encounter_id=encounter_id)
    item = outbox.latest_item(conn, "encounter", encounter_id)
    if row[1] != "finished" or item is None:
        raise UserFacingError("consult.encounter_not_saved", encounter_id=encounter_id)
    return str(row[0]), item[0]


def _check_attachments(conn: sqlite3.Connection, request: ConsultRequest) -> None:
    for table, kind, ids in (
        ("media", "media", request.media_ids),
        ("readings", "reading", request.reading_ids),
    ):
        for ref in dict.fromkeys(ids):
            found = conn.execute(
                f"SELECT 1 FROM {table} WHERE id = ? AND encounter_id = ?",
                (ref, request.encounter_id),
            ).fetchone()
            if found is None:
                raise ValidationError("consult.attachment_not_in_visit", kind=kind, ref=ref)


def _insert(
    conn: sqlite3.Connection, request: ConsultRequest, *, now: dt.datetime, replaces: str | None
) -> str:
    question = _validate(request)
    patient_id, encounter_item = _encounter(conn, request.encounter_id)
    _check_attachments(conn, request)
    consult_id, stamp = new_id(), now.astimezone(dt.UTC)
    conn.execute(
        "INSERT INTO consults (id, task_id, encounter_id, patient_id, specialty, urgency, "
        "question, requested_at, deadline, replaces, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            consult_id,
            new_id(),
            request.encounter_id,
            patient_id,
            request.specialty,
            request.urgency,
            question,
            stamp.isoformat(),
            (stamp + URGENCIES[request.urgency]).isoformat(),
            replaces,
            stamp.isoformat(),
        ),
    )
    conn.executemany(
        "INSERT INTO consult_attachments (consult_id, kind, ref) VALUES (?, ?, ?)",
        [(consult_id, "media", ref) for ref in dict.fromkeys(request.media_ids)]
        + [(consult_id, "reading", ref) for ref in dict.fromkeys(request.reading_ids)],
    )
    deps = [encounter_item]  # and the kiosk Device (Task.requester), the chosen photos' Media
    refs = [("register-device", KIOSK_DEVICE_REF)]
    refs += [("binary", ref) for ref in dict.fromkeys(request.media_ids)]
    deps += [found[0] for kind, ref in refs if (found := outbox.latest_item(conn, kind, ref))]
    outbox.enqueue(conn, "consult", consult_id, stamp, depends_on=deps)
    codes = (request.specialty, request.urgency, audit.patient_code(patient_id))
    audit.record(conn, "created", "ServiceRequest", consult_id, now=stamp, detail=codes)
    return consult_id


# --- re-routing and escalating ------------------------------------------------------------


def reroute(store: Store, consult_id: str, *, specialty: str, now: dt.datetime) -> str:
    """Ask another specialty instead; the old request is cancelled. Returns the new id."""
    with store.transaction() as conn:
        old = _row(conn, consult_id)
        if specialty == old["specialty"]:
            raise ValidationError("consult.same_specialty", specialty=specialty)
        return _replace(conn, old, specialty, str(old["urgency"]), "rerouted", now)


def escalate(store: Store, consult_id: str, *, now: dt.datetime) -> str:
    """Ask the same specialty again one urgency step higher. Returns the new id."""
    with store.transaction() as conn:
        old = _row(conn, consult_id)
        step = URGENCY_ORDER.index(str(old["urgency"]))
        if step + 1 >= len(URGENCY_ORDER):
            raise ValidationError("consult.cannot_escalate")
        urgency = URGENCY_ORDER[step + 1]
        return _replace(conn, old, str(old["specialty"]), urgency, "escalated", now)


def _row(conn: sqlite3.Connection, consult_id: str) -> dict[str, Any]:
    cursor = conn.execute("SELECT * FROM consults WHERE id = ?", (consult_id,))
    row = cursor.fetchone()
    if row is None:
        raise UserFacingError("consult.not_found", consult_id=consult_id)
    return dict(zip([c[0] for c in cursor.description], row, strict=True))


def _replace(
    conn: sqlite3.Connection,
    old: dict[str, Any],
    specialty: str,
    urgency: str,
    why: str,
    now: dt.datetime,
) -> str:
    if old["state"] == "answered":
        raise ValidationError("consult.already_answered")
    if old["replaced_by"] is not None:
        raise ValidationError("consult.already_replaced", consult_id=old["replaced_by"])
    attachments = conn.execute(
        "SELECT kind, ref FROM consult_attachments WHERE consult_id = ? ORDER BY kind, ref",
        (old["id"],),
    ).fetchall()
    request = ConsultRequest(
        encounter_id=old["encounter_id"],
        specialty=specialty,
        urgency=urgency,
        question=old["question"],
        media_ids=tuple(ref for kind, ref in attachments if kind == "media"),
        reading_ids=tuple(ref for kind, ref in attachments if kind == "reading"),
    )
    new = _insert(conn, request, now=now, replaces=old["id"])
    stamp = now.astimezone(dt.UTC).isoformat()
    conn.execute(
        "UPDATE consults SET replaced_by = ?, kiosk_note = ?, updated_at = ? WHERE id = ?",
        (new, why, stamp, old["id"]),
    )
    codes = (why, audit.patient_code(old["patient_id"]))
    audit.record(conn, "changed", "ServiceRequest", old["id"], now=now, detail=codes)
    if old["state"] in OPEN_STATES:  # a closed Task needs no cancelling
        conn.execute("UPDATE consults SET cancel_requested_at = ? WHERE id = ?", (stamp, old["id"]))
        create = outbox.latest_item(conn, "consult", old["id"])
        deps = [] if create is None else [create[0]]
        outbox.enqueue(conn, "consult", old["id"], now, depends_on=deps)
    return new


# --- reading ------------------------------------------------------------------------------


def list_consults(
    store: Store, *, now: dt.datetime, patient_id: str | None = None
) -> list[ConsultView]:
    """Every request (of one patient, if given), newest first."""
    sql = "SELECT * FROM consults"
    params: tuple[Any, ...] = ()
    if patient_id is not None:
        sql += " WHERE patient_id = ?"
        params = (patient_id,)
    rows = store.query(sql + " ORDER BY requested_at DESC, rowid DESC", params)
    messages = messages_of(store, (row["id"] for row in rows))
    return [_view(row, now, messages.get(row["id"], ())) for row in rows]


def get_consult(store: Store, consult_id: str, *, now: dt.datetime) -> ConsultView:
    rows = store.query("SELECT * FROM consults WHERE id = ?", (consult_id,))
    if not rows:
        raise UserFacingError("consult.not_found", consult_id=consult_id)
    return _view(rows[0], now, messages_of(store, [consult_id]).get(consult_id, ()))


def mark_read(store: Store, consult_id: str) -> None:
    """The nurse has seen the latest change of this request."""
    with store.transaction() as conn:
        cursor = conn.execute("UPDATE consults SET unread = 0 WHERE id = ?", (consult_id,))
        if cursor.rowcount == 0:
            raise UserFacingError("consult.not_found", consult_id=consult_id)


def attachments_of(store: Store, encounter_id: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(reading ids, photo ids) of a visit: everything it could send to a specialist."""
    readings = store.query(
        "SELECT id FROM readings WHERE encounter_id = ? ORDER BY kiosk_time, id", (encounter_id,)
    )
    photos = store.query(
        "SELECT id FROM media WHERE encounter_id = ? AND state = 'ready' ORDER BY created_at",
        (encounter_id,),
    )
    return tuple(r["id"] for r in readings), tuple(p["id"] for p in photos)


def is_overdue(state: str, deadline: dt.datetime, now: dt.datetime) -> bool:
    """Still open after its deadline (a replaced request is not: the nurse acted)."""
    return state in OPEN_STATES and now > deadline


def _time(value: Any) -> dt.datetime | None:
    return None if value is None else dt.datetime.fromisoformat(str(value))


def _view(
    row: dict[str, Any], now: dt.datetime, messages: tuple[ConsultMessage, ...]
) -> ConsultView:
    deadline = dt.datetime.fromisoformat(row["deadline"])
    requested = dt.datetime.fromisoformat(row["requested_at"])
    return ConsultView(
        id=row["id"],
        encounter_id=row["encounter_id"],
        patient_id=row["patient_id"],
        specialty=row["specialty"],
        urgency=row["urgency"],
        state=row["state"],
        question=row["question"],
        requested_at=requested,
        deadline=deadline,
        overdue=row["replaced_by"] is None and is_overdue(row["state"], deadline, now),
        owner_display=row["owner_display"],
        answer_text=row["answer_text"],
        answer_decision=row["answer_decision"],
        answer_codes=tuple(json.loads(row["answer_codes"] or "[]")),
        follow_up=None if row["follow_up"] is None else dt.date.fromisoformat(row["follow_up"]),
        answered_at=_time(row["answered_at"]),
        unread=bool(row["unread"]),
        status_reason=_reason(row),
        messages=messages,
    )


def _reason(row: dict[str, Any]) -> str | None:
    """The hospital's status reason as written, else the kiosk's own note, translated."""
    if row["status_reason"]:
        return str(row["status_reason"])
    note = row["kiosk_note"]
    if not note:
        return None
    if note == "cancel_conflict":
        state = translate(f"consult.state.{row['state']}")
        return translate("consult.note.cancel_conflict", state=state)
    return translate(f"consult.note.{note}", consult_id=row["replaced_by"] or "")


def label(kind: str, code: str) -> str:
    """A translated label: ``label("specialty", "surgeon")``, ``label("state", "queued")``,
    ``label("urgency", …)``, ``label("decision", …)``."""
    key = f"consult.{kind}.{code}"
    text = translate(key)
    return code if text == key else text  # a code from another client: shown as it came
