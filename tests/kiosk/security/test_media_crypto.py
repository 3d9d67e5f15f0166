"""Photos at rest: AES-256-GCM per file, bound to the file's id; tampering is refused."""

from __future__ import annotations

import secrets

import pytest

from kiosk.errors import UserFacingError
from kiosk.security import media_crypto

KEY = bytes(range(32))
JPEG = b"\xff\xd8\xff\xe0" + secrets.token_bytes(5000) + b"\xff\xd9"


def test_a_sealed_file_opens_to_the_same_bytes_and_hides_them() -> None:
    blob = media_crypto.seal(KEY, "photos/a.jpg", JPEG)
    assert media_crypto.is_sealed(blob) and not media_crypto.is_sealed(JPEG)
    assert len(blob) == media_crypto.sealed_size(len(JPEG))
    assert JPEG[:64] not in blob and JPEG[-64:] not in blob
    assert media_crypto.unseal(KEY, "photos/a.jpg", blob) == JPEG


def test_every_write_has_its_own_nonce() -> None:
    first = media_crypto.seal(KEY, "photos/a.jpg", JPEG)
    second = media_crypto.seal(KEY, "photos/a.jpg", JPEG)
    size = len(media_crypto.MAGIC)
    assert first[size : size + media_crypto.NONCE_BYTES] != second[size : size + 12]
    assert first != second


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[:-1],  # truncated
        lambda b: b[:40] + bytes([b[40] ^ 1]) + b[41:],  # one bit of the ciphertext
        lambda b: b[:10] + bytes([b[10] ^ 1]) + b[11:],  # one bit of the nonce
        lambda b: b[: media_crypto.OVERHEAD - 1],  # shorter than a header
        lambda b: b"DALAMED2" + b[8:],  # another format
    ],
)
def test_a_damaged_file_is_refused(damage: object) -> None:
    blob = media_crypto.seal(KEY, "photos/a.jpg", JPEG)
    with pytest.raises(UserFacingError) as caught:
        media_crypto.unseal(KEY, "photos/a.jpg", damage(blob))  # type: ignore[operator]
    assert caught.value.key == "media.tampered"


def test_a_file_moved_to_another_id_or_opened_with_another_key_is_refused() -> None:
    blob = media_crypto.seal(KEY, "photos/a.jpg", JPEG)
    for key, file_id in ((KEY, "photos/b.jpg"), (KEY, "thumbs/a.jpg"), (bytes(32), "photos/a.jpg")):
        with pytest.raises(UserFacingError) as caught:
            media_crypto.unseal(key, file_id, blob)
        assert caught.value.key == "media.tampered" and file_id in str(caught.value)
