"""The photo quality gate: is this frame worth a specialist's time and a 2G upload?

Measured on a grey copy scaled so its long edge is :data:`ANALYSIS_EDGE` px (``INTER_AREA``),
so the figures do not depend on the camera's resolution: a 640×480 webcam frame and a
4000×3000 phone photo of the same scene, equally in focus, score alike.

- **sharpness**: variance of the Laplacian of that grey image. Focused clinical photos
  score a few hundred; a defocus of about 0.2 % of the long edge (≈1 px at 512 px) already
  falls to 35-50, and 0.4 % to under 10. Threshold :data:`MIN_SHARPNESS` = 100 sits between.
  The Laplacian also falls with contrast, so exposure is judged first: a dark frame is
  called ``too-dark``, not ``blurry``.
- **exposure**: mean luminance (0-255), the 98th percentile, and the fractions of clipped
  pixels (≤ :data:`DARK_LEVEL`, ≥ :data:`BRIGHT_LEVEL`).
  ``too-dark`` when the mean is under :data:`MIN_MEAN` or nothing in the frame reaches
  :data:`MIN_P98` (an under-exposed frame has no highlights); ``too-bright`` when the mean
  is over :data:`MAX_MEAN` or more than :data:`MAX_CLIPPED` of the frame is blown out
  (a flash or a window behind the wound).

The thresholds were set on synthetic scenes (tests/kiosk/media) and are constants here, to be
re-tuned on real kiosk footage; each verdict carries its measured values and the thresholds
it was judged against, so a stored photo explains its own verdict.
"""

from __future__ import annotations

import dataclasses
import enum
from typing import TYPE_CHECKING, Any, TypeAlias

from kiosk.media.cv import cv2, np

if TYPE_CHECKING:
    import numpy.typing as npt

#: A BGR (or grey) 8-bit frame as OpenCV gives it (a string at run time, so that naming the
#: type does not import NumPy: see :mod:`kiosk.media.cv`).
Image: TypeAlias = "npt.NDArray[Any]"

ANALYSIS_EDGE = 512
MIN_SHARPNESS = 100.0
MIN_MEAN = 55.0
MIN_P98 = 90.0
MAX_MEAN = 210.0
MAX_CLIPPED = 0.25
DARK_LEVEL = 16
BRIGHT_LEVEL = 250


class Verdict(enum.StrEnum):
    OK = "ok"
    BLURRY = "blurry"
    TOO_DARK = "too-dark"
    TOO_BRIGHT = "too-bright"

    @property
    def message_key(self) -> str:
        """The core message (kiosk/i18n_media.py) that tells the nurse what to do."""
        return f"media.verdict.{self.value}"


@dataclasses.dataclass(frozen=True, slots=True)
class Quality:
    verdict: Verdict
    sharpness: float
    mean: float
    p98: float
    dark_fraction: float
    bright_fraction: float
    width: int
    height: int

    @property
    def ok(self) -> bool:
        return self.verdict is Verdict.OK

    def metrics(self) -> dict[str, float]:
        return {
            "sharpness": round(self.sharpness, 2),
            "mean": round(self.mean, 2),
            "p98": round(self.p98, 2),
            "dark_fraction": round(self.dark_fraction, 4),
            "bright_fraction": round(self.bright_fraction, 4),
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict.value,
            "width": self.width,
            "height": self.height,
            **self.metrics(),
            "thresholds": THRESHOLDS,
        }


THRESHOLDS: dict[str, float] = {
    "analysis_edge": ANALYSIS_EDGE,
    "min_sharpness": MIN_SHARPNESS,
    "min_mean": MIN_MEAN,
    "min_p98": MIN_P98,
    "max_mean": MAX_MEAN,
    "max_clipped": MAX_CLIPPED,
}


def analysis_grey(image: Image) -> Image:
    """Grey, long edge :data:`ANALYSIS_EDGE` px (never upscaled)."""
    grey = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    height, width = grey.shape[:2]
    scale = ANALYSIS_EDGE / max(height, width)
    if scale < 1.0:
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        grey = cv2.resize(grey, size, interpolation=cv2.INTER_AREA)
    return np.ascontiguousarray(grey, dtype=np.uint8)


def assess(image: Image) -> Quality:
    """Measure a BGR (or grey) frame and give its verdict."""
    if image.size == 0:
        raise ValueError("empty image")
    height, width = image.shape[:2]
    grey = analysis_grey(image)
    sharpness = float(cv2.Laplacian(grey, cv2.CV_32F).var())
    histogram = np.bincount(grey.ravel(), minlength=256).astype(np.float64)
    total = float(histogram.sum())
    mean = float(np.dot(histogram, np.arange(256)) / total)
    cumulative = np.cumsum(histogram) / total
    p98 = float(np.searchsorted(cumulative, 0.98))
    dark = float(histogram[: DARK_LEVEL + 1].sum() / total)
    bright = float(histogram[BRIGHT_LEVEL:].sum() / total)
    if mean < MIN_MEAN or p98 < MIN_P98:
        verdict = Verdict.TOO_DARK
    elif mean > MAX_MEAN or bright > MAX_CLIPPED:
        verdict = Verdict.TOO_BRIGHT
    elif sharpness < MIN_SHARPNESS:
        verdict = Verdict.BLURRY
    else:
        verdict = Verdict.OK
    return Quality(verdict, sharpness, mean, p98, dark, bright, int(width), int(height))
