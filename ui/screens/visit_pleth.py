"""The pulse oximeter's pleth waveform under its SpO2 and pulse (the last few seconds).

Repainted 25 times a second from a :class:`kiosk.visit_pleth.PlethTrace` while visible; an
empty trace (no finger, no device) draws a flat grey line, so a missing waveform is seen.
"""

from __future__ import annotations

from kiosk.visit_pleth import KEEP, PlethTrace
from ui.qt import QColor, QPainter, QPaintEvent, QPen, QPointF, QPolygonF, Qt, QTimer, QWidget

HEIGHT = 52
REPAINT_MS = 40
WAVE = QColor("#0b4fa8")
FLAT = QColor("#8a8a8a")


class PlethView(QWidget):
    def __init__(self, trace: PlethTrace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("plethView")
        self.setFixedHeight(HEIGHT)
        self.setMinimumWidth(100)
        self.trace = trace
        self.drawn = 0  # samples in the last frame (tests look at it)
        self._timer = QTimer(self)
        self._timer.setInterval(REPAINT_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        if self.isVisible():
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        samples = self.trace.samples()
        self.drawn = len(samples)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        width, height = self.width() - 4, self.height() - 6
        if len(samples) < 2:
            painter.setPen(QPen(FLAT, 2))
            painter.drawLine(2, self.height() // 2, self.width() - 2, self.height() // 2)
            painter.end()
            return
        low, high = min(samples), max(samples)
        span = (high - low) or 1.0
        step = width / (KEEP - 1)
        start = KEEP - len(samples)
        line = QPolygonF(
            [
                QPointF(2 + (start + i) * step, 3 + height - (value - low) / span * height)
                for i, value in enumerate(samples)
            ]
        )
        painter.setPen(QPen(WAVE, 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawPolyline(line)
        painter.end()
