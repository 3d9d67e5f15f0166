"""The specialist's question to the nurse ("Ask the nurse"), instead of an answer.

A text field and "Send the question"; the window sends it (:meth:`ReviewWindow.send_question
<ui.review.window.ReviewWindow.send_question>`), which puts the Task ``on-hold`` until the
nurse replies from the kiosk (:mod:`sync.specialist_thread`). What is typed stays in the
field until the server has confirmed it.
"""

from __future__ import annotations

from ui.qt import (
    QEvent,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    Signal,
)

CONTROL_HEIGHT = 48


class ReviewAskPanel(QWidget):
    """The question form; ``send_requested`` when the specialist presses Send."""

    send_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewAskPanel")
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("reviewAskText")
        self.text.setMinimumHeight(70)
        self.text.setMaximumHeight(110)
        self.send_button = QPushButton(self)
        self.send_button.setObjectName("reviewAskSend")
        self.send_button.setMinimumHeight(CONTROL_HEIGHT)
        self.send_button.clicked.connect(self.send_requested.emit)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.title)
        row = QHBoxLayout()
        row.addWidget(self.text, 1)
        row.addWidget(self.send_button)
        column.addLayout(row)
        self._translate()

    def _translate(self) -> None:
        self.title.setText(
            self.tr(
                "Your question for the nurse (for example: measure the temperature again, "
                "send a photo). The request waits until she replies."
            )
        )
        self.text.setAccessibleName(self.tr("The question for the nurse"))
        self.send_button.setText(self.tr("Send the question"))
        self.send_button.setAccessibleName(self.tr("Send the question to the nurse"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._translate()
        super().changeEvent(event)

    def question(self) -> str:
        return self.text.toPlainText().strip()

    def clear(self) -> None:
        self.text.clear()
