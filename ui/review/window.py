"""The specialist console's window: worklist on the left, the case and the answer on the right.

Everything that talks to the server runs in :class:`~ui.review.service.ReviewService`'s
threads; results come back through :class:`~ui.review.service.FutureRelay` on the GUI
thread. A timer polls the worklist every ``poll_ms`` (never two polls at once), so new
requests appear and claimed ones disappear without a click. Claiming that loses the race
shows who won; an answer is kept in the form until the server has confirmed it, and a retry
reuses the same key, so it never becomes two answers.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from kiosk.clinical import icd10
from kiosk.errors import UserFacingError
from kiosk.i18n import translate
from sync.specialist import AnswerSent
from sync.specialist_answer import new_communication_key
from sync.specialist_model import Case, Specialist, WorkItem
from ui.qt import (
    QEvent,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from ui.review.answer_form import ReviewAnswerForm
from ui.review.case_view import ReviewCaseView
from ui.review.labels import when_label
from ui.review.service import FutureRelay, ReviewService
from ui.review.worklist import ReviewWorklist

log = logging.getLogger(__name__)

POLL_MS = 15_000
BUTTON_HEIGHT = 48


class ReviewWindow(QMainWindow):
    """The console (see the module docstring)."""

    def __init__(
        self,
        service: ReviewService | None,
        language: str = "en",
        *,
        poll_ms: int = POLL_MS,
        clock: Callable[[], dt.datetime] | None = None,
        specialist: Specialist | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("reviewWindow")
        self.service = service
        self.specialist = service.client.specialist if service is not None else specialist
        self.language = language
        self.clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self.relay = FutureRelay(self)
        self.current: WorkItem | None = None
        self.case: Case | None = None
        self.polling = False
        self._answer_keys: dict[str, str] = {}
        self.worklist = ReviewWorklist(self)
        self.case_view = ReviewCaseView(self)
        self.form = ReviewAnswerForm(self)
        self.refresh_button = QPushButton(self)
        self.claim_button = QPushButton(self)
        self.updated = QLabel(self)
        self.owner = QLabel(self)
        self.message = QLabel(self)
        self.message.setObjectName("reviewMessage")
        self.message.setWordWrap(True)
        self._layout()
        self.worklist.item_chosen.connect(self._choose)
        self.refresh_button.clicked.connect(self.refresh)
        self.claim_button.clicked.connect(self.claim)
        self.form.send_requested.connect(self.send_answer)
        self.form.problem.connect(self.say)
        self.poll = QTimer(self)
        self.poll.setInterval(poll_ms)
        self.poll.timeout.connect(self.refresh)
        self._translate()
        self._show_selection()

    def _layout(self) -> None:
        left = QWidget(self)
        column = QVBoxLayout(left)
        top = QHBoxLayout()
        top.addWidget(self.refresh_button)
        top.addWidget(self.updated, 1)
        column.addLayout(top)
        column.addWidget(self.worklist, 1)
        right = QWidget(self)
        column = QVBoxLayout(right)
        claim_row = QHBoxLayout()
        claim_row.addWidget(self.owner, 1)
        claim_row.addWidget(self.claim_button)
        column.addLayout(claim_row)
        parts = QSplitter(Qt.Orientation.Vertical, right)
        parts.addWidget(self.case_view)
        parts.addWidget(self.form)
        parts.setStretchFactor(0, 3)
        parts.setStretchFactor(1, 2)
        column.addWidget(parts, 1)
        column.addWidget(self.message)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([560, 840])
        parts.setSizes([560, 340])
        self.setCentralWidget(split)
        for button in (self.refresh_button, self.claim_button):
            button.setMinimumHeight(BUTTON_HEIGHT)

    def _translate(self) -> None:
        name = self.specialist.display if self.specialist else ""
        self.setWindowTitle(self.tr("Dala Kiosk — specialist console — {0}").format(name))
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_button.setAccessibleName(self.tr("Refresh the list"))
        self.claim_button.setText(self.tr("Claim this request"))
        self.claim_button.setAccessibleName(self.tr("Claim this request"))
        self._show_selection()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._translate()
        super().changeEvent(event)

    # -- start / stop --------------------------------------------------------------------

    def start(self) -> None:
        """First worklist at once, then every ``poll_ms``; warm the ICD-10 index meanwhile."""
        if self.service is None:
            return
        self.relay.when_done(self.service.warm_up(icd10.size), lambda _n: None, self._failed)
        self.refresh()
        self.poll.start()

    def closeEvent(self, event: QEvent) -> None:
        self.poll.stop()
        super().closeEvent(event)

    # -- worklist ------------------------------------------------------------------------

    def refresh(self) -> None:
        if self.service is None or self.polling:
            return
        self.polling = True
        self.relay.when_done(self.service.worklist(), self._listed, self._poll_failed)

    def _listed(self, items: list[WorkItem]) -> None:
        self.polling = False
        now = self.clock()
        self.worklist.show_items(items, now)
        self.updated.setText(self.tr("Updated {0}").format(when_label(now)))
        if self.current is not None:
            fresh = next((i for i in items if i.task_id == self.current.task_id), None)
            if fresh is not None:
                self.current = fresh
                self._show_selection()

    def _poll_failed(self, error: BaseException) -> None:
        self.polling = False
        self._failed(error)

    def _choose(self, item: WorkItem | None) -> None:
        self.current = item
        self.case = None
        self.case_view.show_case(None)
        self._show_selection()
        if item is not None and self.service is not None:
            self.say(self.tr("Loading the case…"))
            self.relay.when_done(self.service.load_case(item), self._case_loaded, self._failed)

    def _case_loaded(self, case: Case) -> None:
        if self.current is None or case.item.task_id != self.current.task_id:
            return  # the specialist has moved on to another request
        self.case = case
        self.case_view.show_case(case)
        self.say("")

    def show_case(self, case: Case) -> None:
        """Show ``case`` as if loaded from the server (screenshots, demos)."""
        self.current = case.item
        self._case_loaded(case)
        self._show_selection()

    # -- claim ---------------------------------------------------------------------------

    def _is_mine(self, item: WorkItem | None) -> bool:
        return bool(item and self.specialist and item.owner_reference == self.specialist.reference)

    def _show_selection(self) -> None:
        item = self.current
        mine = self._is_mine(item)
        self.claim_button.setEnabled(item is not None and not mine)
        self.form.setEnabled(mine)
        self.form.setVisible(mine)  # the case gets the whole height until it is claimed
        if item is None:
            self.owner.setText(self.tr("Choose a request from the list."))
        elif mine:
            self.owner.setText(self.tr("You have claimed this request. Write your answer below."))
        elif item.owner_display:
            self.owner.setText(self.tr("Claimed by {0}").format(item.owner_display))
        else:
            self.owner.setText(self.tr("Nobody has claimed this request yet."))

    def claim(self) -> None:
        if self.current is None or self.service is None:
            return
        self.claim_button.setEnabled(False)
        self.say(self.tr("Claiming…"))
        self.relay.when_done(
            self.service.claim(self.current.task_id), self._claimed, self._claim_failed
        )

    def _claimed(self, item: WorkItem) -> None:
        if self.current is not None and self.current.task_id == item.task_id:
            self.current = item
        self.say(self.tr("Claimed. The request is yours."))
        self._show_selection()
        self.refresh()

    def _claim_failed(self, error: BaseException) -> None:
        self._failed(error)
        self._show_selection()
        self.refresh()

    # -- answer --------------------------------------------------------------------------

    def send_answer(self) -> None:
        if self.current is None or self.service is None:
            return
        answer = self.form.answer()
        if isinstance(answer, str):
            self.say(answer)
            return
        task_id = self.current.task_id
        key = self._answer_keys.setdefault(task_id, new_communication_key())
        self.form.send_button.setEnabled(False)
        self.say(self.tr("Sending the answer…"))
        sent = self.service.answer(task_id, answer, key)
        self.relay.when_done(sent, self._answered, self._answer_failed)

    def _answered(self, sent: AnswerSent) -> None:
        self._answer_keys.pop(sent.task_id, None)
        self.form.send_button.setEnabled(True)
        self.form.clear()
        if self.current is not None and self.current.task_id == sent.task_id:
            self.current = None
            self.case_view.show_case(None)
            self._show_selection()
        self.say(self.tr("Answer sent. The kiosk will receive it on its next sync."))
        self.refresh()

    def _answer_failed(self, error: BaseException) -> None:
        self.form.send_button.setEnabled(True)
        self._failed(error)  # the form keeps the text: nothing typed is lost

    # -- messages ------------------------------------------------------------------------

    def say(self, text: str) -> None:
        self.message.setText(text)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, UserFacingError):
            self.say(translate(error.key, self.language, **error.params))
        else:
            log.warning("review: %s", type(error).__name__, exc_info=error)
            self.say(self.tr("Something went wrong: {0}").format(type(error).__name__))
