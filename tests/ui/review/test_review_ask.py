"""The console's "Ask the nurse" against the real FHIR server: only the owner may ask; the
question is sent once (Task on hold, one Communication); when the kiosk's reply arrives the
open case shows it; the specialist can then answer as before. In kk / ru / en."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from pytestqt.qtbot import QtBot

from tests.sync.specialist_seed import place_consult
from tests.ui.review.conftest import DR_A, OpenConsole
from tests.ui.review.test_review_window import WAIT_MS, choose_first
from ui.qt import Qt
from ui.review.window import ReviewWindow

H = {"Content-Type": "application/fhir+json", "Accept": "application/fhir+json"}
QUESTION = "Измерьте температуру ещё раз и пришлите фото сыпи."
REPLY = "Температура 38,7. Сыпь на груди."
TEXTS = {
    "en": ("Ask the nurse", "Write the question for the nurse first.", "Question sent.", "asked"),
    "ru": (
        "Спросить медсестру",
        "Сначала напишите вопрос для медсестры.",
        "Вопрос отправлен.",
        "спросил",
    ),
    "kk": ("Медбикеден сұрау", "Алдымен медбикеге сұрақты жазыңыз.", "Сұрақ жіберілді.", "сұрады"),
}
WAITING = {
    "en": "Waiting for the nurse's reply",
    "ru": "Ожидает ответа медсестры",
    "kk": "Медбикенің жауабын күтуде",
}
REPLIED = {"en": "The nurse replied", "ru": "Медсестра ответила", "kk": "Медбике жауап берді"}


def row_texts(window: ReviewWindow) -> list[str]:
    columns = range(window.worklist.columnCount())
    return [window.worklist.item(0, c).text() for c in columns if window.worklist.item(0, c)]


def get(base: str, path: str) -> dict[str, Any]:
    return dict(requests.get(f"{base}/{path}", headers=H, timeout=5).json())


def kiosk_replies(base: str, task_id: str, question_id: str) -> None:
    """What the kiosk does after the nurse's reply: the Communication, the Task resumed."""
    task = get(base, f"Task/{task_id}")
    reply = {
        "resourceType": "Communication",
        "status": "completed",
        "inResponseTo": [{"reference": f"Communication/{question_id}"}],
        "about": [{"reference": f"Task/{task_id}"}],
        "basedOn": [task["focus"]],
        "sender": task["requester"],
        "sent": "2099-01-01T00:00:00Z",
        "payload": [{"contentString": REPLY}],
    }
    assert requests.post(f"{base}/Communication", json=reply, headers=H, timeout=5).ok
    task.pop("meta")
    task["status"] = "in-progress"
    assert requests.put(f"{base}/Task/{task_id}", json=task, headers=H, timeout=5).ok


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_the_owner_asks_the_nurse_and_sees_her_reply(
    qtbot: QtBot, fhir_base: str, open_console: OpenConsole, language: str
) -> None:
    button_text, empty, sent, asked = TEXTS[language]
    placed = place_consult(fhir_base)
    window = open_console(DR_A, language)
    choose_first(qtbot, window)
    assert not window.ask_button.isVisible()  # not claimed yet: nothing to ask

    qtbot.mouseClick(window.claim_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.ask_button.isVisible, timeout=WAIT_MS)
    assert window.ask_button.text() == button_text
    assert window.ask_button.height() >= 48 and window.ask_button.accessibleName()
    qtbot.waitUntil(
        lambda: get(fhir_base, f"Task/{placed.task_id}")["status"] == "in-progress",
        timeout=WAIT_MS,
    )  # claimed from the open case: the specialist is looking at it

    qtbot.mouseClick(window.ask_button, Qt.MouseButton.LeftButton)
    panel = window.ask_panel
    assert panel.isVisible()
    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    assert window.message.text() == empty
    panel.text.setPlainText(QUESTION)
    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.message.text().startswith(sent), timeout=WAIT_MS)

    assert not panel.isVisible() and panel.question() == ""
    task = get(fhir_base, f"Task/{placed.task_id}")
    assert task["status"] == "on-hold"
    found = get(fhir_base, "Communication").get("entry", [])
    assert [e["resource"]["payload"][0]["contentString"] for e in found] == [QUESTION]
    conversation = window.case_view.conversation
    qtbot.waitUntil(lambda: QUESTION in conversation.text(), timeout=WAIT_MS)
    assert f"{DR_A.display} {asked}" in conversation.text()
    assert window.worklist.rowCount() == 1  # still on the owner's list, waiting
    qtbot.waitUntil(lambda: WAITING[language] in row_texts(window), timeout=WAIT_MS)

    kiosk_replies(fhir_base, placed.task_id, found[0]["resource"]["id"])
    qtbot.waitUntil(lambda: REPLY in conversation.text(), timeout=WAIT_MS)
    assert REPLIED[language] in conversation.text()
    assert window.form.isEnabled()  # and the specialist answers as before


def test_a_question_draft_stays_with_its_request(
    qtbot: QtBot, fhir_base: str, open_console: OpenConsole
) -> None:
    first, second = place_consult(fhir_base), place_consult(fhir_base)
    window = open_console(DR_A)
    qtbot.waitUntil(lambda: window.worklist.rowCount() == 2, timeout=WAIT_MS)
    window.worklist.selectRow(0)
    qtbot.waitUntil(lambda: window.case_view.case is not None, timeout=WAIT_MS)
    qtbot.mouseClick(window.claim_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.ask_button.isVisible, timeout=WAIT_MS)
    asked_about = window.current.task_id if window.current else ""
    qtbot.waitUntil(  # the list shows the claim (a poll later)
        lambda: any(i.owner_reference == DR_A.reference for i in window.worklist.items),
        timeout=WAIT_MS,
    )
    assert asked_about in (first.task_id, second.task_id)
    qtbot.mouseClick(window.ask_button, Qt.MouseButton.LeftButton)
    window.ask_panel.text.setPlainText(QUESTION)

    row = next(r for r in range(2) if window.worklist.items[r].task_id != asked_about)
    window.worklist.selectRow(row)
    qtbot.waitUntil(lambda: window.current is not None and window.current.task_id != asked_about)
    assert window.ask_panel.question() == "" and not window.ask_panel.isVisible()
    back = next(r for r in range(2) if window.worklist.items[r].task_id == asked_about)
    window.worklist.selectRow(back)
    qtbot.waitUntil(lambda: window.current is not None and window.current.task_id == asked_about)
    assert window.ask_panel.question() == QUESTION and window.ask_panel.isVisible()
