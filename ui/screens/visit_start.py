"""Two small pages of the visit workflow: the question "continue the unfinished visit of …?"
after a crash or power cut, and the plain start page used when the home screen is not
installed (one big "New visit" button)."""

from __future__ import annotations

from kiosk.i18n import translate
from ui.qt import QEvent, QHBoxLayout, QLabel, Qt, QVBoxLayout, QWidget, Signal
from ui.screens.visit_style import action_button


class ResumePage(QWidget):
    resume_chosen = Signal()
    discard_chosen = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = ""
        self.language = "en"
        self.question = QLabel()
        self.question.setObjectName("resumeQuestion")
        self.question.setWordWrap(True)
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.resume_button = action_button("resumeButton")
        self.discard_button = action_button("discardButton")
        self.resume_button.clicked.connect(self.resume_chosen.emit)
        self.discard_button.clicked.connect(self.discard_chosen.emit)
        buttons = QHBoxLayout()
        buttons.setSpacing(24)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.resume_button)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.question)
        layout.addSpacing(24)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.retranslate()

    def ask(self, label: str, language: str) -> None:
        self.label, self.language = label, language
        self.retranslate()

    def set_language(self, language: str) -> None:
        self.language = language
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        name = self.label or "—"
        self.question.setText(translate("draft.resume_question", self.language, name=name))
        self.resume_button.setText(self.tr("Continue the visit"))
        self.resume_button.setAccessibleName(self.tr("Continue the unfinished visit"))
        self.discard_button.setText(self.tr("Discard it"))
        self.discard_button.setAccessibleName(self.tr("Discard the unfinished visit"))


class StartPage(QWidget):
    """The start page when ``ui.screens.home`` is not installed."""

    start_visit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.new_visit_button = action_button("newVisitButton")
        self.new_visit_button.setMinimumSize(360, 96)
        self.new_visit_button.clicked.connect(self.start_visit_requested.emit)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.new_visit_button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.new_visit_button.setText(self.tr("New visit"))
        self.new_visit_button.setAccessibleName(self.tr("Start a new visit"))
