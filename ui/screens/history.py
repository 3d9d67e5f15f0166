"""A patient's history: the visits with their vitals, a trend plot per vital with its
normal range, the visit tapped shown in full, and "Print summary" to a PDF.

A thin view of :class:`kiosk.patient_history.HistoryModel`: :meth:`HistoryScreen.show_patient`
reads the history on the reader thread; the plots (:mod:`ui.screens.trend_plot`, which
imports pyqtgraph) are imported the first time a history is shown, never at start-up.
Printing builds the summary in the *patient's* language on the reader thread and writes
the PDF (:mod:`ui.visit_pdf`) on a worker thread, into ``<data dir>/summaries/``.
"""

from __future__ import annotations

import importlib
import logging
import sys
from pathlib import Path
from typing import Any

from kiosk import complaints
from kiosk.errors import UserFacingError
from kiosk.i18n import translate
from kiosk.patient_history import HistoryModel, PatientHistory, VisitEntry
from kiosk.visit_summary import VisitSummary, unit_symbol
from ui.bridge import QtBridge
from ui.qt import (
    QEvent,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.screens.home import scrolling
from ui.screens.screen_kit import (
    SCREENS_STYLE,
    clear_layout,
    format_date,
    format_datetime,
    format_number,
    locale_for,
    row_button,
    screen_language,
    touch_button,
)
from ui.style import STYLE_SHEET
from ui.visit_pdf import write_visit_pdf_async

log = logging.getLogger(__name__)

PLOT_COLUMNS = 1
TREND_MODULE = "ui.screens.trend_plot"
#: The visits are painted before pyqtgraph is first imported (about 1.5 s on the dev box).
FIRST_PLOT_DELAY_MS = 60


class HistoryScreen(QWidget):
    back_requested = Signal()
    summary_printed = Signal(str)  # the PDF's path

    def __init__(
        self, model: HistoryModel, bridge: QtBridge, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("historyScreen")
        self.setStyleSheet(STYLE_SHEET + SCREENS_STYLE)
        self._model = model
        self._bridge = bridge
        self._history: PatientHistory | None = None
        self._selected: VisitEntry | None = None
        self._patient_id: str | None = None
        self._message: Any = None
        self.plots: list[Any] = []
        self._build()
        self.retranslate()

    def _build(self) -> None:
        self.back_button = touch_button("backButton")
        self.back_button.clicked.connect(self.back_requested.emit)
        self.header = QLabel()
        self.header.setObjectName("title")
        self.header.setWordWrap(True)
        self.print_button = touch_button("printButton")
        self.print_button.clicked.connect(lambda _checked=False: self.print_summary())
        self.print_button.setEnabled(False)
        self.detail = QLabel()
        self.detail.setObjectName("visitDetail")
        self.detail.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.visit_rows = QVBoxLayout()
        self.plot_grid = QGridLayout()
        visits, plots = QWidget(), QWidget()
        for box, holder in ((self.visit_rows, visits), (self.plot_grid, plots)):
            outer = QVBoxLayout(holder)
            outer.setContentsMargins(0, 0, 0, 0)
            outer.addLayout(box)
            outer.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.header, 1)
        top.addWidget(self.print_button)
        left = QVBoxLayout()
        left.addWidget(scrolling(visits, "historyVisits"), 1)
        left.addWidget(scrolling(self.detail, "visitDetailArea"), 1)
        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addWidget(scrolling(plots, "trendList"), 3)
        root = QVBoxLayout(self)
        root.setContentsMargins(16, 8, 16, 10)
        root.addLayout(top)
        root.addLayout(columns, 1)
        root.addWidget(self.message)

    # -- data ----------------------------------------------------------------------------

    def show_patient(self, patient_id: str) -> None:
        """Read and show this patient's history (reader thread; the newest request wins)."""
        self._patient_id = patient_id
        self._history, self._selected = None, None
        self.print_button.setEnabled(False)
        self._show_message(None)
        self._render()
        self._bridge.when_done(self._model.load(patient_id), self._loaded, self._failed)

    def _loaded(self, history: PatientHistory) -> None:
        if history.header.patient_id != self._patient_id:
            return  # another patient was asked for meanwhile
        self._history = history
        self._selected = history.visits[0] if history.visits else None
        self.print_button.setEnabled(self._selected is not None)
        self._render()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, UserFacingError):
            key, params = error.key, error.params
            self._show_message(lambda lang: translate(key, lang, **params))
        else:
            log.warning("a history could not be read: %s", type(error).__name__)
            self._show_message(lambda _lang: self.tr("The history could not be read."))

    def select_visit(self, encounter_id: str) -> None:
        if self._history is None:
            return
        self._selected = next(v for v in self._history.visits if v.encounter_id == encounter_id)
        self.print_button.setEnabled(True)
        self._render_detail()

    # -- printing ------------------------------------------------------------------------

    def print_summary(self, language: str | None = None) -> None:
        """The selected visit's summary as a PDF, in the patient's language unless told."""
        if self._selected is None or not self.print_button.isEnabled():
            return
        self.print_button.setEnabled(False)
        self._show_message(lambda _lang: self.tr("Preparing the summary…"))
        future = self._model.summary(self._selected.encounter_id, language)
        self._bridge.when_done(future, self._write_pdf, self._print_failed)

    def _write_pdf(self, summary: VisitSummary) -> None:
        folder = Path(self._model.data_dir) / "summaries"
        path = folder / f"{summary.encounter_number}-{summary.language}.pdf"
        self._bridge.when_done(
            write_visit_pdf_async(summary, path), self._printed, self._print_failed
        )

    def _printed(self, path: Path) -> None:
        self.print_button.setEnabled(True)
        shown = str(path)
        self._show_message(lambda _lang: self.tr("The summary is ready: {path}").format(path=shown))
        self.summary_printed.emit(shown)

    def _print_failed(self, error: BaseException) -> None:
        self.print_button.setEnabled(True)
        log.error("printing a visit summary failed: %s", type(error).__name__)
        self._show_message(
            lambda _lang: self.tr("The summary could not be written; please try again.")
        )

    # -- language ------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("Back"))
        self.back_button.setAccessibleName(self.tr("Back to the previous screen"))
        self.print_button.setText(self.tr("Print summary"))
        self.print_button.setAccessibleName(self.tr("Print the summary of the chosen visit"))
        self.detail.setAccessibleName(self.tr("The chosen visit"))
        self.message.setAccessibleName(self.tr("Messages"))
        self._render()
        if self._message is not None:
            self._show_message(self._message)

    def _show_message(self, text: Any) -> None:
        self._message = text
        self.message.setText("" if text is None else text(screen_language()))

    # -- rendering -----------------------------------------------------------------------

    def _render(self) -> None:
        history = self._history
        clear_layout(self.visit_rows)
        if history is None:
            self.header.setText(self.tr("Loading…") if self._patient_id else "")
            self.detail.setText("")
            self._render_plots()
            return
        self.header.setText(self._header_text(history))
        locale = locale_for(screen_language())
        for visit in history.visits:
            self.visit_rows.addWidget(self._visit_button(visit, locale))
        if not history.visits:
            self.visit_rows.addWidget(QLabel(self.tr("No saved visits yet.")))
        self._render_detail()
        if TREND_MODULE in sys.modules:
            self._render_plots()
        else:  # the first import of pyqtgraph takes a while: show the visits first
            QTimer.singleShot(FIRST_PLOT_DELAY_MS, self, self._render_plots)

    def _header_text(self, history: PatientHistory) -> str:
        top = history.header
        parts = [top.name]
        if top.birth_date is not None:
            born = format_date(locale_for(screen_language()), top.birth_date)
            parts.append(("~" if top.birth_date_estimated else "") + born)
        if top.age_years is not None:
            parts.append(self.tr("{years} years").format(years=top.age_years))
        if top.village:
            parts.append(top.village)
        return " · ".join(parts)

    def _band(self, visit: VisitEntry, language: str) -> str:
        if visit.score_kind == "news2":
            key = (
                f"screens.band.{visit.score_band}"
                if visit.score_band
                else "screens.band.incomplete"
            )
            band = translate(key, language)
            return band if visit.score_total is None else f"NEWS2 {visit.score_total} · {band}"
        return translate(
            "screens.band.imci" if visit.score_kind == "imci" else "screens.band.none", language
        )

    def _visit_button(self, visit: VisitEntry, locale: Any) -> QWidget:
        when, band = format_datetime(locale, visit.started_at), self._band(visit, screen_language())
        text = f"{when} · {band}"
        button = row_button("historyVisitRow", [when, band])
        button.setAccessibleName(self.tr("Show the visit of {when}").format(when=text))
        encounter_id = visit.encounter_id
        button.clicked.connect(lambda _checked=False: self.select_visit(encounter_id))
        return button

    def _render_detail(self) -> None:
        visit = self._selected
        if visit is None:
            self.detail.setText("")
            return
        language = screen_language()
        locale = locale_for(language)
        when = format_datetime(locale, visit.started_at)
        lines = [f"{visit.number} · {when} · {self._band(visit, language)}"]
        for value in visit.values:
            number = format_number(locale, value.number, value.places)
            label = translate(f"screens.vital.{value.reading_type}", language)
            lines.append(f"{label}: {number} {unit_symbol(value.unit, language)}")
        if visit.complaints or visit.complaint_text:
            chosen = [complaints.display(code, language) for code in visit.complaints]
            lines.append(
                "; ".join([*chosen, visit.complaint_text] if visit.complaint_text else chosen)
            )
        self.detail.setText("\n".join(lines))

    def _render_plots(self) -> None:
        series = () if self._history is None else self._history.series
        if not series and not self.plots:
            return
        trend_plot = importlib.import_module(TREND_MODULE)  # pyqtgraph: first use only
        while len(self.plots) < len(series):
            plot = trend_plot.TrendPlot()
            index = len(self.plots)
            self.plot_grid.addWidget(plot, index // PLOT_COLUMNS, index % PLOT_COLUMNS)
            self.plots.append(plot)
        language = screen_language()
        for plot, one in zip(self.plots, series, strict=False):
            name = translate(f"screens.vital.{one.reading_type}", language)
            title = f"{name}, {unit_symbol(one.unit, language)}"
            plot.show_series(one, title)
            plot.show()
        for plot in self.plots[len(series) :]:
            plot.hide()
