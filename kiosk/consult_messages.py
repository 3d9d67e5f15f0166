"""The specialist's questions to the nurse and her replies (schema v13; docs/consults.md).

Instead of answering, a specialist may ask the nurse something ("measure the temperature
again and send a photo of the rash"): the hospital puts the Task ``on-hold`` and sends a
Communication to the kiosk. Sync hands each such question to :func:`record_questions`
(inside :func:`kiosk.consult_updates.apply_update`'s transaction; a question is kept once,
by its server id, with the specialist's words as written).

:func:`reply` is the nurse's answer to the newest open question: validated, then saved in
one transaction with a ``consult`` outbox item whose ``ref`` is the reply's id (the kiosk
UUID that identifies its Communication, so a re-send never makes a second one); the item
waits for the request's own ``consult`` item — and, when the nurse attaches new readings or
photos (:mod:`kiosk.consult_reply_attachments`), for their visit's and photos' items.
Sync records the server's id with :func:`record_reply_sent`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from collections.abc import Iterable
from typing import Any

from kiosk import consult_reply_attachments as attachments
from kiosk.domain import new_id, utc_instant
from kiosk.errors import UserFacingError, ValidationError
from kiosk.security import audit
from kiosk.store import outbox
from kiosk.store.db import Store

MAX_REPLY_CHARS = 2000


@dataclasses.dataclass(frozen=True)
class ConsultMessage:
    """One message of the conversation about a request."""

    id: str
    direction: str  # question (from the specialist) / reply (from the nurse)
    text: str
    sent_at: dt.datetime
    sender_display: str | None = None
    in_response_to: str | None = None
    server_id: str | None = None
    #: the new readings and photos the nurse sent with a reply (reading and media ids)
    readings: tuple[str, ...] = ()
    photos: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """One message in ``kiosk consults list --json`` (``delivered``: the server has it;
        ``attachments``: what a reply carried)."""
        return {
            "id": self.id,
            "direction": self.direction,
            "text": self.text,
            "sent_at": self.sent_at.isoformat(),
            "sender": self.sender_display,
            "in_response_to": self.in_response_to,
            "delivered": self.server_id is not None,
            "attachments": {"readings": list(self.readings), "photos": list(self.photos)},
        }


@dataclasses.dataclass(frozen=True)
class PulledQuestion:
    """A question as sync read it from the server's Communication."""

    server_id: str
    text: str
    sent_at: str
    sender_ref: str | None = None
    sender_display: str | None = None


