"""The oximeter's pleth waveform for the screen, without Qt: the last few seconds of samples.

The bridge hands readings to the screen at most ten times a second per type, which is right
for numbers but too coarse for a waveform (an oximeter sends 60 samples a second). A
:class:`PlethTrace` listens to ``reading_did_arrive`` itself (on the I/O thread) and keeps
the newest :data:`KEEP` ``pleth`` samples of the newest oximeter behind a lock; the tile
reads :meth:`PlethTrace.samples` when it repaints. Nothing is stored: a waveform is shown,
never recorded (``pleth`` is not a recordable reading).
"""

from __future__ import annotations

import collections
import threading
import time
from collections.abc import Callable

from kiosk.events import Events, ReadingArrived

#: About four seconds at 60 samples a second.
KEEP = 240
#: Samples older than this are no longer shown (a finger taken out, a device gone).
STALE_AFTER_S = 2.0


class PlethTrace:
    def __init__(self, events: Events, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._lock = threading.Lock()
        self._samples: collections.deque[float] = collections.deque(maxlen=KEEP)
        self._device: str | None = None
        self._last = 0.0
        self._clock = clock
        self._disconnect = events.reading_did_arrive.connect(self._arrived)

    def _arrived(self, reading: ReadingArrived) -> None:
        measurement = reading.measurement
        if measurement.type != "pleth" or measurement.value is None:
            return
        with self._lock:
            if self._device != reading.identity.key:
                self._device = reading.identity.key
                self._samples.clear()
            self._samples.append(float(measurement.value))
            self._last = self._clock()

    def samples(self) -> list[float]:
        """The newest samples, oldest first; empty when none arrived lately."""
        with self._lock:
            if self._clock() - self._last > STALE_AFTER_S:
                return []
            return list(self._samples)

    def close(self) -> None:
        self._disconnect()
