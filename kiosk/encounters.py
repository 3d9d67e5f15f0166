"""The encounter record as the nurse builds it: complaints, notes, score questions, checked
readings, confirmation, save, correction, drafts that survive a restart.

Every service is one transaction (its outbox row included where there is one), takes the
time as an argument and raises :class:`~kiosk.errors.UserFacingError` with a message key.
A failed service changes nothing in the store and nothing in the caller's objects: the UI
keeps its :class:`DraftForm` in memory and simply calls again once the disk has room.

Versions: a saved encounter never changes. :func:`correct_encounter` writes the next
version as a new encounter row (own id, number ``{first number}-v{n}``, copies of the
readings) linked to the first version (``root_id``) and to the one it supersedes, with
who/when/why, and queues an ``encounter`` outbox item for it that waits for the previous
version's item. FHIR hook: :func:`amendment_of` tells ``sync/`` that an item is a
correction (which Encounter id and identifier the hospital already has, which version this
is), so the mapping can send it as ``PUT Encounter/{root id}`` with Observations
``status: amended``; until the mapping does that, a correction is sent as its own
Encounter (every entry is still an idempotent PUT).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from kiosk import complaints, encounter_rules, services
from kiosk.clinical.news2 import Acvpu
from kiosk.domain import Encounter, EncounterStatus, Reading, Source, new_id, utc_now
from kiosk.encounter_view import EncounterRecord, load
from kiosk.errors import UserFacingError, ValidationError
from kiosk.security import audit
from kiosk.store import encounter_records as er
from kiosk.store import outbox, records
from kiosk.store.db import Store
from kiosk.store.records import to_db_time


@dataclasses.dataclass
class DraftForm:
    """What the screen holds for a draft; written as a whole by :func:`write_draft`."""

    encounter_id: str
    complaints: list[str] = dataclasses.field(default_factory=list)
    complaint_text: str = ""
    notes: str = ""
    consciousness: str | None = None
    on_oxygen: bool | None = None
    imci_signs: list[str] = dataclasses.field(default_factory=list)

    def details(self) -> er.Details:
        """Validated details (raises ValidationError)."""
        if self.consciousness is not None and self.consciousness not in set(Acvpu):
            raise ValidationError("assessment.bad_consciousness", value=self.consciousness)
        unknown = sorted(set(self.imci_signs) - set(encounter_rules.IMCI_SIGNS))
        if unknown:
            raise ValidationError("assessment.bad_sign", sign=", ".join(unknown))
        return er.Details(
            complaints=complaints.validate_codes(self.complaints),
            complaint_text=complaints.validate_text(self.complaint_text),
            notes=complaints.validate_text(self.notes, "notes.too_long"),
            consciousness=self.consciousness,
            on_oxygen=self.on_oxygen,
            imci_signs=tuple(sorted(set(self.imci_signs))),
        )

    @classmethod
    def of(cls, encounter_id: str, details: er.Details) -> DraftForm:
        return cls(
            encounter_id=encounter_id,
            complaints=list(details.complaints),
            complaint_text=details.complaint_text,
            notes=details.notes,
            consciousness=details.consciousness,
            on_oxygen=details.on_oxygen,
            imci_signs=list(details.imci_signs),
        )


def _draft(store: Store, encounter_id: str) -> Encounter:
    return services._draft(store, encounter_id)


# --- drafts -----------------------------------------------------------------------------


def write_draft(store: Store, form: DraftForm, *, now: dt.datetime) -> er.Details:
    """Store the form's complaints, notes and score answers (replacing the previous ones)."""
    details = form.details()
    with store.transaction() as conn:
        _draft(store, form.encounter_id)
        er.write_details(conn, form.encounter_id, details, now)
    return details


def draft_form(store: Store, encounter_id: str) -> DraftForm:
    return DraftForm.of(encounter_id, er.get_details(store.conn, encounter_id))


def set_complaints(
    store: Store, encounter_id: str, codes: Sequence[str], text: str = "", *, now: dt.datetime
) -> er.Details:
    form = draft_form(store, encounter_id)
    form.complaints, form.complaint_text = list(codes), text
    return write_draft(store, form, now=now)


def set_notes(store: Store, encounter_id: str, notes: str, *, now: dt.datetime) -> er.Details:
    form = draft_form(store, encounter_id)
    form.notes = notes
    return write_draft(store, form, now=now)


