"""The screens other parts of the kiosk provide, wired into the window when installed.

- Home (``ui.screens.home.HomeScreen`` on :class:`kiosk.home_model.HomeModel`): "New visit"
  starts the visit; a visit of today's list opens that patient's history; without it a plain
  start page (:class:`ui.screens.visit_start.StartPage`) is Home;
- the patient finder (``ui.screens.patient_finder.PatientFinder``): the patient it finds or
  registers becomes the visit's patient; without it the visit page has the patient's fields;
- the history (``ui.screens.history.HistoryScreen``): opened from Home;
- the consultation request of the review step (:mod:`ui.screens.visit_consult`), when
  :mod:`kiosk.consults` is installed.

A screen that cannot be imported or built is left out (logged without patient data), so
the window always works.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
from typing import TYPE_CHECKING, Any

from kiosk.i18n import translate
from kiosk.runtime import Runtime
from kiosk.visit_consult import ConsultChoice, consults_module, suggested_urgency
from kiosk.visit_form import Saved
from kiosk.visit_values import FIELDS_BY_KEY
from ui.bridge import QtBridge
from ui.qt import QWidget
from ui.screen_access import ScreenAccess
from ui.screens.visit_consult import ConsultPage
from ui.screens.visit_start import StartPage

if TYPE_CHECKING:
    from ui.main_window import MainWindow

log = logging.getLogger(__name__)


def build(module: str, screen: str, model_module: str, model: str, *args: Any) -> Any:
    """``screen(model(*args), ...)`` from their modules, or None when not installed."""
    try:
        screen_class = getattr(importlib.import_module(module), screen)
        model_class = getattr(importlib.import_module(model_module), model)
    except (ImportError, AttributeError) as error:
        log.info("%s is not installed: %s", screen, error)
        return None
    return screen_class, model_class(*args)


class OptionalScreens:
    def __init__(self, window: MainWindow, runtime: Runtime, bridge: QtBridge) -> None:
        self.window = window
        self.home: QWidget = self._home(runtime, bridge)
        window.add_page("home", self.home)
        self.finder = self._screen(
            "patient_finder", "PatientFinder", "patient_finder", "FinderModel", runtime, bridge
        )
        if self.finder is not None:
            window.add_page("finder", self.finder)
            self.finder.patient_chosen.connect(self.patient_found)
            self.finder.cancelled.connect(window.back)
        self.history = self._screen(
            "history", "HistoryScreen", "patient_history", "HistoryModel", runtime, bridge
        )
        if self.history is not None:
            window.add_page("history", self.history)
            self.history.back_requested.connect(window.back)
        self.consult = self._consult_page()
        self.consults = self._consults_screen(runtime, bridge)

    def _consults_screen(self, runtime: Runtime, bridge: QtBridge) -> Any:
        """The kiosk's consultations and their answers (``ui.screens.consults``), opened from
        Home's consultation alerts; nothing when it is not installed."""
        screen = self._screen(
            "consults", "ConsultsScreen", "consult_screen_model", "ConsultsModel", runtime, bridge
        )
        if screen is None:
            return None
        self.window.add_page("consults", screen)
        screen.back_requested.connect(self.window.back)
        opened = getattr(self.home, "consult_opened", None)
        if opened is not None:
            opened.connect(self.show_consult)
        self.consults_button = importlib.import_module("ui.screens.consults").add_to_home(self.home)
        if self.consults_button is not None:
            self.consults_button.clicked.connect(self.show_consults)
        return screen

    def show_consults(self) -> None:
        """Home's "Consultations": the list of the kiosk's requests."""
        if self.consults is not None:
            self.consults.show_list()
            self.window.go("consults")

    def show_consult(self, consult_id: str) -> None:
        if self.consults is None:
            return
        self.consults.show_consult(consult_id)
        self.window.go("consults")

    def attach_sign_in(self, flow: Any, bridge: QtBridge) -> None:
        """Staff sign-in first, and again whenever the screen locks itself when idle
        (``ui.screens.sign_in``, ``ui.idle_lock``); nothing without them."""
        found = build("ui.screens.sign_in", "SignInScreen", "ui.idle_lock", "IdleLock", flow)
        if found is None:
            return
        screen_class, self.idle_lock = found
        self.flow, self._bridge = flow, bridge
        self._locked_member: str | None = None
        self._draft_written: Any = None
        self.sign_in = screen_class(flow, bridge)
        window = self.window
        window.add_page("sign_in", self.sign_in)
        session = getattr(flow, "session", None)
        if session is not None:  # the member's role decides the pages and controls
            window.access = ScreenAccess(window, session.allows)
            window.user_changed.connect(window.access.apply)
            self.sign_in.setup_mode.connect(lambda: self._setup_mode(True))
            self.sign_in.signed_in.connect(lambda _member: self._setup_mode(False))
        self.sign_in.signed_in.connect(self._signed_in)
        self.sign_in.setup_mode.connect(window.home)
        self.idle_lock.lock_required.connect(self.lock)
        self.lock()

    def _setup_mode(self, on: bool) -> None:
        """No staff account yet: everything is open (docs/security.md, setup mode)."""
        access = self.window.access
        access.setup_mode = on
        access.apply()

    def lock(self) -> None:
        """Show the sign-in screen over the work. What was typed is written to its draft at
        once; the same member comes back to it, anybody else starts on Home."""
        window = self.window
        self._locked_member = getattr(window.model, "staff", None)
        window._draft_timer.stop()
        self._draft_written = None if window.model.form.is_empty else window.model.save_draft()
        lock_session = getattr(self.flow, "lock", None)
        if callable(lock_session):
            lock_session()
        window.set_user(None)
        window.go("sign_in")
        self.sign_in.load()

    def _signed_in(self, member: Any) -> None:
        window = self.window
        same = self._locked_member is not None and self._locked_member == str(member.username)
        self._locked_member = None
        window.model.staff = str(member.username)
        window.set_user(str(member.display_name))
        if same and window.trail:
            window.back()
            return
        # Another member never sees the covered page: the visit typed so far is in its
        # draft (written at the lock) and is offered again, as after a power cut.
        window.trail.clear()
        window.home()
        written, self._draft_written = self._draft_written, None
        if written is not None:
            window._new_visit()
            self._bridge.when_done(
                written, lambda _done: window._offer_unfinished(), window._draft_failed
            )

    def _consult_page(self) -> ConsultPage | None:
        """The consultation request of the review step, when kiosk.consults is installed."""
        module = consults_module()
        window = self.window
        window.review.consult_button.setVisible(module is not None)
        if module is None:
            return None
        page = ConsultPage(module.SPECIALTIES, module.URGENCY_ORDER)
        window.add_page("consult", page)
        window.review.consult_requested.connect(self.open_consult)
        page.chosen.connect(self._consult_chosen)
        page.cancelled.connect(window.back)
        return page

    def open_consult(self) -> None:
        window, page = self.window, self.consult
        assert page is not None
        model = window.model
        urgency = suggested_urgency(model.panel(window._today()))
        measured = [k for k in FIELDS_BY_KEY if k in model.values()]
        page.open(urgency, window._visit.photo_ids(), measured, model.consult)
        page.set_language(window.language)
        window.go("consult")

    def _consult_chosen(self, choice: ConsultChoice) -> None:
        self.window.model.consult = choice
        self.window.back()
        self.window.show_review()

    def consult_summary(self, language: str) -> str:
        choice = self.window.model.consult
        if choice is None:
            return ""
        return translate(
            "visit.consult_added",
            language,
            specialty=translate(f"consult.specialty.{choice.specialty}", language),
            urgency=translate(f"consult.urgency.{choice.urgency}", language),
        )

    def _screen(
        self,
        name: str,
        screen: str,
        model_name: str,
        model: str,
        runtime: Runtime,
        bridge: QtBridge,
    ) -> Any:
        found = build(f"ui.screens.{name}", screen, f"kiosk.{model_name}", model, runtime)
        if found is None:
            return None
        screen_class, built_model = found
        return screen_class(built_model, bridge)

    def _home(self, runtime: Runtime, bridge: QtBridge) -> QWidget:
        home = self._screen("home", "HomeScreen", "home_model", "HomeModel", runtime, bridge)
        if home is None:
            start = StartPage()
            start.start_visit_requested.connect(self.window.start_visit)
            return start
        home.start_visit_requested.connect(self.window.start_visit)
        home.patient_chosen.connect(self.show_history)
        return home  # type: ignore[no-any-return]

    @property
    def new_visit_button(self) -> Any:
        return getattr(self.home, "new_visit_button", None)

    def show_history(self, patient_id: str) -> None:
        if self.history is None:
            return
        self.history.show_patient(patient_id)
        self.window.go("history")

    def patient_found(self, patient_id: str) -> None:
        model = self.window.model
        future = model.patient_summary(patient_id)

        def found(summary: tuple[str, dt.date | None]) -> None:
            label, birth = summary
            self.window.patient_chosen(patient_id, label, birth)

        def failed(error: BaseException) -> None:
            log.warning("the chosen patient could not be read: %s", type(error).__name__)

        self.window._bridge.when_done(future, found, failed)

    def visit_saved(self, _saved: Saved) -> None:
        refresh = getattr(self.home, "refresh", None)
        if callable(refresh):
            refresh()

    def set_language(self, language: str) -> None:
        for screen in (self.home, self.finder, self.history, self.consult):
            setter = getattr(screen, "set_language", None)
            if callable(setter):
                setter(language)
