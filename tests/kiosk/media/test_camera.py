"""Camera stand-ins through the same code path as a camera (cv2.VideoCapture): clips and image
folders loop and are paced; no camera is a clear message, not a crash."""

from __future__ import annotations

import time
from pathlib import Path

import cv2
import pytest

from kiosk.errors import UserFacingError
from kiosk.media.camera import open_camera
from tests.kiosk.media import synth

COUNT = 6


def _levels(source: object, reads: int, **options: bool) -> list[int]:
    with open_camera(source, **options) as camera:  # type: ignore[arg-type]
        frames = [camera.read() for _ in range(reads)]
    assert all(f is not None for f in frames)
    return [round(float(f.mean()) / 10) * 10 for f in frames]  # type: ignore[union-attr]


@pytest.mark.parametrize("suffix", [".avi", ".mp4"])
def test_a_clip_loops_like_a_live_camera(tmp_path: Path, suffix: str) -> None:
    clip = synth.write_clip(tmp_path / f"clip{suffix}", synth.numbered_frames(COUNT))
    levels = _levels(clip, 2 * COUNT + 2, pace=False)
    expected = [10 + 20 * (i % COUNT) for i in range(2 * COUNT + 2)]
    assert all(abs(a - b) <= 10 for a, b in zip(levels, expected, strict=True)), levels


def test_an_image_folder_and_a_pattern(tmp_path: Path) -> None:
    folder = tmp_path / "seq"
    folder.mkdir()
    for index, frame in enumerate(synth.numbered_frames(COUNT)):
        cv2.imwrite(str(folder / f"frame_{index:03d}.png"), frame)
    expected = [10 + 20 * (i % COUNT) for i in range(COUNT + 3)]
    assert _levels(folder, COUNT + 3, pace=False) == expected
    assert _levels(str(folder / "frame_%03d.png"), COUNT + 3, pace=False) == expected


def test_files_are_paced_to_their_frame_rate(tmp_path: Path) -> None:
    clip = synth.write_clip(tmp_path / "clip.avi", synth.numbered_frames(COUNT), fps=20.0)
    with open_camera(clip) as camera:
        assert camera.fps == pytest.approx(20.0) and camera.is_file
        start = time.monotonic()
        for _ in range(9):
            camera.read()
        # 9 frames at 20 fps: at least 8 frame periods (a lower bound only, never an upper)
        assert time.monotonic() - start >= 8 / 20 * 0.9


def test_no_camera_is_a_clear_message() -> None:
    with pytest.raises(UserFacingError) as caught:
        open_camera(42)  # VideoCapture(42): no such V4L2 device, not opened
    assert caught.value.key == "media.no_camera"
    assert "42" in str(caught.value)


def test_missing_file_and_unnumbered_folder(tmp_path: Path) -> None:
    with pytest.raises(UserFacingError) as caught:
        open_camera(tmp_path / "nothing.avi")
    assert caught.value.key == "media.no_camera"
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(UserFacingError) as caught:
        open_camera(tmp_path)
    assert caught.value.key == "media.camera_bad_folder"
