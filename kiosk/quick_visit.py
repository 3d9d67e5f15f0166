"""The one-screen quick visit: register a patient and save the live vitals in one step.

This is the view model behind the touchscreen's first screen, and it has no Qt in it:

- :meth:`QuickVisit.save` checks what the nurse typed and that the devices have delivered
  fresh values *before* anything touches the store (errors are
  :class:`~kiosk.errors.ValidationError` with a message key, raised at once);
- then, on the runtime's single writer thread and in one transaction, it registers the
  patient, starts an encounter, records the fresh values with their provenance and saves
  the encounter (so a failure leaves nothing half-written: no patient without a visit);
- after the commit it publishes ``encounter_did_save`` and ``outbox_did_change``.

Callers get :class:`concurrent.futures.Future` objects and never block on the store.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping
from typing import Protocol

from kiosk import services
from kiosk.config import KioskConfig
from kiosk.domain import Encounter, utc_now
from kiosk.errors import ValidationError
from kiosk.events import EncounterSaved, OutboxChanged
from kiosk.live import LiveValue
from kiosk.runtime import Runtime, assert_on_writer
from kiosk.store.db import Store
from kiosk.store.outbox import counts

#: The vitals the quick visit records (the demo oximeter's measurements).
VITALS: tuple[str, ...] = ("spo2", "pulse_rate")
#: A value older than this at the moment of saving is not recorded.
FRESH_FOR = dt.timedelta(seconds=10)
#: Flags of a ``status`` reading that mean "no reading at all" (interfaces.md): values
#: received before such a status are no longer the patient's.
NO_READING_FLAGS = frozenset({"finger-out", "no-sensor"})


class FreshValues(Protocol):
    """What the quick visit needs from :class:`~kiosk.live.LiveDevices`."""

    def fresh(self, types: tuple[str, ...], since: dt.datetime) -> dict[str, LiveValue]: ...


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


class QuickVisit:
    def __init__(
        self,
        runtime: Runtime,
        live: FreshValues,
        config: KioskConfig,
        *,
        clock: Callable[[], dt.datetime] = utc_now,
        fresh_for: dt.timedelta = FRESH_FOR,
    ) -> None:
        self.runtime = runtime
        self.live = live
        self.config = config
        self._clock = clock
        self._fresh_for = fresh_for

    def fresh_vitals(self, now: dt.datetime) -> dict[str, LiveValue]:
        """The vitals received within :data:`FRESH_FOR` before ``now`` and after the last
        "finger out" (or "no sensor") status, if any."""
        found = self.live.fresh((*VITALS, "status"), since=now - self._fresh_for)
        status = found.pop("status", None)
        if status is not None and NO_READING_FLAGS & set(status.measurement.flags):
            found = {kind: v for kind, v in found.items() if v.received_at > status.received_at}
        return found

    def save(
        self, family: str, given: str, birth_date_text: str, today: dt.date
    ) -> concurrent.futures.Future[Encounter]:
        """Check the input and the live values now; store the visit on the writer thread.

        Raises :class:`ValidationError` at once (nothing stored) for bad input or when no
        device has delivered a fresh value (``encounter.empty``). The future fails with a
        :class:`~kiosk.errors.StoreError` if the store cannot take the visit.
        """
        visit = check_input(family, given, birth_date_text, today)
        now = self._clock()
        values = self.fresh_vitals(now)
        if not values:
            raise ValidationError("encounter.empty")
        return self.runtime.write(self._store_visit, visit, values, now)

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

    def _announce(self, store: Store, encounter: Encounter) -> None:
        events = self.runtime.events
        events.encounter_did_save.emit(EncounterSaved(encounter.id, encounter.patient_id))
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
    for value in values.values():
        services.record_reading(
            store,
            encounter_id=draft.id,
            measurement=value.measurement,
            identity=value.identity,
            now=value.received_at,
        )
    return services.save_encounter(store, encounter_id=draft.id, now=now)


def _unsynced_encounters(store: Store) -> int:
    return int(services.status_summary(store)["unsynced_encounters"])
