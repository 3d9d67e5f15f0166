"""The camera, or a stand-in for it, through one code path: ``cv2.VideoCapture``.

``open_camera(source)`` takes what ``config.toml`` or the command line says:

- a V4L2 index (``0``, ``"0"``) or a device path (``/dev/video0``): the kiosk's camera;
- a video file (``clip.avi``, ``clip.mp4``): demos and tests;
- an image folder (``seq/``, its numbered files ``frame_000.png`` …) or a printf pattern
  (``seq/frame_%03d.png``): an image sequence.

Files behave like a live camera: they loop (on a failed read the position goes back to the
first frame) and are paced to their frame rate (``CAP_PROP_FPS``, else
:data:`DEFAULT_FPS`); a real camera paces itself. When nothing can be opened (no camera on
``VideoCapture(0)``), :class:`~kiosk.errors.UserFacingError` ``media.no_camera`` says so.

A :class:`Camera` is used from one thread at a time (the UI's frame worker).
"""

from __future__ import annotations

import os
import re
import threading
import time
from pathlib import Path

from kiosk.errors import UserFacingError
from kiosk.media.cv import cv2
from kiosk.media.quality import Image

DEFAULT_FPS = 15.0
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff")
_NUMBERED = re.compile(r"^(.*?)(\d+)(\.[A-Za-z]+)$")

Source = int | str | os.PathLike[str]


def _folder_pattern(folder: Path) -> str:
    """``frame_%03d.png`` from a folder of numbered images (what CAP_IMAGES reads)."""
    names = sorted(p.name for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
    for name in names:
        match = _NUMBERED.match(name)
        if match:
            prefix, digits, suffix = match.groups()
            width = f"0{len(digits)}" if digits.startswith("0") else ""
            return str(folder / f"{prefix.replace('%', '%%')}%{width}d{suffix}")
    raise UserFacingError("media.camera_bad_folder", source=str(folder))


def describe(source: Source) -> tuple[int | str, bool]:
    """(what VideoCapture gets, whether it is a file to loop and pace)."""
    if isinstance(source, int):
        return source, False
    text = os.fspath(source)
    if text.strip().isdigit():
        return int(text.strip()), False
    if text.startswith("/dev/"):
        return text, False
    path = Path(text)
    if path.is_dir():
        return _folder_pattern(path), True
    if "%" in path.name or path.is_file():
        return text, True
    raise UserFacingError("media.no_camera", source=text)


class Camera:
    """Frames from a camera or a looping, paced file (see module docstring)."""

    def __init__(self, capture: cv2.VideoCapture, source: str, *, is_file: bool, pace: bool):
        self._capture = capture
        self.source = source
        self.is_file = is_file
        fps = float(capture.get(cv2.CAP_PROP_FPS) or 0.0)
        self.fps = fps if 1.0 <= fps <= 240.0 else DEFAULT_FPS
        self._pace = pace and is_file
        self._next_due = 0.0
        self._lock = threading.Lock()
        self.frames_read = 0

    @property
    def is_open(self) -> bool:
        return bool(self._capture.isOpened())

    def read(self) -> Image | None:
        """The next frame (BGR), or None when the camera has gone away."""
        with self._lock:
            if not self._capture.isOpened():
                return None
            if self._pace:
                delay = self._next_due - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
                # one period after this frame; a slow reader gets no burst to catch up
                self._next_due = max(self._next_due, time.monotonic()) + 1.0 / self.fps
            ok, frame = self._capture.read()
            if not ok and self.is_file:  # the end of the clip: loop like a live camera
                self._capture.set(cv2.CAP_PROP_POS_FRAMES, 0)
                ok, frame = self._capture.read()
            if not ok or frame is None:
                return None
            self.frames_read += 1
            image: Image = frame
            return image

    def close(self) -> None:
        with self._lock:
            self._capture.release()

    def __enter__(self) -> Camera:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_camera(source: Source, *, pace: bool = True) -> Camera:
    """Open ``source``; ``media.no_camera`` when it cannot be opened (never a crash)."""
    target, is_file = describe(source)
    if isinstance(target, int):
        capture = cv2.VideoCapture(target)
    elif is_file and "%" in Path(target).name:
        capture = cv2.VideoCapture(target, cv2.CAP_IMAGES)
    else:
        capture = cv2.VideoCapture(target)
    if not capture.isOpened():
        capture.release()
        raise UserFacingError("media.no_camera", source=str(target))
    return Camera(capture, str(target), is_file=is_file, pace=pace)
