"""Registering a patient: validation, the duplicate check, and one atomic write.

Duplicates (checked inside the writing transaction, so two writers cannot both pass):

- the same national identifier (IIN, SNILS) as a stored patient: a hard stop,
  :class:`DuplicateIdentifier` (``patient.duplicate_identifier``), with that patient;
- the same §7.2 name key (family + given) and the same birth date (the same year ±1 when
  either date is estimated from an age): warning ``patient.duplicate_name_birth_date``;
- a close fuzzy match (every name token matched, ≤ 2 edits in all, birth years ≤ 2 apart
  or unknown): warning ``patient.duplicate_similar``.

Warnings (these and the IIN-consistency ones of :mod:`kiosk.registry.validation`) stop
registration with :class:`NeedsConfirmation` unless the caller lists them in
``acknowledge``; the exception carries the candidates so the UI can show them.

The patient row, every name spelling, identifiers, search tokens and the
``register-patient`` outbox item are written in one transaction.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from collections.abc import Collection, Iterable
from typing import Any

from kiosk import identifiers
from kiosk.domain import new_id
from kiosk.errors import ValidationError
from kiosk.registry.index import write_tokens
from kiosk.registry.model import Candidate, CheckedPatient, PatientDraft, index_tokens
from kiosk.registry.search import Query, rank_by_name, survivor_of
from kiosk.registry.validation import IIN_WARNINGS, check_draft
from kiosk.security import audit
from kiosk.store import outbox
from kiosk.store.db import Store
from kiosk.store.records import to_db_time

DUPLICATE_WARNINGS = ("patient.duplicate_name_birth_date", "patient.duplicate_similar")
ALL_WARNINGS = (*IIN_WARNINGS, *DUPLICATE_WARNINGS)
SIMILAR_MAX_COST = 2.0


class DuplicateIdentifier(ValidationError):
    """A national identifier already belongs to a stored patient."""

    def __init__(self, system: str, candidates: list[Candidate]) -> None:
        super().__init__("patient.duplicate_identifier", system=system)
        self.candidates = candidates


class NeedsConfirmation(ValidationError):
    """Warnings a person must acknowledge before the patient is stored."""

    def __init__(self, warnings: list[str], candidates: list[Candidate], notes: list[str]) -> None:
        super().__init__("patient.needs_confirmation", count=len(warnings))
        self.warnings = warnings
        self.candidates = candidates
        self.notes = notes


@dataclasses.dataclass(frozen=True, slots=True)
class Registration:
    patient_id: str
    warnings: tuple[str, ...] = ()  # acknowledged
    notes: tuple[str, ...] = ()
    candidates: tuple[Candidate, ...] = ()


def _identifier_owners(store: Store, checked: CheckedPatient) -> tuple[str, list[Candidate]]:
    for system, value, _label in checked.identifiers:
        if system == identifiers.OTHER:
            continue
        row = store.conn.execute(
            "SELECT patient_id FROM patient_identifiers WHERE system = ? AND value = ?",
            (system, value),
        ).fetchone()
        if row is not None:
            owner = survivor_of(store, str(row[0]))
            found = store.query(
                "SELECT id, family, given, patronymic, birth_date, sex FROM patients WHERE id = ?",
                (owner,),
            )
            return system, [_as_candidate(found[0], 0.0, 0, (system,))]
    return "", []


def _as_candidate(
    row: dict[str, Any], score: float, matched: int, reasons: tuple[str, ...]
) -> Candidate:
    return Candidate(
        row["id"], row["family"], row["given"], row["patronymic"], row["birth_date"],
        row["sex"], score, matched, reasons,
    )  # fmt: skip


def _years_apart(a: str | None, b: dt.date | None) -> int | None:
    if not a or b is None:
        return None
    return abs(int(a[:4]) - b.year)


def find_duplicates(store: Store, checked: CheckedPatient) -> dict[str, list[Candidate]]:
    """Warning key → the stored patients behind it (empty when none)."""
    found: dict[str, list[Candidate]] = {}
    for name in checked.names:
        tokens = tuple(dict.fromkeys(index_tokens(name.family) + index_tokens(name.given)))
        if not tokens:
            continue
        rows = rank_by_name(store, Query(tokens=tokens), 50)
        estimated = _estimated(store, [row["id"] for row in rows])
        for row in rows:
            if row["matched"] < len(tokens) or row["score"] > SIMILAR_MAX_COST:
                continue
            apart = _years_apart(row["birth_date"], checked.birth_date)
            same_birth = row["birth_date"] == (
                checked.birth_date.isoformat() if checked.birth_date else 0
            ) or (
                apart is not None
                and apart <= 1
                and (checked.birth_date_estimated or row["id"] in estimated)
            )
            if row["score"] == 0 and same_birth:
                key = "patient.duplicate_name_birth_date"
            elif apart is None or apart <= 2:
                key = "patient.duplicate_similar"
            else:
                continue
            seen = {c.patient_id for cands in found.values() for c in cands}
            if row["id"] not in seen:
                found.setdefault(key, []).append(
                    _as_candidate(row, row["score"], row["matched"], (key,))
                )
    return found


def _estimated(store: Store, ids: list[str]) -> set[str]:
    if not ids:
        return set()
    marks = ", ".join("?" * len(ids))
    rows = store.conn.execute(
        f"SELECT id FROM patients WHERE birth_date_estimated = 1 AND id IN ({marks})", ids
    )
    return {str(row[0]) for row in rows}


def insert_checked(
    conn: sqlite3.Connection, patient_id: str, checked: CheckedPatient, now: dt.datetime
) -> None:
    """Write one checked patient (no duplicate check, no outbox): the caller's transaction."""
    primary = checked.primary
    stamp = to_db_time(now)
    conn.execute(
        "INSERT INTO patients (id, family, given, patronymic, birth_date, birth_date_estimated, "
        "sex, created_at, updated_at, phone, phone_digits, phone_reversed, address, language) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            patient_id,
            primary.family,
            primary.given,
            primary.patronymic,
            checked.birth_date.isoformat() if checked.birth_date else None,
            int(checked.birth_date_estimated),
            str(checked.sex),
            stamp,
            stamp,
            checked.phone,
            checked.phone_digits,
            checked.phone_digits[::-1] if checked.phone_digits else None,
            checked.address,
            checked.language,
        ),
    )
    conn.executemany(
        "INSERT INTO patient_names (patient_id, use, family, given, patronymic) "
        "VALUES (?, ?, ?, ?, ?)",
        [(patient_id, n.use, n.family, n.given, n.patronymic) for n in checked.names],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO patient_identifiers (patient_id, system, value, label, added_at) "
        "VALUES (?, ?, ?, ?, ?)",
        [(patient_id, s, v, label, stamp) for s, v, label in checked.identifiers],
    )
    write_tokens(conn, patient_id, checked.names)


