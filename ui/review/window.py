"""The specialist console's window: worklist on the left, the case and the answer on the right.

Everything that talks to the server runs in :class:`~ui.review.service.ReviewService`'s
threads; results come back through :class:`~ui.review.service.FutureRelay` on the GUI
thread. A timer polls the worklist every ``poll_ms`` (never two polls at once), so new
requests appear and claimed ones disappear without a click. Claiming that loses the race
shows who won; an answer is kept in the form until the server has confirmed it, and a retry
reuses the same key, so it never becomes two answers. Opening a claimed case (and claiming
the open one) moves its Task to ``in-progress``; "Ask the nurse" sends a question instead of
an answer (the Task waits ``on-hold``) with the same keep-and-retry rule. When a poll shows
the open request's status changed (the nurse replied), its case is read again.
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
from ui.review.ask_panel import ReviewAskPanel
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
        self._question_keys: dict[str, str] = {}
        self._question_drafts: dict[str, str] = {}
        self.worklist = ReviewWorklist(self)
        self.case_view = ReviewCaseView(self)
        self.form = ReviewAnswerForm(self)
        self.refresh_button = QPushButton(self)
        self.claim_button = QPushButton(self)
        self.ask_button = QPushButton(self)
        self.ask_button.setObjectName("reviewAskButton")
        self.ask_panel = ReviewAskPanel(self)
        self.ask_panel.setVisible(False)
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
        self.ask_button.clicked.connect(self.toggle_ask)
        self.ask_panel.send_requested.connect(self.send_question)
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
        claim_row.addWidget(self.ask_button)
        column.addLayout(claim_row)
        column.addWidget(self.ask_panel)
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
        for button in (self.refresh_button, self.claim_button, self.ask_button):
            button.setMinimumHeight(BUTTON_HEIGHT)

    def _translate(self) -> None:
        name = self.specialist.display if self.specialist else ""
        self.setWindowTitle(self.tr("Dala Kiosk — specialist console — {0}").format(name))
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_button.setAccessibleName(self.tr("Refresh the list"))
        self.claim_button.setText(self.tr("Claim this request"))
        self.claim_button.setAccessibleName(self.tr("Claim this request"))
        self.ask_button.setText(self.tr("Ask the nurse"))
        self.ask_button.setAccessibleName(self.tr("Ask the nurse a question instead of answering"))
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
                changed = fresh.status != self.current.status
                self.current = fresh
                self._show_selection()
                if changed and self.case is not None and self.service is not None:
                    self._load_case(fresh)  # e.g. the nurse replied: show her words

    def _poll_failed(self, error: BaseException) -> None:
        self.polling = False
        self._failed(error)

    def _choose(self, item: WorkItem | None) -> None:
        self._keep_question_draft(item)
        self.current = item
        self.case = None
        self.case_view.show_case(None)
        self._show_selection()
        if item is not None and self.service is not None:
            self.say(self.tr("Loading the case…"))
            self._load_case(item)
            self._start_review(item)

    def _load_case(self, item: WorkItem) -> None:
        if self.service is not None:
            self.relay.when_done(self.service.load_case(item), self._case_loaded, self._failed)

    def _start_review(self, item: WorkItem) -> None:
        """The owner is looking at the case: the kiosk shows it (``in-progress``)."""
        if self.service is None or not self._is_mine(item):
            return
        if item.status in ("received", "accepted"):
            started = self.service.start_review(item.task_id)
            self.relay.when_done(started, self._review_started, self._failed)

    def _review_started(self, item: WorkItem) -> None:
        if self.current is not None and self.current.task_id == item.task_id:
            self.current = item
            self._show_selection()

    def _case_loaded(self, case: Case) -> None:
        if self.current is None or case.item.task_id != self.current.task_id:
            return  # the specialist has moved on to another request
        self.case = case
        self.case_view.show_case(case)
        if self.message.text() == self.tr("Loading the case…"):
            self.say("")  # a re-read (the nurse replied) keeps the last message

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
        self.ask_button.setVisible(mine)
        if not mine:
            self.ask_panel.setVisible(False)
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
        if self.current is not None and self.current.task_id == item.task_id:
            self._start_review(item)  # claimed from the open case: being looked at now
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

    # -- asking the nurse ----------------------------------------------------------------

    def _keep_question_draft(self, chosen: WorkItem | None) -> None:
        """A question belongs to its request: keep the draft of the one left, show the
        chosen one's (so a question is never sent to the wrong request)."""
        old = self.current.task_id if self.current is not None else None
        new = chosen.task_id if chosen is not None else None
        if old == new:
            return
        if old is not None and self.ask_panel.question():
            self._question_drafts[old] = self.ask_panel.text.toPlainText()
        self.ask_panel.text.setPlainText(self._question_drafts.pop(new, "") if new else "")
        self.ask_panel.setVisible(bool(self.ask_panel.question()))

    def toggle_ask(self) -> None:
        self.ask_panel.setVisible(not self.ask_panel.isVisible())
        if self.ask_panel.isVisible():
            self.ask_panel.text.setFocus()

    def send_question(self) -> None:
        if self.current is None or self.service is None:
            return
        text = self.ask_panel.question()
        if not text:
            self.say(self.tr("Write the question for the nurse first."))
            return
        task_id = self.current.task_id
        key = self._question_keys.setdefault(task_id, new_communication_key())
        self.ask_panel.send_button.setEnabled(False)
        self.say(self.tr("Sending the question…"))
        asked = self.service.ask(task_id, text, key)
        self.relay.when_done(asked, self._asked, self._ask_failed)

    def _asked(self, item: WorkItem) -> None:
        self._question_keys.pop(item.task_id, None)
        self.ask_panel.send_button.setEnabled(True)
        self.ask_panel.clear()
        self.ask_panel.setVisible(False)
        if self.current is not None and self.current.task_id == item.task_id:
            self.current = item
            self._show_selection()
            self._load_case(item)
        self.say(self.tr("Question sent. The nurse will see it on the kiosk's next sync."))
        self.refresh()

    def _ask_failed(self, error: BaseException) -> None:
        self.ask_panel.send_button.setEnabled(True)
        self._failed(error)  # the panel keeps the text: nothing typed is lost

    # -- messages ------------------------------------------------------------------------

    def say(self, text: str) -> None:
        self.message.setText(text)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, UserFacingError):
            self.say(translate(error.key, self.language, **error.params))
        else:
            log.warning("review: %s", type(error).__name__, exc_info=error)
            self.say(self.tr("Something went wrong: {0}").format(type(error).__name__))
