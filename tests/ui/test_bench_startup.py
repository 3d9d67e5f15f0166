"""``kiosk bench startup --quick --json`` runs (proves the benchmark works; not a verdict)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kiosk.cli import cli

FIELDS = {"name", "value", "unit", "baseline", "baseline_value", "ratio", "goal", "met", "details"}


def test_bench_startup_quick_json() -> None:
    result = CliRunner().invoke(cli, ["bench", "startup", "--quick", "--json"])
    assert result.exit_code == 0, result.output
    (document,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert set(document) == FIELDS
    assert document["name"] == "startup" and document["unit"] == "ms"
    assert document["goal"] == "ratio <= 1.5"
    assert document["ratio"] == pytest.approx(
        document["value"] / document["baseline_value"], abs=1e-3
    )
    details = document["details"]
    assert details["runs"] == 3
    assert len(details["kiosk_ms"]) == len(details["bare_ms"]) == 3
    assert 0 < document["baseline_value"] < 30_000 and 0 < document["value"] < 60_000
    assert document["met"] == (document["ratio"] <= 1.5)
