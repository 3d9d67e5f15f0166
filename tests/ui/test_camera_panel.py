"""The camera panel with a file-backed camera (a clip generated here) on the real backend:
preview frames arrive (converted off the GUI thread), capture gives the gate's verdict, a
blurred photo is kept anyway with a reason, and Save stores the row, the file and the
binary outbox item through the runtime's writer."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk import services
from kiosk.config import KioskConfig
from kiosk.i18n import translate
from kiosk.media import photos
from kiosk.runtime import Runtime
from kiosk.store import Store
from tests.conftest import T0, make_patient
from tests.kiosk.media import synth
from ui import camera_worker
from ui.bridge import QtBridge
from ui.camera_panel import CameraPanel
from ui.qt import Qt


@pytest.fixture
def draft(kiosk_config: KioskConfig) -> str:
    with Store(kiosk_config.store_path) as store:
        patient_id = make_patient(store, T0)
        return services.start_encounter(store, patient_id=patient_id, site="KZ-T", now=T0).id


@pytest.fixture
def bridge(runtime: Runtime) -> Iterator[QtBridge]:
    created = QtBridge(runtime.events)
    yield created
    created.detach()


@pytest.fixture
def conversions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The thread of every BGR → QImage conversion."""
    seen: list[str] = []
    original = camera_worker.to_qimage

    def recording(*args: object) -> object:
        seen.append(threading.current_thread().name)
        return original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(camera_worker, "to_qimage", recording)
    return seen


def _panel(
    qtbot: QtBot, runtime: Runtime, bridge: QtBridge, config: KioskConfig, source: Path, draft: str
) -> CameraPanel:
    panel = CameraPanel(
        runtime, bridge, camera_source=source, media_dir=config.media_dir, encounter_id=draft
    )
    qtbot.addWidget(panel)
    panel.show()
    panel.start()
    return panel


def test_blurred_photo_kept_anyway_with_a_reason_is_saved(
    qtbot: QtBot,
    tmp_path: Path,
    kiosk_config: KioskConfig,
    runtime: Runtime,
    bridge: QtBridge,
    draft: str,
    conversions: list[str],
) -> None:
    frames = [synth.blurred(synth.scene(640, 480, seed)) for seed in range(8)]
    clip = synth.write_clip(tmp_path / "blurred.avi", frames)
    panel = _panel(qtbot, runtime, bridge, kiosk_config, clip, draft)
    try:
        qtbot.waitUntil(lambda: not panel.preview.pixmap().isNull(), timeout=10_000)
        qtbot.waitUntil(lambda: panel._worker is not None and panel._worker.frames >= 3)
        assert panel.capture_button.isEnabled() and not panel.save_button.isEnabled()

        qtbot.mouseClick(panel.capture_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: panel.quality is not None, timeout=10_000)
        assert panel.quality is not None and panel.quality.verdict.value == "blurry"
        assert panel.verdict_label.text() == translate("media.verdict.blurry", "en")
        assert panel.keep_button.isVisible() and not panel.save_button.isEnabled()

        qtbot.mouseClick(panel.keep_button, Qt.MouseButton.LeftButton)
        assert panel.reason.isVisible() and not panel.save_button.isEnabled()  # no reason yet
        qtbot.keyClicks(panel.reason, "the child would not keep still")
        qtbot.mouseClick(panel.site_buttons["eye"], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(panel.site_buttons["face"], Qt.MouseButton.LeftButton)
        assert panel.chosen_site() == "face"  # one site at most
        qtbot.keyClicks(panel.note, "left eyelid swelling")
        assert panel.save_button.isEnabled()

        with qtbot.waitSignal(panel.photo_saved, timeout=10_000) as saved:
            qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
        photo = saved.args[0]
        assert isinstance(photo, photos.Photo)
        assert panel.status.text() == translate("media.saved", "en")
        assert panel.quality is None and not panel.save_button.isEnabled()  # live again
    finally:
        panel.stop()

    assert conversions and threading.main_thread().name not in conversions
    with Store(kiosk_config.store_path) as store:
        rows = store.query("SELECT * FROM media WHERE encounter_id = ?", (draft,))
        assert len(rows) == 1 and rows[0]["id"] == photo.id
        assert rows[0]["quality"] == "blurry"
        assert rows[0]["kept_anyway_reason"] == "the child would not keep still"
        assert rows[0]["body_site_code"] == "89545001" and rows[0]["note"] == "left eyelid swelling"
        stored = photos.read_file(store, kiosk_config.media_dir, rows[0]["path"])
        assert len(stored) == rows[0]["size"]
        items = store.query("SELECT kind, ref, state FROM outbox WHERE kind = 'binary'")
        assert items == [{"kind": "binary", "ref": photo.id, "state": "pending"}]


def test_a_sharp_photo_saves_without_a_reason_and_retake_returns_to_preview(
    qtbot: QtBot,
    tmp_path: Path,
    kiosk_config: KioskConfig,
    runtime: Runtime,
    bridge: QtBridge,
    draft: str,
) -> None:
    clip = synth.write_clip(tmp_path / "sharp.avi", [synth.scene(640, 480, s) for s in range(6)])
    panel = _panel(qtbot, runtime, bridge, kiosk_config, clip, draft)
    try:
        qtbot.waitUntil(panel.capture_button.isEnabled, timeout=10_000)
        qtbot.mouseClick(panel.capture_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: panel.quality is not None, timeout=10_000)
        assert not panel.keep_button.isVisible() and panel.save_button.isEnabled()
        qtbot.mouseClick(panel.retake_button, Qt.MouseButton.LeftButton)
        assert panel.quality is None and not panel.save_button.isEnabled()
        qtbot.waitUntil(panel.capture_button.isEnabled)
        qtbot.mouseClick(panel.capture_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: panel.quality is not None, timeout=10_000)
        panel.set_language("kk")
        assert panel.verdict_label.text() == translate("media.verdict.ok", "kk")
        with qtbot.waitSignal(panel.photo_saved, timeout=10_000):
            qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    finally:
        panel.stop()
    with Store(kiosk_config.store_path) as store:
        assert store.scalar("SELECT kept_anyway_reason FROM media") is None


def test_no_camera_is_said_not_crashed(
    qtbot: QtBot,
    tmp_path: Path,
    kiosk_config: KioskConfig,
    runtime: Runtime,
    bridge: QtBridge,
    draft: str,
) -> None:
    panel = _panel(qtbot, runtime, bridge, kiosk_config, tmp_path / "no-camera.avi", draft)
    qtbot.waitUntil(lambda: panel.status.text() != "", timeout=10_000)
    assert panel.status.text().startswith("No camera found")
    assert not panel.capture_button.isEnabled() and panel._worker is None
