"""The store key: created once, private, outside the data folder, credential first."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.errors import UserFacingError
from kiosk.security import keys
from kiosk.security.keys import KeyRing


def test_a_new_key_is_random_256_bits_private_and_stable(tmp_path: Path) -> None:
    ring = KeyRing(tmp_path / "keys", credentials_dir=tmp_path / "no-credentials")
    assert ring.current() is None
    first = ring.ensure()
    assert len(first.raw) == 32 and first.source == "file"
    assert (ring.key_file.stat().st_mode & 0o777) == 0o600
    assert (ring.directory.stat().st_mode & 0o777) == 0o700
    assert ring.ensure().raw == first.raw  # created once
    other = KeyRing(tmp_path / "other").ensure()
    assert other.raw != first.raw
    assert first.raw.hex() not in repr(first) and first.key_id in str(first.key_id)
    assert first.pragma_value == f"\"x'{first.raw.hex()}'\""


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o660])
def test_a_key_file_others_can_read_is_refused(tmp_path: Path, mode: int) -> None:
    ring = KeyRing(tmp_path / "keys")
    ring.ensure()
    ring.key_file.chmod(mode)
    with pytest.raises(UserFacingError) as caught:
        ring.current()
    assert caught.value.key == "security.key_file_open"
    assert oct(mode) in str(caught.value)


def test_a_malformed_key_file_is_refused(tmp_path: Path) -> None:
    ring = KeyRing(tmp_path / "keys")
    ring.directory.mkdir(mode=0o700)
    fd = os.open(ring.key_file, os.O_WRONLY | os.O_CREAT, 0o600)
    os.write(fd, b"too short\n")
    os.close(fd)
    with pytest.raises(UserFacingError) as caught:
        ring.current()
    assert caught.value.key == "security.key_malformed"


def test_a_systemd_credential_comes_first(tmp_path: Path) -> None:
    credentials = tmp_path / "credentials"
    credentials.mkdir()
    (credentials / keys.KEY_NAME).write_bytes(bytes(range(32)))  # raw bytes, as systemd gives
    ring = KeyRing(tmp_path / "keys", credentials_dir=credentials)
    ring.ensure()  # no file is created when the credential exists
    assert ring.current() is not None and ring.current().source == "credential"  # type: ignore[union-attr]
    assert ring.current().raw == bytes(range(32))  # type: ignore[union-attr]
    assert not ring.key_file.exists()
    (credentials / keys.KEY_NAME).write_text(bytes(range(32)).hex() + "\n")  # hex is fine too
    assert ring.current().raw == bytes(range(32))  # type: ignore[union-attr]


def test_the_key_folder_comes_from_the_environment_and_never_the_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(keys.ENV_KEY_DIR, str(tmp_path / "k"))
    assert keys.key_dir_for(tmp_path / "data") == (tmp_path / "k").resolve()
    monkeypatch.setenv(keys.ENV_KEY_DIR, str(tmp_path / "data" / "keys"))
    with pytest.raises(UserFacingError) as caught:
        keys.key_dir_for(tmp_path / "data")
    assert caught.value.key == "security.key_dir_in_data"
    monkeypatch.delenv(keys.ENV_KEY_DIR)
    monkeypatch.setattr(keys, "SYSTEM_KEY_DIR", tmp_path / "etc" / "dala-kiosk" / "keys")
    assert keys.default_key_dir() == tmp_path / "etc" / "dala-kiosk" / "keys"  # can be made
    monkeypatch.setattr(keys, "SYSTEM_KEY_DIR", Path("/proc/self/no-such/keys"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert keys.default_key_dir() == tmp_path / "config" / "dala-kiosk" / "keys"


def test_rotation_keeps_every_key_until_settled(tmp_path: Path) -> None:
    ring = KeyRing(tmp_path / "keys")
    old = ring.ensure()
    new = ring.begin_rotation()
    assert [k.raw for k in ring.candidates()] == [old.raw, new.raw]
    assert ring.settle(old).raw == old.raw  # store still under the old key: undo
    assert ring.pending() is None and ring.current().raw == old.raw  # type: ignore[union-attr]
    new = ring.begin_rotation()
    settled = ring.settle(new)  # store already under the new key: finish
    assert settled.raw == new.raw and ring.current().raw == new.raw  # type: ignore[union-attr]
    assert [k.raw for k in ring.retired()] == [old.raw]
    assert [k.raw for k in ring.candidates()] == [new.raw, old.raw]


def test_encryption_is_on_unless_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(keys.ENV_ENCRYPTION, raising=False)
    assert keys.encryption_enabled()
    monkeypatch.setenv(keys.ENV_ENCRYPTION, "off")
    assert not keys.encryption_enabled()
