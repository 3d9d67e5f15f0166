"""The BP cuff and thermometer tiles beside the oximeter's, against the demo's real peers:
``Backend.start_demo_devices()`` starts the contec-v7 simulator on a pseudo-terminal and the
emulated Bluetooth cuff and thermometer in one bumble room; each is read by its driver's
production session (bleak over our bumble backend), through the runtime and the Qt bridge.
Only the display is offscreen."""

from __future__ import annotations

import os
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.device_api import ConnectionState, DeviceStatus
from kiosk.domain import DeviceIdentity, Measurement
from kiosk.events import ReadingArrived
from kiosk.store import Store
from ui.app import SCREEN_SIZE, Backend
from ui.device_tile import BloodPressureTile, ThermometerTile
from ui.i18n import Translations
from ui.main_window import MainWindow
from ui.qt import Qt

DEVICE_WAIT_MS = 30_000
CUFF_KEY = "ble-bp-SIM-BP-normal"
THERMOMETER_KEY = "ble-thermometer-SIM-HT-normal"


def start_demo(backend: Backend) -> dict[str, str]:
    """Every demo device, measuring often so the test is quick."""
    return backend.start_demo_devices(
        bp_every=1.0, temperature_every=1.0, oximeter={"spo2": 93, "pulse": 64}
    )


def wait_for_results(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.bp_tile.value.text() == "120/80", timeout=DEVICE_WAIT_MS)
    qtbot.waitUntil(
        lambda: (
            window.thermometer_tile.value.text() == "36.4" and not window.thermometer_tile.measuring
        ),
        timeout=DEVICE_WAIT_MS,
    )
    qtbot.waitUntil(lambda: window.tile.spo2_value.text().isdigit(), timeout=DEVICE_WAIT_MS)


def test_the_bp_tile_shows_the_cuff_pressure_then_the_result(
    qtbot: QtBot, window: MainWindow, backend: Backend
) -> None:
    tile = window.bp_tile
    seen: list[tuple[bool, str, str]] = []
    backend_ports = start_demo(backend)

    def record() -> bool:
        seen.append((tile.inflating, tile.caption.text(), tile.value.text()))
        return tile.value.text() == "120/80"

    qtbot.waitUntil(record, timeout=DEVICE_WAIT_MS)

    inflating = [value for pressing, _, value in seen if pressing]
    assert inflating and set(inflating) <= {"40", "90", "150"}, seen
    assert "Cuff pressure" in {caption for pressing, caption, _ in seen if pressing}, seen
    assert tile.caption.text() == "Blood pressure"
    assert tile.unit.text() == "mmHg"
    assert tile.pulse.text() == "Pulse 72 beats/min"
    assert tile.state.text() in {"Connected", "Waiting for the next measurement"}
    qtbot.waitUntil(lambda: tile.state.text() == "Connected", timeout=DEVICE_WAIT_MS)
    assert backend_ports["ble-bp"] in {s.port for s in backend.live.statuses()}
    assert window.tile.pulse_value.text() != "72" or window.tile.spo2_value.text().isdigit()


def test_the_thermometer_tile_shows_the_temperature(
    qtbot: QtBot, window: MainWindow, backend: Backend
) -> None:
    start_demo(backend)

    qtbot.waitUntil(
        lambda: (
            window.thermometer_tile.value.text() == "36.4" and not window.thermometer_tile.measuring
        ),
        timeout=DEVICE_WAIT_MS,
    )

    tile = window.thermometer_tile
    assert tile.unit.text() == "°C"
    assert tile.caption.text() == "Temperature"
    assert tile.state.property("state") in {"connected", "waiting"}
    # it sleeps between measurements: neutral, and the last temperature stays on the tile
    qtbot.waitUntil(lambda: tile.state.property("state") == "waiting", timeout=DEVICE_WAIT_MS)
    assert tile.state.text() == "Waiting for the next measurement"
    assert tile.value.text() == "36.4"


