"""Home's device names by language (:class:`kiosk.home_model.DeviceNames`) and the device
alert that uses them (:func:`kiosk.home_model.device_alert`), from manifests built here:
one with titles in kk, ru and en, one with Russian only, one with only a ``name`` (a
third-party driver of before titles), one with no name at all."""

from __future__ import annotations

import pytest

from kiosk.device_api import ConnectionState, DeviceStatus, DriverManifest, Transport
from kiosk.home_model import DeviceNames, device_alert
from kiosk.i18n import LANGUAGES

PORT = "/dev/ttyACM0"
SPIROMETER = {"kk": "Спирометр (kk сынағы)", "ru": "Спирометр (тест ru)", "en": "Spirometer"}
PEAK_FLOW_RU = "Пикфлоуметр"
NOT_CONNECTED = {"kk": "байланыс жоқ", "ru": "нет связи", "en": "not connected"}
UNPLUGGED = {
    "kk": f"Құрылғы ажыратылды: {PORT}",
    "ru": f"Устройство отключено: {PORT}",
    "en": f"The device was unplugged: {PORT}",
}

MANIFESTS = (
    DriverManifest("spirometer", "Spirometer", Transport.SERIAL, titles=SPIROMETER),
    DriverManifest("peak-flow", "Peak flow meter", Transport.BLE, titles={"ru": PEAK_FLOW_RU}),
    DriverManifest("old-scale", "Old scale (third party)", Transport.SERIAL),
    DriverManifest("nameless", "  ", Transport.SERIAL),
)


def names() -> DeviceNames:
    return DeviceNames.from_manifests(MANIFESTS)


def lost(driver_id: str, reason: str | None = None) -> DeviceStatus:
    return DeviceStatus(driver_id, PORT, ConnectionState.DISCONNECTED, reason=reason)


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_device_with_titles_is_named_in_each_language(language: str) -> None:
    assert names().name("spirometer", language) == SPIROMETER[language]


def test_a_missing_language_falls_back_to_the_english_name() -> None:
    assert names().name("peak-flow", "ru") == PEAK_FLOW_RU
    assert names().name("peak-flow", "kk") == "Peak flow meter"
    assert names().name("peak-flow", "en") == "Peak flow meter"
    assert names().name("spirometer", "de") == "Spirometer"  # not a kiosk language: English


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_manifest_with_only_a_name_is_named_by_it(language: str) -> None:
    assert names().name("old-scale", language) == "Old scale (third party)"


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_an_unnamed_or_unknown_driver_is_named_by_its_id(language: str) -> None:
    assert names().name("nameless", language) == "nameless"
    assert names().name("not-installed", language) == "not-installed"
    assert "nameless" not in names().titles
    assert DeviceNames().name("spirometer", language) == "spirometer"


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_alert_names_the_device_in_its_language(language: str) -> None:
    alert = device_alert(lost("spirometer"), names(), language)
    assert alert.kind == "device" and alert.key == "screens.alert.device_no_reason"
    assert alert.message(language) == f"{SPIROMETER[language]}: {NOT_CONNECTED[language]}"


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_alert_with_a_reason_names_the_device_and_the_port(language: str) -> None:
    alert = device_alert(lost("spirometer", "device.unplugged"), names(), language)
    text = alert.message(language)
    assert text.startswith(f"{SPIROMETER[language]}: {NOT_CONNECTED[language]} (")
    assert UNPLUGGED[language] in text
    assert "{" not in text and "device.unplugged" not in text and "spirometer" not in text


def test_each_language_gets_its_own_alert() -> None:
    texts = {
        lang: device_alert(lost("spirometer"), names(), lang).message(lang) for lang in LANGUAGES
    }
    assert len(set(texts.values())) == 3
    peak = {
        lang: device_alert(lost("peak-flow"), names(), lang).message(lang) for lang in LANGUAGES
    }
    assert peak == {
        "kk": f"Peak flow meter: {NOT_CONNECTED['kk']}",
        "ru": f"{PEAK_FLOW_RU}: {NOT_CONNECTED['ru']}",
        "en": f"Peak flow meter: {NOT_CONNECTED['en']}",
    }
