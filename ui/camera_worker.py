"""The camera panel's frame worker: the camera is read and its frames converted off the GUI
thread (ui/camera_panel.py has the whole story).

:class:`FrameWorker` is a QThread that owns a :class:`kiosk.media.camera.Camera`: it reads a
frame, scales and converts it to an RGB ``QImage`` that owns its pixels, and emits it; the
GUI thread only wraps it in a pixmap. A capture request makes it also run the quality gate
on the full-resolution frame and emit the frame, its :class:`~kiosk.media.quality.Quality`
and its preview together.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from kiosk.errors import UserFacingError
from kiosk.media import camera as kiosk_camera
from kiosk.media.cv import cv2
from kiosk.media.quality import Image, assess
from ui.qt import QImage, QThread, Signal

PREVIEW_SIZE = (640, 360)


def to_qimage(frame: Image, max_width: int, max_height: int) -> QImage:
    """A preview-sized RGB ``QImage`` of a BGR frame, owning its pixels (worker thread)."""
    height, width = frame.shape[:2]
    scale = min(max_width / width, max_height / height, 1.0)
    if scale < 1.0:
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        frame = cv2.resize(frame, size, interpolation=cv2.INTER_AREA)
    rgb = cv2.cvtColor(frame, cv2.COLOR_BGR2RGB)
    h, w = rgb.shape[:2]
    return QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


class FrameWorker(QThread):
    """Reads the camera off the GUI thread; see the module docstring."""

    frame_ready = Signal(QImage)
    captured = Signal(object, object, QImage)  # (BGR frame, Quality, preview image)
    failed = Signal(str, object)  # (message key, params)

    def __init__(
        self,
        open_camera: Callable[[], kiosk_camera.Camera],
        preview_size: tuple[int, int] = PREVIEW_SIZE,
    ) -> None:
        super().__init__()
        self._open = open_camera
        self._preview = preview_size
        self._capture = threading.Event()
        self.frames = 0

    def request_capture(self) -> None:
        self._capture.set()

    def run(self) -> None:
        try:
            camera = self._open()
        except UserFacingError as error:
            self.failed.emit(error.key, dict(error.params))
            return
        try:
            while not self.isInterruptionRequested():
                frame = camera.read()
                if frame is None:
                    self.failed.emit("media.no_camera", {"source": camera.source})
                    return
                self.frames += 1
                image = to_qimage(frame, *self._preview)
                if self._capture.is_set():
                    self._capture.clear()
                    self.captured.emit(frame.copy(), assess(frame), image)
                self.frame_ready.emit(image)
        finally:
            camera.close()

    def stop(self) -> None:
        self.requestInterruption()
        self.wait(5000)
