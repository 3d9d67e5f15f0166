"""The window's bottom bar: the message area and the buttons of the page shown.

Messages are functions (called again when the language changes, so a message never stays in
the old language); errors are red, confirmations green, always with words. Which buttons
show depends on the page: the visit has Back, Cancel visit, Add photo and Review; the review
has Back to the visit and Save; other pages only the message.
"""

from __future__ import annotations

from collections.abc import Callable

from ui.device_tile import set_style_state
from ui.qt import QEvent, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from ui.style import TOUCH_HEIGHT

Message = Callable[[], str]
PAGE_BUTTONS = {
    "visit": ("nav_back", "cancel", "add_photo", "review"),
    "review": ("nav_back", "save"),
}


#: Pages with a bar of their own (the camera's buttons, the resume question).
NO_FOOTER = frozenset({"camera", "resume", "finder", "history", "consult", "consults", "sign_in"})


def _button(name: str, height: int = TOUCH_HEIGHT) -> QPushButton:
    button = QPushButton()
    button.setObjectName(name)
    button.setMinimumHeight(height)
    return button


class VisitFooter(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(TOUCH_HEIGHT)
        self.message.setMinimumWidth(1)
        self.nav_back = _button("navBackButton")
        self.cancel = _button("cancelVisitButton")
        self.add_photo = _button("addPhotoButton")
        self.photo_count = QLabel()
        self.photo_count.setObjectName("photoCount")
        self.review = _button("reviewButton")
        self.save = _button("saveButton")
        self.save.setMinimumWidth(200)
        photos = QHBoxLayout()
        photos.setContentsMargins(0, 0, 0, 0)
        photos.setSpacing(6)
        photos.addWidget(self.add_photo)
        photos.addWidget(self.photo_count)
        self._photos = QWidget()
        self._photos.setLayout(photos)
        # The message has the whole width above the buttons (shown only when there is one),
        # so a long translation is read in full rather than squeezed between buttons.
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        column.addWidget(self.message)
        row = QHBoxLayout()
        row.setSpacing(10)
        row.addWidget(self.nav_back)
        row.addWidget(self.cancel)
        row.addStretch(1)
        row.addWidget(self._photos)
        row.addWidget(self.review)
        row.addWidget(self.save)
        column.addLayout(row)
        self._message: Message | None = None
        self.confirming_cancel = False
        self.show_for("")
        self.show_message(None)

    def buttons(self) -> dict[str, QWidget]:
        return {
            "nav_back": self.nav_back,
            "cancel": self.cancel,
            "add_photo": self._photos,
            "review": self.review,
            "save": self.save,
        }

    def show_for(self, page: str) -> None:
        self.setVisible(page not in NO_FOOTER)
        shown = PAGE_BUTTONS.get(page, ())
        # Hide first, then show: a button shown while the last page's are still there would
        # widen the window for a moment, and a window never shrinks back by itself.
        for name, widget in self.buttons().items():
            if name not in shown:
                widget.setVisible(False)
        for name, widget in self.buttons().items():
            if name in shown:
                widget.setVisible(True)
        self.confirming_cancel = False
        self.retranslate()

    def show_message(self, text: Message | None, kind: str = "error") -> None:
        """Show a message (a function, so it can be shown again in another language)."""
        self._message = text
        set_style_state(self.message, "kind", kind if text is not None else "none")
        self.message.setText(text() if text is not None else "")
        self.message.setVisible(text is not None)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.nav_back.setText(self.tr("◂ Back"))
        self.nav_back.setAccessibleName(self.tr("Go back"))
        if self.confirming_cancel:
            self.cancel.setText(self.tr("Touch again to discard"))
        else:
            self.cancel.setText(self.tr("Cancel visit"))
        self.cancel.setAccessibleName(self.tr("Discard this visit"))
        self.add_photo.setText(self.tr("Add photo"))
        self.add_photo.setAccessibleName(self.tr("Take a photo for this visit"))
        self.review.setText(self.tr("Review ▸"))
        self.review.setAccessibleName(self.tr("Check everything before saving"))
        self.message.setAccessibleName(self.tr("Messages"))
        self.message.setText(self._message() if self._message is not None else "")

    def set_photo_count(self, count: int) -> None:
        self.photo_count.setText(self.tr("Photos: {count}").format(count=count))
