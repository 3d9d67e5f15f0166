"""The consultations screen: the kiosk's teleconsultation requests and their answers (issue 9).

A thin view of :class:`kiosk.consult_screen_model.ConsultsModel`. The list shows each
request as a touch row: patient, specialty, urgency, state (in the nurse's language), the
deadline or "Overdue" (the row turns red) and an "Answer received" badge while the answer
is unread. :meth:`ConsultsScreen.show_consult` opens one request in full
(:class:`ui.screens.consult_detail.ConsultDetail`) and marks it read on the writer thread;
re-routing and escalating run there too and open the new request. The list reads again
(reader thread) on the bridge's ``consult_changed`` and ``outbox_changed`` signals.
"""

from __future__ import annotations

import logging
from typing import Any

from kiosk.consult_screen_model import ConsultRow, ConsultsModel
from kiosk.errors import UserFacingError
from kiosk.i18n import translate
from ui.bridge import QtBridge
from ui.qt import (
    QEvent,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.screens.consult_detail import ConsultDetail, consult_label
from ui.screens.home import scrolling
from ui.screens.screen_kit import (
    SCREENS_STYLE,
    clear_layout,
    format_datetime,
    locale_for,
    row_button,
    screen_language,
    text_label,
    touch_button,
)
from ui.style import STYLE_SHEET, TOUCH_HEIGHT

log = logging.getLogger(__name__)

CONSULTS_STYLE = """
QPushButton[class="row"][overdue="true"] { border: 3px solid #8a1414; color: #8a1414; }
QPushButton[class="row"][unread="true"] { border: 3px solid #145222; font-weight: bold; }
QLabel#consultMessage { font-size: 19px; font-weight: bold; color: #8a1414; }
QLabel#consultMessage[level="info"] { color: #145222; }
QLabel#consultBody, QLabel#consultAnswer { font-size: 19px; }
"""


class ConsultsScreen(QWidget):
    back_requested = Signal()

    def __init__(
        self, model: ConsultsModel, bridge: QtBridge, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("consultsScreen")
        self.setStyleSheet(STYLE_SHEET + SCREENS_STYLE + CONSULTS_STYLE)
        self._model = model
        self._bridge = bridge
        self.rows: list[ConsultRow] | None = None
        self._ticket = 0
        self._message: Any = None
        self._build()
        self._connect()
        self.retranslate()
        self.refresh()

    def _build(self) -> None:
        self.title = text_label("consultsTitle", "sectionTitle")
        self.back_button = touch_button("consultsBack")
        self.back_button.setMinimumWidth(160)
        self.message = text_label("consultMessage")
        self.list_rows = QVBoxLayout()
        holder = QWidget()
        outer = QVBoxLayout(holder)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self.list_rows)
        outer.addStretch(1)
        self.detail = ConsultDetail()
        self.stack = QStackedWidget()
        self.stack.addWidget(scrolling(holder, "consultList"))
        self.stack.addWidget(scrolling(self.detail, "consultDetailArea"))
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.back_button)
        root = QVBoxLayout(self)
        root.setContentsMargins(16, 8, 16, 10)
        root.addLayout(top)
        root.addWidget(self.message)
        root.addWidget(self.stack, 1)

    def _connect(self) -> None:
        self.back_button.clicked.connect(self.go_back)
        self.detail.reroute_confirmed.connect(self.reroute)
        self.detail.escalate_confirmed.connect(self.escalate)
        self.detail.reply_panel.reply_requested.connect(self.reply)
        self.detail.reply_panel.bind(self._model, self._bridge)  # what the reply may carry
        changed = getattr(self._bridge, "consult_changed", None)
        if changed is not None:
            changed.connect(self._changed)
        self._bridge.outbox_changed.connect(lambda _change: self.refresh())

    # -- navigation ----------------------------------------------------------------------

    @property
    def showing_detail(self) -> bool:
        return self.stack.currentIndex() == 1

    def show_list(self) -> None:
        self.stack.setCurrentIndex(0)
        self._show_message(None)
        self.refresh()

    def go_back(self) -> None:
        """From a request back to the list; from the list back to where the nurse was."""
        if self.showing_detail:
            self.show_list()
        else:
            self.back_requested.emit()

    def show_consult(self, consult_id: str) -> None:
        """Open one request (it is marked read on the writer thread)."""
        self._show_message(None)
        self.stack.setCurrentIndex(1)
        self._bridge.when_done(self._model.open(consult_id), self._opened, self._failed)

    def _opened(self, row: ConsultRow) -> None:
        self.detail.show_row(row)
        self.refresh()

    def _changed(self, change: Any) -> None:
        self.refresh()
        shown = self.detail.row
        if self.showing_detail and shown is not None and change.consult_id == shown.view.id:
            self.show_consult(shown.view.id)

    # -- data ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the requests again (reader thread); the newest answer is shown."""
        self._ticket += 1
        ticket = self._ticket
        self._bridge.when_done(
            self._model.list(), lambda rows: self._loaded(ticket, rows), self._failed
        )

    def _loaded(self, ticket: int, rows: list[ConsultRow]) -> None:
        if ticket == self._ticket:
            self.rows = rows
            self._render()

    def reroute(self, consult_id: str, specialty: str) -> None:
        future = self._model.reroute(consult_id, specialty)
        self._bridge.when_done(future, self._replaced, self._failed)

    def escalate(self, consult_id: str) -> None:
        self._bridge.when_done(self._model.escalate(consult_id), self._replaced, self._failed)

    def reply(self, consult_id: str, text: str) -> None:
        """Save the nurse's reply to the specialist's question (writer thread)."""
        self.detail.reply_panel.send_button.setEnabled(False)
        readings, photos = self.detail.reply_panel.chosen()
        future = self._model.reply(consult_id, text, readings, photos)
        self._bridge.when_done(future, self._replied, self._reply_failed)

    def _replied(self, row: ConsultRow) -> None:
        self.detail.reply_panel.send_button.setEnabled(True)
        self.detail.reply_panel.reply_saved()
        self.detail.show_row(row)
        self.refresh()
        self._show_message(
            lambda: self.tr("Reply saved. It goes to the specialist with the next sync."), "info"
        )

    def _reply_failed(self, error: BaseException) -> None:
        self.detail.reply_panel.send_button.setEnabled(True)
        self._failed(error)  # the field keeps what she typed

    def _replaced(self, new_id: str) -> None:
        self.show_consult(new_id)
        self._show_message(
            lambda: self.tr("A new request is queued; it goes out on the next sync."), "info"
        )

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, UserFacingError):
            key, params = error.key, dict(error.params)
            self._show_message(lambda: translate(key, screen_language(), **params))
            return
        log.warning("consultations could not be read or changed: %s", type(error).__name__)
        self._show_message(lambda: self.tr("Something went wrong. Please try again."))

    def _show_message(self, text: Any, level: str = "error") -> None:
        self._message = text
        self.message.setProperty("level", level)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText("" if text is None else text())
        self.message.setVisible(text is not None)

    # -- language ------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Consultations"))
        self.title.setAccessibleName(self.tr("Consultations"))
        self.back_button.setText(self.tr("Back"))
        self.back_button.setAccessibleName(self.tr("Back to the previous screen"))
        self.message.setAccessibleName(self.tr("Messages"))
        self._show_message(self._message)
        self._render()

    # -- rendering -----------------------------------------------------------------------

    def _render(self) -> None:
        clear_layout(self.list_rows)
        if self.rows is None:
            self.list_rows.addWidget(QLabel(self.tr("Loading…")))
            return
        language = screen_language()
        for row in self.rows:
            self.list_rows.addWidget(self._row_button(row, language))
        if not self.rows:
            self.list_rows.addWidget(QLabel(self.tr("No consultation requests yet.")))

    def _row_button(self, row: ConsultRow, language: str) -> QWidget:
        view = row.view
        specialty = consult_label("specialty", view.specialty, language)
        urgency = consult_label("urgency", view.urgency, language)
        first = " · ".join(part for part in (row.patient_name, specialty, urgency) if part)
        second = [consult_label("state", view.state, language)]
        deadline = format_datetime(locale_for(language), view.deadline)
        if view.overdue:
            second.append(self.tr("Overdue since {time}").format(time=deadline))
        elif view.state in ("queued", "requested", "accepted", "in-progress", "on-hold"):
            second.append(self.tr("Due by {time}").format(time=deadline))
        if view.unread and view.answer_text is not None:
            second.append(self.tr("Answer received"))
        if row.asks is not None:
            second.append(self.tr("Your reply is needed"))
        lines = [first, " · ".join(second)]
        button = row_button("consultRow", lines)
        button.setProperty("overdue", "true" if view.overdue else "false")
        button.setProperty("unread", "true" if view.unread else "false")
        text = " · ".join(lines)
        button.setAccessibleName(self.tr("Open the consultation: {text}").format(text=text))
        consult_id = view.id
        button.clicked.connect(lambda _checked=False: self.show_consult(consult_id))
        return button


class ConsultsButton(QPushButton):
    """Home's "Consultations" button (placed next to "New visit" by :func:`add_to_home`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("consultsButton")
        self.setMinimumHeight(TOUCH_HEIGHT + 24)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setText(self.tr("Consultations"))
        self.setAccessibleName(self.tr("Open the consultations and their answers"))


def add_to_home(home: QWidget) -> ConsultsButton | None:
    """Put a :class:`ConsultsButton` just before Home's "New visit" button, in the same row;
    None when Home has no such button (a plain start page)."""
    anchor = getattr(home, "new_visit_button", None)
    root = home.layout()
    if anchor is None or root is None:
        return None
    for index in range(root.count()):
        item = root.itemAt(index)
        row = None if item is None else item.layout()
        at = -1 if row is None else row.indexOf(anchor)
        if row is not None and at >= 0 and isinstance(row, QHBoxLayout):
            button = ConsultsButton()
            row.insertWidget(at, button)
            return button
    return None
