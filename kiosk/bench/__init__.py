"""Benchmarks: each prints its figure against a baseline measured in the same run.

A benchmark is a :class:`Benchmark` found in two ways: modules ``kiosk/bench/b_*.py`` that
define ``BENCHMARK`` (the core's own), and entry points in the group ``kiosk.benchmarks``
(those of ``drivers/``, ``sync/`` and ``ui/``). ``kiosk bench [NAME] [--json]`` runs them.
The output is the interfaces.md object; ``ratio`` is always ``value / baseline_value``.
"""

from __future__ import annotations

import dataclasses
import importlib
import logging
import math
import pkgutil
import statistics
from collections.abc import Callable, Sequence
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "kiosk.benchmarks"


@dataclasses.dataclass(frozen=True)
class BenchResult:
    name: str
    value: float
    unit: str
    baseline: str
    baseline_value: float
    goal: str
    met: bool
    details: dict[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def ratio(self) -> float:
        return self.value / self.baseline_value if self.baseline_value else math.inf

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": round(self.value, 4),
            "unit": self.unit,
            "baseline": self.baseline,
            "baseline_value": round(self.baseline_value, 4),
            "ratio": round(self.ratio, 4),
            "goal": self.goal,
            "met": self.met,
            "details": self.details,
        }


@dataclasses.dataclass(frozen=True)
class Benchmark:
    """``run(workdir, quick)``: ``workdir`` is a fresh temporary folder; ``quick`` asks for a
    smaller run (used by the test suite to prove the benchmark works, not to judge it)."""

    name: str
    description: str
    run: Callable[[Path, bool], BenchResult]


def percentile(samples: Sequence[float], pct: float) -> float:
    """The ``pct`` percentile (0-100) by the nearest-rank method."""
    if not samples:
        raise ValueError("no samples")
    ordered = sorted(samples)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def median(samples: Sequence[float]) -> float:
    return float(statistics.median(samples))


def discover() -> dict[str, Benchmark]:
    found: dict[str, Benchmark] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("b_"):
            bench = importlib.import_module(f"{__name__}.{info.name}").BENCHMARK
            found[bench.name] = bench
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        try:
            bench = entry.load()
        except Exception as error:  # a broken plugin must not hide the other benchmarks
            log.warning("benchmark %s failed to load: %s", entry.name, error)
            continue
        found[bench.name] = bench
    return dict(sorted(found.items()))
