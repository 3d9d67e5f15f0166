"""``kiosk drivers replay nonin-df2`` on .hex and .bin captures (devices.md §17 item 9)."""

from __future__ import annotations

import json
import random
from pathlib import Path

from click.testing import CliRunner

from drivers.nonin_df2.parser import Df2Parser
from kiosk.cli import cli
from tests.drivers.nonin_df2.test_parser import CONFIRM, VECTORS, expected

# Each vector confirmed by the frame after it (the next vector's first frame, or CONFIRM).
STREAM = b"".join(bytes.fromhex(v["hex"]) for v in VECTORS) + CONFIRM
EXPECTED = [r for v in VECTORS for r in expected(v)]


def replay(capture: Path, *extra: str) -> list[dict[str, object]]:
    command = ["drivers", "replay", "nonin-df2", str(capture), "--json", *extra]
    result = CliRunner().invoke(cli, command)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_hex_capture(tmp_path: Path) -> None:
    capture = tmp_path / "nonin.hex"
    lines = [f"# {v['name']} ({v['tag']})\n{v['hex']}" for v in VECTORS]
    capture.write_text("\n".join(lines) + f"\n{CONFIRM.hex(' ')}\n", encoding="utf-8")
    assert replay(capture) == EXPECTED


def test_bin_capture_with_waveform(tmp_path: Path) -> None:
    capture = tmp_path / "nonin.bin"
    capture.write_bytes(STREAM)
    readings = replay(capture, "--waveform")
    assert [r for r in readings if r["type"] != "pleth"] == EXPECTED
    # In one stream the frames after a packet start stay in sync (more pleth than per vector).
    assert readings == [m.to_json() for m in Df2Parser(waveform=True).feed(STREAM)]
    assert len([r for r in readings if r["type"] == "pleth"]) > len(VECTORS)


def test_garbage_captures_exit_cleanly(tmp_path: Path) -> None:
    noise = tmp_path / "noise.bin"
    noise.write_bytes(random.Random(3).randbytes(50_000))
    result = CliRunner().invoke(cli, ["drivers", "replay", "nonin-df2", str(noise), "--json"])
    assert result.exit_code == 0 and "Traceback" not in result.output
    broken = tmp_path / "broken.hex"
    broken.write_text("01 81 01 00 83\n01 8\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["drivers", "replay", "nonin-df2", str(broken), "--json"])
    assert result.exit_code == 1 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "line 2" in result.stderr
