"""Under the nurse's reply in the case view: the new readings and photos she attached.

A reply (:class:`sync.specialist_thread.ThreadMessage`, read with
:func:`sync.specialist_thread.with_attachments`) may carry readings from a new visit and
photos: :class:`ReviewReplyAttachments` lists each reading as one line ("Temperature
38.4 °C", the label the case view uses for the visit's vitals) and shows each photo as a
thumbnail; the kiosk's note (a photo that could not be sent) is shown as written. Empty
and hidden when no reply carries anything.
"""

from __future__ import annotations

from sync.specialist_model import Message, Photo
from sync.specialist_thread import ThreadMessage
from ui.qt import QHBoxLayout, QLabel, QPixmap, Qt, QVBoxLayout, QWidget
from ui.review.labels import reading_label, when_label

THUMBNAIL_EDGE = 160


class ReviewReplyAttachments(QWidget):
    """The readings (lines) and photos (thumbnails) attached to the nurse's replies."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewReplyAttachments")
        self.lines = QLabel(self)
        self.lines.setObjectName("reviewReplyReadings")
        self.lines.setWordWrap(True)
        self.lines.setTextFormat(Qt.TextFormat.PlainText)
        self.strip = QHBoxLayout()
        self.strip.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(12, 0, 0, 0)
        column.addWidget(self.lines)
        column.addLayout(self.strip)
        self.thumbnails: list[QLabel] = []
        self.messages: tuple[Message, ...] = ()
        self.setVisible(False)

    def show_thread(self, thread: tuple[Message, ...]) -> None:
        """Show what the replies of ``thread`` carry (nothing: the widget hides)."""
        self.messages = thread
        replies = [
            m for m in thread if isinstance(m, ThreadMessage) and (m.readings or m.photos or m.note)
        ]
        lines: list[str] = []
        photos: list[Photo] = []
        for reply in replies:
            lines.append(
                self.tr("Sent with the nurse's reply ({0}):").format(when_label(reply.sent))
            )
            lines += [f"{reading_label(r.code, r.label)} {r.text}" for r in reply.readings]
            lines += [reply.note] if reply.note else []
            photos += reply.photos
        self.lines.setText("\n".join(lines))
        self._show_thumbnails(photos)
        self.setVisible(bool(replies))

    def _show_thumbnails(self, photos: list[Photo]) -> None:
        for label in self.thumbnails:
            self.strip.removeWidget(label)
            label.setParent(None)  # gone at once, not at the next event loop turn
            label.deleteLater()
        self.thumbnails = []
        for photo in photos:
            pixmap = QPixmap()
            label = QLabel(self)
            label.setObjectName("reviewReplyPhoto")
            if pixmap.loadFromData(photo.data):
                label.setPixmap(
                    pixmap.scaled(
                        THUMBNAIL_EDGE,
                        THUMBNAIL_EDGE,
                        Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation,
                    )
                )
            else:
                label.setText(self.tr("(the photo cannot be shown)"))
            name = self.tr("Photo from the nurse's reply ({0})").format(when_label(photo.when))
            label.setAccessibleName(name)
            label.setToolTip(name)
            self.strip.insertWidget(len(self.thumbnails), label)  # before the stretch
            self.thumbnails.append(label)
