"""The consultations screen (ui/screens/consults.py) against a real store and the real
runtime threads: the specialist's answer (written by the same function the pull uses) is
shown as written with its decision and follow-up date in English and Russian; Home's alert
opens it in the window; "Escalate" with its confirmation queues a new request."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from kiosk import consults
from kiosk.consult_screen_model import ConsultsModel
from kiosk.domain import utc_now
from kiosk.events import ConsultChanged
from kiosk.store import Store
from tests.kiosk.test_consult_screen_model import ANSWER, answer, ask
from ui.app import Backend
from ui.bridge import QtBridge
from ui.i18n import Translations
from ui.main_window import MainWindow
from ui.qt import QPushButton, QWidget
from ui.screens.consults import ConsultsScreen


def visible(screen: QWidget, name: str) -> list[QPushButton]:
    return [b for b in screen.findChildren(QPushButton, name) if b.isVisible()]


def assert_touchable(screen: QWidget) -> None:
    for button in screen.findChildren(QPushButton):
        if button.isVisible():
            assert button.height() >= 48, button.objectName()
            assert button.accessibleName(), button.objectName()


def answered_consult(store: Store) -> str:
    """An answered request (writer thread, as the pull would), announced on the bus."""
    now = utc_now() - dt.timedelta(hours=2)
    _patient, consult_id = ask(store, now)
    answer(store, consult_id, now)
    return consult_id


@pytest.fixture
def show(
    qtbot: QtBot, backend: Backend, bridge: QtBridge
) -> Iterator[Callable[[], ConsultsScreen]]:
    shown: list[ConsultsScreen] = []

    def make() -> ConsultsScreen:
        screen = ConsultsScreen(ConsultsModel(backend.runtime), bridge)
        qtbot.addWidget(screen)
        screen.resize(1024, 600)
        screen.show()
        shown.append(screen)
        return screen

    yield make
    for screen in shown:
        screen.close()


def test_the_answer_is_shown_as_written_in_english_and_russian(
    qtbot: QtBot,
    backend: Backend,
    translations: Translations,
    show: Callable[[], ConsultsScreen],
) -> None:
    translations.use("en")
    consult_id = backend.runtime.write(answered_consult).result()
    screen = show()
    qtbot.waitUntil(lambda: len(visible(screen, "consultRow")) == 1)
    [row] = visible(screen, "consultRow")
    assert "Қасымов Ерлан" in row.text() and "Answer received" in row.text()
    assert "therapist" in row.text()

    row.click()
    qtbot.waitUntil(lambda: screen.detail.row is not None)
    text = screen.detail.answer.text()
    assert ANSWER in text
    assert "Decision: manage locally" in text and "ICD-10: J20.9" in text
    assert "Follow-up: 05/12/2026" in text
    assert "Specialist: Dr. Aigerim Nurlanova" in screen.detail.body.text()
    assert not visible(screen, "escalateButton")  # an answered request is not replaced
    qtbot.waitUntil(
        lambda: "Answer received" not in screen.findChildren(QPushButton, "consultRow")[0].text()
    )
    stored = backend.runtime.read(consults.get_consult, consult_id, now=utc_now()).result()
    assert not stored.unread

    try:
        translations.use("ru")
        qtbot.waitUntil(lambda: "Решение:" in screen.detail.answer.text())
        text = screen.detail.answer.text()
        assert ANSWER in text and "Повторный осмотр: 05.12.2026" in text
        assert "МКБ-10: J20.9" in text and "Решение: лечить на месте" in text
        assert screen.back_button.text() == "Назад"
        assert_touchable(screen)
        assert screen.minimumSizeHint().width() <= 1024
        assert screen.minimumSizeHint().height() <= 600
    finally:
        translations.use("en")


def test_a_new_answer_on_the_bus_refreshes_the_list(
    qtbot: QtBot,
    backend: Backend,
    translations: Translations,
    show: Callable[[], ConsultsScreen],
) -> None:
    translations.use("en")
    screen = show()
    qtbot.waitUntil(lambda: screen.rows == [])

    def pulled(store: Store) -> None:
        consult_id = answered_consult(store)
        backend.runtime.events.consult_did_change.emit(
            ConsultChanged(consult_id, "answered", answered=True)
        )

    backend.runtime.write(pulled).result()
    qtbot.waitUntil(lambda: len(visible(screen, "consultRow")) == 1)
    assert "Answer received" in visible(screen, "consultRow")[0].text()


def overdue_consult(store: Store) -> str:
    _patient, consult_id = ask(store, utc_now() - dt.timedelta(hours=30), urgency="routine")
    return consult_id


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_escalating_asks_first_then_queues_a_new_request(
    qtbot: QtBot,
    backend: Backend,
    translations: Translations,
    show: Callable[[], ConsultsScreen],
    language: str,
) -> None:
    translations.use(language)
    try:
        consult_id = backend.runtime.write(overdue_consult).result()
        screen = show()
        qtbot.waitUntil(lambda: len(visible(screen, "consultRow")) == 1)
        assert visible(screen, "consultRow")[0].property("overdue") == "true"
        screen.show_consult(consult_id)
        qtbot.waitUntil(lambda: len(visible(screen, "escalateButton")) == 1)
        visible(screen, "rerouteButton")[0].click()
        assert len(visible(screen, "specialty_cardiologist")) == 1
        assert not visible(screen, "specialty_therapist")  # its own specialty
        assert_touchable(screen)
        assert screen.minimumSizeHint().height() <= 600
        visible(screen, "specialty_cardiologist")[0].click()
        assert visible(screen, "confirmButton") and not visible(screen, "escalateButton")
        visible(screen, "cancelConfirmButton")[0].click()  # "No, keep it": nothing changes
        visible(screen, "escalateButton")[0].click()
        assert visible(screen, "confirmButton") and visible(screen, "cancelConfirmButton")
        assert_touchable(screen)
        assert len(backend.runtime.read(consults.list_consults, now=utc_now()).result()) == 1
        visible(screen, "confirmButton")[0].click()

        def replaced() -> bool:
            views = backend.runtime.read(consults.list_consults, now=utc_now()).result()
            return len(views) == 2

        qtbot.waitUntil(replaced)
        views = backend.runtime.read(consults.list_consults, now=utc_now()).result()
        new = next(v for v in views if v.id != consult_id)
        assert (new.specialty, new.urgency) == ("therapist", "urgent")
        qtbot.waitUntil(
            lambda: screen.detail.row is not None and screen.detail.row.view.id == new.id
        )
        assert screen.message.text()
    finally:
        translations.use("en")


def test_tapping_the_home_alert_opens_the_consultation(
    qtbot: QtBot, backend: Backend, window: MainWindow
) -> None:
    consult_id = backend.runtime.write(answered_consult).result()
    home = window.optional.home
    home.refresh()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: len(visible(home, "consultAlert")) == 1)
    visible(home, "consultAlert")[0].click()
    assert window.current == "consults"
    screen = window.page("consults")
    assert isinstance(screen, ConsultsScreen)
    qtbot.waitUntil(lambda: screen.detail.row is not None)
    assert screen.detail.row is not None and screen.detail.row.view.id == consult_id
    assert ANSWER in screen.detail.answer.text()
    screen.back_button.click()  # to the list
    assert not screen.showing_detail
    screen.back_button.click()  # and back to Home
    assert window.current == "home"


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_homes_consultations_button_opens_the_list(
    qtbot: QtBot,
    backend: Backend,
    window: MainWindow,
    translations: Translations,
    language: str,
) -> None:
    backend.runtime.write(answered_consult).result()
    try:
        window.set_language(language)
        window.home()
        home = window.optional.home
        [button] = visible(home, "consultsButton")
        assert button.height() >= 48 and button.accessibleName()
        expected = {"kk": "Кеңестер", "ru": "Консультации", "en": "Consultations"}[language]
        qtbot.waitUntil(lambda: button.text() == expected)  # LanguageChange is posted
        new_visit = window.optional.new_visit_button
        assert new_visit.isVisible() and new_visit.x() >= button.x() + button.width()
        assert window.width() == 1024 and new_visit.geometry().right() <= home.width()
        button.click()
        assert window.current == "consults"
        screen = window.page("consults")
        assert isinstance(screen, ConsultsScreen)
        qtbot.waitUntil(lambda: len(visible(screen, "consultRow")) == 1)
        assert not screen.showing_detail
    finally:
        window.set_language("en")
