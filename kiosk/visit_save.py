"""Storing a visit, on the writer thread, in one transaction (clinical.md §3).

Registers the patient (or uses the one found in the registry), starts the encounter (or
uses the photos' draft), records the fresh device values with their provenance and the
typed values as manual readings (an unusual one the nurse confirmed is confirmed with the
signed-in staff), writes complaints and answers, saves the encounter with its score and
outbox row, places the consultation asked for on the review step (if any), and deletes the
visit's draft row. A refusal anywhere leaves nothing stored.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import datetime as dt
from collections.abc import Mapping

from kiosk import drafts, encounters, services, visit_consult
from kiosk.events import EncounterSaved, Events
from kiosk.live import LiveValue
from kiosk.quick_visit import Draft, VisitInput, announce_outbox, record_values
from kiosk.runtime import assert_on_writer
from kiosk.store.db import Store
from kiosk.visit_consult import ConsultChoice
from kiosk.visit_form import Saved, VisitForm
from kiosk.visit_values import FIELDS_BY_KEY, TypedCheck


@dataclasses.dataclass(frozen=True)
class VisitToStore:
    """Everything checked on the screen's thread, handed to the writer."""

    form: VisitForm
    patient: VisitInput | None
    draft: concurrent.futures.Future[Draft] | None
    device: Mapping[str, LiveValue]
    typed: Mapping[str, TypedCheck]
    site: str
    staff: str
    now: dt.datetime
    consult: ConsultChoice | None = None


def store_visit(store: Store, visit: VisitToStore, events: Events) -> Saved:
    assert_on_writer()
    form, now = visit.form, visit.now
    with store.transaction():
        encounter_id = _encounter(store, visit)
        record_values(store, encounter_id, visit.device)
        for key, check in visit.typed.items():
            _record_typed(store, encounter_id, key, check, visit)
        encounters.write_draft(store, details(encounter_id, form), now=now)
        record = encounters.save_encounter(store, encounter_id=encounter_id, now=now)
        if visit.consult is not None:
            visit_consult.place(store, visit.consult, record, now)
        drafts.delete_draft(store, form.draft_id)
    saved = record.encounter
    events.encounter_did_save.emit(EncounterSaved(saved.id, saved.patient_id))
    announce_outbox(events, store)
    return Saved(record, form.label)


def _encounter(store: Store, visit: VisitToStore) -> str:
    if visit.draft is not None:
        return visit.draft.result().encounter_id  # queued before this on the same thread
    patient = visit.patient
    if patient is not None:
        patient_id = services.register_patient(
            store,
            family=patient.family,
            given=patient.given,
            birth_date=patient.birth_date,
            now=visit.now,
        ).id
    else:
        assert visit.form.patient_id is not None
        patient_id = visit.form.patient_id
    return services.start_encounter(store, patient_id=patient_id, site=visit.site, now=visit.now).id


def _record_typed(
    store: Store, encounter_id: str, key: str, check: TypedCheck, visit: VisitToStore
) -> None:
    field = FIELDS_BY_KEY[key]
    reading, verdict = encounters.record_manual_reading(
        store,
        encounter_id=encounter_id,
        reading_type=field.reading_type,
        value=check.value,
        unit=field.unit,
        now=visit.now,
    )
    if verdict.needs_confirmation and key in visit.form.confirmed:
        encounters.confirm_reading(store, reading_id=reading.id, staff=visit.staff, now=visit.now)


def details(encounter_id: str, form: VisitForm) -> encounters.DraftForm:
    """The form's complaints, notes and answers as the encounter record keeps them."""
    return encounters.DraftForm(
        encounter_id=encounter_id,
        complaints=list(form.complaints),
        complaint_text=form.complaint_text,
        notes=form.notes,
        consciousness=form.consciousness,
        on_oxygen=form.on_oxygen,
        imci_signs=list(form.imci_signs),
    )
