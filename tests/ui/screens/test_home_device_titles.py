"""Home names a device in the screen's language (its manifest's ``titles``) and, for a driver
whose manifest has no titles (a third-party driver written before them), by its ``name`` in
every language. Real drivers (``LazyDriverPlugin``), the real backend, offscreen Qt."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from drivers.bci import MANIFEST as BCI
from drivers.bci import plugin as bci_plugin
from drivers.contec_v7 import MANIFEST as CONTEC
from drivers.plugin import LazyDriverPlugin
from kiosk.device_api import ConnectionState, DeviceStatus, DriverManifest
from kiosk.home_model import HomeModel
from tests.ui.screens.test_home_screen import alert_texts
from ui.app import Backend
from ui.bridge import QtBridge
from ui.i18n import Translations
from ui.screens.home import HomeScreen

NOT_CONNECTED = {"kk": "байланыс жоқ", "ru": "нет связи", "en": "not connected"}
#: contec-v7 as a driver of before titles would declare it: only ``name``.
UNTITLED = dataclasses.replace(CONTEC, titles={})


def untitled_contec(manifest: DriverManifest) -> LazyDriverPlugin:
    """The real contec-v7 driver, declared with ``manifest``."""
    return LazyDriverPlugin(
        manifest,
        parser="drivers.contec_v7.parser:create_parser",
        session="drivers.contec_v7.io:open_session",
        simulator="drivers.contec_v7.simulator:ContecV7Simulator",
    )


@pytest.fixture
def home(
    qtbot: QtBot, backend: Backend, bridge: QtBridge, translations: Translations
) -> Iterator[HomeScreen]:
    drivers = {"bci": bci_plugin, "contec-v7": untitled_contec(UNTITLED)}
    screen = HomeScreen(HomeModel(backend.runtime, drivers), bridge)
    qtbot.addWidget(screen)
    screen.resize(1024, 600)
    screen.show()
    qtbot.waitUntil(lambda: "Loading" not in screen.sync_line.text(), timeout=10_000)
    yield screen
    screen.close()
    translations.use("en")


def lose(backend: Backend, driver_id: str) -> None:
    status = DeviceStatus(driver_id, "/dev/ttyUSB0", ConnectionState.DISCONNECTED)
    backend.runtime.events.device_status_did_change.emit(status)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_home_shows_the_title_in_the_screens_language(
    language: str, qtbot: QtBot, backend: Backend, translations: Translations, home: HomeScreen
) -> None:
    translations.use(language)
    lose(backend, "bci")
    expected = f"{BCI.titles[language]}: {NOT_CONNECTED[language]}"
    qtbot.waitUntil(lambda: expected in alert_texts(home), timeout=10_000)
    assert not any(BCI.name in text for text in alert_texts(home))

    translations.use("en")  # a language switch renames the device too
    english = f"{BCI.name}: {NOT_CONNECTED['en']}"
    qtbot.waitUntil(lambda: english in alert_texts(home), timeout=10_000)
    assert not any(BCI.titles[language] in text for text in alert_texts(home))


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_a_driver_without_titles_is_shown_by_its_name(
    language: str, qtbot: QtBot, backend: Backend, translations: Translations, home: HomeScreen
) -> None:
    translations.use(language)
    lose(backend, "contec-v7")
    expected = f"{UNTITLED.name}: {NOT_CONNECTED[language]}"
    qtbot.waitUntil(lambda: expected in alert_texts(home), timeout=10_000)
    assert not any(CONTEC.titles[language] in text for text in alert_texts(home))
    assert not any(text.startswith("contec-v7:") for text in alert_texts(home))
