"""The encrypted store: new stores encrypted, a plain store of the previous version migrated
in place with its photos, backups encrypted, a wrong key refused clearly."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from pathlib import Path

import pytest

from kiosk import services
from kiosk.config import KioskConfig, load_config
from kiosk.demo import init_store
from kiosk.errors import StoreError, UserFacingError
from kiosk.media import photos
from kiosk.security import keys, media_crypto
from kiosk.security.encrypted_store import file_state, open_file
from kiosk.security.keys import KeyRing
from kiosk.store import Store
from kiosk.store import backup as store_backup
from tests.kiosk.media import synth

FAMILY, GIVEN, IIN = "Жұмабекова", "Айгерім", "860214400178"
T0 = dt.datetime(2026, 11, 26, 4, 24, tzinfo=dt.UTC)


def _patient_with_photo(config: KioskConfig, family: str = FAMILY) -> tuple[str, photos.Photo]:
    with Store(config.store_path) as store:
        services.ensure_kiosk_registered(store, T0)
        patient = services.register_patient(
            store, family=family, given=GIVEN, birth_date=dt.date(1986, 2, 14), now=T0
        )
        encounter = services.start_encounter(store, patient_id=patient.id, site="KZ-T", now=T0)
        photo = photos.save_photo(
            store, media_dir=config.media_dir, encounter_id=encounter.id,
            image=synth.noisy(synth.scene(1600, 1200), 6.0), now=T0, note="сыпь на руке",
        )  # fmt: skip
    return patient.id, photo


def _every_byte(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def _plain_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> KioskConfig:
    """A data folder as the previous version wrote it: plain store, plain photos."""
    monkeypatch.setenv(keys.ENV_ENCRYPTION, "off")
    config = load_config(tmp_path / "data")
    init_store(config)
    return config


def test_a_new_store_is_encrypted_and_reveals_nothing(kiosk_config: KioskConfig) -> None:
    patient_id, photo = _patient_with_photo(kiosk_config)
    assert file_state(kiosk_config.store_path) == "encrypted"
    everything = _every_byte(kiosk_config.data_dir)
    for secret in (FAMILY, GIVEN, "сыпь на руке", patient_id):
        assert secret.encode("utf-8") not in everything
    with pytest.raises(sqlite3.DatabaseError):  # the stock sqlite3 sees noise
        sqlite3.connect(kiosk_config.store_path).execute("SELECT * FROM patients").fetchall()
    with Store(kiosk_config.store_path) as store:
        assert store.encrypted
        data = photos.read_file(store, kiosk_config.media_dir, photo.path)
        assert hashlib.sha256(data).hexdigest() == photo.sha256
        assert store.scalar("SELECT family FROM patients WHERE id = ?", (patient_id,)) == FAMILY


def test_a_store_no_key_opens_is_a_clear_error(
    kiosk_config: KioskConfig, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(keys.ENV_KEY_DIR, str(tmp_path / "another-kiosks-keys"))
    KeyRing(tmp_path / "another-kiosks-keys").ensure()
    with pytest.raises(StoreError) as caught:
        Store(kiosk_config.store_path)
    assert caught.value.key == "security.key_wrong"
    assert str(tmp_path / "another-kiosks-keys") in str(caught.value)


def test_encryption_off_writes_a_plain_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _plain_config(tmp_path, monkeypatch)
    _, photo = _patient_with_photo(config)
    assert file_state(config.store_path) == "plain"
    assert FAMILY.encode() in config.store_path.read_bytes() + _every_byte(config.data_dir)
    assert not media_crypto.is_sealed((config.media_dir / photo.path).read_bytes())


def test_a_plain_store_with_photos_is_encrypted_in_place_without_loss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _plain_config(tmp_path, monkeypatch)
    patient_id, photo = _patient_with_photo(config)
    with Store(config.store_path) as plain:
        tables = [
            r["name"] for r in plain.query("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        before = {t: plain.query(f'SELECT * FROM "{t}"') for t in tables}
    original = (config.media_dir / photo.path).read_bytes()
    leftover = config.media_dir / ".tmp" / "x.part"
    leftover.parent.mkdir(exist_ok=True)
    leftover.write_bytes(FAMILY.encode())
    monkeypatch.delenv(keys.ENV_ENCRYPTION)

    with Store(config.store_path) as store:  # the first open of this version migrates
        assert store.encrypted and store.integrity_check() == []
        after = {t: store.query(f'SELECT * FROM "{t}"') for t in tables}
        assert photos.read_file(store, config.media_dir, photo.path) == original
        assert photos.read_file(store, config.media_dir, photo.thumb_path)[:2] == b"\xff\xd8"
        assert photos.reconcile(store, config.media_dir).missing == []
    settings = {r["key"]: r for r in after.pop("settings")}
    assert (
        media_crypto.MEDIA_KEY_SETTING in settings and media_crypto.MEDIA_SEALED_SETTING in settings
    )
    before_settings = {r["key"]: r for r in before.pop("settings")}
    assert all(settings[k] == v for k, v in before_settings.items())
    assert after == before  # every row of every table, unchanged
    assert file_state(config.store_path) == "encrypted"
    assert not any(p.name.endswith(".encrypting") for p in config.data_dir.iterdir())
    everything = _every_byte(config.data_dir)
    for secret in (FAMILY, GIVEN, "сыпь на руке", patient_id):
        assert secret.encode("utf-8") not in everything
    assert original not in everything and original[:4096] not in everything


def test_a_tampered_or_swapped_photo_is_refused(kiosk_config: KioskConfig) -> None:
    _, first = _patient_with_photo(kiosk_config)
    _, second = _patient_with_photo(kiosk_config, family="Петров")
    media = kiosk_config.media_dir
    with Store(kiosk_config.store_path) as store:
        blob = bytearray((media / first.path).read_bytes())
        blob[len(blob) // 2] ^= 0x01
        (media / first.path).write_bytes(bytes(blob))
        (media / second.thumb_path).write_bytes((media / first.thumb_path).read_bytes())
        (media / second.path).write_bytes(b"\xff\xd8 a plain substitute")
        for relative in (first.path, second.thumb_path, second.path):
            with pytest.raises(UserFacingError) as caught:
                photos.read_file(store, media, relative)
            assert caught.value.key == "media.tampered"
            assert relative in str(caught.value)


def test_a_backup_is_encrypted_and_restores_after_a_key_rotation(
    kiosk_config: KioskConfig, tmp_path: Path
) -> None:
    patient_id, _ = _patient_with_photo(kiosk_config)
    done = store_backup.backup(
        kiosk_config.store_path, kiosk_config.media_dir, tmp_path / "usb", T0
    )
    assert done.manifest["key_id"] is not None
    assert FAMILY.encode() not in _every_byte(tmp_path / "usb")
    from kiosk.security.rotation import rotate

    rotated = rotate(kiosk_config.store_path)
    assert rotated.old_key_id == done.manifest["key_id"] != rotated.new_key_id
    restored = store_backup.restore(
        done.path, kiosk_config.store_path, kiosk_config.media_dir, T0 + dt.timedelta(hours=1)
    )
    assert restored["counts"]["patients"] >= 1
    opened = open_file(kiosk_config.store_path)
    try:
        assert opened.key is not None and opened.key.key_id == rotated.new_key_id  # re-keyed
    finally:
        opened.conn.close()
    with Store(kiosk_config.store_path) as store:
        assert store.scalar("SELECT family FROM patients WHERE id = ?", (patient_id,)) == FAMILY
