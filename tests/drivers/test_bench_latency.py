"""``kiosk bench latency --quick --json`` runs (proves the benchmark works; not a verdict)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from drivers.bench_latency import FRAME_PERIOD_MS, frame
from drivers.contec_v7.parser import ContecV7Parser
from kiosk.cli import cli


def test_frames_are_valid_and_unique() -> None:
    frames = [frame(i) for i in range(1200)]
    assert len(set(frames)) == len(frames)
    readings = ContecV7Parser().feed(b"".join(frames))
    assert len(readings) == 2 * len(frames)  # SpO2 and pulse from every frame


def test_bench_latency_quick_json() -> None:
    result = CliRunner().invoke(cli, ["bench", "latency", "--quick", "--json"])
    assert result.exit_code == 0, result.output
    (document,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert document["name"] == "latency" and document["unit"] == "ms"
    assert document["baseline_value"] == pytest.approx(FRAME_PERIOD_MS, abs=1e-3)
    assert document["ratio"] == pytest.approx(document["value"] / FRAME_PERIOD_MS, abs=1e-3)
    assert document["details"]["frames"] == 180
    assert document["details"]["frames_without_reading"] == 0
    assert 0 < document["value"] < 1000