def test_save_stores_the_bp_and_the_temperature_with_the_ble_device_identity(
    qtbot: QtBot, window: MainWindow, backend: Backend
) -> None:
    start_demo(backend)
    wait_for_results(qtbot, window)
    qtbot.keyClicks(window.family, "Abenova")
    qtbot.keyClicks(window.given, "Aigerim")
    qtbot.keyClicks(window.birth_date, "1984-02-29")

    qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: window.unsynced.text() == "Visits not yet sent: 1")
    with Store(backend.config.store_path) as store:
        readings = store.query(
            "SELECT type, value, unit, driver_id, device_key, source FROM readings"
        )
        devices = store.query("SELECT key, driver_id, manufacturer, model, serial FROM devices")
    by_device = {(row["device_key"], row["type"]): (row["value"], row["unit"]) for row in readings}
    assert by_device[(CUFF_KEY, "systolic_bp")] == (120, "mm[Hg]")
    assert by_device[(CUFF_KEY, "diastolic_bp")] == (80, "mm[Hg]")
    assert by_device[(CUFF_KEY, "mean_bp")] == (93, "mm[Hg]")
    assert by_device[(CUFF_KEY, "pulse_rate")] == (72, "/min")
    assert by_device[(THERMOMETER_KEY, "body_temp")] == (36.4, "Cel")
    assert {row["type"] for row in readings if row["driver_id"] == "contec-v7"} == {
        "spo2",
        "pulse_rate",
    }
    assert "cuff_pressure" not in {row["type"] for row in readings}
    assert {row["source"] for row in readings} == {"device"}
    known = {row["key"]: row for row in devices}
    assert known[CUFF_KEY]["driver_id"] == "ble-bp"
    assert (known[CUFF_KEY]["manufacturer"], known[CUFF_KEY]["model"]) == (
        "Dala Simulators",
        "BP-1",
    )
    assert known[THERMOMETER_KEY]["serial"] == "SIM-HT-normal"
    assert window.message.property("kind") == "info"


def test_three_tiles_fit_the_screen_in_every_language(
    qtbot: QtBot, window: MainWindow, backend: Backend, tmp_path: Path
) -> None:
    start_demo(backend)
    wait_for_results(qtbot, window)
    window.open_visit("devices")  # the tiles are on the visit page's device section
    shots = Path(os.environ.get("KIOSK_SCREENSHOTS", tmp_path))
    for language in ("en", "ru", "kk", "en"):
        window.set_language(language)
        qtbot.wait(50)
        assert window.minimumSizeHint().width() <= SCREEN_SIZE[0]
        assert window.minimumSizeHint().height() <= SCREEN_SIZE[1]
        assert (window.width(), window.height()) == SCREEN_SIZE
        for tile in window.tiles.values():
            corner = tile.mapTo(window, tile.rect().bottomRight())
            assert corner.x() <= SCREEN_SIZE[0] and corner.y() <= SCREEN_SIZE[1]
            assert tile.device_name.text() and tile.state.text()
        assert window.save_button.height() >= 48
        assert window.grab().save(str(shots / f"ui_ble_{language}.png"))


def test_the_thermometer_tile_shows_fahrenheit_in_celsius(
    qtbot: QtBot, translations: Translations
) -> None:
    translations.use("en")
    tile = ThermometerTile()
    qtbot.addWidget(tile)
    identity = DeviceIdentity(driver_id="ble-thermometer", key="t", port="x")
    measurement = Measurement(driver="ble-thermometer", type="body_temp", value=98.6, unit="[degF]")

    tile.show_reading(ReadingArrived(measurement, identity))

    assert (tile.value.text(), tile.unit.text()) == ("37.0", "°C")
    assert measurement.value == 98.6  # display only


def test_a_sleeping_cuff_keeps_its_last_result(qtbot: QtBot, translations: Translations) -> None:
    translations.use("en")
    tile = BloodPressureTile()
    qtbot.addWidget(tile)
    identity = DeviceIdentity(driver_id="ble-bp", key="c", port="AA:BB:CC:DD:EE:FF")
    for kind, value in (("systolic_bp", 16.0), ("diastolic_bp", 10.7), ("pulse_rate", 70)):
        unit = "/min" if kind == "pulse_rate" else "kPa"
        tile.show_reading(ReadingArrived(Measurement("ble-bp", kind, value, unit), identity))

    tile.show_status(
        DeviceStatus(
            "ble-bp", identity.port, ConnectionState.DISCONNECTED, "device.ble_disconnected"
        )
    )

    assert tile.value.text() == "120/80"  # kPa shown in mmHg
    assert tile.pulse.text() == "Pulse 70 beats/min"
    assert tile.state.text().startswith("Disconnected: ")
