"""``kiosk drivers replay bci`` on .hex and .bin captures (reference/devices.md §17 item 9)."""

from __future__ import annotations

import json
import random
from pathlib import Path

from click.testing import CliRunner

from kiosk.cli import cli
from tests.drivers.bci.test_parser import FULL_STREAM, RECORDS, VECTORS, expected

EXPECTED = [r for v in VECTORS for r in expected(v)]
EXPECTED = EXPECTED + expected(RECORDS[0]) + EXPECTED


def replay(capture: Path, *extra: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(cli, ["drivers", "replay", "bci", str(capture), "--json", *extra])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_hex_capture(tmp_path: Path) -> None:
    capture = tmp_path / "oximeter.hex"
    lines = [f"# {v['name']} ({v['tag']})\n{v['hex']}" for v in VECTORS]
    capture.write_text(
        "\n".join(lines) + f"\n{RECORDS[0]['hex']}\n" + "\n".join(lines) + "\n", encoding="utf-8"
    )
    assert replay(capture) == EXPECTED


def test_bin_capture_with_waveform(tmp_path: Path) -> None:
    capture = tmp_path / "oximeter.bin"
    capture.write_bytes(FULL_STREAM)
    assert [r for r in replay(capture, "--waveform") if r["type"] != "pleth"] == EXPECTED
    pleth = [r["value"] for r in replay(capture, "--waveform") if r["type"] == "pleth"]
    assert pleth == 2 * [v["pleth"] for v in VECTORS if v["pleth"] is not None]


def test_garbage_captures_exit_cleanly(tmp_path: Path) -> None:
    noise = tmp_path / "noise.bin"
    noise.write_bytes(random.Random(3).randbytes(50_000))
    result = CliRunner().invoke(cli, ["drivers", "replay", "bci", str(noise), "--json"])
    assert result.exit_code == 0 and "Traceback" not in result.output
    broken = tmp_path / "broken.hex"
    broken.write_text("C5 33 06\nnot hex at all\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["drivers", "replay", "bci", str(broken), "--json"])
    assert result.exit_code == 1 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "line 2" in result.stderr
