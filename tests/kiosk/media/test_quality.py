"""The quality gate on the real OpenCV pipeline: synthesised sharp, blurred, dark and bright
scenes get their verdicts at every resolution (sharpness is normalised for resolution)."""

from __future__ import annotations

import pytest

from kiosk.i18n import LANGUAGES, translate
from kiosk.media import quality
from kiosk.media.quality import Verdict, assess
from tests.kiosk.media import synth

RESOLUTIONS = [(640, 480), (1280, 720), (1920, 1080), (4000, 3000)]
KINDS = {
    "sharp": (lambda image: image, Verdict.OK),
    "blurred": (synth.blurred, Verdict.BLURRY),
    "slightly blurred": (lambda image: synth.blurred(image, 0.002), Verdict.BLURRY),
    "dark": (synth.dark, Verdict.TOO_DARK),
    "bright": (synth.bright, Verdict.TOO_BRIGHT),
}


@pytest.mark.parametrize("size", RESOLUTIONS, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("kind", list(KINDS))
def test_verdicts_at_every_resolution(size: tuple[int, int], kind: str) -> None:
    make, expected = KINDS[kind]
    found = assess(make(synth.scene(*size)))
    assert found.verdict is expected, found
    assert (found.width, found.height) == size


def test_sharpness_is_comparable_across_resolutions() -> None:
    sharp = [assess(synth.scene(*size)).sharpness for size in RESOLUTIONS]
    blurry = [assess(synth.blurred(synth.scene(*size))).sharpness for size in RESOLUTIONS]
    assert min(sharp) > 2 * quality.MIN_SHARPNESS
    assert max(blurry) < quality.MIN_SHARPNESS / 2


def test_exposure_is_judged_before_sharpness() -> None:
    # a dark frame has a weak Laplacian too; the nurse must hear "turn on a light"
    found = assess(synth.dark(synth.blurred(synth.scene(1280, 720))))
    assert found.verdict is Verdict.TOO_DARK


def test_glare_over_a_quarter_of_the_frame_is_too_bright() -> None:
    image = synth.scene(1280, 720)
    image[:, : 1280 * 2 // 5] = 255  # a window behind the patient
    found = assess(image)
    assert found.bright_fraction > quality.MAX_CLIPPED
    assert found.verdict is Verdict.TOO_BRIGHT


def test_grey_frames_and_json() -> None:
    import cv2

    grey = cv2.cvtColor(synth.scene(640, 480), cv2.COLOR_BGR2GRAY)
    found = assess(grey)
    assert found.ok
    data = found.to_json()
    assert data["verdict"] == "ok" and data["thresholds"]["min_sharpness"] == 100.0
    assert set(found.metrics()) == {"sharpness", "mean", "p98", "dark_fraction", "bright_fraction"}


@pytest.mark.parametrize("verdict", list(Verdict))
def test_every_verdict_has_a_message_in_every_language(verdict: Verdict) -> None:
    texts = {translate(verdict.message_key, language) for language in LANGUAGES}
    assert len(texts) == 3 and verdict.message_key not in texts
