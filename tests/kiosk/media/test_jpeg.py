"""Stored JPEGs: within the byte and pixel budget, no metadata, hashes of the stored bytes."""

from __future__ import annotations

import hashlib
import io

import cv2
import numpy as np
import pytest
from PIL import Image as PILImage

from kiosk.media import jpeg
from tests.kiosk.media import synth


@pytest.mark.parametrize("size", [(4000, 3000), (1920, 1080), (3000, 4000)])
def test_budget_and_long_edge(size: tuple[int, int]) -> None:
    frame = synth.noisy(synth.scene(*size), 8.0)
    encoded = jpeg.encode_for_storage(frame)
    assert len(encoded.data) <= jpeg.MAX_BYTES
    assert max(encoded.width, encoded.height) == jpeg.MAX_EDGE
    decoded = cv2.imdecode(np.frombuffer(encoded.data, np.uint8), cv2.IMREAD_COLOR)
    assert decoded is not None and decoded.shape[1::-1] == (encoded.width, encoded.height)


def test_a_very_noisy_frame_is_scaled_down_until_it_fits() -> None:
    rng = np.random.default_rng(1)
    frame = rng.integers(0, 256, (1200, 1600, 3), dtype=np.uint8)  # incompressible
    encoded = jpeg.encode_for_storage(frame)
    assert len(encoded.data) <= jpeg.MAX_BYTES
    assert max(encoded.width, encoded.height) < jpeg.MAX_EDGE


def test_small_images_are_not_upscaled() -> None:
    encoded = jpeg.encode_for_storage(synth.scene(640, 480))
    assert (encoded.width, encoded.height) == (640, 480)
    assert encoded.quality == jpeg.QUALITIES[0]


def test_metadata_is_stripped() -> None:
    """A phone JPEG with EXIF (GPS, camera) and a comment comes out as bare JFIF."""
    source = PILImage.fromarray(synth.scene(1280, 960)[..., ::-1])
    exif = PILImage.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0131] = "Camera app 1.0"  # Software
    exif[0x8825] = {1: "N", 2: (51.0, 10.0, 0.0)}  # GPS: latitude
    buffer = io.BytesIO()
    source.save(buffer, "JPEG", exif=exif, comment=b"patient 42")
    original = buffer.getvalue()
    assert "APP1" in jpeg.metadata_segments(original)
    assert "COM" in jpeg.metadata_segments(original)
    frame = cv2.imdecode(np.frombuffer(original, np.uint8), cv2.IMREAD_COLOR)
    stored = jpeg.encode_for_storage(frame).data
    assert jpeg.metadata_segments(stored) == []
    assert b"Exif" not in stored[:4096] and b"PhoneMaker" not in stored
    assert not PILImage.open(io.BytesIO(stored)).getexif()
    assert jpeg.metadata_segments(jpeg.thumbnail(frame)) == []


def test_hashes_are_of_the_stored_bytes() -> None:
    encoded = jpeg.encode_for_storage(synth.scene(800, 600))
    assert encoded.sha256 == hashlib.sha256(encoded.data).hexdigest()
    assert encoded.sha1 == hashlib.sha1(encoded.data).hexdigest()


def test_thumbnail() -> None:
    thumb = jpeg.thumbnail(synth.scene(1920, 1080))
    decoded = cv2.imdecode(np.frombuffer(thumb, np.uint8), cv2.IMREAD_COLOR)
    assert max(decoded.shape[:2]) == jpeg.THUMB_EDGE


def test_not_a_jpeg() -> None:
    with pytest.raises(ValueError):
        jpeg.metadata_segments(b"\x89PNG")
