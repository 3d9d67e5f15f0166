"""Patient cards: printed with a QR code, read back by the kiosk camera.

Payload: ``DALA1:{PATIENT UUID, upper case}:{CRC-32 of what precedes, 8 hex digits}``, in
QR alphanumeric mode (upper case, digits and ``:`` only: the smallest code, so the biggest
modules on the card) at error-correction level Q (25 % of the code may be lost to glare or
a scratch). The CRC catches a misread or a hand-made code; it is not a secret (a card is
as public as a paper number; it only saves typing and spelling mistakes).

:func:`make_card` draws an ID-1 size card (85.6 × 54 mm at 300 dpi) with Pillow, because the
name needs a real TrueType font for Cyrillic and Kazakh letters (ә ғ қ ң ө ұ ү һ і); the QR
matrix comes from ``cv2.QRCodeEncoder``. PNG or PDF by the file's suffix.

:func:`read_card` finds the code in a camera frame with ``cv2.QRCodeDetector``, trying a
few preparations of the frame (as is, grey, contrast-limited equalisation against glare,
downscaled, a light blur against sensor noise) and ``cv2.QRCodeDetectorAruco`` as a
second detector; perspective is the detectors' own business (they rectify the four corners).
"""

from __future__ import annotations

import dataclasses
import os
import uuid
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

from kiosk.errors import UserFacingError
from kiosk.media.cv import cv2, np
from kiosk.media.quality import Image

PREFIX = "DALA1"
DPI = 300
CARD_SIZE = (1011, 638)  # ID-1: 85.6 × 54 mm at 300 dpi
QUIET_MODULES = 4
FONT_ENV = "KIOSK_CARD_FONT"
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/liberation-sans/LiberationSans-Regular.ttf",
)


def _check(body: str) -> str:
    return f"{zlib.crc32(body.encode('ascii')) & 0xFFFFFFFF:08X}"


def payload(patient_id: str) -> str:
    body = f"{PREFIX}:{str(uuid.UUID(patient_id)).upper()}"
    return f"{body}:{_check(body)}"


@dataclasses.dataclass(frozen=True, slots=True)
class CardRead:
    """What a frame showed: ``ok`` (with the id), ``no-card``, ``bad-check`` (a Dala code
    whose check value is wrong) or ``not-ours`` (some other QR code)."""

    status: str
    patient_id: str | None = None


def parse(text: str) -> CardRead:
    parts = text.strip().split(":")
    if len(parts) != 3 or parts[0] != PREFIX:
        return CardRead("not-ours")
    body = f"{parts[0]}:{parts[1].upper()}"
    try:
        patient_id = str(uuid.UUID(parts[1]))
    except ValueError:
        return CardRead("bad-check")
    if parts[2].upper() != _check(body):
        return CardRead("bad-check")
    return CardRead("ok", patient_id)


# --- printing ---------------------------------------------------------------------------


def qr_matrix(text: str) -> Image:
    """The QR code of ``text`` as a 0/255 matrix, one pixel per module, with a quiet zone."""
    params = cv2.QRCodeEncoder.Params()
    params.correction_level = cv2.QRCodeEncoder_CORRECT_LEVEL_Q
    params.mode = cv2.QRCodeEncoder_MODE_ALPHANUMERIC
    matrix = cv2.QRCodeEncoder.create(params).encode(text)
    core = _trim(np.asarray(matrix, dtype=np.uint8))
    padded: Image = cv2.copyMakeBorder(
        core, *(QUIET_MODULES,) * 4, cv2.BORDER_CONSTANT, value=(255,)
    )
    return padded


def _trim(matrix: Image) -> Image:
    dark = np.argwhere(matrix < 128)
    (top, left), (bottom, right) = dark.min(axis=0), dark.max(axis=0)
    return np.ascontiguousarray(matrix[top : bottom + 1, left : right + 1])


def find_font(bold: bool = False) -> Path:
    """A TrueType font with Cyrillic: ``$KIOSK_CARD_FONT``, DejaVu Sans (``fonts-dejavu-core``,
    installed by ``./dev``), Noto or Liberation Sans; ``card.no_font`` if there is none."""
    explicit = os.environ.get(FONT_ENV)
    candidates: list[Path] = [Path(explicit)] if explicit else []
    for name in FONT_CANDIDATES:
        path = Path(name)
        if bold:
            candidates.append(path.with_name(path.name.replace("Sans", "Sans-Bold", 1)))
        candidates.append(path)
    candidates += sorted(Path("/usr/share/fonts").rglob("DejaVuSans.ttf"))
    for path in candidates:
        if path.is_file():
            return path
    raise UserFacingError("card.no_font", env=FONT_ENV)


