"""The core's events, declared once, named as sentences (``reading_did_arrive``).

Handlers run on the thread that emits (the I/O thread for device events, the writer
thread for store events). A handler that needs another thread hops there itself: the UI's
bridge re-emits every event as a queued Qt signal. A failing handler is logged and never
breaks the emitter or the other handlers.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from kiosk.device_api import DeviceStatus
from kiosk.domain import DeviceIdentity, Measurement

log = logging.getLogger(__name__)

T = TypeVar("T")


class Event(Generic[T]):
    """A typed, thread-safe signal with any number of handlers."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._handlers: list[Callable[[T], None]] = []
        self._lock = threading.Lock()

    def connect(self, handler: Callable[[T], None]) -> Callable[[], None]:
        """Add a handler; returns a function that disconnects it."""
        with self._lock:
            self._handlers.append(handler)

        def disconnect() -> None:
            with self._lock:
                if handler in self._handlers:
                    self._handlers.remove(handler)

        return disconnect

    def emit(self, payload: T) -> None:
        with self._lock:
            handlers = list(self._handlers)
        for handler in handlers:
            try:
                handler(payload)
            except Exception:
                log.exception("handler of %s failed", self.name)


@dataclasses.dataclass(frozen=True, slots=True)
class ReadingArrived:
    measurement: Measurement
    identity: DeviceIdentity


@dataclasses.dataclass(frozen=True, slots=True)
class EncounterSaved:
    encounter_id: str
    patient_id: str


@dataclasses.dataclass(frozen=True, slots=True)
class OutboxChanged:
    pending: int
    quarantined: int


@dataclasses.dataclass(frozen=True, slots=True)
class SyncFinished:
    acked: int
    pending: int
    quarantined: int
    error_key: str | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class ConsultChanged:
    """A teleconsultation request's pulled state changed (kiosk/consults.py); the UI
    notifies the nurse when ``answered``."""

    consult_id: str
    state: str
    answered: bool


class Events:
    """The bus: one instance per runtime, one attribute per event."""

    def __init__(self) -> None:
        self.reading_did_arrive: Event[ReadingArrived] = Event("reading_did_arrive")
        self.device_status_did_change: Event[DeviceStatus] = Event("device_status_did_change")
        self.encounter_did_save: Event[EncounterSaved] = Event("encounter_did_save")
        self.outbox_did_change: Event[OutboxChanged] = Event("outbox_did_change")
        self.sync_did_finish: Event[SyncFinished] = Event("sync_did_finish")
        self.consult_did_change: Event[ConsultChanged] = Event("consult_did_change")
