"""Trend plots of a vital sign over the patient's visits (pyqtgraph when it is installed).

:func:`trend_plot` returns a small plot widget: one point per visit, the newest (this visit)
highlighted, dates on the x axis; blood pressure gets its systolic and diastolic lines.
Without pyqtgraph it returns None and the vitals table's "earlier visits" column still
carries the same numbers, so nothing is lost.
"""

from __future__ import annotations

import logging
from typing import Any

from sync.specialist_model import Reading
from ui.qt import QWidget

log = logging.getLogger(__name__)

PLOT_HEIGHT = 150
COLOURS = ("#0b4fa8", "#b3261e")


def _pyqtgraph() -> Any | None:
    try:
        import pyqtgraph
    except ImportError:  # an optional extra: the table shows the same values
        log.info("pyqtgraph is not installed; trends are shown as numbers only")
        return None
    return pyqtgraph


def trend_plot(
    title: str, readings: list[Reading], parent: QWidget | None = None
) -> QWidget | None:
    """A plot of ``readings`` (oldest first); None without pyqtgraph or with < 2 points."""
    points = [r for r in readings if r.when is not None and r.values]
    if len(points) < 2:
        return None
    pg = _pyqtgraph()
    if pg is None:
        return None
    plot = pg.PlotWidget(parent=parent, axisItems={"bottom": pg.DateAxisItem()})
    plot.setBackground("w")
    plot.setTitle(f"{title} ({points[-1].unit})" if points[-1].unit else title, color="#111111")
    plot.setMinimumHeight(PLOT_HEIGHT)
    plot.setMouseEnabled(x=False, y=False)
    plot.setAccessibleName(title)
    times = [r.when.timestamp() for r in points if r.when is not None]
    lines = max(len(r.values) for r in points)
    for line in range(lines):
        values = [r.values[line] if line < len(r.values) else float("nan") for r in points]
        colour = COLOURS[line % len(COLOURS)]
        plot.plot(times, values, pen=pg.mkPen(colour, width=2), symbol="o", symbolBrush=colour)
    return plot
