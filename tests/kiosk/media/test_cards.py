"""Patient cards round-trip through print and scan: make_card → photograph (perspective,
glare, noise) → read_card finds the id; a wrong check value or a foreign code is refused."""

from __future__ import annotations

import uuid
import zlib
from pathlib import Path

import cv2
import numpy as np
import pytest

from kiosk.errors import UserFacingError
from kiosk.media import cards
from kiosk.media.camera import open_camera
from tests.kiosk.media import synth

PATIENT = "a94eac51-f366-4cf2-9816-3f5bbd726e9c"


def _card(tmp_path: Path, patient_id: str = PATIENT) -> np.ndarray:
    out = cards.make_card(
        patient_id, ["Қасымова Әйгерім", "Нұрланқызы"], tmp_path / "card.png", details=["1990"]
    )
    image = cv2.imread(str(out), cv2.IMREAD_COLOR)
    assert image is not None and image.shape[:2] == (cards.CARD_SIZE[1], cards.CARD_SIZE[0])
    return image


def test_payload_and_parse() -> None:
    text = cards.payload(PATIENT)
    assert text.startswith("DALA1:A94EAC51-") and len(text.split(":")[2]) == 8
    assert cards.parse(text) == cards.CardRead("ok", PATIENT)
    assert cards.parse(text.lower().replace("dala1", "DALA1")).status == "ok"


def test_a_flat_card_reads_back(tmp_path: Path) -> None:
    assert cards.scan_card(_card(tmp_path)) == PATIENT


@pytest.mark.parametrize("seed", [3, 5, 11])
def test_a_photographed_card_reads_back(tmp_path: Path, seed: int) -> None:
    patient_id = str(uuid.UUID(int=seed * 0x1234567890ABCDEF, version=4))
    frame = synth.photograph_card(_card(tmp_path, patient_id), seed=seed)
    assert cards.read_card(frame) == cards.CardRead("ok", patient_id)


def test_a_strongly_tilted_card_in_a_phone_photo(tmp_path: Path) -> None:
    frame = synth.photograph_card(_card(tmp_path), size=(3000, 2000), tilt=0.25, seed=7)
    assert cards.scan_card(frame) == PATIENT


def test_a_card_in_a_camera_clip(tmp_path: Path) -> None:
    """As the kiosk sees it: a clip through open_camera, the code found in its frames."""
    card = _card(tmp_path)
    frames = [synth.photograph_card(card, size=(640, 480), seed=s) for s in range(4)]
    clip = synth.write_clip(tmp_path / "card.avi", frames)
    with open_camera(clip, pace=False) as camera:
        found = {cards.scan_card(camera.read()) for _ in range(4)}  # type: ignore[arg-type]
    assert PATIENT in found


def _qr_frame(text: str) -> np.ndarray:
    matrix = cards.qr_matrix(text)
    side = matrix.shape[0] * 10
    qr = cv2.resize(matrix, (side, side), interpolation=cv2.INTER_NEAREST)
    frame = np.full((side + 200, side + 200, 3), 255, np.uint8)
    frame[100 : 100 + side, 100 : 100 + side] = qr[..., None]
    return frame


def test_a_wrong_check_value_is_refused() -> None:
    body = f"DALA1:{PATIENT.upper()}"
    wrong = f"{(zlib.crc32(body.encode()) ^ 1) & 0xFFFFFFFF:08X}"
    frame = _qr_frame(f"{body}:{wrong}")
    assert cards.read_card(frame).status == "bad-check"
    assert cards.scan_card(frame) is None
    assert cards.parse(f"DALA1:not-a-uuid:{wrong}").status == "bad-check"


def test_foreign_codes_and_no_code() -> None:
    assert cards.read_card(_qr_frame("HTTPS://EXAMPLE.ORG")).status == "not-ours"
    assert cards.read_card(synth.scene(640, 480)) == cards.CardRead("no-card")


def test_pdf_card(tmp_path: Path) -> None:
    out = cards.make_card(PATIENT, ["Иванов Иван"], tmp_path / "card.pdf")
    assert out.read_bytes()[:5] == b"%PDF-"


def test_other_formats_and_missing_font(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(UserFacingError) as caught:
        cards.make_card(PATIENT, ["X"], tmp_path / "card.gif")
    assert caught.value.key == "card.bad_format"
    monkeypatch.setenv(cards.FONT_ENV, str(tmp_path / "mine.ttf"))
    assert cards.find_font().name.startswith("DejaVuSans")  # a wrong setting falls back
    monkeypatch.setattr(cards, "FONT_CANDIDATES", ())
    monkeypatch.setattr(cards.Path, "rglob", lambda self, pattern: iter(()))
    with pytest.raises(UserFacingError) as caught:
        cards.find_font()
    assert caught.value.key == "card.no_font"