def register(
    store: Store,
    draft: PatientDraft,
    *,
    now: dt.datetime,
    acknowledge: Collection[str] = (),
    patient_id: str | None = None,
) -> Registration:
    """Check, look for duplicates, and store a patient with its outbox item, atomically."""
    checked, warnings, notes = check_draft(draft, now.date())
    patient_id = patient_id or new_id()
    with store.transaction() as conn:
        system, owners = _identifier_owners(store, checked)
        if owners:
            raise DuplicateIdentifier(system, owners)
        duplicates = find_duplicates(store, checked)
        warnings += list(duplicates)
        candidates = [c for key in DUPLICATE_WARNINGS for c in duplicates.get(key, [])]
        unacknowledged = [w for w in warnings if w not in acknowledge]
        if unacknowledged:
            raise NeedsConfirmation(unacknowledged, candidates, notes)
        insert_checked(conn, patient_id, checked, now)
        outbox.enqueue(conn, "register-patient", patient_id, now)
        audit.record(conn, "created", "Patient", patient_id, now=now)
    return Registration(patient_id, tuple(warnings), tuple(notes), tuple(candidates))


def insert_many(
    store: Store, patients: Iterable[tuple[str, CheckedPatient]], now: dt.datetime
) -> int:
    """Bulk load already-checked patients in one transaction (benchmarks, migrations of
    external lists): no duplicate check; each still gets its outbox item."""
    count = 0
    with store.transaction() as conn:
        for patient_id, checked in patients:
            insert_checked(conn, patient_id, checked, now)
            outbox.enqueue(conn, "register-patient", patient_id, now)
            count += 1
    return count
