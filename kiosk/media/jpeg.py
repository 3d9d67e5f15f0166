"""JPEGs the 2G link can carry: ≤ :data:`MAX_EDGE` px on the long edge, ≤ :data:`MAX_BYTES`.

The stored file is always re-encoded from pixels by OpenCV, which writes a bare JFIF header:
no EXIF (no GPS, no camera serial, no thumbnail of the uncropped frame), no XMP, no ICC, no
comment. :func:`metadata_segments` lists what a JPEG carries besides JFIF, for the tests and
for ``kiosk media check``.

Size: the image is resized (``INTER_AREA``) to the edge limit, then encoded at
:data:`QUALITIES` in turn until it fits; if even the lowest quality is too big (a very noisy
frame), the image is scaled down by the square root of the overshoot and tried again.
"""

from __future__ import annotations

import dataclasses
import hashlib

from kiosk.media.cv import cv2
from kiosk.media.quality import Image

MAX_EDGE = 1600
MAX_BYTES = 250 * 1024
QUALITIES = (85, 78, 70, 60, 50, 40)
THUMB_EDGE = 256
THUMB_QUALITY = 70


@dataclasses.dataclass(frozen=True, slots=True)
class Encoded:
    data: bytes
    width: int
    height: int
    quality: int

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def sha1(self) -> str:
        """Hex SHA-1; FHIR's ``Attachment.hash`` is its base64 (sync/ converts)."""
        return hashlib.sha1(self.data, usedforsecurity=False).hexdigest()


def fit(image: Image, max_edge: int) -> Image:
    """Scaled down (never up) so the long edge is at most ``max_edge``."""
    height, width = image.shape[:2]
    scale = max_edge / max(height, width)
    if scale >= 1.0:
        return image
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    resized: Image = cv2.resize(image, size, interpolation=cv2.INTER_AREA)
    return resized


def _encode(image: Image, quality: int) -> bytes:
    ok, buffer = cv2.imencode(
        ".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality, cv2.IMWRITE_JPEG_OPTIMIZE, 0]
    )
    if not ok:
        raise ValueError("JPEG encoding failed")
    return buffer.tobytes()


def encode_for_storage(
    image: Image, *, max_edge: int = MAX_EDGE, max_bytes: int = MAX_BYTES
) -> Encoded:
    """The photo as stored and sent (see module docstring)."""
    fitted = fit(image, max_edge)
    for _ in range(8):
        for quality in QUALITIES:
            data = _encode(fitted, quality)
            if len(data) <= max_bytes:
                height, width = fitted.shape[:2]
                return Encoded(data, int(width), int(height), quality)
        shrink = (max_bytes / len(data)) ** 0.5 * 0.95
        edge = max(fitted.shape[:2])
        fitted = fit(fitted, max(16, int(edge * shrink)))
    raise ValueError("the image cannot be made small enough")


def thumbnail(image: Image) -> bytes:
    return _encode(fit(image, THUMB_EDGE), THUMB_QUALITY)


def metadata_segments(data: bytes) -> list[str]:
    """Names of the segments before the image data that carry metadata (APP1 EXIF/XMP,
    APP2 ICC, APP13 IPTC, COM …); APP0 JFIF is the plain header and not listed."""
    if data[:2] != b"\xff\xd8":
        raise ValueError("not a JPEG")
    found, at = [], 2
    while at + 4 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        if marker == 0xDA:  # start of scan: the header is over
            break
        length = int.from_bytes(data[at + 2 : at + 4], "big")
        if 0xE1 <= marker <= 0xEF:
            found.append(f"APP{marker - 0xE0}")
        elif marker == 0xFE:
            found.append("COM")
        at += 2 + length
    return found
