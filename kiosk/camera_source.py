"""Which camera the visit screen's photo panel opens (Qt-free).

- ``KIOSK_CAMERA`` in the environment: a V4L2 index (``0``), a device path
  (``/dev/video2``), a video file or an image folder (:func:`kiosk.media.camera.open_camera`
  takes each of them);
- otherwise the first camera, index :data:`DEFAULT_CAMERA`;
- in ``kiosk run --demo``: a short synthetic clip in the data folder
  (``demo/camera.avi``), generated once with ``cv2.VideoWriter``, so the demo takes photos
  on a machine without a camera.

:func:`check_source` tells, cheaply and without opening it, that a source cannot work (no
such file, no ``/dev/videoN``), so the screen can say so before it shows the panel.

OpenCV and NumPy are loaded only when the demo clip is first written (:mod:`kiosk.media.cv`),
so choosing the source at start-up costs nothing.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.config import KioskConfig
from kiosk.errors import UserFacingError
from kiosk.media import camera
from kiosk.media.cv import cv2, np

if TYPE_CHECKING:
    from kiosk.media.quality import Image

log = logging.getLogger(__name__)

ENV = "KIOSK_CAMERA"
DEFAULT_CAMERA = 0
DEMO_CLIP = Path("demo") / "camera.avi"
CLIP_SIZE = (640, 480)
CLIP_FRAMES = 30
CLIP_FPS = 15.0


def camera_source(
    config: KioskConfig, *, demo: bool = False, environ: Mapping[str, str] | None = None
) -> camera.Source:
    """What the photo panel opens (see the module docstring)."""
    env = os.environ if environ is None else environ
    chosen = env.get(ENV, "").strip()
    if chosen:
        return int(chosen) if chosen.isdigit() else chosen
    if demo:
        return demo_clip(config.data_dir / DEMO_CLIP)
    return DEFAULT_CAMERA


def check_source(source: camera.Source) -> None:
    """Raise ``media.no_camera`` when ``source`` certainly cannot be opened."""
    target, is_file = camera.describe(source)  # a missing file or folder raises here
    if is_file:
        return
    path = f"/dev/video{target}" if isinstance(target, int) else target
    if sys.platform.startswith("linux") and not os.path.exists(path):
        raise UserFacingError("media.no_camera", source=str(source))


def demo_frame(index: int, size: tuple[int, int] = CLIP_SIZE) -> Image:
    """A sharp, well-lit synthetic scene (passes the quality gate), moving a little."""
    width, height = size
    image = np.full((height, width, 3), (172, 160, 188), np.uint8)
    rng = np.random.default_rng(7)
    shift = index * 4
    for _ in range(36):
        colour = tuple(int(c) for c in rng.integers(40, 220, 3))
        x, y = int(rng.integers(0, width)), int(rng.integers(0, height))
        radius = int(rng.integers(8, 60))
        cv2.circle(image, ((x + shift) % width, y), radius, colour, -1, cv2.LINE_AA)
    for _ in range(24):
        colour = tuple(int(c) for c in rng.integers(0, 255, 3))
        a = (int(rng.integers(0, width)), int(rng.integers(0, height)))
        b = (int(rng.integers(0, width)), int(rng.integers(0, height)))
        cv2.line(image, a, b, colour, 2, cv2.LINE_AA)
    cv2.putText(
        image, "Dala demo", (40 + shift, height // 2), cv2.FONT_HERSHEY_SIMPLEX, 2.0,
        (20, 20, 20), 3, cv2.LINE_AA,
    )  # fmt: skip
    return image


def demo_clip(path: Path, frames: int = CLIP_FRAMES, fps: float = CLIP_FPS) -> Path:
    """The demo camera's clip at ``path``, written (MJPG .avi) when it does not exist yet."""
    if path.is_file() and path.stat().st_size > 0:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.stem + ".part" + path.suffix)
    writer = cv2.VideoWriter(str(part), cv2.VideoWriter.fourcc(*"MJPG"), fps, CLIP_SIZE)
    if not writer.isOpened():
        raise UserFacingError("media.no_camera", source=str(path))
    try:
        for index in range(frames):
            writer.write(demo_frame(index))
    finally:
        writer.release()
    os.replace(part, path)
    log.info("demo camera clip written: %s", path)
    return path
