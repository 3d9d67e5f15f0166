"""The console's server calls off the GUI thread, their results back on it.

:class:`ReviewService` runs each call of :class:`~sync.specialist.SpecialistClient` on a
small :class:`concurrent.futures.ThreadPoolExecutor` and hands the future to
:class:`FutureRelay`, which delivers the result or the error to GUI-thread callbacks
through a queued signal (the same pattern as :meth:`ui.bridge.QtBridge.when_done`). So a
slow or dead link never freezes the window.
"""

from __future__ import annotations

import concurrent.futures
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from sync.specialist import AnswerSent, SpecialistClient
from sync.specialist_model import Answer, Case, WorkItem
from ui.qt import QObject, Qt, Signal, Slot

log = logging.getLogger(__name__)

T = TypeVar("T")
Success = Callable[[Any], None]
Failure = Callable[[BaseException], None]


class FutureRelay(QObject):
    """Calls ``on_success(result)`` / ``on_failure(error)`` on the GUI thread, later."""

    _done = Signal(object, object, object)  # (future, on_success, on_failure), queued

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def when_done(
        self, future: concurrent.futures.Future[Any], on_success: Success, on_failure: Failure
    ) -> None:
        future.add_done_callback(lambda done: self._hand_over(done, on_success, on_failure))

    def _hand_over(self, done: object, on_success: Success, on_failure: Failure) -> None:
        try:
            self._done.emit(done, on_success, on_failure)
        except RuntimeError:  # the window (and this relay) is gone
            log.debug("result after the console closed; dropped")

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


class ReviewService:
    """The client's calls as futures (at most ``workers`` at once)."""

    def __init__(self, client: SpecialistClient, workers: int = 3) -> None:
        self.client = client
        self._pool = concurrent.futures.ThreadPoolExecutor(workers, thread_name_prefix="review")

    def worklist(self) -> concurrent.futures.Future[list[WorkItem]]:
        return self._pool.submit(self.client.worklist)

    def load_case(self, item: WorkItem) -> concurrent.futures.Future[Case]:
        return self._pool.submit(self.client.load_case, item)

    def claim(self, task_id: str) -> concurrent.futures.Future[WorkItem]:
        return self._pool.submit(self.client.claim, task_id)

    def answer(
        self, task_id: str, answer: Answer, key: str
    ) -> concurrent.futures.Future[AnswerSent]:
        return self._pool.submit(self.client.answer, task_id, answer, key)

    def start_review(self, task_id: str) -> concurrent.futures.Future[WorkItem]:
        return self._pool.submit(self.client.start_review, task_id)

    def ask(self, task_id: str, text: str, key: str) -> concurrent.futures.Future[WorkItem]:
        return self._pool.submit(self.client.ask, task_id, text, key)

    def warm_up(self, work: Callable[[], T]) -> concurrent.futures.Future[T]:
        """Any slow local preparation (the ICD-10 index) in the background."""
        return self._pool.submit(work)

    def close(self) -> None:
        """Finish what is running, start nothing new, close the HTTP session."""
        self._pool.shutdown(wait=True, cancel_futures=True)
        self.client.close()
