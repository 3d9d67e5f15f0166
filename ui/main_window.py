"""The kiosk's window: the shell's pages for the nurse's whole visit, a footer, a keyboard.

Flow: Home → find or register the patient → the visit (devices, vitals by hand, complaints,
IMCI danger signs, photos) → Review → Save → back to Home, where the visit is listed. The
pages come from :mod:`ui.screens`; the home, finder and history screens are used when
installed (:mod:`ui.screens.visit_optional`), and the window works without them (a plain start
page, the patient's fields on the visit page).

Store access goes through futures (:class:`~kiosk.visit_model.VisitModel`) delivered by the
:class:`~ui.bridge.QtBridge`; nothing here waits on the store or a device. Errors show in the
footer (never a modal dialog) and follow a change of language.

Nothing typed is lost: each change restarts a one-second timer that writes the visit's form
to the drafts table on the writer thread; at start an unfinished visit is offered again.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Collection, Mapping
from typing import Any

from kiosk.camera_source import DEFAULT_CAMERA, check_source
from kiosk.device_api import DeviceStatus
from kiosk.errors import UserFacingError
from kiosk.events import ReadingArrived
from kiosk.i18n import translate
from kiosk.media.camera import Source
from kiosk.media.photos import Photo
from kiosk.quick_visit import Draft, QuickVisit
from kiosk.visit_form import Saved
from kiosk.visit_model import VisitModel
from kiosk.visit_pleth import PlethTrace
from ui.bridge import QtBridge
from ui.camera_panel import CameraPanel
from ui.i18n import Translations
from ui.keyboard import Keyboard, KeyboardDock
from ui.qt import QTimer, QVBoxLayout, QWidget
from ui.screens.manual_entry import field_names
from ui.screens.review import ReviewScreen
from ui.screens.visit import VisitScreen
from ui.screens.visit_access import VisitParts
from ui.screens.visit_drafts import UnfinishedVisits
from ui.screens.visit_footer import NO_FOOTER, VisitFooter
from ui.screens.visit_optional import OptionalScreens
from ui.screens.visit_start import ResumePage
from ui.screens.visit_style import VISIT_STYLE
from ui.shell import LANGUAGE_NAMES, Shell, local_time
from ui.style import STYLE_SHEET

__all__ = ["LANGUAGE_NAMES", "MainWindow", "local_time"]

log = logging.getLogger(__name__)

#: The camera preview inside the window (16:9, leaving room for the site picker).
CAMERA_PREVIEW = (480, 270)
#: Typing stops this long before the visit's form is written to the drafts table.
DRAFT_DELAY_MS = 1000


class MainWindow(VisitParts, UnfinishedVisits, Shell):
    def __init__(
        self,
        visit: QuickVisit,
        bridge: QtBridge,
        translations: Translations | None,
        language: str,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        device_kinds: Mapping[str, str] | None = None,
        ble_drivers: Collection[str] | None = None,
        camera_source: Source = DEFAULT_CAMERA,
        staff: str = "nurse",
        sign_in: Any = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            bridge,
            translations,
            sync_status=visit.sync_status,
            server_configured=visit.config.server_url is not None,
            today=today,
            parent=parent,
        )
        self.install_language(language)
        self.setObjectName("mainWindow")
        self.setStyleSheet(STYLE_SHEET + VISIT_STYLE)
        self._visit = visit
        self.model = VisitModel(visit, staff=staff)
        self.camera_source = camera_source
        self.language = language
        self._saving = False
        self.pleth = PlethTrace(visit.runtime.events)
        self.visit_screen = VisitScreen(
            self.model,
            language,
            today=today,
            device_kinds=device_kinds,
            ble_drivers=ble_drivers,
            pleth=self.pleth,
        )
        self.review = ReviewScreen(self.model, language, today=today)
        self.resume_page = ResumePage()
        self.footer = VisitFooter()
        self.keyboard = Keyboard(language if language in ("kk", "ru", "en") else "kk")
        self._build()
        self.optional = OptionalScreens(self, visit.runtime, bridge)
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.save_draft)
        self._connect()
        self.set_language(language)
        self.home()
        if sign_in is not None:  # kiosk.sign_in_flow.SignInFlow: who is working
            self.optional.attach_sign_in(sign_in, bridge)
        self.refresh_unsynced()
        self._offer_unfinished()

    # -- construction ------------------------------------------------------------------------

    def _build(self) -> None:
        self.camera = CameraPanel(
            self._visit.runtime,
            self._bridge,
            camera_source=self.camera_source,
            media_dir=self._visit.media_dir,
            language=self.language,
            saver=self._visit.save_photo,
            preview_size=CAMERA_PREVIEW,
        )
        self.back_button = self.footer.nav_back.__class__()
        self.back_button.setObjectName("backButton")
        self.back_button.setMinimumHeight(self.footer.nav_back.minimumHeight())
        self.camera.verdict_row.insertWidget(0, self.back_button)
        self.camera_page = QWidget()
        layout = QVBoxLayout(self.camera_page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.camera, 1)
        for name, page in (
            ("visit", self.visit_screen),
            ("review", self.review),
            ("camera", self.camera_page),
            ("resume", self.resume_page),
        ):
            self.add_page(name, page)
        self.root.addWidget(self.footer)
        self.root.addWidget(self.keyboard)
        self.keyboard_dock = KeyboardDock(self, self.keyboard)
        self.keyboard_dock.shown.connect(self._typing)

    def _connect(self) -> None:
        bridge = self._bridge
        bridge.reading_arrived.connect(self.show_reading)
        bridge.device_status_changed.connect(self.show_status)
        footer = self.footer
        footer.nav_back.clicked.connect(self.back)
        footer.cancel.clicked.connect(self.cancel_visit)
        footer.add_photo.clicked.connect(self.add_photo)
        footer.review.clicked.connect(self.show_review)
        footer.save.clicked.connect(self.save)
        self.back_button.clicked.connect(self.back_to_visit)
        self.camera.photo_saved.connect(self._photo_saved)
        self.visit_screen.changed.connect(self._draft_timer.start)
        self.visit_screen.patient.birth_date.returnPressed.connect(self.show_review)
        self.review.edit_requested.connect(self.edit)
        self.resume_page.resume_chosen.connect(self._resume_chosen)
        self.resume_page.discard_chosen.connect(self._discard_chosen)
        self.page_changed.connect(self._page_changed)

    def show_reading(self, reading: ReadingArrived) -> None:
        self.visit_screen.show_reading(reading)

    def show_status(self, status: DeviceStatus) -> None:
        self.visit_screen.show_status(status)

    # -- navigation --------------------------------------------------------------------------

    def start_visit(self) -> None:
        """ "New visit" on Home: find the patient first when the finder is installed."""
        if self.model.form.is_empty and self.has_page("finder"):
            self.go("finder")
        else:
            self.open_visit()

    def open_visit(self, section: str | None = None) -> None:
        self.go("visit")
        self.visit_screen.show_section(section or self.visit_screen.first_section())

    def patient_chosen(self, patient_id: str, label: str, birth: dt.date | None) -> None:
        if self.model.form.patient_id not in (None, patient_id) or self._visit.has_draft:
            self._discard_current()
        self.model.choose_patient(patient_id, label, birth)
        self.visit_screen.load()
        self._draft_timer.start()
        self.open_visit()

    def show_review(self) -> None:
        self.keyboard_dock.hide()
        summary = self.optional.consult_summary(self.language)
        self.review.show_visit(self._visit.photo_count, summary)
        self.go("review")

    def edit(self, part: str) -> None:
        if part == "photos":
            self.add_photo()
            return
        sections = {"values": "manual", "answers": "answers", "complaints": "complaints"}
        self.open_visit(sections.get(part, "patient"))
        if part == "patient" and not self.model.form.patient_id:
            self.family.setFocus()

    def _typing(self, typing: bool) -> None:
        """Make room for the docked keyboard (and give it back)."""
        self.footer.setVisible(not typing and self.current not in NO_FOOTER)
        self.visit_screen.set_typing(typing)
        self.camera.set_typing(typing)

    def _page_changed(self, name: str) -> None:
        self.footer.show_for(name)
        if name != "visit":
            self.keyboard_dock.hide()
        self._render_photo_count()

    def cancel_visit(self) -> None:
        """First touch asks, the second discards the visit (its draft row too)."""
        footer = self.footer
        if not footer.confirming_cancel:
            footer.confirming_cancel = True
            footer.retranslate()
            return
        self._discard_current()
        self.show_message(None)
        self.home()

    def _discard_current(self) -> None:
        self._draft_timer.stop()
        self._bridge.when_done(self.model.discard_draft(), lambda _done: None, self._draft_failed)
        self._new_visit()

    def _new_visit(self) -> None:
        self.model.new_visit()
        self.visit_screen.patient.lock(False)
        self.visit_screen.load()
        self._render_photo_count()

    # -- language ----------------------------------------------------------------------------

    def set_language(self, language: str) -> None:
        self.language = language
        super().set_language(language)
        self.visit_screen.set_language(language)
        self.review.set_language(language)
        self.resume_page.set_language(language)
        self.camera.set_language(language)
        self.optional.set_language(language)

    def retranslate(self) -> None:  # the shell calls it on every LanguageChange
        super().retranslate()
        if not hasattr(self, "footer"):
            return  # the shell's first call, before the window's parts exist
        self.footer.save.setText(self.tr("Save"))
        self.footer.save.setAccessibleName(self.tr("Save the visit"))
        self.back_button.setText(self.tr("Back to the visit"))
        self.footer.retranslate()
        self._render_photo_count()

    def _render_photo_count(self) -> None:
        if not hasattr(self, "footer"):
            return
        count = self._visit.photo_count
        self.footer.set_photo_count(count)
        titles = {
            "home": self.tr("Home"),
            "finder": self.tr("Find or register the patient"),
            "visit": self.tr("New visit"),
            "review": self.tr("Check the visit, then save"),
            "camera": self.tr("Photos of this visit: {count}").format(count=count),
            "resume": self.tr("Unfinished visit"),
            "history": self.tr("Patient history"),
            "consult": self.tr("Request consultation"),
            "consults": self.tr("Consultations"),
            "sign_in": self.tr("Who is working?"),
        }
        self.title.setText(titles.get(self.current, titles["visit"]))

    # -- photos ------------------------------------------------------------------------------

    def add_photo(self) -> None:
        """Check the form and the camera, make sure the visit has its draft, show the camera."""
        if self._saving:
            return
        self.show_message(None)
        try:
            check_source(self.camera_source)
            draft = self.model.start_photos(self._today())
        except UserFacingError as error:
            self._show_error(error)
            return
        self.visit_screen.patient.lock(True)
        self.camera.set_encounter(self._visit.draft_id())
        self._bridge.when_done(draft, self._draft_ready, self._photos_failed)
        self.go("camera")
        self.camera.start()

    def _draft_ready(self, draft: Draft) -> None:
        self.camera.set_encounter(draft.encounter_id)
        self._draft_timer.start()  # the draft row keeps the encounter that holds the photos

    def _photos_failed(self, error: BaseException) -> None:
        self.back_to_visit()
        self.visit_screen.patient.lock(self._visit.has_draft)
        if isinstance(error, UserFacingError):
            self._show_error(error)
        else:
            log.error("starting a visit for photos failed", exc_info=error)
            self._unexpected_error()

    def back_to_visit(self) -> None:
        self.camera.stop()
        if self.current == "camera":
            self.back()
        self._render_photo_count()

    def _photo_saved(self, _photo: Photo) -> None:
        self._render_photo_count()

    def closeEvent(self, event: Any) -> None:
        if self._draft_timer.isActive():  # what was typed in the last second is kept too
            self._draft_timer.stop()
            self.save_draft()
        self.pleth.close()
        self.camera.stop()  # its frame thread must not outlive the window
        super().closeEvent(event)

    # -- saving ------------------------------------------------------------------------------

    def save(self) -> None:
        if self._saving:
            return  # a save is on its way; a second touch must not save twice
        self.show_message(None)
        try:
            future = self.model.save(self._today())
        except UserFacingError as error:
            self._show_error(error)
            return
        self._saving = True
        self._draft_timer.stop()
        self.footer.save.setEnabled(False)
        self._bridge.when_done(future, self._saved, self._save_failed)

    def _saved(self, saved: Saved) -> None:
        self._saving = False
        self.footer.save.setEnabled(True)
        self._new_visit()
        self.optional.visit_saved(saved)
        self.home()
        number = saved.record.encounter.number
        self.show_message(
            lambda: self.tr("Visit {number} is saved. It will be sent to the hospital.").format(
                number=number
            ),
            kind="info",
        )
        self.refresh_unsynced()

    def _save_failed(self, error: BaseException) -> None:
        self._saving = False
        self.footer.save.setEnabled(True)
        if isinstance(error, UserFacingError):
            self._show_error(error)
            return
        log.error("saving a visit failed", exc_info=error)
        self._unexpected_error()

    def _unexpected_error(self) -> None:
        self.show_message(
            lambda: self.tr(
                "The visit could not be saved because of an unexpected error. "
                "Nothing was stored; please try again."
            )
        )

    def _show_error(self, error: UserFacingError) -> None:
        key, params = error.key, dict(error.params)
        self.show_message(lambda: translate(key, self.language, **field_names(params)))
        fields = {"patient.bad_birth_date": self.birth_date, "patient.name_required": self.family}
        fields |= {"patient.birth_date_required": self.birth_date}
        if key in fields and self.current in ("visit", "review"):
            # The field's page, but no focus: the docked keyboard would cover the message.
            self.open_visit("patient")
            fields[key].clearFocus()
        elif key in ("visit.value_impossible", "visit.unconfirmed"):
            self.open_visit("manual")  # where the value can be corrected or confirmed

    def show_message(self, text: Callable[[], str] | None, kind: str = "error") -> None:
        """Show a message (a function, so it can be shown again in another language)."""
        self.footer.show_message(text, kind)
