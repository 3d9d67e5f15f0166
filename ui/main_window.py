"""The quick-visit screen: register a patient, see the live vitals, save — one touch screen.

Every store access goes through :class:`~kiosk.quick_visit.QuickVisit` futures delivered by
the :class:`~ui.bridge.QtBridge`; nothing here waits on the store or a device. Errors show
in the message area above the Save button, never in a modal dialog, and are shown again in
the new language when the language changes.

Two pages in a stack: the visit form, and the camera (:class:`~ui.camera_panel.CameraPanel`).
"Add photo" checks the form, asks the quick visit for its draft encounter (registered once,
on the writer thread) and shows the camera; "Back to the visit" returns to the form with
everything typed and measured still there. While a visit has a draft the patient's fields are
locked (the photos belong to that patient); Save records the fresh values into the draft.

The status line under the title counts visits not yet sent, items waiting and quarantined
(held back for a technician), and the time of the last sync; it is refreshed on every
``outbox_did_change`` and ``sync_did_finish`` event.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Collection, Mapping
from typing import Any

from kiosk.camera_source import DEFAULT_CAMERA, check_source
from kiosk.device_api import DeviceStatus, Transport
from kiosk.domain import Encounter
from kiosk.errors import UserFacingError
from kiosk.events import ReadingArrived
from kiosk.i18n import LANGUAGES, translate
from kiosk.media.camera import Source
from kiosk.media.photos import Photo
from kiosk.plugins import load_drivers
from kiosk.quick_visit import Draft, QuickVisit
from ui.bridge import QtBridge
from ui.camera_panel import CameraPanel
from ui.device_tile import (
    BloodPressureTile,
    DeviceTile,
    ThermometerTile,
    Tile,
    device_kind,
    set_style_state,
)
from ui.i18n import Translations
from ui.qt import (
    QButtonGroup,
    QEvent,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    Qt,
    QVBoxLayout,
    QWidget,
)
from ui.style import FIELD_HEIGHT, STYLE_SHEET, TOUCH_HEIGHT

log = logging.getLogger(__name__)

# Each language in its own name, so a nurse finds hers whatever the screen shows now.
# Deliberately not translated; the buttons' accessible names are.
LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
# The camera preview inside the window (16:9, leaving room for the site picker).
CAMERA_PREVIEW = (480, 270)


def installed_device_kinds() -> dict[str, str]:
    """Which tile shows each installed driver's device (from the manifests' reading types)."""
    kinds: dict[str, str] = {}
    for driver_id, plugin in load_drivers().drivers.items():
        kind = device_kind(plugin.manifest.reading_types)
        if kind is not None:
            kinds[driver_id] = kind
    return kinds


def installed_ble_drivers() -> set[str]:
    """Installed drivers of Bluetooth LE devices (they may sleep between measurements)."""
    return {
        driver_id
        for driver_id, plugin in load_drivers().drivers.items()
        if plugin.manifest.transport is Transport.BLE
    }


def local_time(text: str | None, today: dt.date) -> str | None:
    """A stored UTC time (ISO) as the kiosk's local time: ``HH:MM`` today, else with date."""
    if not text:
        return None
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    local = moment.astimezone()
    return local.strftime("%H:%M" if local.date() == today else "%Y-%m-%d %H:%M")


