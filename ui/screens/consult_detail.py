"""One consultation request in full, for the consultations screen (issue 9).

:class:`ConsultDetail` shows a :class:`~kiosk.consult_screen_model.ConsultRow`: the patient,
specialty and urgency, the state, the question, the specialist's name, the answer as the
specialist wrote it, the decision (translated), ICD-10 codes, the follow-up date in the
locale's form and the status reason of a declined or failed request. For a request that
is still open, overdue or declined it offers "Send to another specialty" (one button per
specialty) and "Escalate"; each asks for a clear confirmation first, then emits
:attr:`reroute_confirmed` / :attr:`escalate_confirmed`. The screen runs them. While the
specialist asks the nurse something, the question and the reply field are shown
(:class:`~ui.screens.consult_reply.ConsultReplyPanel`, whose ``reply_requested`` the screen
saves); earlier questions and replies are listed with the request.
"""

from __future__ import annotations

from collections.abc import Callable

from kiosk.consult_screen_model import ConsultRow
from kiosk.consults import SPECIALTIES, URGENCY_ORDER
from kiosk.i18n import translate
from ui.qt import QEvent, QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget, Signal
from ui.screens.consult_reply import ConsultReplyPanel
from ui.screens.screen_kit import (
    format_date,
    format_datetime,
    locale_for,
    screen_language,
    text_label,
    touch_button,
)


def consult_label(kind: str, code: str, language: str) -> str:
    """A translated label of a code (state, specialty, urgency, decision); an unknown code
    (from another client) is shown as it came."""
    key = f"consult.{kind}.{code}"
    text = translate(key, language)
    return code if text == key else text


