"""``kiosk drivers replay ble-bp FILE.jsonl`` (interfaces.md capture files, devices.md §17.9)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kiosk.cli import cli

BM85 = "567e0052000000e807030a091e0000480200 01".replace(" ", "")


def replay(tmp_path: Path, lines: list[str], *args: str) -> tuple[int, list[dict], str]:
    capture = tmp_path / "capture.jsonl"
    capture.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["drivers", "replay", "ble-bp", str(capture), "--json", *args])
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    return result.exit_code, rows, result.output


def line(char: str, value: str, **extra: str) -> str:
    return json.dumps({"characteristic": char, "value": value, "service": "1810", **extra})


def test_replay_vectors_short_and_128_bit_uuids(tmp_path: Path) -> None:
    code, rows, _ = replay(
        tmp_path,
        [
            "# a comment, then a blank line",
            "",
            line("2a35", "1e8a005800780000000411142 93b3c00012700".replace(" ", "")),
            line("00002A36-0000-1000-8000-00805F9B34FB", "003800ff07ff07"),
            json.dumps({"characteristic": "2a49", "value": "ff01"}),
        ],
    )
    assert code == 0
    assert [(r["type"], r["value"], r["unit"]) for r in rows] == [
        ("systolic_bp", 138, "mm[Hg]"),
        ("diastolic_bp", 88, "mm[Hg]"),
        ("mean_bp", 120, "mm[Hg]"),
        ("pulse_rate", 60, "/min"),
        ("cuff_pressure", 56, "mm[Hg]"),
    ]
    assert rows[0]["flags"] == [
        "body-movement",
        "cuff-loose",
        "irregular-pulse",
        "improper-position",
    ]
    assert rows[0]["driver"] == "ble-bp" and rows[0]["time"] is None


def test_beurer_with_and_without_device_name(tmp_path: Path) -> None:
    _, generic, _ = replay(tmp_path, [line("2a35", BM85)])
    assert [(r["type"], r["value"]) for r in generic] == [
        ("systolic_bp", 126),
        ("diastolic_bp", 82),
        ("mean_bp", 0),
        ("pulse_rate", -20480000),
    ]
    _, quirky, _ = replay(tmp_path, [line("2a35", BM85)], "--device-name", "BM85")
    _, on_line, _ = replay(tmp_path, [line("2a35", BM85, device_name="BM85")])
    expected = [("systolic_bp", 126), ("diastolic_bp", 82), ("pulse_rate", 72)]
    assert [(r["type"], r["value"]) for r in quirky] == expected
    assert [(r["type"], r["value"]) for r in on_line] == expected
    assert quirky[0]["time"] == "2024-03-10T09:30:00" and quirky[0]["flags"] == ["body-movement"]


def test_garbage_captures_fail_with_one_line(tmp_path: Path) -> None:
    for bad in ("not json", "[1, 2]", line("2a35", "zz"), line("xyz", "00"), line("2a35", "0")):
        code, rows, output = replay(tmp_path, ["", bad])
        assert code != 0 and rows == []
        assert "line 2" in output and "Traceback" not in output
        assert len(output.strip().splitlines()) == 1


def test_serial_captures_still_replay(tmp_path: Path) -> None:
    capture = tmp_path / "empty.hex"
    capture.write_text("# nothing\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["drivers", "replay", "contec-v7", str(capture), "--json"])
    assert result.exit_code == 0 and result.stdout == ""
    result = CliRunner().invoke(cli, ["drivers", "replay", "ble-bp", str(capture)])
    assert result.exit_code != 0 and "Traceback" not in result.output
