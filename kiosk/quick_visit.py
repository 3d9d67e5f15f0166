"""The one-screen quick visit: register a patient and save the live vitals in one step.

This is the view model behind the touchscreen's first screen, and it has no Qt in it:

- :meth:`QuickVisit.save` checks what the nurse typed and that the devices have delivered
  fresh values *before* anything touches the store (errors are
  :class:`~kiosk.errors.ValidationError` with a message key, raised at once);
- the fresh values are every recordable value each device has delivered within its window:
  a continuous device (the pulse oximeter) :data:`FRESH_FOR`, a device that takes spot
  measurements (a BP cuff, a thermometer) :data:`SPOT_FRESH_FOR`; each keeps its device's
  identity, so a cuff's pulse and an oximeter's pulse are both recorded;
- then, on the runtime's single writer thread and in one transaction, it registers the
  patient, starts an encounter, records the fresh values with their provenance and saves
  the encounter (so a failure leaves nothing half-written: no patient without a visit);
- after the commit it publishes ``encounter_did_save`` and ``outbox_did_change``.

Photos need an encounter to belong to, so a visit with photos goes in two steps:
:meth:`QuickVisit.start_draft` (the first photo) checks the form, then registers the patient
and starts a *draft* encounter, once; :meth:`QuickVisit.save_photo` stores each photo against
that draft with :func:`kiosk.media.photos.save_photo`; :meth:`QuickVisit.save` then records
the fresh values into the same draft and saves it in one transaction (the photos' outbox
items are released by the media migration's trigger when the encounter's item is queued).
Every step runs on the writer thread in the order it was asked for, so a Save touched while
the draft is still being created waits for it there, never on the caller's thread.

Callers get :class:`concurrent.futures.Future` objects and never block on the store.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import datetime as dt
import threading
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from kiosk import services
from kiosk.config import KioskConfig
from kiosk.domain import Encounter, utc_now
from kiosk.errors import UserFacingError, ValidationError
from kiosk.events import EncounterSaved, Events, OutboxChanged
from kiosk.live import LiveValue
from kiosk.media import photos
from kiosk.media.quality import Image, Quality
from kiosk.runtime import Runtime, assert_on_writer
from kiosk.store.db import Store
from kiosk.store.outbox import counts
from kiosk.visit_fresh import (
    NO_READING_FLAGS,
    SPOT_TYPES,
    UNFINISHED_FLAGS,
    FreshDeviceValues,
    FreshValues,
    fresh_for,
    fresh_vitals,
)

__all__ = [  # the rules of fresh values are re-exported: the tiles use them
    "FRESH_FOR",
    "NO_READING_FLAGS",
    "SPOT_FRESH_FOR",
    "SPOT_TYPES",
    "UNFINISHED_FLAGS",
    "VITALS",
    "Draft",
    "FreshDeviceValues",
    "FreshValues",
    "QuickVisit",
    "VisitInput",
    "check_input",
    "fresh_for",
]

#: The vitals the quick visit records when fresh: the oximeter's, the BP cuff's (its pulse is
#: a ``pulse_rate`` too) and the thermometer's. Never ``cuff_pressure`` or ``pleth``.
VITALS: tuple[str, ...] = (
    "spo2",
    "pulse_rate",
    "systolic_bp",
    "diastolic_bp",
    "mean_bp",
    "body_temp",
)
#: A continuous device's value older than this at the moment of saving is not recorded.
FRESH_FOR = dt.timedelta(seconds=10)
#: The same for a device that takes spot measurements (see :data:`SPOT_TYPES`).
SPOT_FRESH_FOR = dt.timedelta(minutes=5)


@dataclasses.dataclass(frozen=True, slots=True)
class VisitInput:
    """What the nurse typed, checked and normalised."""

    family: str
    given: str
    birth_date: dt.date


def check_input(family: str, given: str, birth_date_text: str, today: dt.date) -> VisitInput:
    """Validate the form; raises :class:`ValidationError` with a message key."""
    family, given = family.strip(), given.strip()
    if not family or not given:
        raise ValidationError("patient.name_required")
    birth_date = services.parse_birth_date(birth_date_text, today)
    return VisitInput(family=family, given=given, birth_date=birth_date)


@dataclasses.dataclass(frozen=True, slots=True)
class Draft:
    """The patient and the draft encounter a visit's photos belong to."""

    patient_id: str
    encounter_id: str
    number: str
    visit: VisitInput | None  # None: a patient found in the registry


