"""`kiosk bench shift --quick --json`: the shift benchmark works and reports its figures."""

from __future__ import annotations

import json
import subprocess
import sys


def test_bench_shift_quick_json() -> None:
    # its own process: the benchmark measures its process's RSS, fds and threads, and the test
    # runner's process carries everything every earlier test loaded
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "bench", "shift", "--quick", "--json"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    figure = json.loads(result.stdout)
    assert figure["name"] == "shift" and figure["unit"] == "MB"
    details = figure["details"]
    assert details["visits"] == 50 and len(details["hours"]) == 8
    assert details["devices"] == ["contec-v7", "masimo-ascii", "and-scale"]
    assert details["readings"] >= 50 * 3
    assert details["server_requests"]["ok"] > 0 and details["failed_requests"] > 0
    assert figure["value"] <= 300
    assert details["fd_leak"] <= 2 and details["thread_leak"] <= 0
    assert figure["ratio"] == round(figure["value"] / figure["baseline_value"], 4)
