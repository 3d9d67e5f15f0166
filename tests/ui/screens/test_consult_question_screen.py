"""The specialist's question on the kiosk's consultation page and the nurse's reply, in the
real window (pytest-qt, real store and runtime threads): the question is shown as written
with the state "specialist asks" in Kazakh, Russian and English; the nurse types her reply
on the docked on-screen keyboard and sends it; it is saved with its outbox item and shown
as waiting to be sent."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from kiosk import consults
from kiosk.domain import utc_now
from kiosk.i18n import translate
from kiosk.store import Store
from tests.kiosk.test_consult_messages import QUESTION, on_hold
from tests.kiosk.test_consult_screen_model import ask
from tests.ui.screens.test_consults_screen import assert_touchable
from tests.ui.screens.test_visit_flow import type_on_keyboard
from ui.app import Backend
from ui.main_window import MainWindow
from ui.qt import QPushButton, Qt
from ui.screens.consults import ConsultsScreen

ASKS = {"kk": "сұрайды", "ru": "спрашивает", "en": "asks"}
STATE = {"kk": "маман сұрайды", "ru": "специалист спрашивает", "en": "specialist asks"}
WAITING = {
    "kk": "Сіздің жауабыңыз (жіберуді күтуде): ",
    "ru": "Ваш ответ (ожидает отправки): ",
    "en": "Your reply (waiting to be sent): ",
}
SAVED = {
    "kk": "Жауап сақталды.",
    "ru": "Ответ сохранён.",
    "en": "Reply saved.",
}
REPLY = "Температура 38 бөртпе бар"
NEEDED = {"kk": "Сіздің жауабыңыз керек", "ru": "Нужен ваш ответ", "en": "Your reply is needed"}


def asked(store: Store) -> str:
    now = utc_now()
    _patient, consult_id = ask(store, now)
    on_hold(store, consult_id, now)
    return consult_id


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_nurse_reads_the_question_and_replies_on_the_keyboard(
    qtbot: QtBot, backend: Backend, window: MainWindow, language: str
) -> None:
    consult_id = backend.runtime.write(asked).result()
    window.set_language(language)
    window.optional.show_consult(consult_id)  # as a tap on Home's consultation alert
    page = window.page("consults")
    assert isinstance(page, ConsultsScreen)
    qtbot.waitUntil(lambda: len(page.rows) == 1)
    assert page.rows[0].asks is not None
    [listed] = page.findChildren(QPushButton, "consultRow")
    assert NEEDED[language] in listed.text() and STATE[language] in listed.text()
    qtbot.waitUntil(lambda: page.detail.row is not None)
    panel = page.detail.reply_panel
    qtbot.waitUntil(panel.isVisible)
    assert QUESTION in panel.asks.text() and "Dr Aigerim Seitkali" in panel.asks.text()
    assert ASKS[language] in panel.asks.text()
    assert STATE[language] in page.detail.body.text()
    assert_touchable(page)

    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    assert panel.problem.isVisible()
    assert panel.problem.text() == translate("consult.reply.empty", language)

    if language == "en":  # key by key (the keys' names are English here)
        type_on_keyboard(qtbot, window, panel.text.viewport(), REPLY)
    else:  # the docked keyboard comes up; it sends the key events
        qtbot.mouseClick(panel.text.viewport(), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(window.keyboard.isVisible)
        window.keyboard.type_text(REPLY)
    assert panel.text.toPlainText() == REPLY
    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.message.text().startswith(SAVED[language]))

    qtbot.waitUntil(lambda: not panel.isVisible())
    assert WAITING[language] + REPLY in page.detail.body.text()
    assert QUESTION in page.detail.body.text()  # the earlier question stays listed
    view = backend.runtime.read(consults.get_consult, consult_id, now=utc_now()).result()
    assert view.open_question is None and view.messages[-1].text == REPLY
    reply_id = view.messages[-1].id
    queued = backend.runtime.read(
        lambda store: store.scalar(
            "SELECT count(*) FROM outbox WHERE kind = 'consult' AND ref = ?", (reply_id,)
        )
    ).result()
    assert queued == 1


def test_a_refresh_of_the_same_request_keeps_what_she_typed(
    qtbot: QtBot, backend: Backend, window: MainWindow
) -> None:
    consult_id = backend.runtime.write(asked).result()
    window.optional.show_consult(consult_id)
    page = window.page("consults")
    assert isinstance(page, ConsultsScreen)
    qtbot.waitUntil(page.detail.reply_panel.isVisible)
    page.detail.reply_panel.text.setPlainText("Сыпь на груди")
    page.show_consult(consult_id)  # what a consult_changed of this request does
    qtbot.waitUntil(lambda: page.detail.row is not None)
    qtbot.wait(200)
    assert page.detail.reply_panel.text.toPlainText() == "Сыпь на груди"
