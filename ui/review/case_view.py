"""The case of one request: who, what the nurse asks, NEWS2, vitals and their trends,
complaints, labs and photos (data from :class:`~sync.specialist_model.Case`).

Three tabs: the summary (patient, question, NEWS2 with its band in words, this visit's vitals
beside the earlier visits' values, trend plots), complaints and lab results, and photos
(:class:`~ui.review.photos.ReviewPhotoPanel`).
"""

from __future__ import annotations

from sync.specialist_model import Case, Reading
from ui.qt import (
    QAbstractItemView,
    QEvent,
    QFrame,
    QHeaderView,
    QLabel,
    QScrollArea,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from ui.review.labels import news2_band_label, reading_label, when_label
from ui.review.photos import ReviewPhotoPanel
from ui.review.reply_attachments import ReviewReplyAttachments
from ui.review.trends import trend_plot

NEWS2_COLOURS = {"low": "#e6f4ea", "low-medium": "#fff1d6", "medium": "#ffe0b2", "high": "#fde2e1"}


class ReviewCaseView(QTabWidget):
    """Shows one :class:`Case`; empty until :meth:`show_case`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.case: Case | None = None
        self.patient = self._label("reviewPatient")
        self.question = self._label("reviewQuestion")
        self.question.setFrameShape(QFrame.Shape.Box)
        self.conversation = self._label("reviewConversation")
        self.reply_attachments = ReviewReplyAttachments(self)  # under the nurse's replies
        self.news2 = self._label("reviewNews2")
        self.vitals = QTableWidget(0, 4, self)
        self.vitals.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.vitals.verticalHeader().setVisible(False)
        self.vitals.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.vitals.setMinimumHeight(180)
        self.trends = QWidget(self)
        self.trends_layout = QVBoxLayout(self.trends)
        self.complaints = self._label("reviewComplaints")
        self.labs = self._label("reviewLabs")
        self.photos = ReviewPhotoPanel(self)
        self._build_tabs()
        self._translate()

    def _label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def _build_tabs(self) -> None:
        summary = QWidget(self)
        column = QVBoxLayout(summary)
        top = (self.patient, self.question, self.conversation, self.reply_attachments, self.news2)
        for widget in (*top, self.vitals, self.trends):
            column.addWidget(widget)
        column.addStretch(1)
        self.addTab(_scrolling(summary), "")
        details = QWidget(self)
        column = QVBoxLayout(details)
        self.complaints_title = QLabel(self)
        self.labs_title = QLabel(self)
        for widget in (self.complaints_title, self.complaints, self.labs_title, self.labs):
            column.addWidget(widget)
        column.addStretch(1)
        self.addTab(_scrolling(details), "")
        self.addTab(self.photos, "")

    def _translate(self) -> None:
        self.setTabText(0, self.tr("Summary"))
        self.setTabText(1, self.tr("Complaints and labs"))
        self.setTabText(2, self.tr("Photos"))
        self.vitals.setHorizontalHeaderLabels(
            [
                self.tr("Reading"),
                self.tr("This visit"),
                self.tr("Earlier visits"),
                self.tr("Measured"),
            ]
        )
        self.complaints_title.setText(self.tr("Complaints"))
        self.labs_title.setText(self.tr("Lab results"))
        self.show_case(self.case)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._translate()
        super().changeEvent(event)

    def show_case(self, case: Case | None) -> None:
        """Fill every part from ``case`` (None: empty)."""
        self.case = case
        if case is None:
            for label in (self.patient, self.question, self.conversation, self.news2):
                label.clear()
            self.complaints.clear()
            self.labs.clear()
            self.vitals.setRowCount(0)
            self._show_trends(None)
            self.photos.show_photos((), ())
            self.reply_attachments.show_thread(())
            return
        self.patient.setText(self._patient_text(case))
        question = self.tr("Question from the nurse: {0}").format(case.item.question)
        self.question.setText("\n".join((question, *case.item.notes)))  # notes as written
        self.conversation.setText(self._thread_text(case))
        self.conversation.setVisible(bool(case.thread))
        self.reply_attachments.show_thread(case.thread)
        self._show_news2(case)
        self._show_vitals(case)
        self._show_trends(case)
        self.complaints.setText(
            "\n".join(f"{q}: {self._answer(a)}" for q, a in case.complaints)
            or self.tr("No complaint form was sent.")
        )
        labs = [
            f"{reading_label(r.code, r.label)}: {r.text} ({when_label(r.when)})" for r in case.labs
        ]
        self.labs.setText("\n".join([*labs, *case.lab_conclusions]) or self.tr("No lab results."))
        self.photos.show_photos(case.photos, case.earlier_photos)

    def _thread_text(self, case: Case) -> str:
        """The questions to the nurse and her replies, oldest first, as written."""
        lines = []
        for message in case.thread:
            when = when_label(message.sent)
            if message.role == "reply":
                lines.append(self.tr("The nurse replied ({0}): {1}").format(when, message.text))
            else:
                who = message.sender or "—"
                lines.append(self.tr("{0} asked ({1}): {2}").format(who, when, message.text))
        return "\n".join(lines)

    def _answer(self, answer: str) -> str:
        """A yes/no answer of the complaint form in the console's language."""
        return {"yes": self.tr("yes"), "no": self.tr("no")}.get(answer, answer)

    def _patient_text(self, case: Case) -> str:
        sex = {"male": self.tr("male"), "female": self.tr("female")}.get(case.patient_gender, "—")
        return self.tr("{0}, {1}, born {2}. Visit {3}. Complaint: {4}").format(
            case.patient_name or "—",
            sex,
            case.patient_birth_date or "—",
            when_label(case.encounter_start),
            case.complaint or "—",
        )

    def _show_news2(self, case: Case) -> None:
        if case.news2_score is None:
            self.news2.setText(self.tr("NEWS2: not sent (incomplete vital signs)"))
            self.news2.setStyleSheet("")
            return
        band = news2_band_label(case.news2_band) if case.news2_band else ""
        self.news2.setText(self.tr("NEWS2: {0} — {1}").format(case.news2_score, band or "—"))
        colour = NEWS2_COLOURS.get(case.news2_band.casefold(), "#ffffff")
        self.news2.setStyleSheet(f"background: {colour}; font-weight: bold; padding: 6px;")

    def _show_vitals(self, case: Case) -> None:
        self.vitals.setRowCount(len(case.vitals))
        for row, reading in enumerate(case.vitals):
            earlier = [r for r in case.trend(reading.code) if r.encounter != reading.encounter]
            cells = (
                reading_label(reading.code, reading.label),
                reading.text,
                "; ".join(f"{r.text} ({when_label(r.when)})" for r in earlier) or "—",
                when_label(reading.when),
            )
            for column, text in enumerate(cells):
                self.vitals.setItem(row, column, QTableWidgetItem(text))

    def _show_trends(self, case: Case | None) -> None:
        while self.trends_layout.count():
            taken = self.trends_layout.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.deleteLater()
        if case is None:
            return
        for reading in case.vitals:
            title = reading_label(reading.code, reading.label)
            plot = trend_plot(title, _by_visit(case.trend(reading.code)), self.trends)
            if plot is not None:
                self.trends_layout.addWidget(plot)

    def trend_count(self) -> int:
        return self.trends_layout.count()


def _by_visit(readings: list[Reading]) -> list[Reading]:
    """The last reading of each visit (a visit may hold repeated measurements)."""
    last: dict[str | None, Reading] = {}
    for reading in readings:
        last[reading.encounter] = reading
    return sorted(last.values(), key=lambda r: r.when.timestamp() if r.when else 0.0)


def _scrolling(content: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(content)
    return area
