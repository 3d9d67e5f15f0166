"""Home's device alerts on screen, in kk, ru and en: the device's display name in the screen's
language (its driver manifest's title, given by the model), the driver id only for a driver
not installed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from kiosk.device_api import ConnectionState, DeviceStatus
from kiosk.home_model import HomeModel
from kiosk.plugins import load_drivers
from tests.ui.screens.test_home_screen import alert_texts
from ui.app import Backend
from ui.bridge import QtBridge
from ui.i18n import Translations
from ui.screens.home import HomeScreen

OXIMETER = {
    "kk": "Contec пульсоксиметрі (V7 хаттамасы)",
    "ru": "Пульсоксиметр Contec (протокол V7)",
    "en": "Contec pulse oximeter (protocol V7)",
}
NOT_CONNECTED = {"kk": "байланыс жоқ", "ru": "нет связи", "en": "not connected"}
UNPLUGGED = {
    "kk": "Құрылғы ажыратылды: /dev/ttyUSB0",
    "ru": "Устройство отключено: /dev/ttyUSB0",
    "en": "The device was unplugged: /dev/ttyUSB0",
}


@pytest.fixture
def home(
    qtbot: QtBot, backend: Backend, bridge: QtBridge, translations: Translations
) -> Iterator[HomeScreen]:
    screen = HomeScreen(HomeModel(backend.runtime), bridge)
    qtbot.addWidget(screen)
    screen.resize(1024, 600)
    screen.show()
    qtbot.waitUntil(lambda: "Loading" not in screen.sync_line.text(), timeout=10_000)
    yield screen
    screen.close()
    translations.use("en")


def lose(backend: Backend, driver_id: str, reason: str | None = None) -> None:
    status = DeviceStatus(driver_id, "/dev/ttyUSB0", ConnectionState.DISCONNECTED, reason=reason)
    backend.runtime.events.device_status_did_change.emit(status)


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_device_alert_shows_the_display_name(
    language: str, qtbot: QtBot, backend: Backend, translations: Translations, home: HomeScreen
) -> None:
    manifest = load_drivers().drivers["contec-v7"].manifest
    assert manifest.name == OXIMETER["en"] and manifest.title(language) == OXIMETER[language]
    translations.use(language)
    lose(backend, "contec-v7")
    expected = f"{OXIMETER[language]}: {NOT_CONNECTED[language]}"
    qtbot.waitUntil(lambda: expected in alert_texts(home))
    assert not any("contec-v7" in text for text in alert_texts(home))

    lose(backend, "contec-v7", "device.unplugged")
    qtbot.waitUntil(lambda: any(UNPLUGGED[language] in text for text in alert_texts(home)))
    (text,) = [text for text in alert_texts(home) if OXIMETER[language] in text]
    assert "{" not in text and "device." not in text

    other = {"kk": "ru", "ru": "en", "en": "kk"}[language]  # a switch re-renders the alert
    translations.use(other)
    qtbot.waitUntil(
        lambda: any(
            UNPLUGGED[other] in text and text.startswith(f"{OXIMETER[other]}: ")
            for text in alert_texts(home)
        )
    )
    assert not any(OXIMETER[language] in text for text in alert_texts(home))


def test_an_unknown_driver_is_named_by_its_id(
    qtbot: QtBot, backend: Backend, translations: Translations, home: HomeScreen
) -> None:
    translations.use("ru")
    lose(backend, "third-party-spirometer")
    qtbot.waitUntil(lambda: "third-party-spirometer: нет связи" in alert_texts(home))
    back = DeviceStatus("third-party-spirometer", "/dev/ttyUSB0", ConnectionState.CONNECTED)
    backend.runtime.events.device_status_did_change.emit(back)
    qtbot.waitUntil(lambda: not any("spirometer" in text for text in alert_texts(home)))
