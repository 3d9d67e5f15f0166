"""The camera panel of the visit screen: live preview, capture, retake, body site, note,
the quality verdict with "keep anyway" + reason, and Save photo.

Threads: :class:`~ui.camera_worker.FrameWorker` (a QThread) owns the camera. It reads
frames (a real camera paces itself; a file stand-in is paced to its frame rate by
:mod:`kiosk.media.camera`), converts each BGR frame to a preview-sized ``QImage`` and hands
it over by a queued signal: the GUI thread only wraps the finished image in a pixmap. On
Capture, the worker also runs the quality gate on the full frame. Save calls the Qt-free
service :func:`kiosk.media.photos.save_photo` on the runtime's writer thread
(``runtime.write``); its result comes back through :meth:`QtBridge.when_done`. The
panel never touches the store.

Self-contained: give it a runtime, a bridge, a camera source (config, or a clip in demos
and tests), the media folder and the draft encounter; it emits :attr:`photo_saved`. The visit
screen gives it ``saver`` instead (:meth:`kiosk.quick_visit.QuickVisit.save_photo`, which
stores against the visit's draft on the writer thread) and sets the draft with
:meth:`CameraPanel.set_encounter` once the draft is stored.

Laid out for the 1024×600 screen: the preview and its actions on the left, the body site,
note and Save photo on the right.
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.domain import utc_now
from kiosk.errors import UserFacingError
from kiosk.i18n import translate
from kiosk.media import camera as kiosk_camera
from kiosk.media import photos
from kiosk.media.quality import Image, Quality, Verdict
from kiosk.media.sites import BODY_SITES
from kiosk.runtime import Runtime
from ui.bridge import QtBridge
from ui.camera_worker import PREVIEW_SIZE, FrameWorker
from ui.qt import (
    QButtonGroup,
    QEvent,
    QGridLayout,
    QHBoxLayout,
    QImage,
    QLabel,
    QLineEdit,
    QPixmap,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.style import FIELD_HEIGHT, TOUCH_HEIGHT

# ``saver(image=, quality=, site=, note=, keep_anyway_reason=)`` → a future of the Photo.
PhotoSaver = Callable[..., concurrent.futures.Future[photos.Photo]]
SITE_COLUMNS = 3
# Site buttons are a little lower than other touch targets (still above 48 px) so that the
# picker, the note and Save photo fit beside the preview on the 600 px high screen.
SITE_HEIGHT = 52


class CameraPanel(QWidget):
    """Preview → Capture → verdict (keep anyway + reason) → site, note → Save photo."""

    photo_saved = Signal(object)  # kiosk.media.photos.Photo

    def __init__(
        self,
        runtime: Runtime,
        bridge: QtBridge,
        *,
        camera_source: kiosk_camera.Source,
        media_dir: Path,
        encounter_id: str | None = None,
        language: str = "en",
        saver: PhotoSaver | None = None,
        preview_size: tuple[int, int] = PREVIEW_SIZE,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("cameraPanel")
        self._runtime, self._bridge = runtime, bridge
        self._source, self._media_dir = camera_source, Path(media_dir)
        self.encounter_id, self.language = encounter_id, language
        self._saver = saver
        self._preview_size = preview_size
        self._worker: FrameWorker | None = None
        self._frame: Image | None = None
        self.quality: Quality | None = None
        self._saving = False
        self._message: tuple[str, dict[str, Any]] | None = None
        self._build()
        self.retranslate()
        self._update_buttons()

    # --- layout -------------------------------------------------------------------------

    def _button(self, name: str, checkable: bool = False) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.setMinimumHeight(TOUCH_HEIGHT)
        button.setCheckable(checkable)
        return button

    def _build(self) -> None:
        self.preview = QLabel()
        self.preview.setObjectName("cameraPreview")
        self.preview.setFixedSize(*self._preview_size)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("background: #000000; color: #ffffff;")
        self.capture_button = self._button("captureButton")
        self.retake_button = self._button("retakeButton")
        self.verdict_label = QLabel()
        self.verdict_label.setWordWrap(True)
        self.keep_button = self._button("keepAnywayButton", checkable=True)
        self.reason = QLineEdit()
        self.reason.setMinimumHeight(FIELD_HEIGHT)
        self.site_label = QLabel()
        self.sites = QButtonGroup(self)
        self.sites.setExclusive(False)  # one at most, and none is allowed: see _site_clicked
        self.site_buttons: dict[str, QPushButton] = {}
        site_grid = QGridLayout()
        for index, site in enumerate(BODY_SITES):
            button = self._button(f"site_{site.key}", checkable=True)
            button.setProperty("siteKey", site.key)
            button.setProperty("class", "siteButton")
            button.setMinimumHeight(SITE_HEIGHT)
            self.sites.addButton(button)
            self.site_buttons[site.key] = button
            site_grid.addWidget(button, index // SITE_COLUMNS, index % SITE_COLUMNS)
        self.note = QLineEdit()
        self.note.setMinimumHeight(FIELD_HEIGHT)
        self.save_button = self._button("saveButton")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self._lay_out(site_grid)

        self.capture_button.clicked.connect(self.capture)
        self.retake_button.clicked.connect(self.retake)
        self.keep_button.toggled.connect(self._update_buttons)
        self.reason.textChanged.connect(self._update_buttons)
        self.sites.buttonClicked.connect(self._site_clicked)
        self.save_button.clicked.connect(self.save)

    def _lay_out(self, site_grid: QGridLayout) -> None:
        self.action_row = actions = QHBoxLayout()  # a host screen may add its own buttons
        actions.addWidget(self.capture_button)
        actions.addWidget(self.retake_button)
        keep = QHBoxLayout()
        keep.addWidget(self.keep_button)
        keep.addWidget(self.reason, 1)
        camera = QVBoxLayout()
        camera.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignHCenter)
        camera.addLayout(actions)
        self.verdict_row = QHBoxLayout()  # a host screen may put its Back button here
        self.verdict_row.addWidget(self.verdict_label, 1)
        camera.addLayout(self.verdict_row)
        camera.addLayout(keep)
        camera.addStretch(1)
        self.detail_column = details = QVBoxLayout()
        details.addWidget(self.site_label)
        details.addLayout(site_grid)
        details.addWidget(self.note)
        details.addWidget(self.save_button)
        details.addWidget(self.status, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(camera)
        layout.addLayout(details, 1)

    def set_typing(self, typing: bool) -> None:
        """The docked keyboard is up (the note or the reason): the preview gives it room."""
        self.preview.setVisible(not typing)
        self.site_label.setVisible(not typing)
        for button in self.site_buttons.values():
            button.setVisible(not typing)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_language(self, language: str) -> None:
        self.language = language
        self.retranslate()

    def retranslate(self) -> None:
        self.capture_button.setText(self.tr("Take photo"))
        self.retake_button.setText(self.tr("Retake"))
        self.keep_button.setText(self.tr("Keep anyway"))
        self.reason.setPlaceholderText(self.tr("Why keep this photo?"))
        self.site_label.setText(self.tr("Body site"))
        self.note.setPlaceholderText(self.tr("Note (optional)"))
        self.note.setAccessibleName(self.note.placeholderText())
        self.reason.setAccessibleName(self.reason.placeholderText())
        self.save_button.setText(self.tr("Save photo"))
        if self._frame is None and self._worker is None and self.preview.pixmap().isNull():
            self.preview.setText(self.tr("Camera is off"))
        for site in BODY_SITES:
            self.site_buttons[site.key].setText(translate(site.label_key, self.language))
        self.verdict_label.setText(
            translate(self.quality.verdict.message_key, self.language) if self.quality else ""
        )
        if self._message is not None:
            key, params = self._message
            self.status.setText(translate(key, self.language, **params))

    def set_encounter(self, encounter_id: str | None) -> None:
        """The draft the photos belong to (Save photo waits for it)."""
        self.encounter_id = encounter_id
        self._update_buttons()

    @property
    def running(self) -> bool:
        return self._worker is not None

    # --- camera -------------------------------------------------------------------------

    def start(self) -> None:
        """Open the camera and start the preview (idempotent)."""
        if self._worker is not None:
            return
        source = self._source
        worker = FrameWorker(lambda: kiosk_camera.open_camera(source), self._preview_size)
        worker.frame_ready.connect(self._show_frame)
        worker.captured.connect(self._captured)
        worker.failed.connect(self._camera_failed)
        self._worker = worker
        worker.start()
        self._update_buttons()

    def stop(self) -> None:
        if self._worker is not None:
            self._worker.stop()
            self._worker.deleteLater()
            self._worker = None
        self._update_buttons()

    def closeEvent(self, event: Any) -> None:
        self.stop()
        super().closeEvent(event)

    def _show_frame(self, image: QImage) -> None:
        if self._frame is None:  # frozen on the captured photo while reviewing it
            self.preview.setPixmap(QPixmap.fromImage(image))
            self._update_buttons()

    def _camera_failed(self, key: str, params: dict[str, Any]) -> None:
        self._say(key, **params)
        self.stop()

    # --- capture and review -------------------------------------------------------------

    def capture(self) -> None:
        if self._worker is not None and self._frame is None:
            self.capture_button.setEnabled(False)
            self._worker.request_capture()

    def _captured(self, frame: Image, quality: Quality, image: QImage) -> None:
        self._frame, self.quality = frame, quality
        self.preview.setPixmap(QPixmap.fromImage(image))
        self.keep_button.setChecked(False)
        self.reason.clear()
        self.verdict_label.setText(translate(quality.verdict.message_key, self.language))
        self.verdict_label.setProperty("verdict", quality.verdict.value)
        self._message = None
        self.status.clear()
        self._update_buttons()

    def retake(self) -> None:
        self._frame, self.quality = None, None
        self.verdict_label.clear()
        self.keep_button.setChecked(False)
        self.reason.clear()
        self._update_buttons()

    def _site_clicked(self, clicked: QPushButton) -> None:
        for button in self.site_buttons.values():
            if button is not clicked:
                button.setChecked(False)

    def chosen_site(self) -> str | None:
        for key, button in self.site_buttons.items():
            if button.isChecked():
                return key
        return None

    def _update_buttons(self) -> None:
        reviewing = self._frame is not None
        poor = reviewing and self.quality is not None and self.quality.verdict is not Verdict.OK
        self.capture_button.setEnabled(
            self._worker is not None and not reviewing and not self.preview.pixmap().isNull()
        )
        self.retake_button.setEnabled(reviewing and not self._saving)
        self.keep_button.setVisible(poor)
        self.reason.setVisible(poor and self.keep_button.isChecked())
        kept = not poor or (self.keep_button.isChecked() and bool(self.reason.text().strip()))
        self.save_button.setEnabled(
            reviewing and kept and self.encounter_id is not None and not self._saving
        )

    # --- save ---------------------------------------------------------------------------

    def save(self) -> None:
        if self._frame is None or self.encounter_id is None or self._saving:
            return
        poor = self.quality is not None and not self.quality.ok
        reason = self.reason.text().strip() if poor and self.keep_button.isChecked() else None
        self._saving = True
        self._update_buttons()
        details: dict[str, Any] = {
            "image": self._frame,
            "site": self.chosen_site(),
            "note": self.note.text(),
            "keep_anyway_reason": reason,
            "quality": self.quality,
        }
        try:
            if self._saver is not None:
                future = self._saver(**details)
            else:
                future = self._runtime.write(
                    photos.save_photo,
                    media_dir=self._media_dir,
                    encounter_id=self.encounter_id,
                    now=utc_now(),
                    **details,
                )
        except UserFacingError as error:
            self._save_failed(error)
            return
        self._bridge.when_done(future, self._saved, self._save_failed)

    def _saved(self, photo: photos.Photo) -> None:
        self._saving = False
        self.note.clear()
        for button in self.site_buttons.values():
            button.setChecked(False)
        self.retake()
        self._say("media.saved")
        self.photo_saved.emit(photo)

    def _save_failed(self, error: BaseException) -> None:
        self._saving = False
        if isinstance(error, UserFacingError):
            self._say(error.key, **error.params)
        else:
            self._say("media.write_failed", reason=type(error).__name__)
        self._update_buttons()

    def _say(self, key: str, **params: Any) -> None:
        self._message = (key, params)
        self.status.setText(translate(key, self.language, **params))