class QuickVisit:
    def __init__(
        self,
        runtime: Runtime,
        live: FreshValues,
        config: KioskConfig,
        *,
        clock: Callable[[], dt.datetime] = utc_now,
        fresh_for: dt.timedelta = FRESH_FOR,
        spot_fresh_for: dt.timedelta = SPOT_FRESH_FOR,
    ) -> None:
        self.runtime = runtime
        self.live = live
        self.config = config
        self._clock = clock
        self._fresh_for = fresh_for
        self._spot_fresh_for = spot_fresh_for
        self.media_dir = Path(config.media_dir)
        self._lock = threading.Lock()
        self._draft: concurrent.futures.Future[Draft] | None = None
        self._photos: list[str] = []

    # -- the draft and its photos ---------------------------------------------------------

    @property
    def has_draft(self) -> bool:
        """A draft was asked for (it may still be on its way to the store)."""
        with self._lock:
            return self._draft is not None

    @property
    def photo_count(self) -> int:
        """Photos stored against the current draft."""
        with self._lock:
            return len(self._photos)

    def photo_ids(self) -> tuple[str, ...]:
        """The photos stored against the current draft, in the order they were taken."""
        with self._lock:
            return tuple(self._photos)

    def start_draft(
        self, family: str, given: str, birth_date_text: str, today: dt.date
    ) -> concurrent.futures.Future[Draft]:
        """The visit's draft: checks the form now (raises :class:`ValidationError`), then
        registers the patient and starts a draft encounter on the writer thread, once; later
        calls return the same future. A failed attempt is forgotten, so it can be retried."""
        visit = check_input(family, given, birth_date_text, today)
        with self._lock:
            if self._draft is not None:
                return self._draft
            future = self.runtime.write(self._create_draft, visit, self._clock())
            self._draft = future
        future.add_done_callback(self._forget_if_failed)
        return future

    def start_draft_for(self, patient_id: str) -> concurrent.futures.Future[Draft]:
        """:meth:`start_draft` for a patient already in the registry."""
        with self._lock:
            if self._draft is not None:
                return self._draft
            future = self.runtime.write(self._create_draft_for, patient_id, self._clock())
            self._draft = future
        future.add_done_callback(self._forget_if_failed)
        return future

    def _create_draft_for(self, store: Store, patient_id: str, now: dt.datetime) -> Draft:
        assert_on_writer()
        encounter = services.start_encounter(
            store, patient_id=patient_id, site=self.config.site, now=now
        )
        self._announce_outbox(store)
        return Draft(patient_id, encounter.id, encounter.number, None)

    def current_draft(self) -> concurrent.futures.Future[Draft] | None:
        """The draft asked for (it may still be on its way to the store), or None."""
        with self._lock:
            return self._draft

    def adopt_draft(self, draft: Draft, photo_ids: Iterable[str]) -> None:
        """Continue a draft stored earlier (an unfinished visit offered again at start)."""
        done: concurrent.futures.Future[Draft] = concurrent.futures.Future()
        done.set_result(draft)
        with self._lock:
            self._draft = done
            self._photos = list(photo_ids)

    def _forget_if_failed(self, future: concurrent.futures.Future[Draft]) -> None:
        if future.cancelled() or future.exception() is not None:
            with self._lock:
                if self._draft is future:
                    self._draft = None

    def _create_draft(self, store: Store, visit: VisitInput, now: dt.datetime) -> Draft:
        assert_on_writer()
        with store.transaction():
            patient = services.register_patient(
                store, family=visit.family, given=visit.given, birth_date=visit.birth_date, now=now
            )
            encounter = services.start_encounter(
                store, patient_id=patient.id, site=self.config.site, now=now
            )
        self._announce_outbox(store)
        return Draft(patient.id, encounter.id, encounter.number, visit)

    def save_photo(
        self,
        image: Image,
        *,
        quality: Quality | None = None,
        site: str | None = None,
        note: str = "",
        keep_anyway_reason: str | None = None,
    ) -> concurrent.futures.Future[photos.Photo]:
        """Store a photo against the draft (:meth:`start_draft` first) on the writer thread."""
        with self._lock:
            draft = self._draft
        if draft is None:
            raise UserFacingError("encounter.not_found", encounter_id="-")
        return self.runtime.write(
            self._store_photo,
            draft,
            image=image,
            now=self._clock(),
            quality=quality,
            site=site,
            note=note,
            keep_anyway_reason=keep_anyway_reason,
        )

    def _store_photo(
        self, store: Store, draft: concurrent.futures.Future[Draft], **options: Any
    ) -> photos.Photo:
        assert_on_writer()
        encounter_id = draft.result().encounter_id  # done: it was queued before this
        photo = photos.save_photo(
            store, media_dir=self.media_dir, encounter_id=encounter_id, **options
        )
        self.photo_saved(photo)
        self._announce_outbox(store)
        return photo

    def photo_saved(self, photo: photos.Photo) -> None:
        """Count a photo stored against the current draft (by whoever stored it)."""
        with self._lock:
            if self.draft_id() == photo.encounter_id and photo.id not in self._photos:
                self._photos.append(photo.id)

    def draft_id(self) -> str | None:
        """The draft encounter's id once it is stored, else None (never waits)."""
        draft = self._draft
        if draft is None or not draft.done() or draft.cancelled() or draft.exception():
            return None
        return draft.result().encounter_id

    def reset(self, draft: concurrent.futures.Future[Draft] | None = None) -> None:
        """Forget the draft (``draft``: only if it is still the current one). A draft never
        saved stays in the store as a draft, with its photos, and is not sent."""
        with self._lock:
            if draft is None or self._draft is draft:
                self._draft = None
                self._photos.clear()

    def fresh_vitals(self, now: dt.datetime) -> dict[str, LiveValue]:
        """The values to record (:func:`kiosk.visit_fresh.fresh_vitals`)."""
        return fresh_vitals(self.live, now, VITALS, self._fresh_for, self._spot_fresh_for)

    def save(
        self, family: str, given: str, birth_date_text: str, today: dt.date
    ) -> concurrent.futures.Future[Encounter]:
        """Check the input and the live values now; store the visit on the writer thread
        (into the draft, when :meth:`start_draft` made one: its patient is the one the form
        showed then — the screen locks the fields while a draft is open).

        Raises :class:`ValidationError` at once (nothing stored) for bad input or when no
        device has delivered a fresh value (``encounter.empty``). The future fails with a
        :class:`~kiosk.errors.StoreError` if the store cannot take the visit.
        """
        visit = check_input(family, given, birth_date_text, today)
        now = self._clock()
        values = self.fresh_vitals(now)
        if not values:
            raise ValidationError("encounter.empty")
        with self._lock:
            draft = self._draft
        if draft is None:
            return self.runtime.write(self._store_visit, visit, values, now)
        saved = self.runtime.write(self._store_into_draft, draft, values, now)

        def forget_when_saved(done: concurrent.futures.Future[Encounter]) -> None:
            if not done.cancelled() and done.exception() is None:
                self.reset(draft)

        saved.add_done_callback(forget_when_saved)
        return saved

    def sync_status(self) -> concurrent.futures.Future[dict[str, Any]]:
        """The status line's counts (:func:`kiosk.services.status_summary`, reader thread)."""
        return self.runtime.read(services.status_summary)

    def unsynced_count(self) -> concurrent.futures.Future[int]:
        """How many saved encounters have not reached the hospital yet (reader thread)."""
        return self.runtime.read(_unsynced_encounters)

    def _store_visit(
        self, store: Store, visit: VisitInput, values: Mapping[str, LiveValue], now: dt.datetime
    ) -> Encounter:
        assert_on_writer()
        started = min([now, *(value.received_at for value in values.values())])
        with store.transaction():
            encounter = _record_visit(
                store, visit, values=values, started=started, now=now, site=self.config.site
            )
        self._announce(store, encounter)
        return encounter

    def _store_into_draft(
        self,
        store: Store,
        draft: concurrent.futures.Future[Draft],
        values: Mapping[str, LiveValue],
        now: dt.datetime,
    ) -> Encounter:
        """The fresh values into the draft, and the draft saved: one transaction."""
        assert_on_writer()
        encounter_id = draft.result().encounter_id  # done: it was queued before this
        with store.transaction():
            record_values(store, encounter_id, values)
            encounter = services.save_encounter(store, encounter_id=encounter_id, now=now)
        self._announce(store, encounter)
        return encounter

    def _announce(self, store: Store, encounter: Encounter) -> None:
        self.runtime.events.encounter_did_save.emit(
            EncounterSaved(encounter.id, encounter.patient_id)
        )
        self._announce_outbox(store)

    def _announce_outbox(self, store: Store) -> None:
        announce_outbox(self.runtime.events, store)