class ConsultDetail(QWidget):
    reroute_confirmed = Signal(str, str)  # (consult id, specialty)
    escalate_confirmed = Signal(str)  # consult id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("consultDetail")
        self.row: ConsultRow | None = None
        self._pending: tuple[str, str] | None = None  # ("reroute", specialty) / ("escalate", "")
        self._build()
        self.retranslate()

    def _build(self) -> None:
        self.header = text_label("consultHeader", "sectionTitle")
        self.body = text_label("consultBody")
        self.answer = text_label("consultAnswer")
        self.reply_panel = ConsultReplyPanel()
        self.reply_panel.setVisible(False)
        self.reroute_button = touch_button("rerouteButton")
        self.escalate_button = touch_button("escalateButton")
        self.reroute_button.clicked.connect(self._choose_specialty)
        self.escalate_button.clicked.connect(lambda _c=False: self._ask("escalate", ""))
        self.action_bar = QWidget()
        actions = QHBoxLayout(self.action_bar)
        actions.setContentsMargins(0, 0, 0, 0)
        actions.addWidget(self.reroute_button, 1)
        actions.addWidget(self.escalate_button, 1)
        self.specialties = QWidget()
        grid = QGridLayout(self.specialties)
        grid.setContentsMargins(0, 0, 0, 0)
        self.specialty_buttons: dict[str, QPushButton] = {}
        for index, code in enumerate(SPECIALTIES):
            button = touch_button(f"specialty_{code}")
            button.clicked.connect(lambda _c=False, chosen=code: self._ask("reroute", chosen))
            grid.addWidget(button, index // 4, index % 4)
            self.specialty_buttons[code] = button
        self.confirm_text = text_label("consultConfirmText", "alert")
        self.confirm_button = touch_button("confirmButton")
        self.cancel_button = touch_button("cancelConfirmButton")
        self.confirm_button.clicked.connect(self._confirmed)
        self.cancel_button.clicked.connect(self._cancel)
        self.confirm = QWidget()
        confirm = QVBoxLayout(self.confirm)
        confirm.setContentsMargins(0, 0, 0, 0)
        confirm.addWidget(self.confirm_text)
        buttons = QHBoxLayout()
        buttons.addWidget(self.confirm_button, 1)
        buttons.addWidget(self.cancel_button, 1)
        confirm.addLayout(buttons)
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        for part in (self.header, self.body, self.reply_panel, self.answer):
            root.addWidget(part)
        for panel in (self.action_bar, self.specialties, self.confirm):
            root.addWidget(panel)
        root.addStretch(1)

    # -- showing -------------------------------------------------------------------------

    def show_row(self, row: ConsultRow) -> None:
        self.row = row
        self._pending = None
        self._render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.reroute_button.setText(self.tr("Send to another specialty"))
        self.reroute_button.setAccessibleName(
            self.tr("Send this request to another specialty instead")
        )
        self.escalate_button.setText(self.tr("Escalate"))
        self.escalate_button.setAccessibleName(self.tr("Ask again with a higher urgency"))
        self.cancel_button.setText(self.tr("No, keep it"))
        self.cancel_button.setAccessibleName(self.tr("Do not change the request"))
        self.header.setAccessibleName(self.tr("The consultation"))
        self.body.setAccessibleName(self.tr("The request and its state"))
        self.answer.setAccessibleName(self.tr("The specialist's answer"))
        self._render()

    def _render(self) -> None:
        language = screen_language()
        for code, button in self.specialty_buttons.items():
            name = consult_label("specialty", code, language)
            button.setText(name)
            button.setAccessibleName(self.tr("Send to: {specialty}").format(specialty=name))
        row = self.row
        if row is None:
            for part in (self.header, self.body, self.answer):
                part.setText("")
            for panel in (self.action_bar, self.specialties, self.confirm):
                panel.setVisible(False)
            self.reply_panel.show_question("", None)
            return
        self.header.setText(self._header(row, language))
        self.body.setText(self._body(row, language))
        self.answer.setText(self._answer(row, language))
        self.reply_panel.show_question(row.view.id, row.asks)
        self._render_actions(row, language)

    def _header(self, row: ConsultRow, language: str) -> str:
        view = row.view
        specialty = consult_label("specialty", view.specialty, language)
        urgency = consult_label("urgency", view.urgency, language)
        return " · ".join(part for part in (row.patient_name, specialty, urgency) if part)

    def _body(self, row: ConsultRow, language: str) -> str:
        view, locale = row.view, locale_for(language)
        lines = [
            self.tr("State: {state}").format(state=consult_label("state", view.state, language)),
            self.tr("Question: {question}").format(question=view.question),
        ]
        deadline = format_datetime(locale, view.deadline)
        if view.overdue:
            lines.append(self.tr("Overdue: the answer was due {time}").format(time=deadline))
        elif view.state not in ("answered", "rejected", "cancelled", "failed"):
            lines.append(self.tr("Answer due by {time}").format(time=deadline))
        if view.owner_display:
            lines.append(self.tr("Specialist: {name}").format(name=view.owner_display))
        if view.status_reason:
            lines.append(self.tr("Reason: {reason}").format(reason=view.status_reason))
        lines += self._conversation(row)
        return "\n".join(lines)

    def _conversation(self, row: ConsultRow) -> list[str]:
        """Earlier questions and the nurse's replies (the open question is in the panel)."""
        lines = []
        for message in row.view.messages:
            if row.asks is not None and message.id == row.asks.id:
                continue
            if message.direction == "question":
                lines.append(self.tr("The specialist asked: {text}").format(text=message.text))
            elif message.server_id is None:
                lines.append(
                    self.tr("Your reply (waiting to be sent): {text}").format(text=message.text)
                )
            else:
                lines.append(self.tr("Your reply (sent): {text}").format(text=message.text))
            if message.readings or message.photos:
                lines.append(
                    translate(
                        "consult.reply.sent_with",
                        screen_language(),
                        readings=len(message.readings),
                        photos=len(message.photos),
                    )
                )
        return lines

    def _answer(self, row: ConsultRow, language: str) -> str:
        view = row.view
        if view.answer_text is None:
            return self.tr("No answer yet.")
        lines = [self.tr("Answer:"), view.answer_text]
        if view.answer_decision:
            decision = consult_label("decision", view.answer_decision, language)
            lines.append(self.tr("Decision: {decision}").format(decision=decision))
        if view.answer_codes:
            codes = ", ".join(view.answer_codes)
            lines.append(self.tr("ICD-10: {codes}").format(codes=codes))
        if view.follow_up is not None:
            day = format_date(locale_for(language), view.follow_up)
            lines.append(self.tr("Follow-up: {date}").format(date=day))
        return "\n".join(lines)

    # -- re-routing and escalating -------------------------------------------------------

    def _render_actions(self, row: ConsultRow, language: str) -> None:
        pending = self._pending
        self.action_bar.setVisible(row.actionable and pending is None)
        self.escalate_button.setEnabled(row.can_escalate)
        self.specialties.setVisible(row.actionable and pending == ("choose", ""))
        for code, button in self.specialty_buttons.items():
            button.setVisible(code != row.view.specialty)
        asking = row.actionable and pending is not None and pending[0] != "choose"
        self.confirm.setVisible(asking)
        if not asking or pending is None:
            return
        question, yes, name = self._question(row, pending, language)
        self.confirm_text.setText(question)
        self.confirm_text.setAccessibleName(question)
        self.confirm_button.setText(yes)
        self.confirm_button.setAccessibleName(name)

    def _question(
        self, row: ConsultRow, pending: tuple[str, str], language: str
    ) -> tuple[str, str, str]:
        if pending[0] == "reroute":
            specialty = consult_label("specialty", pending[1], language)
            question = self.tr(
                "Send this question to {specialty} instead? The current request will be "
                "cancelled and a new one sent."
            ).format(specialty=specialty)
            return question, self.tr("Yes, send"), self.tr("Confirm: send to another specialty")
        step = URGENCY_ORDER.index(row.view.urgency) + 1 if row.view.urgency in URGENCY_ORDER else 0
        higher = URGENCY_ORDER[min(step, len(URGENCY_ORDER) - 1)]
        urgency = consult_label("urgency", higher, language)
        question = self.tr(
            "Ask again as {urgency}? The current request will be cancelled and a new one sent."
        ).format(urgency=urgency)
        return question, self.tr("Yes, escalate"), self.tr("Confirm: escalate the request")

    def _choose_specialty(self) -> None:
        self._set_pending(("choose", ""))

    def _ask(self, action: str, specialty: str) -> None:
        self._set_pending((action, specialty))

    def _cancel(self) -> None:
        self._set_pending(None)

    def _set_pending(self, pending: tuple[str, str] | None) -> None:
        self._pending = pending
        self._render()

    def _confirmed(self) -> None:
        row, pending = self.row, self._pending
        if row is None or pending is None:
            return
        self._set_pending(None)
        emit: dict[str, Callable[[], None]] = {
            "reroute": lambda: self.reroute_confirmed.emit(row.view.id, pending[1]),
            "escalate": lambda: self.escalate_confirmed.emit(row.view.id),
        }
        action = emit.get(pending[0])
        if action is not None:
            action()
