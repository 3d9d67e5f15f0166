"""``kiosk security status | rotate-key | encrypt-store`` and what other commands show."""

from __future__ import annotations

import json
import tarfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from kiosk.cli import cli
from kiosk.config import KioskConfig, load_config
from kiosk.demo import init_store
from kiosk.security import keys
from kiosk.security.encrypted_store import file_state
from kiosk.security.keys import KeyRing, key_dir_for
from kiosk.store import Store


def _kiosk(data_dir: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--data-dir", str(data_dir), *args])
    return result.exit_code, result.stdout, result.stderr


def test_status_shows_the_key_fingerprint_never_the_key(kiosk_config: KioskConfig) -> None:
    code, out, _ = _kiosk(kiosk_config.data_dir, "security", "status", "--json")
    assert code == 0
    facts = json.loads(out)
    key = KeyRing(key_dir_for(kiosk_config.data_dir)).current()
    assert key is not None
    assert facts["store_state"] == "encrypted" and facts["key_id"] == key.key_id
    assert facts["key_source"] == "file" and facts["rotation_pending"] is False
    assert facts["plain_databases"] == []
    assert key.raw.hex() not in out


def test_rotate_key_then_every_command_still_opens_the_store(kiosk_config: KioskConfig) -> None:
    before = KeyRing(key_dir_for(kiosk_config.data_dir)).current()
    code, out, err = _kiosk(kiosk_config.data_dir, "security", "rotate-key", "--json")
    assert code == 0, err
    done = json.loads(out)
    assert before is not None and done["old_key_id"] == before.key_id != done["new_key_id"]
    assert Path(done["retired"]).is_file()
    code, out, err = _kiosk(kiosk_config.data_dir, "status", "--json")
    assert code == 0, err
    code, out, err = _kiosk(kiosk_config.data_dir, "doctor", "--json")
    store_check = [c for c in json.loads(out)["checks"] if c["name"] == "store_integrity"]
    assert store_check and store_check[0]["status"] == "ok", out


def test_a_support_bundle_holds_no_key(kiosk_config: KioskConfig, tmp_path: Path) -> None:
    key = KeyRing(key_dir_for(kiosk_config.data_dir)).current()
    assert key is not None
    out_file = tmp_path / "bundle.tar.gz"
    code, _, err = _kiosk(kiosk_config.data_dir, "support-bundle", "--out", str(out_file))
    assert code == 0, err
    with tarfile.open(out_file) as bundle:
        members = [m for m in bundle.getmembers() if m.isfile()]
        assert members
        content = b"".join(bundle.extractfile(m).read() for m in members)  # type: ignore[union-attr]
    assert key.raw.hex().encode() not in content and key.raw not in content
    assert b"dala-store-key" not in content


def test_encrypt_store_encrypts_a_plain_store_on_demand(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(keys.ENV_ENCRYPTION, "off")
    config = load_config(tmp_path / "data")
    init_store(config)
    assert file_state(config.store_path) == "plain"
    code, out, err = _kiosk(config.data_dir, "security", "encrypt-store", "--json")
    assert code == 0, err
    assert json.loads(out)["was"] == "plain" and json.loads(out)["tables"] > 5
    assert file_state(config.store_path) == "encrypted"
    with Store(config.store_path) as store:
        assert store.encrypted and store.integrity_check() == []
    code, out, err = _kiosk(config.data_dir, "security", "encrypt-store")
    assert code == 0 and "already encrypted" in err


def test_status_lists_plain_databases_left_in_the_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An older version's upgrade backup stays plain (its rollback needs it): status says so."""
    monkeypatch.setenv(keys.ENV_ENCRYPTION, "off")
    config = load_config(tmp_path / "data")
    init_store(config)
    old = config.data_dir / "upgrade-backups" / "0.1.0"
    code, _, err = _kiosk(config.data_dir, "backup", "--to", str(old))
    assert code == 0, err
    monkeypatch.delenv(keys.ENV_ENCRYPTION)
    code, out, err = _kiosk(config.data_dir, "security", "status", "--json")
    assert code == 0, err
    facts = json.loads(out)  # the store was migrated on opening; the old backup was not
    assert facts["store_state"] == "encrypted"
    assert [p.split("/")[0] for p in facts["plain_databases"]] == ["upgrade-backups"]
