"""Home's device alerts name the device as the nurse knows it: the display name of its
driver's manifest (the installed drivers, loaded through their entry points) in the alert's
language, kk, ru or en; the driver id only for a driver that is not installed. Qt-free,
against a real store."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.config import KioskConfig
from kiosk.device_api import ConnectionState, DeviceStatus
from kiosk.home_model import (
    DeviceNames,
    HomeModel,
    device_alert,
    installed_device_names,
    load_home,
)
from kiosk.plugins import load_drivers
from kiosk.runtime import Runtime
from kiosk.store import Store

PORT = "/dev/ttyUSB0"
OXIMETER = {
    "kk": "Contec пульсоксиметрі (V7 хаттамасы)",
    "ru": "Пульсоксиметр Contec (протокол V7)",
    "en": "Contec pulse oximeter (protocol V7)",
}
BP_CUFF = {
    "kk": "Bluetooth қан қысымын өлшегіш (GATT 0x1810)",
    "ru": "Тонометр с Bluetooth (GATT 0x1810)",
    "en": "Bluetooth blood-pressure monitor (GATT 0x1810)",
}
NOT_CONNECTED = {"kk": "байланыс жоқ", "ru": "нет связи", "en": "not connected"}
UNPLUGGED = {
    "kk": f"Құрылғы ажыратылды: {PORT}",
    "ru": f"Устройство отключено: {PORT}",
    "en": f"The device was unplugged: {PORT}",
}


def lost(driver_id: str, reason: str | None = None) -> DeviceStatus:
    return DeviceStatus(driver_id, PORT, ConnectionState.DISCONNECTED, reason=reason)


def contec_name() -> str:
    plugin = load_drivers().get("contec-v7")
    assert plugin is not None, "the built-in contec-v7 driver is not installed"
    return plugin.manifest.name


def test_the_installed_drivers_give_their_manifests_names() -> None:
    names = installed_device_names()
    assert names.name("contec-v7", "en") == contec_name() == OXIMETER["en"]
    for driver_id, plugin in load_drivers().drivers.items():
        for language in ("kk", "ru", "en"):
            assert names.name(driver_id, language) == plugin.manifest.title(language)
        assert names.name(driver_id, "en") == plugin.manifest.name
    assert names.name("no-such-driver", "kk") == "no-such-driver"


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_device_alert_names_the_device_in_each_language(language: str) -> None:
    names = installed_device_names()
    alert = device_alert(lost("contec-v7"), names, language)
    assert alert.kind == "device" and alert.target is None
    text = alert.message(language)
    assert text == f"{OXIMETER[language]}: {NOT_CONNECTED[language]}"
    assert "contec-v7" not in text


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_reason_is_translated_with_its_port(language: str) -> None:
    alert = device_alert(lost("ble-bp", "device.unplugged"), installed_device_names(), language)
    text = alert.message(language)
    assert text.startswith(f"{BP_CUFF[language]}: ")
    assert UNPLUGGED[language] in text
    assert "{" not in text and "device.unplugged" not in text


def test_an_unknown_driver_is_named_by_its_id(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIOSK_DRIVERS", "bci")  # only bci loads: contec-v7 is unknown here
    names = installed_device_names()
    assert names.titles.keys() == {"bci"}
    assert device_alert(lost("contec-v7"), names, "en").message("en") == "contec-v7: not connected"
    assert device_alert(lost("bci"), names, "ru").message("ru").endswith(": нет связи")
    assert not device_alert(lost("bci"), names, "ru").message("ru").startswith("bci:")


def test_a_manifest_without_a_name_falls_back_to_the_id() -> None:
    plugin = load_drivers().get("contec-v7")
    assert plugin is not None
    blank = plugin.manifest.__class__(id="mystery", name="  ", transport=plugin.manifest.transport)
    names = DeviceNames.from_manifests([blank, plugin.manifest])
    assert names.name("mystery", "ru") == "mystery"
    assert names.name("contec-v7", "en") == contec_name()


def test_the_model_reads_the_names_once_with_the_home_state(
    kiosk_config: KioskConfig, store: Store, now: dt.datetime
) -> None:
    assert load_home(store, now).device_names.name("contec-v7", "ru") == "contec-v7"
    runtime = Runtime(kiosk_config.store_path).start()
    try:
        model = HomeModel(runtime)
        first = model.load(now).result(timeout=10)
        assert first.device_names.name("contec-v7", "ru") == OXIMETER["ru"]
        assert model.load(now).result(timeout=10).device_names is first.device_names
        only_bci = HomeModel(runtime, {"bci": load_drivers().drivers["bci"]})
        state = only_bci.load(now).result(timeout=10)
        assert state.device_names.name("contec-v7", "kk") == "contec-v7"
        assert state.device_names.name("bci", "kk") != "bci"
    finally:
        runtime.stop()