def set_assessment(
    store: Store,
    encounter_id: str,
    *,
    consciousness: str | None = None,
    on_oxygen: bool | None = None,
    imci_signs: Sequence[str] = (),
    now: dt.datetime,
) -> er.Details:
    """The answers the scores need: ACVPU and air/oxygen (NEWS2), IMCI signs (under 5)."""
    form = draft_form(store, encounter_id)
    form.consciousness, form.on_oxygen, form.imci_signs = consciousness, on_oxygen, list(imci_signs)
    return write_draft(store, form, now=now)


def record_manual_reading(
    store: Store,
    *,
    encounter_id: str,
    reading_type: str,
    value: float,
    unit: str,
    now: dt.datetime,
) -> tuple[Reading, er.Check]:
    """A typed value, checked (§3): impossible → refused, implausible → stored flagged."""
    reading = services.record_manual_reading(
        store, encounter_id=encounter_id, reading_type=reading_type, value=value, unit=unit, now=now
    )
    return reading, er.get_checks(store.conn, encounter_id)[reading.id]


def confirm_reading(store: Store, *, reading_id: str, staff: str, now: dt.datetime) -> er.Check:
    """The nurse looked at a flagged value and keeps it (who and when are stored)."""
    staff = _required(staff, "staff.required")
    row = store.scalar("SELECT encounter_id FROM readings WHERE id = ?", (reading_id,))
    if row is None:
        raise UserFacingError("reading.not_found", reading_id=reading_id)
    with store.transaction() as conn:
        _draft(store, str(row))
        if not er.confirm(conn, reading_id, staff, now):
            verdict, reasons = encounter_rules.judge(conn, _reading(store, str(row), reading_id))
            check = er.Check(verdict, reasons, staff, to_db_time(now))
            er.insert_check(conn, reading_id, check)
    return er.get_checks(store.conn, str(row))[reading_id]


def _reading(store: Store, encounter_id: str, reading_id: str) -> Reading:
    encounter = records.get_encounter(store, encounter_id)
    assert encounter is not None
    return next(r for r in encounter.readings if r.id == reading_id)


def save_encounter(store: Store, *, encounter_id: str, now: dt.datetime) -> EncounterRecord:
    """Close the draft: confirmations and cross-checks first, then the encounter, its score
    and its outbox row in one transaction."""
    services.save_encounter(store, encounter_id=encounter_id, now=now)
    return load(store, encounter_id)


def list_drafts(store: Store) -> list[dict[str, Any]]:
    """Open drafts, oldest first, with what still needs the nurse."""
    return er.rows(
        store.conn,
        "SELECT e.id, e.number, e.started_at, e.patient_id, p.family, p.given, "
        "(SELECT count(*) FROM readings r WHERE r.encounter_id = e.id) AS readings, "
        "(SELECT count(*) FROM readings r JOIN reading_checks c ON c.reading_id = r.id "
        " WHERE r.encounter_id = e.id AND c.verdict = 'implausible' AND c.confirmed_by IS NULL) "
        "AS unconfirmed FROM encounters e JOIN patients p ON p.id = e.patient_id "
        "WHERE e.status = 'draft' ORDER BY e.started_at, e.id",
    )


def resume(store: Store, encounter_id: str) -> tuple[EncounterRecord, DraftForm]:
    """A draft as it was left (after a restart too): the record and its form."""
    draft = _draft(store, encounter_id)
    audit.record_view(store, "Encounter", encounter_id, now=utc_now(), patient=draft.patient_id)
    return load(store, encounter_id), draft_form(store, encounter_id)


# --- corrections ------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Changes:
    """What a correction changes; ``None`` / empty keeps the previous version's content.

    ``readings`` maps a reading type to a corrected ``(value, unit)``: every value of that
    type is replaced by one typed reading. ``remove_readings`` drops readings by id.
    """

    complaints: Sequence[str] | None = None
    complaint_text: str | None = None
    notes: str | None = None
    consciousness: str | None = None
    on_oxygen: bool | None = None
    imci_signs: Sequence[str] | None = None
    readings: Mapping[str, tuple[float, str]] = dataclasses.field(default_factory=dict)
    remove_readings: Sequence[str] = ()

    def apply(self, encounter_id: str, old: er.Details) -> er.Details:
        form = DraftForm.of(encounter_id, old)
        for name in ("complaint_text", "notes", "consciousness", "on_oxygen"):
            if getattr(self, name) is not None:
                setattr(form, name, getattr(self, name))
        if self.complaints is not None:
            form.complaints = list(self.complaints)
        if self.imci_signs is not None:
            form.imci_signs = list(self.imci_signs)
        return form.details()


def _required(text: str, key: str) -> str:
    if not text or not text.strip():
        raise ValidationError(key)
    return text.strip()


