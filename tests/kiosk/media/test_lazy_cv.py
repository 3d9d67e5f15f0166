"""OpenCV and NumPy load on first use (kiosk/media/cv.py): importing the media package and
its modules costs no cv2 import; the first attribute read loads it and quiets its log."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
import sys
import kiosk.camera_source, kiosk.media.camera, kiosk.media.cards, kiosk.media.jpeg
import kiosk.media.photos, kiosk.media.quality
assert "cv2" not in sys.modules, "cv2 imported by importing kiosk.media"
from kiosk.media.cv import cv2
assert not cv2.loaded
level = cv2.utils.logging.getLogLevel()
assert cv2.loaded and "cv2" in sys.modules
print(level == cv2.utils.logging.LOG_LEVEL_ERROR)
"""


def run(env_extra: dict[str, str]) -> str:
    env = {k: v for k, v in os.environ.items() if k != "OPENCV_LOG_LEVEL"} | env_extra
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=60,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_cv2_loads_on_first_use_and_logs_only_errors() -> None:
    assert run({}) == "True"


def test_opencv_log_level_from_the_environment_is_kept() -> None:
    assert run({"OPENCV_LOG_LEVEL": "INFO"}) == "False"
