"""Images and clips made at test time (no binary assets): scenes for the quality gate,
patient-card photographs with perspective, glare and noise, and camera stand-in clips."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from kiosk.media.quality import Image


def scene(width: int, height: int, seed: int = 1) -> Image:
    """A sharp, well-lit scene drawn at the target resolution (coordinates scale with it)."""
    rng = np.random.default_rng(seed)
    s = width / 640
    image = np.full((height, width, 3), (150, 140, 170), np.uint8)
    for _ in range(40):
        colour = tuple(int(c) for c in rng.integers(40, 220, 3))
        centre = (int(rng.integers(0, width)), int(rng.integers(0, height)))
        cv2.circle(image, centre, int(rng.integers(5, 60) * s), colour, -1, cv2.LINE_AA)
    for _ in range(30):
        colour = tuple(int(c) for c in rng.integers(0, 255, 3))
        a = (int(rng.integers(0, width)), int(rng.integers(0, height)))
        b = (int(rng.integers(0, width)), int(rng.integers(0, height)))
        cv2.line(image, a, b, colour, max(1, int(2 * s)), cv2.LINE_AA)
    cv2.putText(
        image, "Dala 123", (int(50 * s), int(200 * s)), cv2.FONT_HERSHEY_SIMPLEX, 2 * s,
        (20, 20, 20), max(1, int(3 * s)), cv2.LINE_AA,
    )  # fmt: skip
    return image


def blurred(image: Image, fraction: float = 0.003) -> Image:
    """Out of focus by ``fraction`` of the long edge (the same blur at any resolution)."""
    sigma = fraction * max(image.shape[:2])
    result: Image = cv2.GaussianBlur(image, (0, 0), sigma)
    return result


def dark(image: Image) -> Image:
    return (image * 0.15).astype(np.uint8)


def bright(image: Image) -> Image:
    result: Image = cv2.convertScaleAbs(image, alpha=0.4, beta=190)
    return result


def noisy(image: Image, sigma: float, seed: int = 0) -> Image:
    noise = np.random.default_rng(seed).normal(0.0, sigma, image.shape)
    return np.clip(image + noise, 0, 255).astype(np.uint8)


def photograph_card(
    card: Image, *, size: tuple[int, int] = (1280, 720), tilt: float = 0.18, seed: int = 3
) -> Image:
    """The card held up to the camera: a perspective warp onto a cluttered background, a
    glare spot, a little blur and sensor noise."""
    width, height = size
    frame = scene(width, height, seed=seed)
    h, w = card.shape[:2]
    target_w = width * 0.55
    x0, y0 = width * 0.2, height * 0.2
    th = target_w * h / w
    corners = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    skew = tilt * target_w
    placed = np.float32(
        [
            [x0 + skew, y0],
            [x0 + target_w, y0 + skew * 0.3],
            [x0 + target_w - skew * 0.2, y0 + th],
            [x0, y0 + th - skew * 0.2],
        ]
    )
    matrix = cv2.getPerspectiveTransform(corners, placed)
    warped = cv2.warpPerspective(card, matrix, size)
    mask = cv2.warpPerspective(np.full((h, w), 255, np.uint8), matrix, size)
    frame[mask > 0] = warped[mask > 0]
    glare = np.zeros((height, width), np.float32)
    centre = (int(x0 + target_w * 0.75), int(y0 + th * 0.35))
    cv2.ellipse(glare, centre, (int(target_w * 0.10), int(th * 0.10)), 30, 0, 360, 1.0, -1)
    glare = cv2.GaussianBlur(glare, (0, 0), 12)[..., None] * 0.8
    frame = (frame * (1 - glare) + 255 * glare).astype(np.uint8)
    frame = cv2.GaussianBlur(frame, (3, 3), 0)
    return noisy(frame, 6.0, seed)


def write_clip(path: Path, frames: list[Image], fps: float = 15.0) -> Path:
    """An .avi (MJPG) or .mp4 (mp4v) clip of ``frames``."""
    fourcc = "MJPG" if path.suffix == ".avi" else "mp4v"
    height, width = frames[0].shape[:2]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*fourcc), fps, (width, height))
    assert writer.isOpened(), f"cannot write {path}"
    for frame in frames:
        writer.write(frame)
    writer.release()
    return path


def numbered_frames(count: int, width: int = 320, height: int = 240) -> list[Image]:
    """Frames whose brightness tells their index (10, 30, 50 …), to check order and looping."""
    return [np.full((height, width, 3), 10 + 20 * i, np.uint8) for i in range(count)]
