"""Find or register a patient: search as you type, big result rows, a registration form
with live IIN checks, estimated ages, the patient's language and duplicate warnings.

A thin view of :class:`kiosk.patient_finder.FinderModel`. Typing restarts a short timer
(:data:`DEBOUNCE_MS`); when it fires the search runs on the reader thread, and an answer
to an older query than the newest is dropped (``FinderModel.requests``). The form's live
remarks (:func:`kiosk.patient_finder.check_form`) are pure and cheap, so they run on every
keystroke. Registering runs on the writer; when the registry stops for duplicate warnings,
the look-alike patients are listed to be chosen instead, beside "Register anyway".

Signals: ``patient_chosen(patient_id)`` after choosing *or* registering a patient, and
``cancelled()``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from kiosk.domain import Sex
from kiosk.errors import UserFacingError
from kiosk.i18n import translate
from kiosk.patient_finder import (
    Feedback,
    FinderModel,
    FinderRow,
    RegisterOutcome,
    RegistrationForm,
    check_form,
)
from ui.bridge import QtBridge
from ui.device_tile import set_style_state
from ui.qt import (
    QButtonGroup,
    QEvent,
    QGridLayout,
    QHBoxLayout,
    QStackedWidget,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.screens.home import scrolling
from ui.screens.patient_language import PatientLanguageChoice
from ui.screens.screen_kit import (
    SCREENS_STYLE,
    clear_layout,
    format_date,
    format_shown,
    locale_for,
    row_button,
    screen_language,
    show_page,
    text_label,
    touch_button,
    touch_field,
)
from ui.style import STYLE_SHEET

log = logging.getLogger(__name__)

DEBOUNCE_MS = 250
FORM_FIELDS = ("family", "given", "patronymic", "birth_date", "age", "iin", "address", "phone")


class PatientFinder(QWidget):
    patient_chosen = Signal(str)
    cancelled = Signal()

    def __init__(self, model: FinderModel, bridge: QtBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("patientFinder")
        self.setStyleSheet(STYLE_SHEET + SCREENS_STYLE)
        self._model = model
        self._bridge = bridge
        self._results: list[FinderRow] | None = None
        self._outcome: RegisterOutcome | None = None
        self._message: Callable[[str], str] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._search)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._search_page())
        self.pages.addWidget(self._register_page())
        root = QVBoxLayout(self)
        root.setContentsMargins(16, 8, 16, 10)
        root.addWidget(self.pages)
        self.retranslate()

    # -- search page ---------------------------------------------------------------------

    def _search_page(self) -> QWidget:
        page = QWidget()
        self.search_field = touch_field("searchField")
        self.search_field.textChanged.connect(lambda _text: self._timer.start())
        self.cancel_button = touch_button("cancelButton")
        self.cancel_button.clicked.connect(self.cancelled.emit)
        self.search_status = text_label("searchStatus")
        self.register_new_button = touch_button("registerNewButton")
        self.register_new_button.clicked.connect(self.show_registration)
        self.result_rows = QVBoxLayout()
        holder = QWidget()
        outer = QVBoxLayout(holder)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self.result_rows)
        outer.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.search_field, 1)
        top.addWidget(self.cancel_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.search_status, 1)
        bottom.addWidget(self.register_new_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(scrolling(holder, "resultList"), 1)
        layout.addLayout(bottom)
        return page

    def _search(self) -> None:
        text = self.search_field.text()
        self.search_status.setText(self.tr("Searching…") if len(text.strip()) >= 2 else "")
        self._bridge.when_done(self._model.search(text), self._found, self._failed)

    def _found(self, answer: tuple[int, list[FinderRow]]) -> None:
        ticket, found = answer
        if not self._model.requests.is_current(ticket):
            return  # a newer query is on its way
        self._results = found
        self._render_results()

    def _failed(self, error: BaseException) -> None:
        log.warning("patient search failed: %s", type(error).__name__)
        self.search_status.setText(self.tr("The search failed; please try again."))

    def _render_results(self) -> None:
        clear_layout(self.result_rows)
        found = self._results
        if found is None:
            return
        for row in found:
            self.result_rows.addWidget(self._row_button(row, "resultRow"))
        typed = len(self.search_field.text().strip()) >= 2
        if not found and typed:
            self.search_status.setText(self.tr("No patient found. Register a new one?"))
        else:
            self.search_status.setText(
                self.tr("Patients found: {count}").format(count=len(found)) if typed else ""
            )

    def row_lines(self, row: FinderRow) -> list[str]:
        """Two lines: who (name, age, birth date), then where and when last seen."""
        locale = locale_for(screen_language())
        who = [row.name]
        if row.age_years is not None:
            years = self.tr("{years} years").format(years=row.age_years)
            who.append(("~" + years) if row.birth_date_estimated else years)
        if row.birth_date is not None:
            who.append(format_date(locale, row.birth_date))
        where = [row.village] if row.village else []
        if row.last_visit is not None:
            last = format_shown(locale, row.last_visit.date())
            where.append(self.tr("last visit {date}").format(date=last))
        else:
            where.append(self.tr("no visits yet"))
        return [" · ".join(who), " · ".join(where)]

    def row_text(self, row: FinderRow) -> str:
        return " · ".join(self.row_lines(row))

    def _row_button(self, row: FinderRow, name: str) -> QWidget:
        button = row_button(name, self.row_lines(row))
        button.setAccessibleName(self.tr("Choose {patient}").format(patient=self.row_text(row)))
        patient_id = row.patient_id
        button.clicked.connect(lambda _checked=False: self._choose(patient_id))
        return button

    def _choose(self, patient_id: str) -> None:
        """Hand the patient over, then start clean for the next one."""
        self.patient_chosen.emit(patient_id)
        self.reset()

    def reset(self) -> None:
        """An empty search and an empty form, on the search page."""
        self.search_field.clear()
        self._timer.stop()  # clearing restarted it
        self._model.requests.next()  # answers still on their way are no longer wanted
        for line in self.fields.values():
            line.clear()
        self._sex_group.setExclusive(False)
        for button in self.sex_buttons.values():
            button.setChecked(False)
        self._sex_group.setExclusive(True)
        self.language_choice.reset()
        self._results, self._outcome = None, None
        self._show_message(None)
        self._check()
        self._render_results()
        self.search_status.setText("")
        show_page(self.pages, 0)

    # -- registration page ---------------------------------------------------------------

    def _register_page(self) -> QWidget:
        page = QWidget()
        self.fields = {name: touch_field(f"{name}Field") for name in FORM_FIELDS}
        self.field_labels = {name: text_label(f"{name}Label", "fieldLabel") for name in FORM_FIELDS}
        self.sex_buttons = {sex: touch_button(f"sex_{sex}") for sex in (Sex.MALE, Sex.FEMALE)}
        self._sex_group = QButtonGroup(self)
        for button in self.sex_buttons.values():
            button.setCheckable(True)
            self._sex_group.addButton(button)
            button.toggled.connect(lambda _on: self._check())
        for line in self.fields.values():
            line.textChanged.connect(lambda _text: self._check())
        self.language_choice = PatientLanguageChoice()
        self.feedback = text_label("formFeedback", "feedback")
        self.message = text_label("message")
        self.candidate_rows = QVBoxLayout()
        self.back_button = touch_button("backToSearchButton")
        self.back_button.clicked.connect(self.show_search)
        self.register_button = touch_button("registerButton")
        self.register_button.clicked.connect(lambda _checked=False: self.register())
        self.confirm_button = touch_button("confirmButton")
        self.confirm_button.clicked.connect(self._register_anyway)
        self.confirm_button.hide()
        grid = QGridLayout()
        places = {"family": (0, 0), "given": (0, 1), "patronymic": (0, 2), "birth_date": (2, 0),
                  "age": (2, 1), "iin": (2, 2), "address": (4, 0), "phone": (4, 1)}  # fmt: skip
        for name, (row, column) in places.items():
            self.field_labels[name].setBuddy(self.fields[name])
            grid.addWidget(self.field_labels[name], row, column)
            grid.addWidget(self.fields[name], row + 1, column)
        sexes = QHBoxLayout()
        for button in self.sex_buttons.values():
            sexes.addWidget(button)
        grid.addLayout(sexes, 5, 2)
        grid.addWidget(self.language_choice, 5, 0, 1, 2)  # beside the sex: no extra row
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.register_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addWidget(self.feedback)
        layout.addWidget(self.message)
        layout.addLayout(self.candidate_rows)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    def show_registration(self) -> None:
        """The form, with the name words of the search already in it."""
        words = [w for w in self.search_field.text().split() if not any(c.isdigit() for c in w)]
        if words and not self.fields["family"].text():
            self.fields["family"].setText(words[0])
            self.fields["given"].setText(" ".join(words[1:2]))
        show_page(self.pages, 1)
        self.fields["family"].setFocus()

    def show_search(self) -> None:
        show_page(self.pages, 0)
        self.search_field.setFocus()

    def form(self) -> RegistrationForm:
        checked = [sex for sex, button in self.sex_buttons.items() if button.isChecked()]
        values = {name: line.text() for name, line in self.fields.items()}
        sex = checked[0] if checked else Sex.UNKNOWN
        return RegistrationForm(sex=sex, language=self.language_choice.language(), **values)

    def _check(self) -> None:
        self._outcome = None
        self.confirm_button.hide()
        clear_layout(self.candidate_rows)
        self._render_feedback()

    def _render_feedback(self) -> None:
        today = dt.date.today()
        remarks = check_form(self.form(), today)
        language = screen_language()
        locale = locale_for(language)
        self.feedback.setText("\n".join(self._remark(r, language, locale) for r in remarks))
        levels = {r.level for r in remarks}
        worst = next((lv for lv in ("error", "warning", "note") if lv in levels), "none")
        set_style_state(self.feedback, "level", worst)

    def _remark(self, remark: Feedback, language: str, locale: Any) -> str:
        params = dict(remark.params)
        if isinstance(params.get("birth_date"), dt.date):
            params["birth_date"] = format_date(locale, params["birth_date"])
        if "sex" in params:
            params["sex"] = translate(f"screens.sex.{params['sex']}", language)
        return translate(remark.key, language, **params)

    def register(self, acknowledge: tuple[str, ...] = ()) -> None:
        if not self.register_button.isEnabled():
            return  # one registration at a time
        self.register_button.setEnabled(False)
        self.confirm_button.setEnabled(False)
        self._show_message(None)
        future = self._model.register(self.form(), acknowledge)
        self._bridge.when_done(future, self._registered, self._register_failed)

    def _register_anyway(self) -> None:
        if self._outcome is not None:
            self.register(self._outcome.warnings)

    def _registered(self, outcome: RegisterOutcome) -> None:
        self.register_button.setEnabled(True)
        self.confirm_button.setEnabled(True)
        if outcome.patient_id is not None:
            self._choose(outcome.patient_id)
            return
        self._outcome = outcome
        self._render_outcome()

    def _render_outcome(self) -> None:
        outcome = self._outcome
        clear_layout(self.candidate_rows)
        if outcome is None:
            return
        self._show_message(
            lambda lang: "\n".join(translate(w, lang, system="IIN") for w in outcome.warnings)
        )
        for row in outcome.candidates:
            self.candidate_rows.addWidget(self._row_button(row, "candidateRow"))
        self.confirm_button.setVisible(not outcome.duplicate_identifier)

    def _register_failed(self, error: BaseException) -> None:
        self.register_button.setEnabled(True)
        self.confirm_button.setEnabled(True)
        if isinstance(error, UserFacingError):
            key, params = error.key, error.params
            self._show_message(lambda lang: translate(key, lang, **params))
            return
        log.error("registering a patient failed", exc_info=error)
        self._show_message(
            lambda _lang: self.tr(
                "The patient could not be registered. Nothing was stored; please try again."
            )
        )

    def _show_message(self, text: Callable[[str], str] | None) -> None:
        self._message = text
        self.message.setText("" if text is None else text(screen_language()))

    def hideEvent(self, event: Any) -> None:
        self._timer.stop()  # a hidden finder searches nothing
        super().hideEvent(event)

    # -- language ------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.search_field.setPlaceholderText(self.tr("Name, IIN, phone or birth year"))
        self.search_field.setAccessibleName(self.tr("Search for a patient"))
        labels = {
            "family": self.tr("Family name"),
            "given": self.tr("Given name"),
            "patronymic": self.tr("Patronymic"),
            "birth_date": self.tr("Birth date (DD.MM.YYYY)"),
            "age": self.tr("…or age, e.g. about 45"),
            "iin": self.tr("IIN"),
            "address": self.tr("Village"),
            "phone": self.tr("Phone"),
        }
        for name, text in labels.items():
            self.field_labels[name].setText(text)
            self.fields[name].setAccessibleName(text)
        self.fields["iin"].setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        buttons = [
            (self.cancel_button, self.tr("Cancel"), self.tr("Cancel and go back")),
            (self.register_new_button, self.tr("Register a new patient"), None),
            (self.sex_buttons[Sex.MALE], self.tr("Male"), self.tr("Sex: male")),
            (self.sex_buttons[Sex.FEMALE], self.tr("Female"), self.tr("Sex: female")),
            (self.back_button, self.tr("Back to search"), self.tr("Back to the search")),
            (self.register_button, self.tr("Register"), self.tr("Register this patient")),
            (self.confirm_button, self.tr("Register anyway"),
             self.tr("Register as a new patient despite the warnings")),
        ]  # fmt: skip
        for button, text, name in buttons:
            button.setText(text)
            button.setAccessibleName(name or text)
        self.feedback.setAccessibleName(self.tr("Checks of the form"))
        self.message.setAccessibleName(self.tr("Messages"))
        self._render_results()
        self._render_feedback()
        if self._message is not None:
            self._show_message(self._message)
        self._render_outcome()
