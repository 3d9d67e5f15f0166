"""Work that waits until the window's first frame is on the screen (``kiosk run``).

The nurse sees the kiosk as soon as its window is painted; the device discovery (the serial
port watcher, the Bluetooth stack and its paired devices), the demo's simulators and the sync
loop start a moment later, from a zero-time timer started by the window's first paint event
(so it runs once that frame is done), or after :data:`FALLBACK_MS` if no paint comes.
Their modules (bleak, requests, the drivers' I/O) are imported then too, so they cost
nothing before the first frame (``kiosk bench startup``).

A step that fails is not lost in Qt's event loop: the loop is stopped with exit code 1 and
:meth:`DeferredStart.raise_failure` raises the error again after ``app.exec()`` returns, so
``kiosk run`` fails as it did when the steps ran before the window was shown.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from ui.qt import QCoreApplication, QEvent, QObject, QTimer, QWidget

log = logging.getLogger(__name__)

#: Start anyway this long after ``schedule`` when the window has not been painted by then.
FALLBACK_MS = 1000


class DeferredStart(QObject):
    """Run ``steps`` in order once ``window`` has painted its first frame."""

    def __init__(self, app: QCoreApplication, steps: Sequence[Callable[[], object]]) -> None:
        super().__init__()
        self._app = app
        self._steps = list(steps)
        self._window: QWidget | None = None
        self.started = False
        self.failure: BaseException | None = None
        self.done = False

    def schedule(self, window: QWidget) -> DeferredStart:
        """Watch ``window`` for its first paint (call before showing it or right after)."""
        self._window = window
        window.installEventFilter(self)
        QTimer.singleShot(FALLBACK_MS, self._run)
        return self

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._run)  # once this frame has been painted
        return False

    def _run(self) -> None:
        if self.started:
            return
        self.started = True
        if self._window is not None:
            self._window.removeEventFilter(self)
        try:
            for step in self._steps:
                step()
        except Exception as error:  # handed back to run_app after the loop, see raise_failure
            log.exception("starting the devices or the sync loop failed")
            self.failure = error
            self._app.exit(1)
            return
        self.done = True

    def raise_failure(self) -> None:
        """Raise what a step raised, if one did."""
        if self.failure is not None:
            raise self.failure
