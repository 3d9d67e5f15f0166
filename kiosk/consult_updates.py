"""What sync learns about a teleconsultation request, written into its ``consults`` row.

Sync (``sync/consult_pull.py``, ``sync/consult_cancel.py``) reads FHIR and hands the core
plain values: :func:`record_created` when the hospital's server confirmed the
ServiceRequest + Task, :func:`apply_update` for each newer version of the Task (state,
owner, reason, the answer), :func:`record_cancel` when the kiosk's cancellation went
through or met a change by the hospital (``If-Match`` failed). Each is one transaction.

:func:`apply_update` never moves an answer backwards: a Task version without an answer
does not erase one already received, and the kiosk's own notes stay. The owner and the
status reason are the Task's current ones (a released Task has no owner). It returns the
:class:`~kiosk.events.ConsultChanged` to emit when the state or the answer changed, and
marks the request unread when the nurse has something new to see — also when the Task
brings a question for the nurse (``questions``, kept once each by
:func:`kiosk.consult_messages.record_questions`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3

from kiosk.consult_messages import PulledQuestion, record_questions
from kiosk.domain import utc_instant
from kiosk.events import ConsultChanged
from kiosk.store.db import Store

#: states that call for the nurse's attention when they arrive
NOTIFY_STATES = frozenset({"answered", "on-hold", "rejected", "failed", "cancelled"})


@dataclasses.dataclass(frozen=True)
class ConsultUpdate:
    """One Task version as the kiosk keeps it; answer fields only when it has one."""

    server_task_id: str
    task_version: str
    task_updated: str | None
    state: str
    owner_display: str | None = None
    status_reason: str | None = None
    answer_text: str | None = None
    answer_decision: str | None = None
    answer_codes: tuple[str, ...] = ()
    follow_up: dt.date | None = None
    answered_at: str | None = None
    questions: tuple[PulledQuestion, ...] = ()


def record_created(
    conn: sqlite3.Connection,
    consult_id: str,
    *,
    server_request_id: str | None,
    server_task_id: str | None,
    task_version: str | None,
    now: dt.datetime,
) -> None:
    """The server holds the ServiceRequest and Task (inside the ack's transaction)."""
    conn.execute(
        "UPDATE consults SET server_request_id = coalesce(?, server_request_id), "
        "server_task_id = coalesce(?, server_task_id), "
        "task_version = coalesce(task_version, ?), "
        "state = CASE state WHEN 'queued' THEN 'requested' ELSE state END, updated_at = ? "
        "WHERE id = ?",
        (server_request_id, server_task_id, task_version, now.isoformat(), consult_id),
    )


def consult_of_task(store: Store, server_task_id: str) -> str | None:
    value = store.scalar("SELECT id FROM consults WHERE server_task_id = ?", (server_task_id,))
    return None if value is None else str(value)


def apply_update(
    store: Store, consult_id: str, update: ConsultUpdate, *, now: dt.datetime
) -> ConsultChanged | None:
    """Write one pulled Task version; the event to emit when something changed."""
    with store.transaction() as conn:
        row = conn.execute(
            "SELECT state, answer_text, task_version, task_updated FROM consults WHERE id = ?",
            (consult_id,),
        ).fetchone()
        if row is None or _older(update.task_updated, row[3]):
            return None  # unknown, or a version older than one already recorded
        old_state, old_answer, old_version, _updated = row
        if old_version == update.task_version and old_state != "queued":
            return None
        asked = record_questions(conn, consult_id, update.questions, now) if update.questions else 0
        answer = update.answer_text if update.answer_text else old_answer
        answered_now = update.state == "answered" and (
            old_state != "answered" or answer != old_answer
        )
        changed = update.state != old_state or answer != old_answer or asked > 0
        notify = changed and (update.state in NOTIFY_STATES or answered_now or asked > 0)
        conn.execute(
            "UPDATE consults SET state = ?, server_task_id = ?, task_version = ?, "
            "task_updated = ?, owner_display = ?, "
            "status_reason = ?, answer_text = ?, "
            "answer_decision = coalesce(?, answer_decision), "
            "answer_codes = CASE WHEN ? = '[]' THEN answer_codes ELSE ? END, "
            "follow_up = coalesce(?, follow_up), answered_at = coalesce(?, answered_at), "
            "unread = CASE WHEN ? THEN 1 ELSE unread END, updated_at = ? WHERE id = ?",
            (
                update.state,
                update.server_task_id,
                update.task_version,
                update.task_updated,
                update.owner_display,
                update.status_reason,
                answer,
                update.answer_decision,
                json.dumps(list(update.answer_codes)),
                json.dumps(list(update.answer_codes)),
                None if update.follow_up is None else update.follow_up.isoformat(),
                update.answered_at,
                int(notify),
                now.isoformat(),
                consult_id,
            ),
        )
    if not changed:
        return None
    return ConsultChanged(consult_id, update.state, update.state == "answered")


def _older(candidate: str | None, recorded: str | None) -> bool:
    """Whether a Task version's ``meta.lastUpdated`` is before the one recorded."""
    if not candidate or not recorded:
        return False
    try:
        return utc_instant(candidate) < utc_instant(recorded)
    except ValueError:
        return False


def record_cancel(
    store: Store,
    consult_id: str,
    *,
    outcome: str,
    now: dt.datetime,
    task_version: str | None = None,
    task_updated: str | None = None,
    state: str | None = None,
) -> None:
    """The kiosk's cancellation is settled: ``done`` (the Task is now ``task_version`` in
    ``state`` — cancelled by the kiosk, or already closed by the hospital) or ``conflict``
    (the hospital changed the Task first; the nurse is shown what changed; the re-read
    Task went through :func:`apply_update`)."""
    with store.transaction() as conn:
        if outcome == "done":
            conn.execute(
                "UPDATE consults SET cancel_outcome = 'done', state = coalesce(?, state), "
                "task_version = coalesce(?, task_version), "
                "task_updated = coalesce(?, task_updated), updated_at = ? WHERE id = ?",
                (state, task_version, task_updated, now.isoformat(), consult_id),
            )
            return
        conn.execute(
            "UPDATE consults SET cancel_outcome = 'conflict', kiosk_note = 'cancel_conflict', "
            "unread = 1, updated_at = ? WHERE id = ?",
            (now.isoformat(), consult_id),
        )
