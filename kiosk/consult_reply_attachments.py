"""New readings and photos the nurse attaches to her reply (schema v14; docs/consults.md).

The specialist asks "measure the temperature again and send a photo of the rash": the
request's own visit is closed, so the nurse records a **new visit** of the same patient and
attaches its readings and photos to her reply. What may be attached to the reply to a
question: readings and photos of a *saved* visit of the request's patient that was started
after the question arrived at the kiosk (:func:`attachable` lists them for the screen).

:func:`check` validates the chosen ids inside the reply's transaction (a translated
:class:`~kiosk.errors.UserFacingError` names what is wrong) and returns the outbox items
the reply's item must wait for: each visit's ``encounter`` item (its Observations) and each
photo's ``binary`` item (its Media). A photo whose upload was held back (quarantined) does
not hold the reply back (:func:`kiosk.store.outbox.due_items`); sync leaves it out and says
so. :func:`keep` stores the choice (``consult_message_attachments``);
:func:`attached` reads it back for sync.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from collections.abc import Iterable

from kiosk.clinical.units import display_value
from kiosk.domain import utc_instant
from kiosk.errors import ValidationError
from kiosk.i18n import MESSAGES, translate
from kiosk.store import outbox
from kiosk.store.db import Store
from kiosk.visit_summary import unit_symbol

#: reading types that never travel as an Observation (sync.fhir_codes.NOT_SENT): not offered
NOT_ATTACHABLE = frozenset({"status", "cuff_pressure", "pleth"})
#: languages that write a decimal comma (as the screens' QLocale does for kk and ru)
DECIMAL_COMMA = frozenset({"kk", "ru"})


@dataclasses.dataclass(frozen=True)
class AttachableReading:
    """A reading of a visit saved after the question, as the screen offers it."""

    id: str
    encounter_id: str
    type: str
    value: float | None
    unit: str
    taken_at: dt.datetime
    text: str  # "Temperature 38.4 °C" in the asked language


@dataclasses.dataclass(frozen=True)
class AttachablePhoto:
    id: str
    encounter_id: str
    taken_at: dt.datetime


@dataclasses.dataclass(frozen=True)
class Attachable:
    """What may go with the reply to the open question (empty when nothing was recorded)."""

    readings: tuple[AttachableReading, ...] = ()
    photos: tuple[AttachablePhoto, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.readings and not self.photos


def _visits_after(conn: sqlite3.Connection, patient_id: str, arrived: str) -> dict[str, int]:
    """Saved visits of the patient started at or after ``arrived``: id → encounter item."""
    rows = conn.execute(
        "SELECT id, started_at FROM encounters WHERE patient_id = ? AND status = 'finished'",
        (patient_id,),
    ).fetchall()
    since = utc_instant(arrived)
    found = {}
    for encounter_id, started in rows:
        item = outbox.latest_item(conn, "encounter", str(encounter_id))
        if item is not None and utc_instant(str(started)) >= since:
            found[str(encounter_id)] = item[0]
    return found


def check(
    conn: sqlite3.Connection,
    patient_id: str,
    arrived: str,
    reading_ids: Iterable[str],
    media_ids: Iterable[str],
) -> list[int]:
    """Validate the chosen readings and photos; the outbox items the reply must wait for."""
    visits: dict[str, int] | None = None
    deps: list[int] = []
    for table, kind, ids in (("readings", "reading", reading_ids), ("media", "media", media_ids)):
        for ref in dict.fromkeys(ids):
            row = conn.execute(
                f"SELECT e.id, e.patient_id FROM {table} x JOIN encounters e "
                "ON e.id = x.encounter_id WHERE x.id = ?",
                (ref,),
            ).fetchone()
            if row is None:
                raise ValidationError("consult.reply.attachment_unknown", kind=kind, ref=ref)
            if str(row[1]) != patient_id:
                raise ValidationError("consult.reply.attachment_other_patient", ref=ref)
            visits = _visits_after(conn, patient_id, arrived) if visits is None else visits
            if str(row[0]) not in visits:
                raise ValidationError("consult.reply.attachment_not_new", ref=ref)
            deps.append(visits[str(row[0])])
            upload = outbox.latest_item(conn, "binary", ref) if kind == "media" else None
            deps += [upload[0]] if upload else []
    return list(dict.fromkeys(deps))


def keep(
    conn: sqlite3.Connection, reply_id: str, reading_ids: Iterable[str], media_ids: Iterable[str]
) -> None:
    """Store the reply's attachments (inside the reply's transaction)."""
    conn.executemany(
        "INSERT INTO consult_message_attachments (message_id, kind, ref) VALUES (?, ?, ?)",
        [(reply_id, "reading", ref) for ref in dict.fromkeys(reading_ids)]
        + [(reply_id, "media", ref) for ref in dict.fromkeys(media_ids)],
    )


def attached(store: Store, reply_id: str) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    """The reply's readings as (visit id, reading id) and its photo ids, in the order chosen."""
    if not store.has_table("consult_message_attachments"):
        return (), ()
    rows = store.query(
        "SELECT a.kind, a.ref, coalesce(r.encounter_id, m.encounter_id) AS encounter_id "
        "FROM consult_message_attachments a "
        "LEFT JOIN readings r ON a.kind = 'reading' AND r.id = a.ref "
        "LEFT JOIN media m ON a.kind = 'media' AND m.id = a.ref "
        "WHERE a.message_id = ? ORDER BY a.rowid",
        (reply_id,),
    )
    readings = tuple(
        (str(r["encounter_id"]), str(r["ref"])) for r in rows if r["kind"] == "reading"
    )
    return readings, tuple(str(r["ref"]) for r in rows if r["kind"] == "media")


