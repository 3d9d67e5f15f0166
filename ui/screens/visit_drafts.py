"""Nothing typed is lost: the window's side of :mod:`kiosk.drafts`.

The visit's form is written to the drafts table on the writer thread a second after the
last change (the window's timer calls :meth:`UnfinishedVisits.save_draft`); at start the
newest unfinished visit is offered again (the resume page), and continued or discarded.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from kiosk.drafts import StoredDraft
from kiosk.visit_form import Resumed

if TYPE_CHECKING:
    from kiosk.quick_visit import QuickVisit
    from kiosk.visit_model import VisitModel
    from ui.bridge import QtBridge
    from ui.screens.visit import VisitScreen
    from ui.screens.visit_start import ResumePage

log = logging.getLogger(__name__)


class UnfinishedVisits:
    model: VisitModel
    visit_screen: VisitScreen
    resume_page: ResumePage
    language: str
    trail: list[str]
    current: Any  # the shell's page name
    _bridge: QtBridge
    _visit: QuickVisit
    _saving: bool
    _stored: StoredDraft

    if TYPE_CHECKING:  # the window's (never defined here: they would hide the real ones)

        def go(self, name: str, *, remember: bool = True) -> None: ...
        def home(self) -> None: ...
        def open_visit(self, section: str | None = None) -> None: ...
        def _render_photo_count(self) -> None: ...

    def save_draft(self) -> None:
        if self._saving or self.model.form.is_empty:
            return
        try:
            future = self.model.save_draft()
        except RuntimeError:  # the runtime has stopped (the kiosk is closing)
            log.warning("the typed visit could not be kept: the store is closed")
            return
        self._bridge.when_done(future, lambda _done: None, self._draft_failed)

    def _draft_failed(self, error: BaseException) -> None:
        log.warning("keeping the typed visit failed: %s", type(error).__name__)

    def _offer_unfinished(self) -> None:
        self._bridge.when_done(self.model.unfinished(), self._unfinished_found, self._draft_failed)

    def _unfinished_found(self, stored: StoredDraft | None) -> None:
        if stored is None or not self.model.form.is_empty:
            return
        self._stored = stored
        self.resume_page.ask(stored.label, self.language)
        if self.current == "sign_in":
            self.trail.append("resume")  # asked once someone has signed in
        else:
            self.go("resume", remember=False)

    def _resume_chosen(self) -> None:
        future = self.model.load_unfinished(self._stored)
        self._bridge.when_done(future, self._resumed, self._draft_failed)

    def _resumed(self, resumed: Resumed) -> None:
        self.model.resume(resumed)
        self.visit_screen.load()
        self.visit_screen.patient.lock(self._visit.has_draft)
        self.trail = ["home"]
        self.open_visit()
        self._render_photo_count()

    def _discard_chosen(self) -> None:
        self._bridge.when_done(
            self.model.discard_draft(self._stored.id), lambda _done: None, self._draft_failed
        )
        self.home()
