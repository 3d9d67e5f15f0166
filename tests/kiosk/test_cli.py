"""The CLI: every command has --help; init and status work; errors are one clear line."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kiosk.capture import parse_hex_text
from kiosk.cli import cli
from kiosk.errors import UserFacingError
from kiosk.store import LATEST_VERSION

ROOT = Path(__file__).resolve().parents[2]


def _all_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [prefix]
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found += _all_commands(command, (*prefix, name))
        else:
            found.append((*prefix, name))
    return found


@pytest.mark.parametrize("path", _all_commands(cli), ids=lambda p: " ".join(p) or "kiosk")
def test_every_command_has_help(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


def test_every_top_level_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"kiosk {name}" in readme, f"`kiosk {name}` is not documented in README.md"


def test_init_then_status(tmp_path: Path) -> None:
    runner = CliRunner()
    data = str(tmp_path / "data")
    first = runner.invoke(cli, ["--data-dir", data, "init"])
    assert first.exit_code == 0, first.output
    assert runner.invoke(cli, ["--data-dir", data, "init"]).exit_code == 0
    result = runner.invoke(cli, ["--data-dir", data, "status", "--json"])
    assert result.exit_code == 0
    status = json.loads(result.stdout)
    assert status["patients"] == 0 and status["schema_version"] == LATEST_VERSION
    assert status["outbox"]["pending"] == 1  # the kiosk's own registration


def test_status_without_init_is_one_clear_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["--data-dir", str(tmp_path / "none"), "--lang", "ru", "status"]
    )
    assert result.exit_code == 1
    assert "kiosk init" in result.stderr and "Traceback" not in result.output


def test_unknown_driver_is_one_clear_line(tmp_path: Path) -> None:
    capture = tmp_path / "x.bin"
    capture.write_bytes(b"\x01\x02")
    result = CliRunner().invoke(cli, ["drivers", "replay", "no-such-driver", str(capture)])
    assert result.exit_code == 1 and "no-such-driver" in result.stderr


def test_hex_captures() -> None:
    assert parse_hex_text("01 A8 c6 # comment\n\n d8") == bytes.fromhex("01a8c6d8")
    with pytest.raises(UserFacingError) as caught:
        parse_hex_text("01 02\n0G")
    assert "line 2" in str(caught.value)
