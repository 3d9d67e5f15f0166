"""Secrets stay in private files (issue 10): after ``kiosk init`` and ``kiosk config set
server.token`` under a permissive umask, no file holding the token or a key is readable by
group or world, and the server token is refused from a ``config.toml`` others may read."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kiosk.cli import cli
from kiosk.config import load_config
from kiosk.errors import UserFacingError
from kiosk.i18n import translate
from sync.auth import BearerTokenAuth, check_secret_file
from sync.engine import SyncEngine

TOKEN = "s3cr3t-kiosk-token-0042"


@pytest.fixture
def open_umask() -> Iterator[None]:
    previous = os.umask(0o022)  # what a technician's shell usually has
    yield
    os.umask(previous)


@pytest.fixture
def configured(tmp_path: Path, open_umask: None, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KIOSK_KEY_DIR", str(tmp_path / "keys"))
    monkeypatch.delenv("KIOSK_SERVER_TOKEN", raising=False)
    data = tmp_path / "data"
    runner = CliRunner()
    for command in (
        ["init"],
        ["config", "set", "server.url", "https://fhir.hospital.example/R4"],
        ["config", "set", "server.token", TOKEN],
    ):
        result = runner.invoke(cli, ["--data-dir", str(data), *command])
        assert result.exit_code == 0, result.output
    return data


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_no_secret_file_is_readable_by_others(configured: Path, tmp_path: Path) -> None:
    holding_token = [
        path
        for path in sorted(tmp_path.rglob("*"))
        if path.is_file() and TOKEN.encode() in path.read_bytes()
    ]
    assert holding_token == [configured / "config.toml"]
    keys = [path for path in sorted((tmp_path / "keys").rglob("*")) if path.is_file()]
    assert keys  # the store key written by init
    for path in [*holding_token, *keys]:
        assert _mode(path) & 0o077 == 0, f"{path} is {oct(_mode(path))}"
    assert _mode(tmp_path / "keys") & 0o077 == 0
    assert load_config(configured).server_token == TOKEN
    assert BearerTokenAuth(load_config(configured)).headers() == {
        "Authorization": f"Bearer {TOKEN}"
    }


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o644])
def test_a_token_in_a_file_others_may_read_is_refused(configured: Path, mode: int) -> None:
    config_file = configured / "config.toml"
    config_file.chmod(mode)
    config = load_config(configured)
    with pytest.raises(UserFacingError) as refused:
        BearerTokenAuth(config)
    assert refused.value.key == "security.secret_file_open"
    assert str(refused.value) == translate(
        "security.secret_file_open", path=str(config_file), mode=oct(mode)
    )
    assert TOKEN not in str(refused.value)
    with pytest.raises(UserFacingError, match="chmod 600"):
        SyncEngine(None, config)  # type: ignore[arg-type]  # refused before the store is used


def test_refresh_rechecks_the_file(configured: Path) -> None:
    auth = BearerTokenAuth(load_config(configured))
    (configured / "config.toml").chmod(0o644)
    with pytest.raises(UserFacingError):
        auth.refresh()


def test_a_world_readable_file_without_a_token_is_fine(
    tmp_path: Path, open_umask: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_SERVER_TOKEN", TOKEN)
    data = tmp_path / "data"
    data.mkdir()
    (data / "config.toml").write_text('site = "KZ-AKM-0042"\n', encoding="utf-8")
    (data / "config.toml").chmod(0o644)
    config = load_config(data)
    check_secret_file(config)
    assert BearerTokenAuth(config).headers() == {"Authorization": f"Bearer {TOKEN}"}