def messages_of(store: Store, consult_ids: Iterable[str]) -> dict[str, tuple[ConsultMessage, ...]]:
    """Each request's messages, oldest first (requests without any are left out)."""
    wanted = list(dict.fromkeys(consult_ids))
    found: dict[str, list[ConsultMessage]] = {}
    if not wanted or not store.has_table("consult_messages"):
        return {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        rows = store.query(
            f"SELECT * FROM consult_messages WHERE consult_id IN ({marks}) "
            "ORDER BY created_at, rowid",
            tuple(chunk),
        )
        for row in rows:
            found.setdefault(str(row["consult_id"]), []).append(
                ConsultMessage(
                    id=row["id"],
                    direction=row["direction"],
                    text=row["text"],
                    sent_at=utc_instant(row["sent_at"]),
                    sender_display=row["sender_display"],
                    in_response_to=row["in_response_to"],
                    server_id=row["server_id"],
                )
            )
    carried = _attachments_of(store, [m.id for ms in found.values() for m in ms])
    return {key: tuple(_with(m, carried.get(m.id)) for m in ms) for key, ms in found.items()}


Carried = tuple[tuple[str, ...], tuple[str, ...]]  # (reading ids, photo ids)


def _with(message: ConsultMessage, carried: Carried | None) -> ConsultMessage:
    if carried is None:
        return message
    return dataclasses.replace(message, readings=carried[0], photos=carried[1])


def _attachments_of(store: Store, message_ids: list[str]) -> dict[str, Carried]:
    """message id → (reading ids, photo ids) for the replies that carried some."""
    found: dict[str, tuple[list[str], list[str]]] = {}
    if not message_ids or not store.has_table("consult_message_attachments"):
        return {}
    for start in range(0, len(message_ids), 500):
        chunk = message_ids[start : start + 500]
        rows = store.query(
            "SELECT message_id, kind, ref FROM consult_message_attachments WHERE message_id IN "
            f"({', '.join('?' * len(chunk))}) ORDER BY rowid",
            tuple(chunk),
        )
        for row in rows:
            readings, photos = found.setdefault(str(row["message_id"]), ([], []))
            (readings if row["kind"] == "reading" else photos).append(str(row["ref"]))
    return {key: (tuple(r), tuple(p)) for key, (r, p) in found.items()}


def open_question(messages: Iterable[ConsultMessage]) -> ConsultMessage | None:
    """The newest question nobody has replied to yet, if any."""
    listed = list(messages)
    replied = {m.in_response_to for m in listed if m.direction == "reply"}
    questions = [m for m in listed if m.direction == "question" and m.id not in replied]
    return questions[-1] if questions else None


def record_questions(
    conn: sqlite3.Connection,
    consult_id: str,
    questions: Iterable[PulledQuestion],
    now: dt.datetime,
) -> int:
    """Keep the questions not seen before (by server id); returns how many were new."""
    added = 0
    for question in questions:
        if not question.text.strip():
            continue
        cursor = conn.execute(
            "INSERT OR IGNORE INTO consult_messages (id, consult_id, direction, server_id, "
            "sender_ref, sender_display, text, sent_at, created_at) "
            "VALUES (?, ?, 'question', ?, ?, ?, ?, ?, ?)",
            (
                new_id(),
                consult_id,
                question.server_id,
                question.sender_ref,
                question.sender_display,
                question.text,
                utc_instant(question.sent_at).astimezone(dt.UTC).isoformat(),
                now.astimezone(dt.UTC).isoformat(),
            ),
        )
        added += cursor.rowcount
    return added


def reply(
    store: Store,
    consult_id: str,
    text: str,
    *,
    now: dt.datetime,
    reading_ids: Iterable[str] = (),
    media_ids: Iterable[str] = (),
) -> str:
    """Save the nurse's reply to the open question and queue it; returns the reply's id.
    ``reading_ids`` / ``media_ids``: new readings and photos that go with it
    (:mod:`kiosk.consult_reply_attachments`); the item then also waits for their upload."""
    readings, photos = tuple(reading_ids), tuple(media_ids)
    words = text.strip()
    if not words:
        raise ValidationError("consult.reply.empty")
    if len(words) > MAX_REPLY_CHARS:
        raise ValidationError("consult.reply.too_long", limit=MAX_REPLY_CHARS)
    stamp = now.astimezone(dt.UTC)
    with store.transaction() as conn:
        found = conn.execute(
            "SELECT patient_id FROM consults WHERE id = ?", (consult_id,)
        ).fetchone()
        if found is None:
            raise UserFacingError("consult.not_found", consult_id=consult_id)
        question = conn.execute(
            "SELECT q.id, q.created_at FROM consult_messages q WHERE q.consult_id = ? "
            "AND q.direction = 'question' AND NOT EXISTS (SELECT 1 FROM consult_messages r "
            "WHERE r.direction = 'reply' AND r.in_response_to = q.id) "
            "ORDER BY q.created_at DESC, q.rowid DESC LIMIT 1",
            (consult_id,),
        ).fetchone()
        if question is None:
            raise ValidationError("consult.reply.no_question")
        patient_id = str(found[0])
        deps = attachments.check(conn, patient_id, str(question[1]), readings, photos)
        reply_id = new_id()
        conn.execute(
            "INSERT INTO consult_messages (id, consult_id, direction, in_response_to, text, "
            "sent_at, created_at) VALUES (?, ?, 'reply', ?, ?, ?, ?)",
            (reply_id, consult_id, question[0], words, stamp.isoformat(), stamp.isoformat()),
        )
        attachments.keep(conn, reply_id, readings, photos)
        conn.execute("UPDATE consults SET unread = 0 WHERE id = ?", (consult_id,))
        create = outbox.latest_item(conn, "consult", consult_id)
        deps = ([] if not create else [create[0]]) + deps
        outbox.enqueue(conn, "consult", reply_id, stamp, depends_on=deps)
        detail = (audit.patient_code(patient_id),)
        audit.record(conn, "created", "Communication", reply_id, now=stamp, detail=detail)
    return reply_id


def reply_row(store: Store, reply_id: str) -> dict[str, Any] | None:
    """What sync needs to send one reply: its words and time, the question's server id and
    sender, the request's Task and ServiceRequest on the server."""
    if not store.has_table("consult_messages"):
        return None
    rows = store.query(
        "SELECT r.id, r.consult_id, r.text, r.sent_at, r.server_id, q.server_id AS question_id, "
        "q.sender_ref, c.server_task_id, c.server_request_id FROM consult_messages r "
        "JOIN consult_messages q ON q.id = r.in_response_to "
        "JOIN consults c ON c.id = r.consult_id WHERE r.id = ? AND r.direction = 'reply'",
        (reply_id,),
    )
    return rows[0] if rows else None


def record_reply_sent(store: Store, reply_id: str, server_id: str | None) -> None:
    """The server holds the reply (its Communication id, when the server named it)."""
    with store.transaction() as conn:
        conn.execute(
            "UPDATE consult_messages SET server_id = coalesce(?, server_id, id) WHERE id = ?",
            (server_id, reply_id),
        )
