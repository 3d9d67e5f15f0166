"""The reply panel's attach list in the real window (pytest-qt, real store and runtime
threads): with nothing recorded after the question it says how to get something to send;
after a new visit of the patient it offers the temperature and the photo as touch-sized
checkable items (read in the background), and the ticked ones are saved with the reply."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot

from kiosk import consult_reply_attachments, consults
from kiosk.config import KioskConfig
from kiosk.domain import utc_now
from kiosk.i18n import translate
from kiosk.store import Store
from tests.kiosk.test_consult_messages import on_hold
from tests.kiosk.test_consult_screen_model import ask
from tests.kiosk.test_reply_attachments import new_visit
from ui.app import Backend
from ui.main_window import MainWindow
from ui.qt import QPushButton, Qt
from ui.screens.consults import ConsultsScreen

WAIT_MS = 15_000
HINT = {
    "kk": "Жаңа өлшемдерді",
    "ru": "Чтобы отправить новые измерения",
    "en": "To send new readings or a photo, record them in a new visit for this patient first.",
}
ATTACH_TEMPERATURE = {
    "kk": "Тіркеу: Дене қызуы 38,4 °C (",
    "ru": "Прикрепить: Температура тела 38,4 °C (",
    "en": "Attach: Temperature 38.4 °C (",
}
ATTACH_PHOTO = {"kk": "Тіркеу: фото (", "ru": "Прикрепить: фото (", "en": "Attach: photo ("}


def asked(store: Store) -> tuple[str, str]:
    """(patient id, consult id) of a request on hold with a question that just arrived."""
    now = utc_now()
    patient_id, consult_id = ask(store, now - dt.timedelta(minutes=30))
    on_hold(store, consult_id, now)
    return patient_id, consult_id


def open_page(qtbot: QtBot, window: MainWindow, consult_id: str) -> ConsultsScreen:
    window.optional.show_consult(consult_id)
    page = window.page("consults")
    assert isinstance(page, ConsultsScreen)
    qtbot.waitUntil(page.detail.reply_panel.isVisible, timeout=WAIT_MS)
    return page


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_nurse_ticks_a_new_temperature_and_photo_and_they_go_with_the_reply(
    qtbot: QtBot, backend: Backend, window: MainWindow, kiosk_config: KioskConfig, language: str
) -> None:
    patient_id, consult_id = backend.runtime.write(asked).result()
    window.set_language(language)
    page = open_page(qtbot, window, consult_id)
    attach = page.detail.reply_panel.attach
    qtbot.waitUntil(attach.hint.isVisible, timeout=WAIT_MS)
    assert attach.hint.text().startswith(HINT[language]) and not attach.buttons

    later = utc_now() + dt.timedelta(minutes=1)  # the nurse records a new visit
    _visit, reading_id, photo_id = backend.runtime.write(
        new_visit, kiosk_config.media_dir, patient_id, later
    ).result()
    page.show_consult(consult_id)  # what the page's refresh does
    qtbot.waitUntil(lambda: len(attach.buttons) == 2, timeout=WAIT_MS)
    assert not attach.hint.isVisible()
    temperature = attach.buttons[("reading", reading_id)]
    photo = attach.buttons[("media", photo_id)]
    assert temperature.text().startswith(ATTACH_TEMPERATURE[language])
    assert photo.text().startswith(ATTACH_PHOTO[language])
    for button in (temperature, photo):
        assert button.isCheckable() and button.height() >= 48
        assert button.accessibleName() == button.text()
    page.show_consult(consult_id)  # a refresh rebuilds the list: nothing stale is left
    qtbot.waitUntil(
        lambda: attach.buttons.get(("reading", reading_id)) is not temperature, timeout=WAIT_MS
    )
    temperature = attach.buttons[("reading", reading_id)]
    photo = attach.buttons[("media", photo_id)]
    assert page.findChildren(QPushButton, "consultReplyAttachItem") == [temperature, photo]

    qtbot.mouseClick(temperature, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(photo, Qt.MouseButton.LeftButton)
    panel = page.detail.reply_panel
    panel.text.setPlainText("Температура 38,4, фото сыпи")
    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.isVisible(), timeout=WAIT_MS)

    view = backend.runtime.read(consults.get_consult, consult_id, now=utc_now()).result()
    reply_id = view.messages[-1].id
    readings, photos = backend.runtime.read(consult_reply_attachments.attached, reply_id).result()
    assert [reading for _visit, reading in readings] == [reading_id] and photos == (photo_id,)
    assert view.messages[-1].readings == (reading_id,) and view.messages[-1].photos == (photo_id,)
    sent_with = translate("consult.reply.sent_with", language, readings=1, photos=1)
    qtbot.waitUntil(lambda: sent_with in page.detail.body.text().splitlines(), timeout=WAIT_MS)


def test_unticked_items_stay_behind(
    qtbot: QtBot, backend: Backend, window: MainWindow, kiosk_config: KioskConfig
) -> None:
    patient_id, consult_id = backend.runtime.write(asked).result()
    later = utc_now() + dt.timedelta(minutes=1)
    backend.runtime.write(new_visit, kiosk_config.media_dir, patient_id, later).result()
    page = open_page(qtbot, window, consult_id)
    attach = page.detail.reply_panel.attach
    qtbot.waitUntil(lambda: len(attach.buttons) == 2, timeout=WAIT_MS)
    window.set_language("ru")  # relabelled in the new language

    def in_russian() -> bool:
        temperature, photo = (button.text() for button in attach.buttons.values())
        russian = ATTACH_TEMPERATURE["ru"], ATTACH_PHOTO["ru"]
        return temperature.startswith(russian[0]) and photo.startswith(russian[1])

    qtbot.waitUntil(in_russian, timeout=WAIT_MS)
    window.set_language("en")
    panel = page.detail.reply_panel
    panel.text.setPlainText("Без изменений")
    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.isVisible(), timeout=WAIT_MS)
    view = backend.runtime.read(consults.get_consult, consult_id, now=utc_now()).result()
    attached = backend.runtime.read(
        consult_reply_attachments.attached, view.messages[-1].id
    ).result()
    assert attached == ((), ())