def reading_text(kind: str, value: float | None, unit: str, language: str) -> str:
    """ "Temperature 38.4 °C" in ``language`` (a type without a label is named by its code)."""
    key = f"screens.vital.{kind}"
    name = translate(key, language) if key in MESSAGES else kind
    if value is None:
        return name
    number = display_value(float(value), unit)
    if language in DECIMAL_COMMA:  # 38,4 as the screen's QLocale writes it in kk and ru
        number = number.replace(".", ",")
    return f"{name} {number} {unit_symbol(unit, language)}".strip()


def attachable(store: Store, consult_id: str, language: str) -> Attachable:
    """What may be attached to the reply to the request's open question (reader thread)."""
    found = store.query(
        "SELECT c.patient_id, q.created_at FROM consults c JOIN consult_messages q "
        "ON q.consult_id = c.id AND q.direction = 'question' WHERE c.id = ? "
        "AND NOT EXISTS (SELECT 1 FROM consult_messages r WHERE r.direction = 'reply' "
        "AND r.in_response_to = q.id) ORDER BY q.created_at DESC, q.rowid DESC LIMIT 1",
        (consult_id,),
    )
    if not found:
        return Attachable()
    visits = _visits_after(store.conn, str(found[0]["patient_id"]), str(found[0]["created_at"]))
    if not visits:
        return Attachable()
    marks = ", ".join("?" * len(visits))
    rows = store.query(
        f"SELECT id, encounter_id, type, value, unit, kiosk_time FROM readings r "
        f"WHERE encounter_id IN ({marks}) AND NOT EXISTS "  # a corrected visit: as corrected
        f"(SELECT 1 FROM encounters n WHERE n.supersedes = r.encounter_id) "
        f"ORDER BY kiosk_time, id",
        tuple(visits),
    )
    readings = tuple(
        AttachableReading(
            id=str(row["id"]),
            encounter_id=str(row["encounter_id"]),
            type=str(row["type"]),
            value=None if row["value"] is None else float(row["value"]),
            unit=str(row["unit"] or ""),
            taken_at=utc_instant(str(row["kiosk_time"])),
            text=reading_text(str(row["type"]), row["value"], str(row["unit"] or ""), language),
        )
        for row in rows
        if row["type"] not in NOT_ATTACHABLE
    )
    shots = store.query(
        f"SELECT id, encounter_id, created_at FROM media WHERE encounter_id IN ({marks}) "
        "AND state = 'ready' ORDER BY created_at, id",
        tuple(visits),
    )
    photos = tuple(
        AttachablePhoto(str(s["id"]), str(s["encounter_id"]), utc_instant(str(s["created_at"])))
        for s in shots
    )
    return Attachable(readings, photos)
