"""Issue 9 end to end with both sides real: a kiosk (store, services, sync engine) asks for a
consultation, the specialist console *window* (pytest-qt, real client, worker threads) sees
it on the real FHIR server, claims it and answers it, and the kiosk's next sync shows the
nurse the advice, the ICD-10 code, the decision and the follow-up date."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk import consults
from kiosk.config import KioskConfig, load_config
from kiosk.consults import ConsultRequest
from kiosk.i18n import translate
from kiosk.store import Store
from sync.engine import SyncEngine
from sync.specialist_model import Decision, Specialist
from tests.integration.test_sync_e2e import build_encounters
from ui.qt import Qt
from ui.review.app import build_service
from ui.review.window import ReviewWindow

NOW = dt.datetime(2026, 11, 26, 5, 0, tzinfo=dt.UTC)
WAIT_MS = 15_000
DOCTOR = Specialist("Practitioner/dr-seitkali", "Dr Aigerim Seitkali", ("paediatrician",))
ADVICE = "Сальбутамол через спейсер, 2 вдоха каждые 4 часа; SpO2 утром и вечером."


@pytest.fixture
def kiosk_store(tmp_path: Path) -> Iterator[tuple[Store, KioskConfig]]:
    config = load_config(tmp_path)
    with Store(config.store_path) as store:
        yield store, config


def sync(store: Store, config: KioskConfig, url: str) -> None:
    with SyncEngine(store, config, server_url=url, now=lambda: NOW) as engine:
        engine.run_once()


@pytest.fixture
def console(qtbot: QtBot, fhir_base: str) -> Iterator[ReviewWindow]:
    window = ReviewWindow(build_service(fhir_base, "review-token", DOCTOR), "en", poll_ms=300)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    window.start()
    yield window
    window.poll.stop()
    assert window.service is not None
    window.service.close()


def test_the_nurse_reads_what_the_console_answered(
    qtbot: QtBot,
    fhir_base: str,
    kiosk_store: tuple[Store, KioskConfig],
    console: ReviewWindow,
) -> None:
    store, config = kiosk_store
    [encounter] = build_encounters(store, config.site, count=1)
    readings, photos = consults.attachments_of(store, encounter)
    question = "Ребёнок 3 лет, свистящее дыхание. Что делать?"
    request = ConsultRequest(encounter, "paediatrician", "urgent", question, photos, readings)
    consult_id = consults.request_consult(store, request, now=NOW)
    sync(store, config, fhir_base)

    qtbot.waitUntil(lambda: console.worklist.rowCount() == 1, timeout=WAIT_MS)
    assert console.worklist.item(0, 4).text() == question
    console.worklist.selectRow(0)
    qtbot.waitUntil(lambda: console.case_view.case is not None, timeout=WAIT_MS)
    assert console.case_view.question.text().endswith(question)
    qtbot.mouseClick(console.claim_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(console.form.isEnabled, timeout=WAIT_MS)
    # claimed from the open case: the specialist is looking at it (Task in-progress)
    qtbot.waitUntil(
        lambda: getattr(console.current, "status", "") == "in-progress", timeout=WAIT_MS
    )

    sync(store, config, fhir_base)
    view = consults.get_consult(store, consult_id, now=NOW)
    assert (view.state, view.owner_display) == ("in-progress", DOCTOR.display)
    assert translate(f"consult.state.{view.state}", "en") == "specialist is looking at it"

    form = console.form
    form.advice.setPlainText(ADVICE)
    qtbot.keyClicks(form.code_field, "J45.9")
    qtbot.keyClick(form.code_field, Qt.Key.Key_Return)
    form.decision_buttons[Decision.REFER_DISTRICT].setChecked(True)
    qtbot.mouseClick(form.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: console.message.text().startswith("Answer sent"), timeout=WAIT_MS)

    sync(store, config, fhir_base)
    view = consults.get_consult(store, consult_id, now=NOW)
    assert view.state == "answered" and view.unread
    assert view.answer_text == ADVICE
    assert view.answer_codes == ("J45.9",)
    assert view.answer_decision == "refer-district"
    assert view.follow_up == dt.date.today() + dt.timedelta(days=3)
    qtbot.waitUntil(lambda: console.worklist.rowCount() == 0, timeout=WAIT_MS)
