"""The pulse-oximeter tile: live SpO2 and pulse in large type, and the connection state.

A value older than the quick visit's freshness window, or from before a "finger out" status,
is blanked, so what the tile shows is what Save would record. Reasons for a lost connection
come from the core as message keys and are translated with :mod:`kiosk.i18n` in the
screen's language.
"""

from __future__ import annotations

from kiosk.device_api import ConnectionState, DeviceStatus
from kiosk.events import ReadingArrived
from kiosk.i18n import translate
from kiosk.quick_visit import FRESH_FOR, NO_READING_FLAGS
from ui.qt import QFrame, QGridLayout, QLabel, Qt, QTimer, QWidget

NO_VALUE = "—"
STALE_AFTER_MS = int(FRESH_FOR.total_seconds() * 1000)


def vital_label(css_class: str, text: str = "") -> QLabel:
    label = QLabel(text)
    label.setProperty("class", css_class)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


def set_style_state(widget: QWidget, name: str, value: str) -> None:
    """Change a property used by the style sheet and re-apply the style."""
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class DeviceTile(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deviceTile")
        self._language = "en"
        self._status: DeviceStatus | None = None
        self.device_name = QLabel()
        self.device_name.setObjectName("deviceName")
        self.spo2_caption = vital_label("vitalCaption")
        self.spo2_value = vital_label("vitalValue", NO_VALUE)
        self.spo2_unit = vital_label("vitalUnit", "%")
        self.pulse_caption = vital_label("vitalCaption")
        self.pulse_value = vital_label("vitalValue", NO_VALUE)
        self.pulse_unit = vital_label("vitalUnit")
        self.state = QLabel()
        self.state.setObjectName("deviceState")
        self.state.setWordWrap(True)
        self._stale = QTimer(self)
        self._stale.setSingleShot(True)
        self._stale.setInterval(STALE_AFTER_MS)
        self._stale.timeout.connect(self.clear_values)
        self._lay_out()
        self.retranslate(self._language)

    def _lay_out(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(16, 12, 16, 12)
        grid.addWidget(self.device_name, 0, 0, 1, 2)
        for column, (caption, value, unit) in enumerate(
            [
                (self.spo2_caption, self.spo2_value, self.spo2_unit),
                (self.pulse_caption, self.pulse_value, self.pulse_unit),
            ]
        ):
            grid.addWidget(caption, 1, column)
            grid.addWidget(value, 2, column)
            grid.addWidget(unit, 3, column)
        grid.addWidget(self.state, 4, 0, 1, 2)
        grid.setRowStretch(2, 1)

    def show_reading(self, reading: ReadingArrived) -> None:
        if NO_READING_FLAGS & set(reading.measurement.flags):
            self.clear_values()
            return
        labels = {"spo2": self.spo2_value, "pulse_rate": self.pulse_value}
        label = labels.get(reading.measurement.type)
        if label is None:
            return
        value = reading.measurement.value
        label.setText(NO_VALUE if value is None else f"{value:.0f}")
        self._stale.start()

    def clear_values(self) -> None:
        self.spo2_value.setText(NO_VALUE)
        self.pulse_value.setText(NO_VALUE)

    def show_status(self, status: DeviceStatus) -> None:
        self._status = status
        if status.state is not ConnectionState.CONNECTED:
            self.clear_values()
        self._show_state()

    def retranslate(self, language: str) -> None:
        self._language = language
        self.device_name.setText(self.tr("Pulse oximeter"))
        self.spo2_caption.setText(self.tr("SpO₂"))
        self.pulse_caption.setText(self.tr("Pulse"))
        self.pulse_unit.setText(self.tr("beats/min"))
        self.spo2_value.setAccessibleName(self.tr("Oxygen saturation, percent"))
        self.pulse_value.setAccessibleName(self.tr("Pulse, beats per minute"))
        self.state.setAccessibleName(self.tr("Device connection"))
        self._show_state()

    def _show_state(self) -> None:
        status = self._status
        if status is None:
            set_style_state(self.state, "state", "none")
            self.state.setText(self.tr("No device connected"))
            return
        set_style_state(self.state, "state", str(status.state))
        texts = {
            ConnectionState.CONNECTING: self.tr("Connecting…"),
            ConnectionState.CONNECTED: self.tr("Connected"),
            ConnectionState.DISCONNECTED: self.tr("Disconnected"),
        }
        text = texts[status.state]
        if status.reason:
            text += ": " + translate(status.reason, self._language, port=status.port)
        self.state.setText(text)
