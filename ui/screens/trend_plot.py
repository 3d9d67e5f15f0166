"""One vital's trend over a patient's visits: a pyqtgraph plot with its normal-range band.

This module imports pyqtgraph (and numpy) at import time; only the history screen imports
it, and only when it first shows a patient, so the kiosk starts without them.

The plot is for reading, not for fiddling with gloves on: no mouse or touch zooming, no
context menu; dates along the bottom, the values' unit on the left, the normal range
(:data:`kiosk.patient_history.NORMAL_RANGES`) as a pale green band behind the points.
"""

from __future__ import annotations

import pyqtgraph as pg

from kiosk.patient_history import Series
from ui.qt import QLabel, QVBoxLayout, QWidget

PLOT_HEIGHT = 170
LINE_COLOUR = "#0b4fa8"
BAND_COLOUR = (30, 123, 52, 50)


class TrendPlot(QWidget):
    """A titled plot of one :class:`~kiosk.patient_history.Series`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trendPlot")
        self.title = QLabel()
        self.title.setObjectName("trendTitle")
        self.plot = pg.PlotWidget(background="w", axisItems={"bottom": pg.DateAxisItem()})
        self.plot.setMinimumHeight(PLOT_HEIGHT)
        self.plot.setMinimumWidth(1)  # the list's width decides, never the plot's
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.showGrid(x=False, y=True, alpha=0.3)
        for axis in ("left", "bottom"):
            self.plot.getAxis(axis).setTextPen("k")
            self.plot.getAxis(axis).setPen("k")
        self.band = pg.LinearRegionItem(
            orientation="horizontal", movable=False, brush=pg.mkBrush(*BAND_COLOUR)
        )
        self.band.setZValue(-10)
        self.curve = self.plot.plot(
            [], [], pen=pg.mkPen(LINE_COLOUR, width=3), symbol="o", symbolSize=10,
            symbolBrush=LINE_COLOUR,
        )  # fmt: skip
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.title)
        layout.addWidget(self.plot)
        self.series: Series | None = None

    def show_series(self, series: Series, title: str) -> None:
        self.series = series
        self.title.setText(title)
        self.plot.setAccessibleName(title)
        xs = [moment.timestamp() for moment, _ in series.points]
        ys = [value for _, value in series.points]
        self.curve.setData(xs, ys)
        if series.normal is None:
            if self.band.scene() is not None:
                self.plot.removeItem(self.band)
        else:
            self.band.setRegion(series.normal)
            if self.band.scene() is None:
                self.plot.addItem(self.band)
        self._frame(xs, ys, series.normal)

    def _frame(self, xs: list[float], ys: list[float], normal: tuple[float, float] | None) -> None:
        """Show every point and the whole band, with a margin (one point gets a day each side)."""
        low = min([*ys, *(normal or ())])
        high = max([*ys, *(normal or ())])
        pad = (high - low) * 0.1 or 1.0
        self.plot.setYRange(low - pad, high + pad, padding=0)
        span = (max(xs) - min(xs)) or 86_400.0
        self.plot.setXRange(min(xs) - span * 0.05, max(xs) + span * 0.05, padding=0)

    @property
    def point_count(self) -> int:
        xs, _ys = self.curve.getData()
        return 0 if xs is None else len(xs)
