"""The home screen against a real store: today's visit, the quarantine reason, signals."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from kiosk.device_api import ConnectionState, DeviceStatus
from kiosk.domain import utc_now
from kiosk.events import ConsultChanged, OutboxChanged
from kiosk.home_model import HomeModel
from kiosk.store import Store, outbox
from tests.kiosk.test_home_model import outcome, saved_visit
from ui.app import Backend
from ui.bridge import QtBridge
from ui.i18n import Translations
from ui.qt import QLabel, QPushButton, QWidget
from ui.screens.home import HomeScreen

#: contec-v7's display name (its manifest's), the name device alerts show.
OXIMETER = "Contec pulse oximeter (protocol V7)"


def quarantine(store: Store, encounter_id: str, text: str) -> None:
    item = outbox.latest_item(store.conn, "encounter", encounter_id)
    assert item is not None
    outbox.mark_quarantined(store, item[0], 422, outcome(text))


def rows(screen: QWidget, name: str) -> list[QPushButton]:
    return [b for b in screen.findChildren(QPushButton, name) if b.isVisible()]


def alert_texts(screen: QWidget) -> list[str]:
    return [label.text() for label in screen.findChildren(QLabel, "alertText")]


def assert_touchable(screen: QWidget) -> None:
    for button in screen.findChildren(QPushButton):
        if button.isVisible():
            assert button.height() >= 48, button.objectName()
            assert button.accessibleName(), button.objectName()


@pytest.fixture
def show(qtbot: QtBot, backend: Backend, bridge: QtBridge) -> Iterator[Callable[[], HomeScreen]]:
    """Shows the screen on demand; closes it before the backend stops (no late timers)."""
    shown: list[HomeScreen] = []

    def make() -> HomeScreen:
        screen = HomeScreen(HomeModel(backend.runtime), bridge)
        qtbot.addWidget(screen)
        screen.resize(1024, 600)
        screen.show()
        shown.append(screen)
        return screen

    yield make
    for screen in shown:
        screen.close()


def test_home_lists_a_saved_visit_and_the_quarantine_reason(
    qtbot: QtBot,
    backend: Backend,
    bridge: QtBridge,
    translations: Translations,
    show: Callable[[], HomeScreen],
) -> None:
    translations.use("en")
    now = utc_now()
    patient_id, encounter_id = backend.runtime.write(saved_visit, now).result()
    backend.runtime.write(quarantine, encounter_id, "Observation: unit not allowed").result()
    screen = show()
    qtbot.waitUntil(lambda: len(rows(screen, "visitRow")) == 1)
    row = rows(screen, "visitRow")[0]
    assert "Қасымов Ерлан" in row.text()
    assert "Medium risk (6)" in row.text() and "Held back" in row.text()
    assert "Visit: rejected by the server (HTTP 422): Observation: unit not allowed" in alert_texts(
        screen
    )
    assert "Held back: 1" in screen.sync_line.text()
    assert_touchable(screen)
    with qtbot.waitSignal(screen.patient_chosen) as chosen:
        row.click()
    assert chosen.args == [patient_id]
    with qtbot.waitSignal(screen.start_visit_requested):
        screen.new_visit_button.click()


def test_home_speaks_the_screens_language(
    qtbot: QtBot,
    backend: Backend,
    bridge: QtBridge,
    translations: Translations,
    show: Callable[[], HomeScreen],
) -> None:
    translations.use("ru")
    try:
        _, encounter_id = backend.runtime.write(saved_visit, utc_now()).result()
        backend.runtime.write(quarantine, encounter_id, "bad unit").result()
        screen = show()
        qtbot.waitUntil(lambda: len(rows(screen, "visitRow")) == 1)
        assert "Средний риск (6)" in rows(screen, "visitRow")[0].text()
        assert "Приём: отклонено сервером (HTTP 422): bad unit" in alert_texts(screen)
        assert screen.new_visit_button.text() == "Новый приём"
        hint = screen.minimumSizeHint()
        assert hint.width() <= 1024 and hint.height() <= 600
    finally:
        translations.use("en")


def test_home_refreshes_on_outbox_events(
    qtbot: QtBot,
    backend: Backend,
    bridge: QtBridge,
    translations: Translations,
    show: Callable[[], HomeScreen],
) -> None:
    translations.use("en")
    screen = show()
    qtbot.waitUntil(lambda: "Waiting: " in screen.sync_line.text())
    assert rows(screen, "visitRow") == []
    backend.runtime.write(saved_visit, utc_now() - dt.timedelta(seconds=1)).result()
    backend.runtime.events.outbox_did_change.emit(OutboxChanged(pending=3, quarantined=0))
    qtbot.waitUntil(lambda: len(rows(screen, "visitRow")) == 1)
    assert json.dumps(rows(screen, "visitRow")[0].text(), ensure_ascii=False)


def overdue_consult(store: Store, now: dt.datetime) -> str:
    consults = pytest.importorskip("kiosk.consults")  # another area's module (issue 9)
    _, encounter_id = saved_visit(store, now)
    request = consults.ConsultRequest(encounter_id, "cardiologist", "emergency", "chest pain")
    return str(consults.request_consult(store, request, now=now))


def test_alerts_for_a_consultation_and_a_device(
    qtbot: QtBot,
    backend: Backend,
    bridge: QtBridge,
    translations: Translations,
    show: Callable[[], HomeScreen],
) -> None:
    translations.use("en")
    consult_id = backend.runtime.write(overdue_consult, utc_now() - dt.timedelta(hours=3)).result()
    screen = show()
    qtbot.waitUntil(lambda: len(rows(screen, "consultAlert")) == 1)
    alert = rows(screen, "consultAlert")[0]
    assert alert.text() == "cardiologist: the consultation answer is overdue"
    with qtbot.waitSignal(screen.consult_opened) as opened:
        alert.click()
    assert opened.args == [consult_id]
    events = backend.runtime.events

    def another(store: Store) -> None:  # on the writer thread, as a pull would
        second = overdue_consult(store, utc_now() - dt.timedelta(hours=3))
        events.consult_did_change.emit(ConsultChanged(second, "requested", answered=False))

    backend.runtime.write(another).result()
    qtbot.waitUntil(lambda: len(rows(screen, "consultAlert")) == 2)
    lost = DeviceStatus("contec-v7", "/dev/ttyUSB0", ConnectionState.DISCONNECTED)
    backend.runtime.events.device_status_did_change.emit(lost)
    qtbot.waitUntil(lambda: OXIMETER + ": not connected" in alert_texts(screen))
    unplugged = DeviceStatus(
        "contec-v7", "/dev/ttyUSB0", ConnectionState.DISCONNECTED, reason="device.unplugged"
    )
    backend.runtime.events.device_status_did_change.emit(unplugged)
    qtbot.waitUntil(lambda: any("/dev/ttyUSB0" in text for text in alert_texts(screen)))
    assert not any("{" in text for text in alert_texts(screen))  # every placeholder filled
    back = DeviceStatus("contec-v7", "/dev/ttyUSB0", ConnectionState.CONNECTED)
    backend.runtime.events.device_status_did_change.emit(back)
    qtbot.waitUntil(lambda: not any(OXIMETER in text for text in alert_texts(screen)))