def announce_outbox(events: Events, store: Store) -> None:
    """Tell the screens how many items wait and how many are held back (after a commit)."""
    outbox = counts(store)
    pending = outbox["pending"] + outbox["sending"]
    events.outbox_did_change.emit(OutboxChanged(pending, outbox["quarantined"]))


def _record_visit(
    store: Store,
    visit: VisitInput,
    *,
    values: Mapping[str, LiveValue],
    started: dt.datetime,
    now: dt.datetime,
    site: str,
) -> Encounter:
    """The services of one visit, in the caller's transaction."""
    patient = services.register_patient(
        store, family=visit.family, given=visit.given, birth_date=visit.birth_date, now=started
    )
    draft = services.start_encounter(store, patient_id=patient.id, site=site, now=started)
    record_values(store, draft.id, values)
    return services.save_encounter(store, encounter_id=draft.id, now=now)


def record_values(store: Store, encounter_id: str, values: Mapping[str, LiveValue]) -> None:
    """The devices' readings of a visit, each with its device and its own arrival time."""
    for value in values.values():
        services.record_reading(
            store,
            encounter_id=encounter_id,
            measurement=value.measurement,
            identity=value.identity,
            now=value.received_at,
        )


def _unsynced_encounters(store: Store) -> int:
    return int(services.status_summary(store)["unsynced_encounters"])
