"""The nurse's home screen: today's visits, the sync state, alerts and a big "New visit".

A thin view of :class:`kiosk.home_model.HomeModel`: :meth:`HomeScreen.refresh` asks for a
:class:`~kiosk.home_model.HomeState` on the reader thread and lays it out when the bridge
delivers it (an answer older than the newest request is dropped). It refreshes itself on
the bridge's ``outbox_changed``, ``sync_finished`` and ``encounter_saved`` signals (and
``consult_did_change``, through the bridge when it relays it, else through its own queued
hop), coalesced so a burst of events reads once.
Device problems come from ``device_status_changed`` and stay listed until the device is
back, under the display name the model read from the driver's manifest. Words from the
core (quarantine reasons, bands) are shown in the screen's language.
"""

from __future__ import annotations

import logging
from typing import Any

from kiosk.device_api import ConnectionState, DeviceStatus
from kiosk.home_model import Alert, HomeModel, HomeState, VisitRow, device_alert
from kiosk.i18n import translate
from ui.bridge import QtBridge
from ui.qt import (
    QEvent,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.screens.screen_kit import (
    SCREENS_STYLE,
    clear_layout,
    format_date,
    format_datetime,
    format_time,
    locale_for,
    row_button,
    screen_language,
    touch_button,
)
from ui.style import STYLE_SHEET, TOUCH_HEIGHT

log = logging.getLogger(__name__)

REFRESH_DELAY_MS = 150


def scrolling(inner: QWidget, name: str) -> QScrollArea:
    area = QScrollArea()
    area.setObjectName(name)
    area.setWidgetResizable(True)
    area.setWidget(inner)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


class HomeScreen(QWidget):
    start_visit_requested = Signal()
    patient_chosen = Signal(str)
    consult_opened = Signal(str)
    _consult_hop = Signal()  # queued: a consultation changed on a core thread

    def __init__(self, model: HomeModel, bridge: QtBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("homeScreen")
        self.setStyleSheet(STYLE_SHEET + SCREENS_STYLE)
        self._model = model
        self._bridge = bridge
        self._state: HomeState | None = None
        self._devices: dict[str, DeviceStatus] = {}
        self._ticket = 0
        self._stale = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self._build()
        self._connect()
        self.retranslate()
        self.refresh()

    # -- construction ------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel()
        self.title.setObjectName("title")
        self.sync_line = QLabel()
        self.sync_line.setObjectName("syncLine")
        self.sync_line.setWordWrap(True)
        self.new_visit_button = touch_button("newVisitButton", TOUCH_HEIGHT + 24)
        self.new_visit_button.setMinimumWidth(260)
        self.visits_title = QLabel()
        self.visits_title.setProperty("class", "sectionTitle")
        self.alerts_title = QLabel()
        self.alerts_title.setProperty("class", "sectionTitle")
        self.visit_rows = QVBoxLayout()
        self.alert_rows = QVBoxLayout()
        visits, alerts = QWidget(), QWidget()
        for box, holder in ((self.visit_rows, visits), (self.alert_rows, alerts)):
            outer = QVBoxLayout(holder)
            outer.setContentsMargins(0, 0, 0, 0)
            outer.addLayout(box)
            outer.addStretch(1)
        top = QHBoxLayout()
        heading = QVBoxLayout()
        heading.addWidget(self.title)
        heading.addWidget(self.sync_line)
        top.addLayout(heading, 1)
        top.addWidget(self.new_visit_button)
        columns = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(self.visits_title)
        left.addWidget(scrolling(visits, "visitList"), 1)
        right.addWidget(self.alerts_title)
        right.addWidget(scrolling(alerts, "alertList"), 1)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        root = QVBoxLayout(self)
        root.setContentsMargins(16, 8, 16, 10)
        root.addLayout(top)
        root.addLayout(columns, 1)

    def _connect(self) -> None:
        self.new_visit_button.clicked.connect(self.start_visit_requested.emit)
        self._bridge.outbox_changed.connect(self._soon)
        self._bridge.sync_finished.connect(self._soon)
        self._bridge.encounter_saved.connect(self._soon)
        self._bridge.device_status_changed.connect(self.show_device_status)
        consult_changed = getattr(self._bridge, "consult_changed", None)
        if consult_changed is not None:
            consult_changed.connect(self._soon)
            return
        event = getattr(self._model.runtime.events, "consult_did_change", None)
        if event is not None:  # the bridge does not relay it: hop to the GUI thread here
            self._consult_hop.connect(self._soon, Qt.ConnectionType.QueuedConnection)
            disconnect = event.connect(lambda _change: self._hand_over())
            self.destroyed.connect(lambda *_args: disconnect())

    def _hand_over(self) -> None:
        try:
            self._consult_hop.emit()
        except RuntimeError:  # the screen's C++ object is gone
            log.debug("consultation event after the home screen was deleted; dropped")

    # -- data ----------------------------------------------------------------------------

    def _soon(self, _payload: object = None) -> None:
        if self.isVisible():
            self._timer.start()
        else:
            self._stale = True  # read again when shown

    def showEvent(self, event: Any) -> None:
        if self._stale:
            self._stale = False
            self.refresh()
        super().showEvent(event)

    def hideEvent(self, event: Any) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self._stale = True
        super().hideEvent(event)

    def refresh(self) -> None:
        """Read the home state again (reader thread); the newest answer is shown."""
        self._ticket += 1
        ticket = self._ticket
        self._bridge.when_done(
            self._model.load(),
            lambda state: self._loaded(ticket, state),
            self._failed,
        )

    def _loaded(self, ticket: int, state: HomeState) -> None:
        if ticket == self._ticket:
            self._state = state
            self._render()

    def _failed(self, error: BaseException) -> None:
        log.warning("the home screen could not be read: %s", type(error).__name__)

    def show_device_status(self, status: DeviceStatus) -> None:
        if status.state is ConnectionState.DISCONNECTED:
            self._devices[status.driver_id] = status
        else:
            self._devices.pop(status.driver_id, None)
        self._render()

    # -- language ------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.new_visit_button.setText(self.tr("New visit"))
        self.new_visit_button.setAccessibleName(self.tr("Start a new visit"))
        self.visits_title.setText(self.tr("Today's visits"))
        self.alerts_title.setText(self.tr("Alerts"))
        self.sync_line.setAccessibleName(self.tr("Sending to the hospital"))
        self._render()

    # -- rendering -----------------------------------------------------------------------

    def _render(self) -> None:
        language = screen_language()
        locale = locale_for(language)
        state = self._state
        if state is None:
            self.title.setText(self.tr("Today"))
            self.sync_line.setText(self.tr("Loading…"))
            return
        self.title.setText(self.tr("Today, {date}").format(date=format_date(locale, state.day)))
        self.sync_line.setText(self._sync_text(state, locale))
        clear_layout(self.visit_rows)
        for visit in state.visits:
            self.visit_rows.addWidget(self._visit_button(visit, language, locale))
        if not state.visits:
            self.visit_rows.addWidget(QLabel(self.tr("No visits yet today.")))
        clear_layout(self.alert_rows)
        self._render_alerts(state, language)

    def _sync_text(self, state: HomeState, locale: Any) -> str:
        sync = state.sync
        last = format_datetime(locale, sync.last_sync) if sync.last_sync else self.tr("never")
        return self.tr("Last sync: {last} · Waiting: {pending} · Held back: {held}").format(
            last=last, pending=sync.pending, held=sync.quarantined_count
        )

    def _sync_word(self, sync: str) -> str:
        words = {
            "sent": self.tr("Sent"),
            "waiting": self.tr("Waiting to send"),
            "held": self.tr("Held back"),
            "draft": self.tr("Not finished"),
        }
        return words.get(sync, sync)

    def _visit_button(self, visit: VisitRow, language: str, locale: Any) -> QWidget:
        band = translate(visit.band_key(), language)
        if visit.total is not None:
            band = f"{band} ({visit.total})"
        first = f"{format_time(locale, visit.started_at)} · {visit.patient_name}"
        second = f"{band} · {self._sync_word(visit.sync)}"
        text = f"{first} · {second}"
        button = row_button("visitRow", [first, second])
        button.setProperty("sync", visit.sync)
        button.setAccessibleName(self.tr("Visit: {text}").format(text=text))
        patient_id = visit.patient_id
        button.clicked.connect(lambda _checked=False: self.patient_chosen.emit(patient_id))
        return button

    def _render_alerts(self, state: HomeState, language: str) -> None:
        for alert in state.alerts:
            self.alert_rows.addWidget(self._alert_widget(alert, language))
        for item in state.sync.quarantined:
            self.alert_rows.addWidget(self._alert_label(item.message(language)))
        for status in self._devices.values():  # named as the model knows the device
            alert = device_alert(status, state.device_names, language)
            self.alert_rows.addWidget(self._alert_label(alert.message(language)))
        if self.alert_rows.count() == 0:
            self.alert_rows.addWidget(QLabel(self.tr("Nothing needs your attention.")))

    def _alert_widget(self, alert: Alert, language: str) -> QWidget:
        text = alert.message(language)
        if alert.target is None:
            return self._alert_label(text)
        button = touch_button("consultAlert")
        button.setProperty("class", "alert")
        button.setText(text)
        button.setAccessibleName(self.tr("Open the consultation: {text}").format(text=text))
        consult_id = alert.target
        button.clicked.connect(lambda _checked=False: self.consult_opened.emit(consult_id))
        return button

    def _alert_label(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("alertText")
        label.setProperty("class", "alert")
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        label.setAccessibleName(text)
        return label