def touch_field(object_name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(object_name)
    field.setMinimumHeight(FIELD_HEIGHT)
    return field


class MainWindow(QWidget):
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
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setStyleSheet(STYLE_SHEET)
        self._device_kinds = dict(
            installed_device_kinds() if device_kinds is None else device_kinds
        )
        self._ble_drivers = set(installed_ble_drivers() if ble_drivers is None else ble_drivers)
        self._visit = visit
        self._bridge = bridge
        self._translations = translations
        self._today = today
        self.camera_source = camera_source
        self.language = language
        self._message: Callable[[], str] | None = None
        self._unsynced: int | None = None
        self._sync: dict[str, Any] | None = None
        self._build()
        self._connect()
        self.set_language(language)
        self.refresh_unsynced()

    # -- construction ------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel()
        self.title.setObjectName("title")
        self.family = touch_field("family")
        self.given = touch_field("given")
        self.birth_date = touch_field("birthDate")
        self.birth_date.setInputMethodHints(Qt.InputMethodHint.ImhPreferNumbers)
        self.family_label, self.given_label, self.birth_label = QLabel(), QLabel(), QLabel()
        self.tile = DeviceTile()  # the pulse oximeter
        self.bp_tile = BloodPressureTile()
        self.thermometer_tile = ThermometerTile()
        self.tiles = {
            "oximeter": self.tile,
            "bp": self.bp_tile,
            "thermometer": self.thermometer_tile,
        }
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(TOUCH_HEIGHT)
        self.unsynced = QLabel()
        self.unsynced.setObjectName("unsynced")
        self.sync_line = QLabel()
        self.sync_line.setObjectName("syncLine")
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveButton")
        self.save_button.setMinimumSize(220, TOUCH_HEIGHT + 8)
        self.add_photo_button = QPushButton()
        self.add_photo_button.setObjectName("addPhotoButton")
        self.add_photo_button.setMinimumHeight(TOUCH_HEIGHT + 8)
        self.photo_count = QLabel()
        self.photo_count.setObjectName("photoCount")
        self.language_buttons = self._language_buttons()
        self.pages = QStackedWidget()
        self.visit_page = QWidget()
        self.camera_page = self._camera_page()
        self.pages.addWidget(self.visit_page)
        self.pages.addWidget(self.camera_page)
        root = QVBoxLayout(self)
        root.setContentsMargins(16, 8, 16, 10)
        root.setSpacing(8)
        root.addLayout(self._top_bar())
        root.addWidget(self.pages, 1)
        self._lay_out_visit_page()

    def _lay_out_visit_page(self) -> None:
        page = QVBoxLayout(self.visit_page)
        page.setContentsMargins(0, 0, 0, 0)
        page.setSpacing(8)
        page.addLayout(self._form())
        tiles = QHBoxLayout()
        tiles.setSpacing(12)
        for tile in self.tiles.values():
            tiles.addWidget(tile, 1)
        page.addLayout(tiles, 1)
        bottom = QHBoxLayout()
        bottom.setSpacing(12)
        bottom.addWidget(self.message, 1)
        photos = QVBoxLayout()
        photos.setSpacing(0)
        photos.addWidget(self.add_photo_button)
        photos.addWidget(self.photo_count, 0, Qt.AlignmentFlag.AlignHCenter)
        bottom.addLayout(photos)
        bottom.addWidget(self.save_button)
        page.addLayout(bottom)

    def _camera_page(self) -> QWidget:
        """The camera panel, with "Back to the visit" beside its capture buttons."""
        page = QWidget()
        self.camera = CameraPanel(
            self._visit.runtime,
            self._bridge,
            camera_source=self.camera_source,
            media_dir=self._visit.media_dir,
            language=self.language,
            saver=self._visit.save_photo,
            preview_size=CAMERA_PREVIEW,
        )
        self.back_button = QPushButton()
        self.back_button.setObjectName("backButton")
        self.back_button.setMinimumHeight(TOUCH_HEIGHT)
        self.camera.verdict_row.insertWidget(0, self.back_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.camera, 1)
        return page

    def _language_buttons(self) -> dict[str, QPushButton]:
        self._language_group = QButtonGroup(self)
        buttons: dict[str, QPushButton] = {}
        for language in LANGUAGES:
            button = QPushButton(LANGUAGE_NAMES[language])
            button.setObjectName(f"language_{language}")
            button.setCheckable(True)
            button.setMinimumSize(132, TOUCH_HEIGHT - 8)
            self._language_group.addButton(button)
            buttons[language] = button
        return buttons

    def _top_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        heading = QVBoxLayout()
        heading.setSpacing(0)
        heading.addWidget(self.title)
        heading.addWidget(self.unsynced)
        self.sync_line.setMinimumWidth(1)  # a long translation is cut, never widens the screen
        heading.addWidget(self.sync_line)
        bar.addLayout(heading, 1)
        for button in self.language_buttons.values():
            bar.addWidget(button)
        return bar

    def _form(self) -> QGridLayout:
        """The three fields side by side, each under its label."""
        form = QGridLayout()
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(2)
        columns = [
            (self.family_label, self.family),
            (self.given_label, self.given),
            (self.birth_label, self.birth_date),
        ]
        for column, (label, field) in enumerate(columns):
            label.setProperty("class", "fieldLabel")
            label.setBuddy(field)
            form.addWidget(label, 0, column)
            form.addWidget(field, 1, column)
            form.setColumnStretch(column, 1)
        return form

    def _connect(self) -> None:
        self._bridge.reading_arrived.connect(self.show_reading)
        self._bridge.device_status_changed.connect(self.show_status)
        self._bridge.outbox_changed.connect(lambda _change: self.refresh_unsynced())
        self._bridge.sync_finished.connect(lambda _result: self.refresh_unsynced())
        self.family.returnPressed.connect(self.given.setFocus)
        self.given.returnPressed.connect(self.birth_date.setFocus)
        self.birth_date.returnPressed.connect(self.save)
        self.save_button.clicked.connect(self.save)
        self.add_photo_button.clicked.connect(self.add_photo)
        self.back_button.clicked.connect(self.back_to_visit)
        self.camera.photo_saved.connect(self._photo_saved)
        for language, button in self.language_buttons.items():
            button.clicked.connect(lambda _checked=False, lang=language: self.set_language(lang))

    # -- devices -------------------------------------------------------------------------------

    def _tile_for(self, driver_id: str) -> Tile | None:
        kind = self._device_kinds.get(driver_id)
        return self.tiles.get(kind) if kind is not None else None

    def show_reading(self, reading: ReadingArrived) -> None:
        """Hand a reading to its device's tile (a driver not installed is known by what it
        measures; a cuff's pulse never lands on the oximeter's tile)."""
        driver_id = reading.identity.driver_id
        if driver_id not in self._device_kinds:
            kind = device_kind([reading.measurement.type])
            if kind is None:
                return
            self._device_kinds[driver_id] = kind
        tile = self._tile_for(driver_id)
        if tile is not None:
            tile.show_reading(reading)

    def show_status(self, status: DeviceStatus) -> None:
        tile = self._tile_for(status.driver_id)
        if tile is not None:
            tile.show_status(status, sleeps=status.driver_id in self._ble_drivers)

    # -- language ------------------------------------------------------------------------------

    def set_language(self, language: str) -> None:
        self.language = language
        self.language_buttons[language].setChecked(True)
        if self._translations is not None:
            self._translations.use(language)
        self.retranslate()

    def closeEvent(self, event: Any) -> None:
        self.camera.stop()  # its frame thread must not outlive the window
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Dala Kiosk"))
        self.family_label.setText(self.tr("Family name"))
        self.given_label.setText(self.tr("Given name"))
        self.birth_label.setText(self.tr("Birth date"))
        self.birth_date.setPlaceholderText(self.tr("YYYY-MM-DD"))
        for field, label in [
            (self.family, self.family_label),
            (self.given, self.given_label),
            (self.birth_date, self.birth_label),
        ]:
            field.setAccessibleName(label.text())
        self.save_button.setText(self.tr("Save"))
        self.save_button.setAccessibleName(self.tr("Save the visit"))
        self.add_photo_button.setText(self.tr("Add photo"))
        self.add_photo_button.setAccessibleName(self.tr("Take a photo for this visit"))
        self.back_button.setText(self.tr("Back to the visit"))
        self.message.setAccessibleName(self.tr("Messages"))
        self.unsynced.setAccessibleName(self.tr("Visits not yet sent"))
        self.sync_line.setAccessibleName(self.tr("Sending to the hospital"))
        self.camera.set_language(self.language)
        names = {
            "kk": self.tr("Switch to Kazakh"),
            "ru": self.tr("Switch to Russian"),
            "en": self.tr("Switch to English"),
        }
        for language, button in self.language_buttons.items():
            button.setAccessibleName(names[language])
        for tile in self.tiles.values():
            tile.retranslate(self.language)
        self._render_unsynced()
        self._render_photo_count()
        self._render_message()

    # -- photos ----------------------------------------------------------------------------

    def add_photo(self) -> None:
        """Check the form and the camera, make sure the visit has its draft, show the camera."""
        if not self.save_button.isEnabled():
            return  # the visit is being saved
        self.show_message(None)
        try:
            check_source(self.camera_source)
            draft = self._visit.start_draft(
                self.family.text(), self.given.text(), self.birth_date.text(), self._today()
            )
        except UserFacingError as error:
            self._show_error(error)
            return
        self._lock_patient(True)
        self.camera.set_encounter(self._visit.draft_id())
        self._bridge.when_done(draft, self._draft_ready, self._draft_failed)
        self.pages.setCurrentWidget(self.camera_page)
        self._render_photo_count()
        self.camera.start()

    def _draft_ready(self, draft: Draft) -> None:
        self.camera.set_encounter(draft.encounter_id)

    def _draft_failed(self, error: BaseException) -> None:
        self.back_to_visit()
        self._lock_patient(self._visit.has_draft)
        if isinstance(error, UserFacingError):
            self._show_error(error)
        else:
            log.error("starting a visit for photos failed", exc_info=error)
            self._unexpected_error()

    def back_to_visit(self) -> None:
        self.camera.stop()
        self.pages.setCurrentWidget(self.visit_page)
        self._render_photo_count()

    @property
    def showing_camera(self) -> bool:
        return self.pages.currentWidget() is self.camera_page

    def _photo_saved(self, _photo: Photo) -> None:
        self._render_photo_count()

    def _lock_patient(self, locked: bool) -> None:
        """The photos belong to the draft's patient: the names cannot change under them."""
        for field in (self.family, self.given, self.birth_date):
            field.setReadOnly(locked)

    def _render_photo_count(self) -> None:
        """The count under "Add photo"; on the camera page the title says it."""
        count = self._visit.photo_count
        self.photo_count.setText(self.tr("Photos: {count}").format(count=count))
        if self.showing_camera:
            self.title.setText(self.tr("Photos of this visit: {count}").format(count=count))
        else:
            self.title.setText(self.tr("New visit"))

    # -- saving --------------------------------------------------------------------------------

    def save(self) -> None:
        if not self.save_button.isEnabled():
            return  # a save is on its way; a second touch must not save twice
        self.show_message(None)
        try:
            future = self._visit.save(
                self.family.text(), self.given.text(), self.birth_date.text(), self._today()
            )
        except UserFacingError as error:
            self._show_error(error)
            return
        self.save_button.setEnabled(False)
        self._bridge.when_done(future, self._saved, self._save_failed)

    def _saved(self, encounter: Encounter) -> None:
        self.save_button.setEnabled(True)
        self._lock_patient(False)
        for field in (self.family, self.given, self.birth_date):
            field.clear()
        self._render_photo_count()
        self.family.setFocus()
        number = encounter.number
        self.show_message(
            lambda: self.tr("Visit {number} is saved. It will be sent to the hospital.").format(
                number=number
            ),
            kind="info",
        )
        self.refresh_unsynced()

    def _save_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
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
        key, params = error.key, error.params
        self.show_message(lambda: translate(key, self.language, **params))
        fields = {"patient.bad_birth_date": self.birth_date, "patient.name_required": self.family}
        if key in fields:
            fields[key].setFocus()

    # -- message area and status line ----------------------------------------------------------

    def show_message(self, text: Callable[[], str] | None, kind: str = "error") -> None:
        """Show a message (a function, so it can be shown again in another language)."""
        self._message = text
        set_style_state(self.message, "kind", kind if text is not None else "none")
        self._render_message()

    def _render_message(self) -> None:
        self.message.setText(self._message() if self._message is not None else "")

    def refresh_unsynced(self) -> None:
        """Re-read the status line's counts (on the reader thread)."""
        future = self._visit.sync_status()
        self._bridge.when_done(future, self._show_sync_status, self._count_failed)

    def _show_sync_status(self, summary: dict[str, Any]) -> None:
        self._unsynced = int(summary["unsynced_encounters"])
        self._sync = summary
        self._render_unsynced()

    def _count_failed(self, error: BaseException) -> None:
        log.warning("counting unsent visits failed: %s", error)

    def _render_unsynced(self) -> None:
        count = "…" if self._unsynced is None else str(self._unsynced)
        self.unsynced.setText(self.tr("Visits not yet sent: {count}").format(count=count))
        summary = self._sync
        if summary is None:
            self.sync_line.setText("")
            return
        outbox = summary["outbox"]
        waiting = int(outbox["pending"]) + int(outbox["sending"])
        quarantined = int(outbox["quarantined"])
        if self._visit.config.server_url is None:
            last = self.tr("no server set")
        else:
            last = local_time(summary.get("last_sync"), self._today()) or self.tr("never")
        text = self.tr("Waiting: {pending} · Held back: {quarantined} · Last sync: {last}")
        self.sync_line.setText(text.format(pending=waiting, quarantined=quarantined, last=last))
        set_style_state(self.sync_line, "problem", "yes" if quarantined else "no")
