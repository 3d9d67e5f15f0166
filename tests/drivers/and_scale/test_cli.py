"""``kiosk drivers replay and-scale FILE --json`` on .hex and .bin captures (devices.md §17.9)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.drivers.and_scale.test_parser import STREAM, VECTORS, expected
from tests.drivers.masimo_ascii.test_cli import check_garbage, check_replay


@pytest.mark.parametrize("suffix", [".hex", ".bin"])
def test_replay_every_vector(tmp_path: Path, suffix: str) -> None:
    readings = [r for v in VECTORS for r in expected(v)]
    check_replay("and-scale", tmp_path, suffix, STREAM, readings)


def test_replay_garbage_capture_exits_cleanly(tmp_path: Path) -> None:
    check_garbage("and-scale", tmp_path)
