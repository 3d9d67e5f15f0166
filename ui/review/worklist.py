"""The worklist: open requests, most urgent first (the order :mod:`sync.specialist` gives).

A table with one row per request: urgency, specialty, deadline (marked when overdue),
status and the nurse's question. Refreshing keeps the selected request selected. Emergency
rows say so in words as well as in colour.
"""

from __future__ import annotations

import datetime as dt

from sync.specialist_model import WorkItem
from ui.qt import (
    QAbstractItemView,
    QBrush,
    QColor,
    QEvent,
    QHeaderView,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
    Signal,
)
from ui.review.labels import deadline_label, priority_label, specialty_label, status_label

URGENT_COLOURS = {"stat": "#fde2e1", "asap": "#fff1d6", "urgent": "#fff1d6"}
ROW_HEIGHT = 48


class ReviewWorklist(QTableWidget):
    """Rows of :class:`WorkItem`; ``item_chosen`` when the specialist picks one."""

    item_chosen = Signal(object)  # WorkItem

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 5, parent)
        self.setObjectName("reviewWorklist")
        self.setAccessibleName(self.tr("Open consultation requests"))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.items: list[WorkItem] = []
        self._now = dt.datetime.now(dt.UTC)
        self.itemSelectionChanged.connect(self._on_selection)
        self._set_headers()

    def _set_headers(self) -> None:
        self.setHorizontalHeaderLabels(
            [
                self.tr("Urgency"),
                self.tr("Specialty"),
                self.tr("Deadline"),
                self.tr("Status"),
                self.tr("Question"),
            ]
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._set_headers()
            self.show_items(self.items, self._now)
        super().changeEvent(event)

    def selected(self) -> WorkItem | None:
        rows = self.selectionModel().selectedRows() if self.selectionModel() else []
        return self.items[rows[0].row()] if rows and rows[0].row() < len(self.items) else None

    def show_items(self, items: list[WorkItem], now: dt.datetime) -> None:
        """Show ``items`` in their order; the selected request stays selected."""
        chosen = self.selected()
        self.blockSignals(True)
        try:
            self.items = list(items)
            self._now = now
            self.setRowCount(len(self.items))
            for row, item in enumerate(self.items):
                self._fill_row(row, item)
            self.clearSelection()
            keep = [
                i for i, item in enumerate(self.items) if chosen and item.task_id == chosen.task_id
            ]
            if keep:
                self.selectRow(keep[0])
        finally:
            self.blockSignals(False)
        if chosen and not keep:
            self.item_chosen.emit(None)

    def _fill_row(self, row: int, item: WorkItem) -> None:
        status = status_label(item.status)
        if item.status in ("requested", "received") and item.owner_display:
            status = item.owner_display
        cells = (
            priority_label(item.priority),
            specialty_label(item.specialty) if item.specialty else "—",
            deadline_label(item.deadline, self._now),
            status,
            item.question,
        )
        colour = URGENT_COLOURS.get(item.priority)
        for column, text in enumerate(cells):
            cell = QTableWidgetItem(text)
            cell.setToolTip(text)
            if colour:
                cell.setBackground(QBrush(QColor(colour)))
            if column == 0 and item.priority == "stat":
                font = cell.font()
                font.setBold(True)
                cell.setFont(font)
            cell.setData(Qt.ItemDataRole.UserRole, item.task_id)
            self.setItem(row, column, cell)

    def _on_selection(self) -> None:
        self.item_chosen.emit(self.selected())
