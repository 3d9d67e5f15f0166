"""The specialist console's window against the real FHIR server: it lists a kiosk's request,
shows the case, claims it (the loser of a race is told who won) and answers it."""

from __future__ import annotations

import datetime as dt

import requests
from pytestqt.qtbot import QtBot

from tests.sync.specialist_seed import place_consult
from tests.ui.review.conftest import DR_A, DR_B, OpenConsole
from ui.i18n import Translations
from ui.qt import Qt
from ui.review.labels import deadline_label
from ui.review.window import ReviewWindow

WAIT_MS = 10_000


def choose_first(qtbot: QtBot, window: ReviewWindow) -> None:
    qtbot.waitUntil(lambda: window.worklist.rowCount() >= 1, timeout=WAIT_MS)
    window.worklist.selectRow(0)
    qtbot.waitUntil(lambda: window.case_view.case is not None, timeout=WAIT_MS)


def test_lists_shows_claims_and_answers_a_request(
    qtbot: QtBot, fhir_base: str, open_console: OpenConsole
) -> None:
    placed = place_consult(fhir_base, priority="urgent", question="Лечить на месте?")
    window = open_console()
    choose_first(qtbot, window)

    assert window.worklist.item(0, 0).text() == "Urgent"
    assert window.worklist.item(0, 4).text() == "Лечить на месте?"
    case = window.case_view
    assert case.patient.text().startswith("Ерлан Қасымов, male, born 1985-03-14")
    assert case.question.text() == "Question from the nurse: Лечить на месте?"
    assert case.news2.text() == "NEWS2: 6 — medium risk"
    assert case.vitals.rowCount() == 4
    shown = {case.vitals.item(r, 0).text(): case.vitals.item(r, 1).text() for r in range(4)}
    assert shown["SpO2"] == "93 %"
    spo2_row = next(r for r in range(4) if case.vitals.item(r, 0).text() == "SpO2")
    assert case.vitals.item(spo2_row, 2).text().startswith("97 %")  # the earlier visit
    assert case.trend_count() == 4  # one plot per vital sign with two visits
    assert "Кашель: yes" in case.complaints.text()
    assert not window.form.isEnabled()  # answering needs a claim first

    qtbot.mouseClick(window.claim_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.form.isEnabled, timeout=WAIT_MS)
    assert window.message.text() == "Claimed. The request is yours."
    assert not window.claim_button.isEnabled()

    form = window.form
    qtbot.mouseClick(form.send_button, Qt.MouseButton.LeftButton)
    assert window.message.text() == "Write the advice for the nurse first."
    form.advice.setPlainText("Парацетамол 500 мг при температуре выше 38,5.")
    qtbot.keyClicks(form.code_field, "J18.9")
    qtbot.keyClick(form.code_field, Qt.Key.Key_Return)
    assert [d.code for d in form.diagnoses] == ["J18.9"]
    qtbot.mouseClick(form.send_button, Qt.MouseButton.LeftButton)
    assert window.message.text().startswith("Choose a decision")
    form.decision_buttons[next(iter(form.decision_buttons))].setChecked(True)  # manage locally
    form.plan.setPlainText("Повторить SpO2 вечером.")
    qtbot.mouseClick(form.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.message.text().startswith("Answer sent"), timeout=WAIT_MS)

    task = requests.get(f"{fhir_base}/Task/{placed.task_id}", timeout=5).json()
    assert task["status"] == "completed"
    assert task["owner"]["display"] == DR_A.display
    outputs = {o["type"]["text"]: o for o in task["output"]}
    assert outputs["decision"]["valueString"] == "manage-locally"
    follow_up = dt.date.fromisoformat(outputs["follow-up"]["valueDate"])
    assert follow_up == dt.date.today() + dt.timedelta(days=3)
    assert outputs["plan"]["valueString"] == "Повторить SpO2 вечером."
    note_ref = outputs["advice"]["valueReference"]["reference"]
    note = requests.get(f"{fhir_base}/{note_ref}", timeout=5).json()
    assert note["payload"][0]["contentString"].startswith("Парацетамол")
    assert note["reasonCode"][0]["coding"][0]["code"] == "J18.9"
    qtbot.waitUntil(lambda: window.worklist.rowCount() == 0, timeout=WAIT_MS)
    assert window.form.advice.toPlainText() == ""


