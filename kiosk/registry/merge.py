"""Merging two records of the same person: nothing is deleted, the replacement is recorded.

``merge(store, keep_id, replaced_id, reason, now)``, in one transaction:

- the replaced record stays, marked ``merged_into = keep_id`` with ``merged_at`` and
  ``merge_reason``; search then leads to the survivor only;
- the survivor gains the replaced record's name spellings (and their search tokens), its
  national identifiers, and whatever the survivor lacks (birth date, sex, phone, address);
- encounters are *not* rewritten: a saved encounter is immutable and may already be at
  the hospital under the old Patient. The survivor's history is the union of its own
  encounters and those of every record merged into it (:func:`history_ids`,
  :func:`history`), so both histories are kept and shown together;
- a ``register-patient`` item is queued for the survivor (it may now carry a national id,
  fhir-mapping.md §3.1). The server's own records are merged by a person there, never by
  the kiosk.

Refused: merging a record into itself, a record already merged, or two records with
different national identifiers of the same system (two IINs are two people).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from kiosk.errors import UserFacingError, ValidationError
from kiosk.registry.index import write_tokens
from kiosk.registry.model import MAX_ADDRESS, NameEntry
from kiosk.security import audit
from kiosk.store import outbox
from kiosk.store.db import Store
from kiosk.store.records import to_db_time


@dataclasses.dataclass(frozen=True, slots=True)
class MergeResult:
    keep_id: str
    replaced_id: str
    merged_at: str
    outbox_item: int


def _row(store: Store, patient_id: str) -> dict[str, Any]:
    rows = store.query("SELECT * FROM patients WHERE id = ?", (patient_id,))
    if not rows:
        raise UserFacingError("patient.not_found", patient_id=patient_id)
    return rows[0]


def _national(store: Store, patient_id: str) -> dict[str, str]:
    rows = store.conn.execute(
        "SELECT system, value FROM patient_identifiers WHERE patient_id = ? "
        "AND system IN ('kz-iin', 'ru-snils')",
        (patient_id,),
    )
    return {str(system): str(value) for system, value in rows}


def merge(
    store: Store, keep_id: str, replaced_id: str, reason: str, now: dt.datetime
) -> MergeResult:
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError("patient.merge_reason_required")
    if len(reason) > MAX_ADDRESS:
        raise ValidationError("patient.field_too_long", field="reason", limit=MAX_ADDRESS)
    if keep_id == replaced_id:
        raise ValidationError("patient.merge_same")
    stamp = to_db_time(now)
    with store.transaction() as conn:
        keep, replaced = _row(store, keep_id), _row(store, replaced_id)
        if keep["merged_into"] or replaced["merged_into"]:
            raise ValidationError("patient.already_merged")
        kept_ids, replaced_ids = _national(store, keep_id), _national(store, replaced_id)
        if any(kept_ids.get(s, v) != v for s, v in replaced_ids.items()):
            raise ValidationError("patient.merge_conflicting_ids")
        names = tuple(
            NameEntry(r["family"], r["given"], r["patronymic"], r["use"])
            for r in store.query(
                "SELECT family, given, patronymic, use FROM patient_names WHERE patient_id = ? "
                "ORDER BY id",
                (replaced_id,),
            )
        )
        conn.executemany(
            "INSERT INTO patient_names (patient_id, use, family, given, patronymic) "
            "VALUES (?, ?, ?, ?, ?)",
            [(keep_id, n.use, n.family, n.given, n.patronymic) for n in names],
        )
        write_tokens(conn, keep_id, names)
        conn.execute(
            "UPDATE OR IGNORE patient_identifiers SET patient_id = ? WHERE patient_id = ?",
            (keep_id, replaced_id),
        )
        conn.execute(
            "UPDATE patients SET "
            "birth_date = coalesce(birth_date, :bd), "
            "birth_date_estimated = CASE WHEN birth_date IS NULL THEN :est "
            "  ELSE birth_date_estimated END, "
            "sex = CASE WHEN sex = 'unknown' THEN :sex ELSE sex END, "
            "phone_digits = coalesce(phone_digits, :pd), "
            "phone_reversed = coalesce(phone_reversed, :pr), "
            "phone = coalesce(phone, :phone), address = coalesce(address, :address), "
            "language = coalesce(language, :language), "
            "updated_at = :now WHERE id = :id",
            {
                "bd": replaced["birth_date"],
                "est": replaced["birth_date_estimated"],
                "sex": replaced["sex"],
                "pd": replaced["phone_digits"],
                "pr": replaced["phone_reversed"],
                "phone": replaced["phone"],
                "address": replaced["address"],
                "language": replaced["language"],
                "now": stamp,
                "id": keep_id,
            },
        )
        conn.execute(
            "UPDATE patients SET merged_into = ?, merged_at = ?, merge_reason = ?, "
            "updated_at = ? WHERE id = ?",
            (keep_id, stamp, reason, stamp, replaced_id),
        )
        item = outbox.enqueue(conn, "register-patient", keep_id, now)
        audit.record(conn, "changed", "Patient", keep_id, now=now, detail=(f"merge:{replaced_id}",))
    return MergeResult(keep_id, replaced_id, stamp, item)


def history_ids(store: Store, patient_id: str) -> list[str]:
    """The patient and every record merged into it (directly or through another merge)."""
    rows = store.conn.execute(
        "WITH RECURSIVE chain(id) AS (SELECT ? UNION SELECT p.id FROM patients p "
        "JOIN chain c ON p.merged_into = c.id) SELECT id FROM chain",
        (patient_id,),
    )
    return [str(row[0]) for row in rows]


def history(store: Store, patient_id: str) -> list[dict[str, Any]]:
    """Encounters of the patient and of every record merged into it, newest first."""
    ids = history_ids(store, patient_id)
    marks = ", ".join("?" * len(ids))
    return store.query(
        "SELECT id, number, status, started_at, ended_at, patient_id FROM encounters "
        f"WHERE patient_id IN ({marks}) ORDER BY started_at DESC, id",
        tuple(ids),
    )
