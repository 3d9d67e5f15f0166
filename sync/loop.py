"""The background sync loop for ``kiosk run`` (fhir-mapping.md §5, §6).

:class:`SyncLoop` owns one thread (``kiosk-sync``) with its own :class:`Store` connection
and runs push (:meth:`SyncEngine.run_once`) then pull (:func:`sync.pass_pull.pull_after_push`)
on an interval. Blocking HTTP never runs on the UI thread nor on the runtime's asyncio loop.

- Nothing wrong: the next pass in ``interval_s``, or sooner when an item becomes due.
- Link down / server busy: the engine's worker back-off (full jitter, ``retry_in``).
- AUTH or CONFIG: a person must act; the loop waits :data:`PAUSE_S` (or a ``trigger``).
- :meth:`trigger` (e.g. an encounter was just saved) wakes the loop at once;
  :meth:`stop` ends it between passes (a pass in progress finishes its current request).

Only one worker syncs at a time: the engine's file lock makes a concurrent ``kiosk sync``
return BUSY instead of sending twice. The UI wiring (status line, progress) is the UI's.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Callable

from kiosk.config import KioskConfig
from kiosk.events import Events
from kiosk.runtime import Runtime
from kiosk.store.db import Store
from sync.client import SyncErrorKind
from sync.engine import SyncEngine, SyncReport
from sync.pass_pull import pull_after_push
from sync.pull import PullReport

log = logging.getLogger(__name__)

THREAD_NAME = "kiosk-sync"
DEFAULT_INTERVAL_S = 60.0
MIN_DELAY_S = 1.0
#: After AUTH/CONFIG the loop waits this long (or for a trigger): a person must fix it.
PAUSE_S = 15 * 60.0

EngineFactory = Callable[[Store], SyncEngine]


@dataclasses.dataclass(frozen=True, slots=True)
class PassResult:
    push: SyncReport | None
    pull: PullReport | None
    delay_s: float


def next_delay(report: SyncReport | None, interval_s: float) -> float:
    """Seconds to wait before the next pass, from what the last pass found."""
    if report is None:
        return interval_s
    if report.error in (SyncErrorKind.AUTH, SyncErrorKind.CONFIG):
        return PAUSE_S
    if report.error in (SyncErrorKind.NETWORK, SyncErrorKind.BUSY):
        return max(MIN_DELAY_S, report.retry_in if report.retry_in is not None else interval_s)
    if report.retry_in is not None:
        return max(MIN_DELAY_S, min(interval_s, report.retry_in))
    return interval_s


class SyncLoop:
    """Runs sync passes on its own thread until :meth:`stop`."""

    def __init__(
        self,
        runtime: Runtime | None,
        config: KioskConfig,
        *,
        interval_s: float = DEFAULT_INTERVAL_S,
        engine_factory: EngineFactory | None = None,
        events: Events | None = None,
        pull: bool = True,
    ) -> None:
        self.config = config
        self.interval_s = interval_s
        self.events = events if events is not None else (runtime.events if runtime else None)
        self.engine_factory = engine_factory or self._default_engine
        self.pull = pull
        self.passes = 0
        self.last: PassResult | None = None
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def _default_engine(self, store: Store) -> SyncEngine:
        return SyncEngine(store, self.config, events=self.events)

    # -- lifecycle ---------------------------------------------------------------------------
    def start(self) -> SyncLoop:
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._main, name=THREAD_NAME, daemon=True)
            self._thread.start()
        return self

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def trigger(self) -> None:
        """Run a pass now (an encounter was saved, the link came back)."""
        self._wake.set()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def __enter__(self) -> SyncLoop:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- passes ------------------------------------------------------------------------------
    def run_pass(self, store: Store) -> PassResult:
        """One push + pull with a fresh engine; never raises (a bug must not end the loop)."""
        push: SyncReport | None = None
        pulled: PullReport | None = None
        try:
            with self.engine_factory(store) as engine:
                push = engine.run_once()
                if self.pull:
                    pulled = pull_after_push(store, engine, push)
        except Exception:
            log.exception("sync pass failed")
            delay = self.interval_s
        else:
            delay = next_delay(push, self.interval_s)
        self.passes += 1
        self.last = PassResult(push, pulled, delay)
        return self.last

    def _main(self) -> None:
        try:
            with Store(self.config.store_path) as store:
                while not self._stop.is_set():
                    result = self.run_pass(store)
                    self._wake.wait(result.delay_s)
                    self._wake.clear()
        except Exception:
            log.exception("the sync loop stopped")
