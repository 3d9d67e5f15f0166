"""The visit screen: the patient line, then one section at a time (devices, vitals by hand,
complaints, and the IMCI danger signs for a child under 5) beside the score panel.

A thin view of :class:`kiosk.visit_model.VisitModel`: the sections write into its form and
emit ``changed``; the screen re-scores (the devices' values change too, so also once a
second) and emits :attr:`VisitScreen.changed` for the window's draft timer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping

from kiosk.device_api import DeviceStatus
from kiosk.events import ReadingArrived
from kiosk.visit_model import VisitModel
from kiosk.visit_pleth import PlethTrace
from kiosk.visit_values import age_months
from ui.device_tile import Tile
from ui.qt import (
    QButtonGroup,
    QEvent,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.screens.complaints import Complaints
from ui.screens.manual_entry import ManualEntry
from ui.screens.news2_panel import News2Panel
from ui.screens.screen_kit import show_page
from ui.screens.visit_imci import ImciSigns
from ui.screens.visit_patient import VisitPatient
from ui.screens.visit_pleth import PlethView
from ui.screens.visit_style import choice_button
from ui.screens.visit_tiles import (
    ON_DEMAND,
    installed_ble_drivers,
    make_tiles,
    tile_kinds,
    visit_device_kind,
)

SECTIONS = ("patient", "devices", "manual", "answers", "complaints", "imci")
SCORE_EVERY_MS = 1000
SECTION_HEIGHT = 54
INFANT_MONTHS = 2


class VisitScreen(QWidget):
    changed = Signal()

    def __init__(
        self,
        model: VisitModel,
        language: str,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        device_kinds: Mapping[str, str] | None = None,
        ble_drivers: Collection[str] | None = None,
        pleth: PlethTrace | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.language = language
        self._today = today
        self._device_kinds = tile_kinds(device_kinds)
        self._ble_drivers = set(installed_ble_drivers() if ble_drivers is None else ble_drivers)
        self.patient = VisitPatient(model)
        self.tiles: dict[str, Tile] = make_tiles()
        self.pleth = None if pleth is None else PlethView(pleth)
        if self.pleth is not None:  # the waveform under the oximeter's SpO2 and pulse
            self.tiles["oximeter"].grid.addWidget(self.pleth, 4, 0, 1, 2)
        self.manual = ManualEntry(model, language)
        self.complaints = Complaints(model, language)
        self.imci = ImciSigns(model)
        self.panel = News2Panel(language)
        self.section_buttons: dict[str, QPushButton] = {}
        self.sections = QStackedWidget()
        self.devices_page = self._devices_page()
        for page in (
            self.patient,
            self.devices_page,
            self.manual,
            self.manual.answers,
            self.complaints,
            self.imci,
        ):
            self.sections.addWidget(page)
        self._lay_out()
        for part in (self.patient, self.manual, self.complaints, self.imci):
            part.changed.connect(self._changed)
        self._timer = QTimer(self)
        self._timer.setInterval(SCORE_EVERY_MS)
        self._timer.timeout.connect(self.refresh_score)
        self._timer.start()
        self.retranslate()
        self.show_section(self.first_section())
        self.refresh_score()

    def _devices_page(self) -> QWidget:
        page = QWidget()
        row = QHBoxLayout(page)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        for tile in self.tiles.values():
            row.addWidget(tile, 1)
        return page

    def _lay_out(self) -> None:
        group = QButtonGroup(self)
        tabs = QHBoxLayout()
        tabs.setSpacing(8)
        for name in SECTIONS:
            button = choice_button(f"section_{name}", height=SECTION_HEIGHT)
            button.setProperty("class", "section")
            button.clicked.connect(lambda _checked=False, n=name: self.show_section(n))
            group.addButton(button)
            tabs.addWidget(button)
            self.section_buttons[name] = button
        left = QVBoxLayout()
        left.setSpacing(8)
        left.addLayout(tabs)
        left.addWidget(self.sections, 1)
        body = QHBoxLayout()
        body.setSpacing(10)
        body.addLayout(left, 1)
        body.addWidget(self.panel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(body, 1)

    # -- sections ----------------------------------------------------------------------------

    def show_section(self, name: str) -> None:
        pages: dict[str, QWidget] = {
            "patient": self.patient,
            "devices": self.devices_page,
            "manual": self.manual,
            "answers": self.manual.answers,
            "complaints": self.complaints,
            "imci": self.imci,
        }
        show_page(self.sections, self.sections.indexOf(pages[name]))  # only it asks for room
        self.section_buttons[name].setChecked(True)

    def first_section(self) -> str:
        """Where a visit starts: the patient's fields, unless the patient was chosen."""
        return "devices" if self.model.form.patient_id else "patient"

    def set_typing(self, typing: bool) -> None:
        """The docked keyboard is up: the field being typed in and the section tabs (a touch
        on one puts the keyboard away) keep their room."""
        self.complaints.set_typing(typing)

    @property
    def section(self) -> str:
        return SECTIONS[self.sections.currentIndex()]

    def _changed(self) -> None:
        self.refresh_score()
        self.changed.emit()

    def refresh_score(self) -> None:
        """Score what is at hand now; show the IMCI section only for a child under 5."""
        today = self._today()
        months = age_months(self.model.form.birth(), today)
        child = months is not None and months < 60
        self.section_buttons["imci"].setVisible(child)
        self.imci.set_infant(months is not None and months < INFANT_MONTHS)
        if not child and self.section == "imci":
            self.show_section("devices")
        self.panel.show_panel(self.model.panel(today))

    def load(self) -> None:
        """Show the model's form (a new visit, or one offered again after a crash)."""
        for part in (self.patient, self.manual, self.complaints, self.imci):
            part.load()
        self.show_section(self.first_section())
        self.refresh_score()

    # -- devices -----------------------------------------------------------------------------

    def _tile_for(self, driver_id: str) -> Tile | None:
        kind = self._device_kinds.get(driver_id)
        tile = self.tiles.get(kind) if kind is not None else None
        if tile is not None and kind in ON_DEMAND:
            tile.setVisible(True)
        return tile

    def show_reading(self, reading: ReadingArrived) -> None:
        """Hand a reading to its device's tile (a driver not installed is known by what it
        measures; a cuff's pulse never lands on the oximeter's tile)."""
        driver_id = reading.identity.driver_id
        if driver_id not in self._device_kinds:
            kind = visit_device_kind([reading.measurement.type])
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

    # -- language ----------------------------------------------------------------------------

    def set_language(self, language: str) -> None:
        self.language = language
        self.manual.set_language(language)
        self.complaints.set_language(language)
        self.panel.set_language(language)
        for tile in self.tiles.values():
            tile.retranslate(language)
        self.retranslate()

    def retranslate(self) -> None:
        texts = {
            "patient": self.tr("Patient"),
            "devices": self.tr("Devices"),
            "manual": self.tr("Vitals by hand"),
            "answers": self.tr("Consciousness, oxygen"),
            "complaints": self.tr("Complaints"),
            "imci": self.tr("Danger signs"),
        }
        for name, button in self.section_buttons.items():
            button.setText(texts[name])
            button.setAccessibleName(self.tr("Show: {section}").format(section=texts[name]))
        self.patient.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
