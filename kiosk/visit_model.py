"""The nurse's visit as a Qt-free view model: patient, typed vitals, answers, drafts, save.

The visit screen is a thin view of :class:`VisitModel`:

- :class:`VisitForm` is everything the nurse typed or chose (patient fields or the patient
  found in the registry, typed vitals as typed, confirmations, ACVPU, oxygen, complaints,
  free text, IMCI answers); it round-trips through JSON for the drafts table;
- :meth:`VisitModel.type_value` keeps the text and judges it (:mod:`kiosk.visit_values`):
  an impossible value is refused with a clear message, an implausible one must be confirmed
  (:meth:`VisitModel.confirm`) or corrected before the visit can be saved;
- :meth:`VisitModel.panel` scores what is at hand (typed values win over devices);
- :meth:`VisitModel.save` checks first (nothing stored on a refusal), then on the writer
  thread and in one transaction: registers the patient (or uses the one chosen), starts
  the encounter (or uses the photos' draft), records the fresh device values and the typed
  ones (confirmations with the signed-in staff), writes complaints and answers, saves the
  encounter with its score and outbox row, and deletes the visit's draft row;
- :meth:`VisitModel.save_draft` writes the form to ``visit_drafts`` on the writer thread
  (the screen debounces); :meth:`VisitModel.unfinished` and :meth:`VisitModel.resume` offer
  it again after a crash.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import datetime as dt
from typing import Any

from kiosk import drafts
from kiosk.clinical.units import UnsupportedConversion, to_canonical
from kiosk.domain import utc_now
from kiosk.errors import UserFacingError, ValidationError
from kiosk.live import LiveValue
from kiosk.quick_visit import Draft, QuickVisit, VisitInput, check_input
from kiosk.store import records
from kiosk.store.db import Store
from kiosk.visit_consult import ConsultChoice
from kiosk.visit_form import Resumed, Saved, VisitForm, load_resumed
from kiosk.visit_save import VisitToStore, store_visit
from kiosk.visit_values import FIELDS_BY_KEY, ScorePanel, TypedCheck, check_typed
from kiosk.visit_values import score_panel as compute_panel


class VisitModel:
    def __init__(
        self,
        quick: QuickVisit,
        *,
        staff: str = "nurse",
        clock: Any = utc_now,
    ) -> None:
        self.quick = quick
        self.runtime = quick.runtime
        self.staff = staff
        self._clock = clock
        self.form = VisitForm()
        self.checks: dict[str, TypedCheck] = {}
        self.consult: ConsultChoice | None = None

    # -- the form -----------------------------------------------------------------------------

    def new_visit(self) -> None:
        """Start over (the previous draft row, if any, is the caller's to delete)."""
        self.form = VisitForm()
        self.checks = {}
        self.consult = None
        self.quick.reset()

    def choose_patient(self, patient_id: str, label: str, birth_date: dt.date | None) -> None:
        self.form.patient_id = patient_id
        self.form.patient_label = label
        self.form.patient_birth_date = "" if birth_date is None else birth_date.isoformat()

    def type_value(self, key: str, text: str) -> TypedCheck | None:
        """Keep what was typed and judge it; None for an empty field. Raises
        :class:`ValidationError` for text that is no number (the text is kept all the same)."""
        text = text.strip()
        if key not in FIELDS_BY_KEY:
            raise KeyError(key)
        old = self.form.typed.get(key)
        if text:
            self.form.typed[key] = text
        else:
            self.form.typed.pop(key, None)
        if old != text and key in self.form.confirmed:
            self.form.confirmed.remove(key)  # a new value needs a new confirmation
        self.checks.pop(key, None)
        if not text:
            return None
        found = check_typed(key, text, self.typed_values())
        self.checks[key] = found
        return found

    def recheck(self) -> None:
        """Judge every typed value again (after a resume)."""
        for key, text in list(self.form.typed.items()):
            try:
                self.type_value(key, text)
            except ValidationError:
                continue

    def confirm(self, key: str) -> None:
        """The nurse keeps an unusual value."""
        if key not in self.form.confirmed:
            self.form.confirmed.append(key)

    def typed_values(self) -> dict[str, float]:
        """The typed values that are numbers and possible."""
        return {k: c.value for k, c in self.checks.items() if c.verdict != "impossible"}

    def unconfirmed(self) -> list[str]:
        return [
            k
            for k, c in self.checks.items()
            if c.verdict == "implausible" and k not in self.form.confirmed
        ]

    def refused(self) -> list[str]:
        """Typed fields that cannot be saved: impossible or not a number."""
        bad = [k for k, c in self.checks.items() if c.verdict == "impossible"]
        return bad + [k for k in self.form.typed if k not in self.checks]

    # -- values and the score --------------------------------------------------------------

    def device_values(self, now: dt.datetime | None = None) -> dict[str, float]:
        """Fresh device values by type, in the canonical unit (the first device of a type)."""
        found: dict[str, float] = {}
        live = self.quick.fresh_vitals(now or self._clock())
        for key, value in live.items():
            kind = key.split("@", 1)[0]
            canonical = _canonical(value)
            if kind not in found and canonical is not None:
                found[kind] = canonical
        return found

    def values(self, now: dt.datetime | None = None) -> dict[str, float]:
        """Device values with the typed ones on top."""
        return {**self.device_values(now), **self.typed_values()}

    def panel(self, today: dt.date, now: dt.datetime | None = None) -> ScorePanel:
        form = self.form
        return compute_panel(
            self.values(now),
            birth_date=form.birth(),
            today=today,
            consciousness=form.consciousness,
            on_oxygen=form.on_oxygen,
            imci_signs=set(form.imci_signs),
        )

    # -- saving ---------------------------------------------------------------------------

    def check_patient(self, today: dt.date) -> VisitInput | None:
        """The new patient's checked fields, or None for a patient from the registry."""
        if self.form.patient_id is not None:
            return None
        return check_input(self.form.family, self.form.given, self.form.birth_date, today)

    def check_before_save(self, today: dt.date) -> None:
        """Everything the screen can know before the store: raises ValidationError."""
        self.check_patient(today)
        refused = self.refused()
        if refused:
            key = refused[0]
            raise ValidationError("visit.value_impossible", field=key, value=self.form.typed[key])
        unconfirmed = self.unconfirmed()
        if unconfirmed:
            raise ValidationError("visit.unconfirmed", fields=", ".join(unconfirmed))

    def start_photos(self, today: dt.date) -> concurrent.futures.Future[Draft]:
        """The draft encounter the photos belong to (the patient's fields checked first)."""
        form = self.form
        if form.patient_id is not None:
            future = self.quick.start_draft_for(form.patient_id)
        else:
            future = self.quick.start_draft(form.family, form.given, form.birth_date, today)
        future.add_done_callback(self._note_encounter)
        return future

    def _note_encounter(self, future: concurrent.futures.Future[Draft]) -> None:
        if not future.cancelled() and future.exception() is None:
            self.form.encounter_id = future.result().encounter_id

    def save(self, today: dt.date) -> concurrent.futures.Future[Saved]:
        """Check now (raises ValidationError, nothing stored), then store the visit on the
        writer thread in one transaction."""
        self.check_before_save(today)
        patient = self.check_patient(today)
        now = self._clock()
        device = self.quick.fresh_vitals(now)
        typed = {k: self.checks[k] for k in self.form.typed}
        if not device and not typed:
            raise ValidationError("encounter.empty")
        form = dataclasses.replace(self.form, typed=dict(self.form.typed))
        draft = self.quick.current_draft()
        site, consult = self.quick.config.site, self.consult
        visit = VisitToStore(form, patient, draft, device, typed, site, self.staff, now, consult)
        saved = self.runtime.write(store_visit, visit, self.runtime.events)

        def forget_when_saved(done: concurrent.futures.Future[Saved]) -> None:
            if not done.cancelled() and done.exception() is None:
                self.quick.reset(draft)

        saved.add_done_callback(forget_when_saved)
        return saved

    def patient_summary(
        self, patient_id: str
    ) -> concurrent.futures.Future[tuple[str, dt.date | None]]:
        """The name and birth date of a registry patient (reader thread)."""
        return self.runtime.read(_patient_summary, patient_id)

    def save_draft(self) -> concurrent.futures.Future[None]:
        """Write the form as it is now to the drafts table (writer thread)."""
        state = self.form.to_json()
        return self.runtime.write(
            drafts.save_draft, self.form.draft_id, state, label=self.form.label, now=self._clock()
        )

    def discard_draft(self, draft_id: str | None = None) -> concurrent.futures.Future[bool]:
        return self.runtime.write(drafts.delete_draft, draft_id or self.form.draft_id)

    def unfinished(self) -> concurrent.futures.Future[drafts.StoredDraft | None]:
        """The newest unfinished visit (reader thread)."""
        return self.runtime.read(drafts.latest_draft)

    def load_unfinished(self, stored: drafts.StoredDraft) -> concurrent.futures.Future[Resumed]:
        """An unfinished visit's form, and its photos' draft encounter if it is still a draft
        (reader thread); :meth:`resume` then continues it."""
        form = VisitForm.from_json(stored.state)
        form.draft_id = stored.id
        return self.runtime.read(load_resumed, form)

    def resume(self, resumed: Resumed) -> None:
        """Continue the unfinished visit (on the screen's thread)."""
        self.quick.reset()
        if resumed.draft is not None:
            self.quick.adopt_draft(resumed.draft, resumed.photo_ids)
        self.form = resumed.form
        self.checks = {}
        self.recheck()


def _patient_summary(store: Store, patient_id: str) -> tuple[str, dt.date | None]:
    patient = records.get_patient(store, patient_id)
    if patient is None:
        raise UserFacingError("patient.not_found", patient_id=patient_id)
    return patient.display_name, patient.birth_date


def _canonical(value: LiveValue) -> float | None:
    measurement = value.measurement
    if measurement.value is None or measurement.unit is None:
        return None
    try:
        return to_canonical(measurement.type, float(measurement.value), measurement.unit)[0]
    except (UnsupportedConversion, ValueError):
        return None