def correct_encounter(
    store: Store,
    encounter_id: str,
    changes: Changes,
    reason: str,
    staff: str,
    now: dt.datetime,
) -> EncounterRecord:
    """Save the next version of a saved encounter; the old one stays as it was."""
    reason, staff = (
        _required(reason, "correction.reason_required"),
        _required(staff, "staff.required"),
    )
    with store.transaction() as conn:
        old = load(store, encounter_id)
        if old.encounter.status is EncounterStatus.DRAFT:
            raise UserFacingError("encounter.is_draft")
        if not old.version.current:
            raise UserFacingError("encounter.not_current", encounter_id=encounter_id)
        details = changes.apply(encounter_id, old.details)
        dropped = set(changes.remove_readings) | {
            r.id for r in old.encounter.readings if r.type in changes.readings
        }
        if details == old.details and not dropped and not changes.readings:
            raise ValidationError("encounter.no_changes")
        new_id_ = _insert_version(conn, old, reason, staff, now)
        for reading in old.encounter.readings:
            if reading.id not in dropped:
                copy = dataclasses.replace(reading, id=new_id(), encounter_id=new_id_)
                records.insert_reading(conn, copy)
                er.insert_check(conn, copy.id, old._check(reading))
        for reading_type, (value, unit) in sorted(changes.readings.items()):
            _corrected_reading(store, new_id_, reading_type, value, unit, staff, now)
        er.write_details(conn, new_id_, details, now)
        encounter = records.get_encounter(store, new_id_)
        assert encounter is not None and old.encounter.ended_at is not None
        if not encounter.readings:
            raise ValidationError("encounter.empty")
        encounter_rules.before_save(store, encounter, now)
        records.finish_encounter(conn, new_id_, old.encounter.ended_at)
        deps = services._dependencies(conn, encounter)
        previous = outbox.latest_item(conn, "encounter", encounter_id)
        deps += [previous[0]] if previous else []
        outbox.enqueue(conn, "encounter", new_id_, now, depends_on=deps)
        audit.record_encounter(
            conn, "changed", new_id_, encounter.patient_id, now=now, code="corrected"
        )
    return load(store, new_id_)


def _insert_version(
    conn: Any, old: EncounterRecord, reason: str, staff: str, now: dt.datetime
) -> str:
    root = old.versions[0]
    version = old.version.version + 1
    encounter_id = new_id()
    conn.execute(
        "INSERT INTO encounters (id, patient_id, number, status, started_at, version, root_id, "
        "supersedes, corrected_by, corrected_at, correction_reason) "
        "VALUES (?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?)",
        (
            encounter_id,
            old.encounter.patient_id,
            f"{root.number}-v{version}",
            to_db_time(old.encounter.started_at),
            version,
            root.id,
            old.encounter.id,
            staff,
            to_db_time(now),
            reason,
        ),
    )
    return encounter_id


def _corrected_reading(
    store: Store,
    encounter_id: str,
    reading_type: str,
    value: float,
    unit: str,
    staff: str,
    now: dt.datetime,
) -> None:
    """A corrected value is typed by ``staff``: checked; if implausible, ``staff`` vouches."""
    services._check_recordable(reading_type)
    reading = Reading(
        id=new_id(),
        encounter_id=encounter_id,
        type=reading_type,
        value=value,
        unit=unit,
        source=Source.MANUAL,
        kiosk_time=now,
    )
    refused = encounter_rules.store_checked(store, reading, now)
    if refused is not None:
        raise refused
    if er.get_checks(store.conn, encounter_id)[reading.id].verdict == "implausible":
        er.confirm(store.conn, reading.id, staff, now)


@dataclasses.dataclass(frozen=True)
class Amendment:
    """For ``sync/``: this encounter row corrects ``root_id`` (identifier ``root_number``)."""

    root_id: str
    root_number: str
    version: int
    supersedes: str


def amendment_of(store: Store, encounter_id: str) -> Amendment | None:
    """None for a first version; else what the FHIR side needs to send an amendment."""
    versions = er.lineage(store.conn, encounter_id)
    mine = next((v for v in versions if v.id == encounter_id), None)
    if mine is None or mine.supersedes is None:
        return None
    return Amendment(versions[0].id, versions[0].number, mine.version, mine.supersedes)


__all__ = [
    "Amendment",
    "Changes",
    "DraftForm",
    "EncounterRecord",
    "amendment_of",
    "confirm_reading",
    "correct_encounter",
    "draft_form",
    "list_drafts",
    "load",
    "record_manual_reading",
    "resume",
    "save_encounter",
    "set_assessment",
    "set_complaints",
    "set_notes",
    "write_draft",
]
