"""``kiosk drivers replay masimo-ascii FILE --json`` on .hex and .bin captures (devices.md §17.9).

Every vector goes through the CLI (click's CliRunner on ``kiosk.cli:cli``) from both capture
formats and must come out exactly as the parser decodes it; a garbage capture exits cleanly.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from kiosk.cli import cli
from tests.drivers.masimo_ascii.test_parser import STREAM, VECTORS, expected


def replay(driver: str, capture: Path, *options: str) -> Result:
    return CliRunner().invoke(cli, ["drivers", "replay", driver, str(capture), *options])


def write_capture(path: Path, data: bytes) -> Path:
    """A .bin holds the bytes; a .hex the same bytes as commented hex text (interfaces.md)."""
    if path.suffix == ".hex":
        lines = (data[i : i + 16].hex(" ") for i in range(0, len(data), 16))
        path.write_text("# captured by a test\n" + "\n".join(lines) + "\n", encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def json_lines(result: Result) -> list[dict[str, Any]]:
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def check_replay(
    driver: str, tmp_path: Path, suffix: str, stream: bytes, readings: list[dict[str, Any]]
) -> None:
    capture = write_capture(tmp_path / f"capture{suffix}", stream)
    assert json_lines(replay(driver, capture, "--json")) == readings
    human = replay(driver, capture)
    assert human.exit_code == 0 and len(human.stdout.splitlines()) == len(readings)


def check_garbage(driver: str, tmp_path: Path) -> None:
    noise = write_capture(tmp_path / "noise.bin", random.Random(5).randbytes(20_000))
    for reading in json_lines(replay(driver, noise, "--json")):
        assert reading["driver"] == driver  # whatever survives is a well-formed reading
    broken = tmp_path / "broken.hex"
    broken.write_text("4F 4C\nnot hex at all\n", encoding="utf-8")
    result = replay(driver, broken, "--json")
    assert result.exit_code == 1 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output
    empty = write_capture(tmp_path / "empty.bin", b"")
    assert json_lines(replay(driver, empty, "--json")) == []


@pytest.mark.parametrize("suffix", [".hex", ".bin"])
def test_replay_every_vector(tmp_path: Path, suffix: str) -> None:
    readings = [r for v in VECTORS for r in expected(v)]
    check_replay("masimo-ascii", tmp_path, suffix, STREAM, readings)


def test_replay_garbage_capture_exits_cleanly(tmp_path: Path) -> None:
    check_garbage("masimo-ascii", tmp_path)
