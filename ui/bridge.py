"""From the core's threads to the GUI thread: events as Qt signals, futures as callbacks.

The core's :class:`~kiosk.events.Events` call their handlers on the thread that emits (the
I/O thread for devices, the writer for the store). :class:`QtBridge` connects a handler to
each event that only hands the payload over, through a *queued* private signal, to a slot
on the GUI thread, which emits the public signal. So every public signal of the bridge is
emitted on the GUI thread, whatever connection type a screen uses.

Readings arrive at device pace (about 60 per second per type). The bridge keeps only the
newest reading of each (driver, type) and hands them over at most every
``reading_interval_ms``: a screen repaints ten times a second, not a hundred and twenty.

:meth:`QtBridge.when_done` delivers a :class:`concurrent.futures.Future`'s result or error
to GUI-thread callbacks the same way, so screens never wait on the store.
"""

from __future__ import annotations

import concurrent.futures
import logging
import threading
from collections.abc import Callable
from typing import Any

from kiosk.device_api import ConnectionState, DeviceStatus
from kiosk.events import (
    ConsultChanged,
    EncounterSaved,
    Events,
    OutboxChanged,
    ReadingArrived,
    SyncFinished,
)
from ui.qt import QObject, Qt, QTimer, Signal, Slot

log = logging.getLogger(__name__)

READING_INTERVAL_MS = 100

Success = Callable[[Any], None]
Failure = Callable[[BaseException], None]


class QtBridge(QObject):
    """Re-emits the core's events as Qt signals on the GUI thread (see module docstring)."""

    reading_arrived = Signal(object)  # ReadingArrived, throttled per (driver, type)
    device_status_changed = Signal(object)  # DeviceStatus
    encounter_saved = Signal(object)  # EncounterSaved
    outbox_changed = Signal(object)  # OutboxChanged
    sync_finished = Signal(object)  # SyncFinished
    consult_changed = Signal(object)  # ConsultChanged

    _handed_over = Signal(object, object)  # (public signal name, payload), queued
    _readings_waiting = Signal()  # queued: newest readings are waiting
    _future_done = Signal(object, object, object)  # (future, on_success, on_failure), queued

    def __init__(
        self,
        events: Events,
        parent: QObject | None = None,
        *,
        reading_interval_ms: int = READING_INTERVAL_MS,
    ) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._readings: dict[tuple[str, str], ReadingArrived] = {}
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(reading_interval_ms)
        self._flush_timer.timeout.connect(self._flush_readings)
        self._handed_over.connect(self._emit_public, Qt.ConnectionType.QueuedConnection)
        self._readings_waiting.connect(self._schedule_flush, Qt.ConnectionType.QueuedConnection)
        self._future_done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._disconnects = [
            events.reading_did_arrive.connect(self._on_reading),
            events.device_status_did_change.connect(self._on_status),
            events.encounter_did_save.connect(self._relay("encounter_saved")),
            events.outbox_did_change.connect(self._relay("outbox_changed")),
            events.sync_did_finish.connect(self._relay("sync_finished")),
            events.consult_did_change.connect(self._relay("consult_changed")),
        ]

    def detach(self) -> None:
        """Stop listening to the core (before the bridge or the runtime goes away)."""
        for disconnect in self._disconnects:
            disconnect()
        self._disconnects.clear()
        self._flush_timer.stop()

    # -- any thread ------------------------------------------------------------------------

    def when_done(
        self, future: concurrent.futures.Future[Any], on_success: Success, on_failure: Failure
    ) -> None:
        """Call ``on_success(result)`` or ``on_failure(error)`` on the GUI thread, later."""
        future.add_done_callback(
            lambda done: self._hand_over(self._future_done, done, on_success, on_failure)
        )

    def _relay(
        self, name: str
    ) -> Callable[
        [DeviceStatus | EncounterSaved | OutboxChanged | SyncFinished | ConsultChanged], None
    ]:
        return lambda payload: self._hand_over(self._handed_over, name, payload)

    def _on_reading(self, reading: ReadingArrived) -> None:
        key = (reading.identity.driver_id, reading.measurement.type)
        with self._lock:
            first = not self._readings
            self._readings[key] = reading
        if first:
            self._hand_over(self._readings_waiting)

    def _on_status(self, status: DeviceStatus) -> None:
        """A lost device's readings still waiting for the next flush are older than its loss:
        drop them, so a disconnected tile never shows a value again after its dash."""
        if status.state is ConnectionState.DISCONNECTED:
            with self._lock:
                for key in [key for key in self._readings if key[0] == status.driver_id]:
                    del self._readings[key]
        self._hand_over(self._handed_over, "device_status_changed", status)

    @staticmethod
    def _hand_over(signal: Any, *args: object) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:  # the bridge's C++ object is gone: the window has closed
            log.debug("event after the bridge was deleted; dropped")

    # -- GUI thread ------------------------------------------------------------------------

    @Slot(object, object)
    def _emit_public(self, name: str, payload: object) -> None:
        getattr(self, name).emit(payload)

    @Slot()
    def _schedule_flush(self) -> None:
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    @Slot()
    def _flush_readings(self) -> None:
        with self._lock:
            readings, self._readings = list(self._readings.values()), {}
        for reading in readings:
            self.reading_arrived.emit(reading)

    @Slot(object, object, object)
    def _deliver(
        self, future: concurrent.futures.Future[Any], on_success: Success, on_failure: Failure
    ) -> None:
        if future.cancelled():
            on_failure(concurrent.futures.CancelledError())
            return
        error = future.exception()
        if error is None:
            on_success(future.result())
        else:
            on_failure(error)