def _fitting_font(text: str, path: Path, size: int, width: int) -> ImageFont.FreeTypeFont:
    while True:
        font = ImageFont.truetype(str(path), size)
        if size <= 18 or font.getlength(text) <= width:
            return font
        size -= 4


def make_card(
    patient_id: str,
    name_lines: Sequence[str],
    out: Path,
    *,
    details: Sequence[str] = (),
    title: str = "Dala",
) -> Path:
    """Draw the card: ``title``, the name (one or two lines), ``details`` (birth date …), the
    short id, and the QR code; saved as PNG or PDF (by ``out``'s suffix)."""
    out = Path(out)
    if out.suffix.lower() not in (".png", ".pdf"):
        raise UserFacingError("card.bad_format", suffix=out.suffix or "-")
    regular, bold = find_font(), find_font(bold=True)
    width, height = CARD_SIZE
    card = PILImage.new("RGB", CARD_SIZE, "white")
    draw = ImageDraw.Draw(card)
    matrix = qr_matrix(payload(patient_id))
    module = (height - 40) // matrix.shape[0]
    qr_side = module * matrix.shape[0]
    qr = cv2.resize(matrix, (qr_side, qr_side), interpolation=cv2.INTER_NEAREST)
    card.paste(PILImage.fromarray(qr).convert("RGB"), (width - qr_side - 20, 20))
    text_width = width - qr_side - 80
    draw.rectangle((0, 0, 12, height), fill=(0, 110, 120))
    draw.text((40, 40), title, fill=(0, 110, 120), font=_fitting_font(title, bold, 44, text_width))
    y = 130
    lines = [n.strip() for n in name_lines if n.strip()][:2]
    if lines:  # one size for the whole name, the largest that fits its longest line
        font = _fitting_font(max(lines, key=len), bold, 56, text_width)
        for line in lines:
            draw.text((40, y), line, fill="black", font=font)
            y += 80
    for line in details:
        draw.text((40, y), line, fill="black", font=_fitting_font(line, regular, 36, text_width))
        y += 52
    short = f"ID {patient_id[:8]}"
    draw.text(
        (40, height - 70), short, fill=(80, 80, 80), font=_fitting_font(short, regular, 30, 400)
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".pdf":
        card.save(out, "PDF", resolution=float(DPI))
    else:
        card.save(out, "PNG", dpi=(DPI, DPI))
    return out


# --- reading ----------------------------------------------------------------------------


def _views(image: Image) -> Iterator[Image]:
    grey = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    yield grey
    longest = max(grey.shape[:2])
    if longest > 1280:
        scale = 1280 / longest
        size = (round(grey.shape[1] * scale), round(grey.shape[0] * scale))
        grey = cv2.resize(grey, size, interpolation=cv2.INTER_AREA)
        yield grey
    clahe = cv2.createCLAHE(clipLimit=3.0, tileGridSize=(8, 8))
    yield clahe.apply(grey)
    yield cv2.GaussianBlur(grey, (5, 5), 0)
    yield cv2.threshold(
        cv2.GaussianBlur(grey, (5, 5), 0), 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU
    )[1]


def decode_texts(image: Image) -> Iterator[str]:
    """Every QR text found, trying the frame's preparations and both detectors in turn."""
    detectors = (cv2.QRCodeDetector(), cv2.QRCodeDetectorAruco())
    for detector in detectors:
        for view in _views(image):
            text, _points, _straight = detector.detectAndDecode(view)
            if text:
                yield str(text)


def read_card(image: Image) -> CardRead:
    """The patient id on a card in this frame (see :class:`CardRead`)."""
    seen = CardRead("no-card")
    for text in decode_texts(image):
        found = parse(text)
        if found.status == "ok":
            return found
        if found.status == "bad-check" or seen.status == "no-card":
            seen = found
    return seen


def scan_card(image: Image) -> str | None:
    """The patient id of a valid Dala card in ``image``, else None."""
    return read_card(image).patient_id
