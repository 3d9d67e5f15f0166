"""Live devices: driver sessions on the I/O loop, their events, and their latest values.

A session's measurements arrive at device pace (60 per second for an oximeter). They are
published as ``reading_did_arrive`` and kept as "the latest value of each type, per
device"; nothing is stored until the nurse (or the headless demo) records a value into an
encounter. :meth:`LiveDevices.wait_for` lets a caller wait for fresh values of given types.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import dataclasses
import datetime as dt
import logging
import threading
import time

from kiosk.device_api import DeviceStatus, DriverPlugin
from kiosk.domain import DeviceIdentity, Measurement, utc_now
from kiosk.events import ReadingArrived
from kiosk.runtime import Runtime

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True, slots=True)
class LiveValue:
    measurement: Measurement
    identity: DeviceIdentity
    received_at: dt.datetime


class LiveDevices:
    def __init__(self, runtime: Runtime, *, waveform: bool = False) -> None:
        """``waveform``: ask oximeters for their pleth samples (the screen draws them)."""
        self.runtime = runtime
        self.waveform = waveform
        self._latest: dict[tuple[str, str], LiveValue] = {}
        self._status: dict[tuple[str, str], DeviceStatus] = {}
        self._changed = threading.Condition()
        self._sessions: list[concurrent.futures.Future[None]] = []
        self._by_port: dict[str, concurrent.futures.Future[None]] = {}

    def start(self, plugin: DriverPlugin, port: str) -> concurrent.futures.Future[None]:
        """Run the driver's session on ``port`` until :meth:`stop` or :meth:`stop_all`."""
        session = (
            plugin.open_session(port, waveform=True) if self.waveform else plugin.open_session(port)
        )
        future = self.runtime.run_io(session.run(self._on_measurement, self._on_status))
        self._sessions.append(future)
        self._by_port[port] = future
        return future

    def stop(self, port: str) -> None:
        """Cancel the session on ``port`` (the hot-plug watcher's unplug); never blocks, so it
        is safe on the I/O loop. The session closes its port as it ends."""
        future = self._by_port.pop(port, None)
        if future is not None:
            future.cancel()

    def ports(self) -> list[str]:
        """Ports with a session started and not stopped."""
        return sorted(port for port, future in self._by_port.items() if not future.done())

    def stop_all(self) -> None:
        for future in self._sessions:
            future.cancel()
        for future in self._sessions:
            try:
                future.result(timeout=5)
            except (concurrent.futures.CancelledError, asyncio.CancelledError):
                pass
            except Exception:
                log.exception("a device session ended with an error")
        self._sessions.clear()
        self._by_port.clear()

    def _on_measurement(self, measurement: Measurement, identity: DeviceIdentity) -> None:
        if measurement.type != "pleth":
            value = LiveValue(measurement, identity, utc_now())
            with self._changed:
                self._latest[(identity.driver_id, measurement.type)] = value
                self._changed.notify_all()
        self.runtime.events.reading_did_arrive.emit(ReadingArrived(measurement, identity))

    def _on_status(self, status: DeviceStatus) -> None:
        with self._changed:
            self._status[(status.driver_id, status.port)] = status
            self._changed.notify_all()
        self.runtime.events.device_status_did_change.emit(status)

    def statuses(self) -> list[DeviceStatus]:
        with self._changed:
            return list(self._status.values())

    def fresh(self, types: tuple[str, ...], since: dt.datetime) -> dict[str, LiveValue]:
        """The latest value of each wanted type received after ``since``."""
        with self._changed:
            return {
                value.measurement.type: value
                for value in self._latest.values()
                if value.measurement.type in types and value.received_at > since
            }

    def fresh_values(self, types: tuple[str, ...], since: dt.datetime) -> list[LiveValue]:
        """Like :meth:`fresh`, but every device's value: two devices may deliver the same
        type (a cuff's and an oximeter's ``pulse_rate``)."""
        with self._changed:
            return [
                value
                for value in self._latest.values()
                if value.measurement.type in types and value.received_at > since
            ]

    def wait_for(
        self, types: tuple[str, ...], since: dt.datetime, timeout: float
    ) -> dict[str, LiveValue]:
        """Block until every type in ``types`` has a value newer than ``since``, or time out;
        returns what it has (possibly incomplete)."""
        end = time.monotonic() + timeout
        with self._changed:
            while True:
                found = self.fresh(types, since)
                remaining = end - time.monotonic()
                if set(found) >= set(types) or remaining <= 0:
                    return found
                self._changed.wait(timeout=min(0.1, remaining))
