"""The finished subsystems wired into the running kiosk, against real parts: photos in the
visit (a file-backed camera: a clip generated with cv2.VideoWriter), media reconciled at
start-up, the hot-plug port watcher started and stopped by the backend (a real contec-v7
simulator on a pseudo-terminal), the sync loop, and the neutral "waiting" state of a
Bluetooth tile between measurements. Only the display is offscreen."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.camera_source import camera_source, check_source, demo_clip
from kiosk.config import KioskConfig
from kiosk.device_api import ConnectionState, DeviceStatus
from kiosk.domain import DeviceIdentity, Measurement
from kiosk.errors import UserFacingError
from kiosk.events import ReadingArrived
from kiosk.hotplug import PortEvent, PortInfo
from kiosk.i18n import translate
from kiosk.plugins import load_drivers
from kiosk.store import Store
from tests.ui.conftest import backend_threads
from ui.app import SCREEN_SIZE, Backend
from ui.bridge import QtBridge
from ui.i18n import Translations
from ui.main_window import MainWindow
from ui.qt import Qt

DEVICE_WAIT_MS = 15_000
CAMERA_WAIT_MS = 10_000


@pytest.fixture
def clip(tmp_path: Path) -> Path:
    """The camera: a short synthetic clip, as ``kiosk run --demo`` makes one."""
    return demo_clip(tmp_path / "camera" / "clip.avi")


def photo_window(
    qtbot: QtBot, backend: Backend, bridge: QtBridge, translations: Translations, source: object
) -> MainWindow:
    shown = MainWindow(
        backend.quick_visit(),
        bridge,
        translations,
        "en",
        camera_source=source,  # type: ignore[arg-type]
    )
    qtbot.addWidget(shown)
    shown.resize(*SCREEN_SIZE)
    shown.show()
    qtbot.waitUntil(lambda: shown.unsynced.text().endswith("0"))
    return shown


def type_patient(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.family, "Abenova")
    qtbot.keyClicks(window.given, "Aigerim")
    qtbot.keyClicks(window.birth_date, "1984-02-29")


def take_photo(qtbot: QtBot, window: MainWindow) -> None:
    camera = window.camera
    qtbot.waitUntil(lambda: camera.encounter_id is not None, timeout=CAMERA_WAIT_MS)
    qtbot.waitUntil(camera.capture_button.isEnabled, timeout=CAMERA_WAIT_MS)
    qtbot.mouseClick(camera.capture_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: camera.quality is not None, timeout=CAMERA_WAIT_MS)
    assert camera.quality is not None and camera.quality.ok  # the demo clip is sharp
    qtbot.mouseClick(camera.site_buttons["hand"], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(camera.photo_saved, timeout=CAMERA_WAIT_MS):
        qtbot.mouseClick(camera.save_button, Qt.MouseButton.LeftButton)


def test_photos_are_saved_against_the_draft_that_save_then_saves(
    qtbot: QtBot,
    backend: Backend,
    bridge: QtBridge,
    translations: Translations,
    clip: Path,
) -> None:
    window = photo_window(qtbot, backend, bridge, translations, clip)
    backend.start_demo_device(spo2=95, pulse=70)
    type_patient(qtbot, window)
    assert window.photo_count.text() == "Photos: 0"

    qtbot.mouseClick(window.add_photo_button, Qt.MouseButton.LeftButton)
    assert window.showing_camera and window.title.text() == "Photos of this visit: 0"
    assert window.family.isReadOnly()  # the photos belong to this patient
    take_photo(qtbot, window)
    take_photo(qtbot, window)
    assert window.title.text() == "Photos of this visit: 2"
    qtbot.mouseClick(window.back_button, Qt.MouseButton.LeftButton)

    assert not window.showing_camera and not window.camera.running
    assert (window.family.text(), window.given.text(), window.birth_date.text()) == (
        "Abenova",
        "Aigerim",
        "1984-02-29",
    )
    assert window.photo_count.text() == "Photos: 2"
    qtbot.waitUntil(lambda: window.tile.spo2_value.text() == "95", timeout=DEVICE_WAIT_MS)
    qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.unsynced.text() == "Visits not yet sent: 1")

    assert window.message.property("kind") == "info"
    assert window.photo_count.text() == "Photos: 0" and not window.family.isReadOnly()
    assert window.family.text() == ""
    with Store(backend.config.store_path) as store:
        encounters = store.query("SELECT id, status, patient_id FROM encounters")
        assert len(encounters) == 1 and encounters[0]["status"] == "finished"
        encounter_id = encounters[0]["id"]
        assert store.scalar("SELECT count(*) FROM patients") == 1
        readings = store.query(
            "SELECT type, value FROM readings WHERE encounter_id = ?", (encounter_id,)
        )
        assert {r["type"] for r in readings} == {"spo2", "pulse_rate"}
        assert ("spo2", 95) in {(r["type"], r["value"]) for r in readings}
        media = store.query("SELECT id, encounter_id, body_site_code, path FROM media")
        assert len(media) == 2 and {m["encounter_id"] for m in media} == {encounter_id}
        assert all((backend.config.media_dir / m["path"]).is_file() for m in media)
        (encounter_item,) = store.query(
            "SELECT id FROM outbox WHERE kind = 'encounter' AND ref = ?", (encounter_id,)
        )
        for photo in media:
            (binary,) = store.query(
                "SELECT id, next_at FROM outbox WHERE kind = 'binary' AND ref = ?", (photo["id"],)
            )
            assert not binary["next_at"].startswith("9999")  # released from its draft
            deps = store.query(
                "SELECT depends_on FROM outbox_deps WHERE item_id = ?", (binary["id"],)
            )
            assert encounter_item["id"] in {d["depends_on"] for d in deps}


def test_add_photo_checks_the_form_and_says_when_there_is_no_camera(
    qtbot: QtBot,
    backend: Backend,
    bridge: QtBridge,
    translations: Translations,
    tmp_path: Path,
) -> None:
    window = photo_window(qtbot, backend, bridge, translations, tmp_path / "no-camera.avi")
    qtbot.mouseClick(window.add_photo_button, Qt.MouseButton.LeftButton)
    no_camera = translate("media.no_camera", "en", source=str(tmp_path / "no-camera.avi"))
    assert window.message.text() == no_camera
    assert not window.showing_camera

    window.camera_source = demo_clip(tmp_path / "clip.avi")
    qtbot.keyClicks(window.family, "Abenova")
    qtbot.mouseClick(window.add_photo_button, Qt.MouseButton.LeftButton)
    assert window.message.text() == translate("patient.name_required", "en")
    assert not window.showing_camera and not window.family.isReadOnly()

    window.set_language("ru")
    assert window.add_photo_button.text() == "Добавить фото"
    assert window.message.text() == translate("patient.name_required", "ru")
    with Store(backend.config.store_path) as store:
        assert store.scalar("SELECT count(*) FROM patients") == 0  # nothing was started


def test_the_camera_source_comes_from_the_environment_or_the_demo_clip(
    kiosk_config: KioskConfig,
) -> None:
    assert camera_source(kiosk_config, environ={}) == 0
    assert camera_source(kiosk_config, environ={"KIOSK_CAMERA": "2"}) == 2
    assert camera_source(kiosk_config, environ={"KIOSK_CAMERA": "/dev/video7"}) == "/dev/video7"
    made = camera_source(kiosk_config, demo=True, environ={})
    assert isinstance(made, Path) and made.is_relative_to(kiosk_config.data_dir)
    size = made.stat().st_size
    assert camera_source(kiosk_config, demo=True, environ={}) == made  # made once
    assert made.stat().st_size == size
    check_source(made)
    with pytest.raises(UserFacingError) as caught:
        check_source("/dev/video-none")
    assert caught.value.key == "media.no_camera"


def test_start_up_reconciles_the_photo_folder(kiosk_config: KioskConfig) -> None:
    orphan = kiosk_config.media_dir / "photos" / "crashed-before-its-row.jpg"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"\xff\xd8half a photo")
    leftover = kiosk_config.media_dir / ".tmp" / "x.jpg.part"
    leftover.parent.mkdir(parents=True)
    leftover.write_bytes(b"\xff\xd8")

    backend = Backend.open(kiosk_config)
    backend.stop()

    assert not orphan.exists() and not leftover.exists()


@pytest.fixture
def oximeter_port() -> Iterator[str]:
    """A real contec-v7 simulator on a pseudo-terminal (no USB ids: the config assigns it)."""
    plugin = load_drivers().get("contec-v7")
    assert plugin is not None
    simulator = plugin.start_simulator("normal", seed=5, spo2=96, pulse=66)
    port = simulator.start()
    yield port
    simulator.stop()


def test_without_demo_the_backend_runs_the_port_watcher_and_stops_it(
    qtbot: QtBot, kiosk_config: KioskConfig, oximeter_port: str, translations: Translations
) -> None:
    before = backend_threads()
    config = dataclasses.replace(kiosk_config, ports={oximeter_port: "contec-v7"})
    backend = Backend.open(config)
    bridge = QtBridge(backend.runtime.events)
    events: list[PortEvent] = []
    lock = threading.Lock()

    def seen(event: PortEvent) -> None:
        with lock:
            events.append(event)

    try:
        window = MainWindow(backend.quick_visit(), bridge, translations, "en")
        qtbot.addWidget(window)
        window.show()
        backend.start_devices(
            lister=lambda: [PortInfo(device=oximeter_port)], interval=0.1, on_event=seen
        )
        qtbot.waitUntil(lambda: window.tile.spo2_value.text() == "96", timeout=DEVICE_WAIT_MS)
        assert backend.live.ports() == [oximeter_port]
        assert backend.watcher is not None and backend.watcher.running == {
            oximeter_port: "contec-v7"
        }
        assert backend.paired == []  # nothing paired in this data folder
    finally:
        bridge.detach()
        backend.stop()
    with lock:
        kinds = [(event.kind, event.driver) for event in events]
    assert ("started", "contec-v7") in kinds and ("stopped", "contec-v7") in kinds
    assert backend.watcher is None and backend.live.ports() == []
    assert not backend_threads() - before


def test_the_sync_loop_runs_only_with_a_server_and_stops_cleanly(
    qtbot: QtBot, kiosk_config: KioskConfig, translations: Translations
) -> None:
    backend = Backend.open(kiosk_config)
    try:
        assert backend.start_sync() is None  # no server configured
    finally:
        backend.stop()

    config = dataclasses.replace(kiosk_config, server_url="http://127.0.0.1:9/fhir")
    backend = Backend.open(config)
    bridge = QtBridge(backend.runtime.events)
    try:
        window = MainWindow(backend.quick_visit(), bridge, translations, "en")
        qtbot.addWidget(window)
        with qtbot.waitSignal(bridge.sync_finished, timeout=20_000):
            loop = backend.start_sync(interval_s=30)
        assert loop is not None and loop.running
        qtbot.waitUntil(lambda: "Held back: 0" in window.sync_line.text())
        assert window.sync_line.text().startswith("Waiting: ")
        assert "Last sync: " in window.sync_line.text()
    finally:
        bridge.detach()
        backend.stop()
    assert not loop.running
    assert not [t for t in threading.enumerate() if t.name == "kiosk-sync"]


CUFF = DeviceIdentity(driver_id="ble-bp", key="ble-bp-cuff", port="A4:C1:38:00:00:01")


def cuff_status(state: ConnectionState, reason: str | None = None) -> DeviceStatus:
    return DeviceStatus("ble-bp", CUFF.port, state, reason, CUFF)


def test_a_sleeping_bluetooth_cuff_waits_neutrally_and_failures_stay_red(
    window: MainWindow,
) -> None:
    tile = window.bp_tile
    window.show_status(cuff_status(ConnectionState.DISCONNECTED, "device.ble_not_found"))
    assert tile.state.property("state") == "disconnected"  # never measured: a real problem

    window.show_status(cuff_status(ConnectionState.CONNECTED))
    for kind, value, unit in (
        ("systolic_bp", 128, "mm[Hg]"),
        ("diastolic_bp", 84, "mm[Hg]"),
        ("pulse_rate", 71, "/min"),
    ):
        window.show_reading(ReadingArrived(Measurement("ble-bp", kind, value, unit), CUFF))
    for state, reason in (
        (ConnectionState.DISCONNECTED, "device.ble_disconnected"),
        (ConnectionState.CONNECTING, None),
        (ConnectionState.DISCONNECTED, "device.ble_not_found"),
        (ConnectionState.DISCONNECTED, "device.ble_connect_failed"),
    ):
        window.show_status(cuff_status(state, reason))
        assert tile.state.property("state") == "waiting", (state, reason)
        assert tile.state.text() == "Waiting for the next measurement"
        assert tile.value.text() == "128/84"  # the last result stays visible
    window.set_language("kk")
    assert tile.state.text() == "Келесі өлшеуді күтуде"
    window.set_language("en")

    for _ in range(2):  # three connection failures in a row: someone must look
        window.show_status(cuff_status(ConnectionState.DISCONNECTED, "device.ble_connect_failed"))
    assert tile.state.property("state") == "disconnected"
    assert tile.state.text().startswith("Disconnected: Cannot connect")
    window.show_status(cuff_status(ConnectionState.CONNECTED))
    window.show_status(cuff_status(ConnectionState.DISCONNECTED, "device.ble_pairing_required"))
    assert tile.state.property("state") == "disconnected"
    assert "pairing" in tile.state.text()
    assert tile.value.text() == "128/84"


def test_a_serial_device_disconnecting_is_still_red(window: MainWindow) -> None:
    identity = DeviceIdentity(driver_id="contec-v7", key="ox", port="/dev/ttyUSB0")
    window.show_reading(ReadingArrived(Measurement("contec-v7", "spo2", 97, "%"), identity))
    window.show_status(
        DeviceStatus("contec-v7", "/dev/ttyUSB0", ConnectionState.DISCONNECTED, "device.unplugged")
    )
    assert window.tile.state.property("state") == "disconnected"


def test_the_status_line_shows_the_last_sync_in_local_time() -> None:
    from ui.main_window import local_time

    today = dt.datetime.now().astimezone().date()
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    assert local_time(now.isoformat(), today) == now.astimezone().strftime("%H:%M")
    old = now - dt.timedelta(days=3)
    assert local_time(old.isoformat(), today) == old.astimezone().strftime("%Y-%m-%d %H:%M")
    assert local_time(None, today) is None
