"""Photos of the case, full size with zoom, and side by side with an earlier photo.

:class:`ReviewPhotoView` is a :class:`QGraphicsView` that shows one image at any zoom (mouse
wheel, the buttons, or the keys ``+`` ``-`` ``0`` ``1``) and can be dragged around.
:class:`ReviewPhotoPanel` lists this visit's photos and the patient's earlier ones; with
"Compare" on, a second view shows the earlier photo beside the chosen one, and both zoom
together so the same area is compared at the same scale.
"""

from __future__ import annotations

from sync.specialist_model import Photo
from ui.qt import (
    QCheckBox,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QKeyEvent,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPainter,
    QPixmap,
    QPushButton,
    QSplitter,
    Qt,
    QVBoxLayout,
    QWheelEvent,
    QWidget,
    Signal,
)
from ui.review.labels import when_label

ZOOM_STEP = 1.25
MIN_SCALE, MAX_SCALE = 0.05, 16.0
BUTTON_HEIGHT = 48


class ReviewPhotoView(QGraphicsView):
    """One photo; ``zoomed(scale)`` whenever the scale changes."""

    zoomed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setMinimumSize(240, 200)
        self.setAccessibleName(self.tr("Photo"))
        self._item: QGraphicsPixmapItem | None = None
        self.scale_factor = 1.0

    def show_photo(self, photo: Photo | None) -> bool:
        """Show ``photo`` at 100 %; False (and an empty view) when it cannot be decoded."""
        self.scene().clear()
        self._item = None
        if photo is None:
            return False
        pixmap = QPixmap()
        if not pixmap.loadFromData(photo.data):
            return False
        self._item = self.scene().addPixmap(pixmap)
        self.scene().setSceneRect(self._item.boundingRect())
        self.set_scale(1.0)
        return True

    def pixmap_size(self) -> tuple[int, int] | None:
        if self._item is None:
            return None
        size = self._item.pixmap().size()
        return size.width(), size.height()

    def set_scale(self, scale: float) -> None:
        scale = min(MAX_SCALE, max(MIN_SCALE, scale))
        self.resetTransform()
        self.scale(scale, scale)
        if scale != self.scale_factor:
            self.scale_factor = scale
            self.zoomed.emit(scale)

    def zoom_in(self) -> None:
        self.set_scale(self.scale_factor * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_scale(self.scale_factor / ZOOM_STEP)

    def fit(self) -> None:
        """The whole photo in the view."""
        if self._item is None:
            return
        rect = self._item.boundingRect()
        viewport = self.viewport().size()
        if rect.width() and rect.height():
            self.set_scale(min(viewport.width() / rect.width(), viewport.height() / rect.height()))

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.angleDelta().y() > 0:
            self.zoom_in()
        elif event.angleDelta().y() < 0:
            self.zoom_out()
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        actions = {
            Qt.Key.Key_Plus: self.zoom_in,
            Qt.Key.Key_Equal: self.zoom_in,
            Qt.Key.Key_Minus: self.zoom_out,
            Qt.Key.Key_0: self.fit,
            Qt.Key.Key_1: lambda: self.set_scale(1.0),
        }
        action = actions.get(Qt.Key(event.key()))
        if action is None:
            super().keyPressEvent(event)
        else:
            action()


class ReviewPhotoPanel(QWidget):
    """This visit's photos and the earlier ones, one view or two side by side."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.photos: list[Photo] = []
        self.earlier: list[Photo] = []
        self.main_view = ReviewPhotoView(self)
        self.compare_view = ReviewPhotoView(self)
        self.compare_view.hide()
        self.current_list = self._list(self.tr("Photos of this visit"))
        self.earlier_list = self._list(self.tr("Earlier photos"))
        self.compare = QCheckBox(self.tr("Compare with an earlier photo"), self)
        self.compare.setMinimumHeight(BUTTON_HEIGHT)
        self.compare.toggled.connect(self._toggle_compare)
        self.empty = QLabel(self.tr("No photos were sent with this request."), self)
        self.current_list.currentRowChanged.connect(self._show_current)
        self.earlier_list.currentRowChanged.connect(self._show_earlier)
        self.main_view.zoomed.connect(self._follow_zoom)
        self._layout()

    def _list(self, name: str) -> QListWidget:
        shown = QListWidget(self)
        shown.setAccessibleName(name)
        shown.setMaximumHeight(64)
        return shown

    def _layout(self) -> None:
        buttons = QHBoxLayout()
        for text, slot in (
            (self.tr("Zoom in"), self.zoom_in),
            (self.tr("Zoom out"), self.zoom_out),
            (self.tr("Fit"), self.fit),
            (self.tr("Actual size"), lambda: self.main_view.set_scale(1.0)),
        ):
            button = QPushButton(text, self)
            button.setMinimumHeight(BUTTON_HEIGHT)
            button.setAccessibleName(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addWidget(self.compare)
        buttons.addStretch(1)
        lists = QHBoxLayout()
        lists.addWidget(self.current_list)
        lists.addWidget(self.earlier_list)
        views = QSplitter(Qt.Orientation.Horizontal, self)
        views.addWidget(self.main_view)
        views.addWidget(self.compare_view)
        column = QVBoxLayout(self)
        column.addWidget(self.empty)
        column.addLayout(lists)
        column.addLayout(buttons)
        column.addWidget(views, 1)

    def show_photos(self, photos: tuple[Photo, ...], earlier: tuple[Photo, ...]) -> None:
        self.photos, self.earlier = list(photos), list(earlier)
        for shown, items in ((self.current_list, self.photos), (self.earlier_list, self.earlier)):
            shown.blockSignals(True)
            shown.clear()
            for photo in items:
                label = " — ".join(p for p in (photo.title, when_label(photo.when)) if p)
                shown.addItem(QListWidgetItem(label))
            shown.blockSignals(False)
        self.empty.setVisible(not self.photos and not self.earlier)
        self.compare.setEnabled(bool(self.earlier))
        if not self.earlier:
            self.compare.setChecked(False)
        self.current_list.setCurrentRow(0 if self.photos else -1)
        self.earlier_list.setCurrentRow(0 if self.earlier else -1)
        self._show_current(self.current_list.currentRow())
        self._show_earlier(self.earlier_list.currentRow())

    def _show_current(self, row: int) -> None:
        self.main_view.show_photo(self.photos[row] if 0 <= row < len(self.photos) else None)

    def _show_earlier(self, row: int) -> None:
        photo = self.earlier[row] if 0 <= row < len(self.earlier) else None
        self.compare_view.show_photo(photo)
        self.compare_view.set_scale(self.main_view.scale_factor)

    def _toggle_compare(self, on: bool) -> None:
        self.compare_view.setVisible(on)

    def _follow_zoom(self, scale: float) -> None:
        self.compare_view.set_scale(scale)

    def zoom_in(self) -> None:
        self.main_view.zoom_in()

    def zoom_out(self) -> None:
        self.main_view.zoom_out()

    def fit(self) -> None:
        self.main_view.fit()