def test_the_console_that_loses_the_race_is_told_who_won(
    qtbot: QtBot, fhir_base: str, open_console: OpenConsole
) -> None:
    placed = place_consult(fhir_base)
    first, second = open_console(DR_A), open_console(DR_B)
    choose_first(qtbot, first)
    choose_first(qtbot, second)
    second.poll.stop()  # B keeps its (now stale) view of the list...
    # ...once a poll already under way has landed: landing after A's claim, it would take
    # the request off B's list before B could click
    qtbot.waitUntil(lambda: not second.polling, timeout=WAIT_MS)

    qtbot.mouseClick(first.claim_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(first.form.isEnabled, timeout=WAIT_MS)
    assert second.claim_button.isEnabled()
    qtbot.mouseClick(second.claim_button, Qt.MouseButton.LeftButton)
    expected = "This request has already been claimed by Dr Aisha Bekova."
    qtbot.waitUntil(lambda: second.message.text() == expected, timeout=WAIT_MS)

    assert not second.form.isEnabled()
    stored = requests.get(f"{fhir_base}/Task/{placed.task_id}", timeout=5).json()
    assert stored["owner"]["reference"] == DR_A.reference
    qtbot.waitUntil(lambda: second.worklist.rowCount() == 0, timeout=WAIT_MS)  # refreshed


def test_new_requests_appear_without_a_click(
    qtbot: QtBot, fhir_base: str, open_console: OpenConsole
) -> None:
    window = open_console()
    qtbot.waitUntil(lambda: window.updated.text().startswith("Updated"), timeout=WAIT_MS)
    assert window.worklist.rowCount() == 0
    place_consult(fhir_base, priority="routine")
    place_consult(fhir_base, priority="stat")
    qtbot.waitUntil(lambda: window.worklist.rowCount() == 2, timeout=WAIT_MS)
    assert [window.worklist.item(r, 0).text() for r in range(2)] == ["Emergency", "Routine"]


def test_photos_zoom_and_compare_side_by_side(
    qtbot: QtBot, fhir_base: str, open_console: OpenConsole
) -> None:
    place_consult(fhir_base)
    window = open_console()
    choose_first(qtbot, window)
    panel = window.case_view.photos
    assert panel.main_view.pixmap_size() == (320, 240)  # full size, decoded from the JPEG
    assert panel.compare_view.pixmap_size() == (320, 240)  # the earlier visit's photo
    assert panel.compare.isEnabled() and not panel.compare_view.isVisibleTo(panel)
    panel.compare.setChecked(True)
    assert panel.compare_view.isVisibleTo(panel)
    panel.zoom_in()
    assert panel.main_view.scale_factor == 1.25
    assert panel.compare_view.scale_factor == 1.25  # both zoom together
    qtbot.keyClick(panel.main_view, Qt.Key.Key_Minus)
    assert panel.main_view.scale_factor == 1.0
    assert panel.compare_view.scale_factor == 1.0


def test_icd10_field_completes_words_and_refuses_unknown_codes(
    qtbot: QtBot, fhir_base: str, open_console: OpenConsole
) -> None:
    window = open_console()
    form = window.form
    form.setEnabled(True)
    qtbot.keyClicks(form.code_field, "pneumon unspec")
    suggestions = form.completer.model().stringList()  # type: ignore[attr-defined]
    assert suggestions[0] == "J18.9 — Pneumonia, unspecified"
    form.code_field.setText("J18.7")
    assert not form.add_code()
    assert window.message.text() == "Unknown ICD-10 code: J18.7"
    form.code_field.setText(suggestions[0])
    assert form.add_code()
    assert form.codes.item(0).text() == "J18.9 — Pneumonia, unspecified"


def test_the_console_speaks_russian(
    qtbot: QtBot, fhir_base: str, open_console: OpenConsole
) -> None:
    place_consult(fhir_base, priority="stat")
    window = open_console(DR_A, "ru")
    choose_first(qtbot, window)
    assert window.claim_button.text() == "Взять запрос"
    assert window.worklist.item(0, 0).text() == "Экстренно"
    assert window.case_view.news2.text() == "NEWS2: 6 — средний риск"


def test_switching_language_retranslates_the_open_console(
    qtbot: QtBot, fhir_base: str, open_console: OpenConsole, translations: Translations
) -> None:
    place_consult(fhir_base, priority="stat")
    window = open_console(DR_A, "en")
    choose_first(qtbot, window)
    assert window.claim_button.text() == "Claim this request"
    translations.use("kk")
    qtbot.waitUntil(lambda: window.claim_button.text() == "Сұрауды алу", timeout=WAIT_MS)
    assert window.worklist.item(0, 0).text() == "Шұғыл"
    assert window.worklist.horizontalHeaderItem(0).text() == "Шұғылдығы"
    assert window.case_view.tabText(2) == "Суреттер"


def test_overdue_deadlines_say_so_in_words() -> None:
    now = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)
    past, future = now - dt.timedelta(minutes=1), now + dt.timedelta(hours=2)
    assert deadline_label(past, now).endswith("(overdue)")
    assert "overdue" not in deadline_label(future, now)
    assert deadline_label(None, now) == "—"


def test_a_slow_poll_is_never_doubled(qtbot: QtBot, open_console: OpenConsole) -> None:
    window = open_console()
    qtbot.waitUntil(lambda: not window.polling, timeout=WAIT_MS)
    calls: list[int] = []
    assert window.service is not None
    real = window.service.worklist
    window.service.worklist = lambda: calls.append(1) or real()  # type: ignore[method-assign]
    window.poll.stop()
    window.refresh()
    window.refresh()  # while the first is in flight: ignored
    assert calls == [1]
    qtbot.waitUntil(lambda: not window.polling, timeout=WAIT_MS)
