"""The specialist's question on the consultation page and the nurse's reply (docs/consults.md).

:class:`ConsultReplyPanel` shows the question as the specialist wrote it ("The specialist
asks …"), a text field the nurse types into with the docked on-screen keyboard (it shows
itself while a text field has the focus, as for the complaints' free text) and "Send the
reply". The screen saves it (:meth:`kiosk.consult_screen_model.ConsultsModel.reply`): it
goes to the specialist with the next sync. What she typed stays in the field until it is
saved — a refresh of the same request does not clear it.

Under the field, :class:`~ui.screens.consult_reply_attach.ConsultReplyAttachList` offers the
new readings and photos of a visit recorded after the question
(:meth:`~kiosk.consult_screen_model.ConsultsModel.attachable`, read in the background);
the screen bound to the panel (:meth:`ConsultReplyPanel.bind`) sends the ticked ones
(:meth:`ConsultReplyPanel.chosen`) with the reply.
"""

from __future__ import annotations

from kiosk.consult_messages import MAX_REPLY_CHARS, ConsultMessage
from kiosk.consult_reply_attachments import Attachable
from kiosk.consult_screen_model import ConsultsModel
from kiosk.i18n import translate
from ui.bridge import QtBridge
from ui.qt import QEvent, QPlainTextEdit, QVBoxLayout, QWidget, Signal
from ui.screens.consult_reply_attach import ConsultReplyAttachList
from ui.screens.screen_kit import (
    format_datetime,
    locale_for,
    screen_language,
    text_label,
    touch_button,
)

REPLY_HEIGHT = 110


class ConsultReplyPanel(QWidget):
    reply_requested = Signal(str, str)  # (consult id, the nurse's words)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("consultReplyPanel")
        self.consult_id: str | None = None
        self.question: ConsultMessage | None = None
        self.asks = text_label("consultAsks", "alert")
        self.title = text_label("consultReplyTitle")
        self.text = QPlainTextEdit()
        self.text.setObjectName("consultReplyText")
        self.text.setFixedHeight(REPLY_HEIGHT)
        self.problem = text_label("consultReplyProblem", "alert")
        self.problem.setVisible(False)
        self.attach = ConsultReplyAttachList()
        self.send_button = touch_button("sendReplyButton")
        self.send_button.clicked.connect(self._send)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        parts = (self.asks, self.title, self.text, self.attach, self.problem, self.send_button)
        for part in parts:
            column.addWidget(part)
        self._model: ConsultsModel | None = None
        self._bridge: QtBridge | None = None
        self._ticket = 0
        self.retranslate()

    def bind(self, model: ConsultsModel, bridge: QtBridge) -> None:
        """Read what may be attached through ``model`` (reader thread, futures delivered by
        ``bridge``) and hand the nurse's choice to it before each reply."""
        self._model, self._bridge = model, bridge

    def chosen(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(reading ids, photo ids) the nurse ticked to go with her reply."""
        return self.attach.chosen()

    def load_attachable(self) -> None:
        """Read again, in the background, what the reply may carry (nothing asked: hidden)."""
        self._ticket += 1
        if self.consult_id is None or self.question is None or self._model is None:
            self.attach.show_offer(None)
            return
        assert self._model is not None and self._bridge is not None
        ticket, consult_id = self._ticket, self.consult_id
        try:
            future = self._model.attachable(consult_id, screen_language())
        except RuntimeError:  # the runtime has stopped (the kiosk is closing): offer nothing
            self.attach.show_offer(None)
            return
        self._bridge.when_done(
            future, lambda offer: self._offered(ticket, offer), lambda _error: None
        )

    def _offered(self, ticket: int, offer: Attachable) -> None:
        if ticket == self._ticket:  # an older read is not shown over a newer one
            self.attach.show_offer(offer)

    def show_question(self, consult_id: str, question: ConsultMessage | None) -> None:
        """Ask for a reply to ``question`` (None: nothing to reply to; the panel hides)."""
        if consult_id != self.consult_id or question is None:
            self.text.clear()  # another request (or answered): no draft carried over
            self.problem.setVisible(False)
            self.attach.clear_choice()
        self.consult_id, self.question = consult_id, question
        self.setVisible(question is not None)
        self._render()
        self.load_attachable()

    def reply_saved(self) -> None:
        self.text.clear()
        self.problem.setVisible(False)
        self.attach.clear_choice()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Your reply to the specialist:"))
        self.text.setAccessibleName(self.tr("Your reply to the specialist"))
        self.send_button.setText(self.tr("Send the reply"))
        self.send_button.setAccessibleName(self.tr("Send the reply to the specialist"))
        self._render()

    def _render(self) -> None:
        question = self.question
        if question is None:
            self.asks.clear()
            return
        when = format_datetime(locale_for(screen_language()), question.sent_at)
        who = question.sender_display or self.tr("The specialist")
        text = self.tr("{name} asks ({time}):\n{question}").format(
            name=who, time=when, question=question.text
        )
        self.asks.setText(text)
        self.asks.setAccessibleName(text)

    def _send(self) -> None:
        if self.consult_id is None or self.question is None:
            return
        words = self.text.toPlainText().strip()
        key = "" if words and len(words) <= MAX_REPLY_CHARS else "consult.reply.empty"
        if words and len(words) > MAX_REPLY_CHARS:
            key = "consult.reply.too_long"
        if key:
            self.problem.setText(translate(key, screen_language(), limit=MAX_REPLY_CHARS))
            self.problem.setVisible(True)
            return
        self.problem.setVisible(False)
        self.reply_requested.emit(self.consult_id, words)
