"""The device tiles: live values in large type and each device's connection state.

- :class:`DeviceTile`, the pulse oximeter: SpO2 and pulse;
- :class:`BloodPressureTile`: the cuff pressure while the cuff inflates, then systolic /
  diastolic and the pulse;
- :class:`ThermometerTile`: the body temperature, always in °C (a °F value is converted for
  the screen with :mod:`kiosk.clinical.units`; what is stored is what the device sent).

A value older than the quick visit's freshness window for that kind of device (or from
before a "finger out" status) is blanked, so what a tile shows is what Save would record.
Reasons for a lost connection come from the core as message keys and are translated with
:mod:`kiosk.i18n` in the screen's language. The state texts all tiles share are in the
``DeviceTile`` translation context.

A Bluetooth device that takes spot measurements (a BP cuff, a thermometer) drops the link
after each measurement to save its battery: once it has delivered a measurement, its tile
shows a neutral "Waiting for the next measurement" (state ``waiting``) instead of red
"Disconnected" while it sleeps and while the session scans for it again. Red is kept for
what a person must fix: pairing required, Bluetooth unavailable, or the connection failing
:data:`CONNECT_FAILURES_BEFORE_ALARM` times in a row.
"""

from __future__ import annotations

from kiosk.clinical.units import UnsupportedConversion, convert
from kiosk.device_api import ConnectionState, DeviceStatus
from kiosk.domain import Measurement
from kiosk.events import ReadingArrived
from kiosk.i18n import translate
from kiosk.quick_visit import FRESH_FOR, NO_READING_FLAGS, SPOT_FRESH_FOR, UNFINISHED_FLAGS
from ui.qt import QCoreApplication, QFrame, QGridLayout, QLabel, Qt, QTimer, QWidget

NO_VALUE = "—"
STALE_AFTER_MS = int(FRESH_FOR.total_seconds() * 1000)
SPOT_STALE_AFTER_MS = int(SPOT_FRESH_FOR.total_seconds() * 1000)
MMHG = "mm[Hg]"
CELSIUS = "Cel"
# Why a sleeping Bluetooth device is out of reach (kiosk.i18n keys of drivers/ble/session.py)
# — normal between measurements; any other reason is a failure.
BLE_SLEEPING_REASONS = frozenset({"device.ble_disconnected", "device.ble_not_found", None})
BLE_CONNECT_FAILED = "device.ble_connect_failed"
# A cuff waking up may refuse one connection; this many failures in a row is a fault.
CONNECT_FAILURES_BEFORE_ALARM = 3
WAITING = "waiting"
#: Languages whose locale writes the decimal separator as a comma (kk_KZ, ru_RU).
COMMA_LANGUAGES = frozenset({"kk", "ru"})


def vital_label(css_class: str, text: str = "") -> QLabel:
    label = QLabel(text)
    label.setProperty("class", css_class)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(css_class not in ("vitalValue", "vitalValueWide"))  # words wrap, numbers not
    return label


def decimal(value: float, places: int, language: str) -> str:
    """A number with the decimal separator of the screen's language (36,6 in kk and ru)."""
    text = f"{value:.{places}f}"
    return text.replace(".", ",") if language in COMMA_LANGUAGES else text


def set_style_state(widget: QWidget, name: str, value: str) -> None:
    """Change a property used by the style sheet and re-apply the style."""
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def in_unit(measurement: Measurement, unit: str) -> float | None:
    """The measurement's value in ``unit`` (for display only), or None if it cannot be."""
    value = measurement.value
    if value is None:
        return None
    try:
        return convert(float(value), measurement.unit or unit, unit)
    except (UnsupportedConversion, ValueError):
        return None


class Tile(QFrame):
    """What every tile has: a device name, a connection state and a staleness timer."""

    stale_after_ms = STALE_AFTER_MS
    clear_when_disconnected = True

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deviceTile")
        self._language = "en"
        self._status: DeviceStatus | None = None
        self._sleeps = False  # a Bluetooth device that drops the link between measurements
        self.measured = False  # it has delivered a measurement since the tile was made
        self.connect_failures = 0
        self.device_name = QLabel()
        self.device_name.setObjectName("deviceName")
        self.device_name.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.device_name.setWordWrap(True)
        self.state = QLabel()
        self.state.setObjectName("deviceState")
        self.state.setWordWrap(True)
        self._stale = QTimer(self)
        self._stale.setSingleShot(True)
        self._stale.setInterval(self.stale_after_ms)
        self._stale.timeout.connect(self.clear_values)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(10, 8, 10, 8)
        self.grid.setVerticalSpacing(2)

    def show_reading(self, reading: ReadingArrived) -> None:
        raise NotImplementedError

    def clear_values(self) -> None:
        raise NotImplementedError

    def retranslate(self, language: str) -> None:
        raise NotImplementedError

    def reading_shown(self) -> None:
        """A finished measurement reached the tile (the subclasses call this)."""
        if not self.measured:
            self.measured = True
            self._show_state()

    def show_status(self, status: DeviceStatus, *, sleeps: bool = False) -> None:
        """Show a session's state; ``sleeps``: the device is a Bluetooth one that drops the
        link between measurements (see the module docstring)."""
        self._status, self._sleeps = status, sleeps
        if status.state is ConnectionState.CONNECTED:
            self.connect_failures = 0
        elif status.reason == BLE_CONNECT_FAILED:
            self.connect_failures += 1
        elif status.state is ConnectionState.DISCONNECTED:
            self.connect_failures = 0
        if status.state is not ConnectionState.CONNECTED and self.clear_when_disconnected:
            self.clear_values()
        self._show_state()

    @property
    def waiting(self) -> bool:
        """Between two measurements of a sleeping device (not a failure)."""
        status = self._status
        if status is None or not (self._sleeps and self.measured):
            return False
        if status.state is ConnectionState.CONNECTED:
            return False
        if status.reason == BLE_CONNECT_FAILED:
            return self.connect_failures < CONNECT_FAILURES_BEFORE_ALARM
        return status.state is ConnectionState.CONNECTING or status.reason in BLE_SLEEPING_REASONS

    def _show_state(self) -> None:
        self.state.setAccessibleName(QCoreApplication.translate("DeviceTile", "Device connection"))
        status = self._status
        if status is None:
            set_style_state(self.state, "state", "none")
            self.state.setText(QCoreApplication.translate("DeviceTile", "No device connected"))
            return
        if self.waiting:
            set_style_state(self.state, "state", WAITING)
            self.state.setText(
                QCoreApplication.translate("DeviceTile", "Waiting for the next measurement")
            )
            return
        set_style_state(self.state, "state", str(status.state))
        texts = {
            ConnectionState.CONNECTING: QCoreApplication.translate("DeviceTile", "Connecting…"),
            ConnectionState.CONNECTED: QCoreApplication.translate("DeviceTile", "Connected"),
            ConnectionState.DISCONNECTED: QCoreApplication.translate("DeviceTile", "Disconnected"),
        }
        text = texts[status.state]
        if status.reason:
            text += ": " + translate(status.reason, self._language, port=status.port)
        self.state.setText(text)


class DeviceTile(Tile):
    """The pulse-oximeter tile (SpO2 and pulse)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spo2_caption = vital_label("vitalCaption")
        self.spo2_value = vital_label("vitalValue", NO_VALUE)
        self.spo2_unit = vital_label("vitalUnit", "%")
        self.pulse_caption = vital_label("vitalCaption")
        self.pulse_value = vital_label("vitalValue", NO_VALUE)
        self.pulse_unit = vital_label("vitalUnit")
        self._lay_out()
        self.retranslate(self._language)

    def _lay_out(self) -> None:
        grid = self.grid
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
        grid.setRowStretch(4, 1)  # the values stay together; the state sits at the bottom
        grid.addWidget(self.state, 5, 0, 1, 2)

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
        self.reading_shown()

    def clear_values(self) -> None:
        self.spo2_value.setText(NO_VALUE)
        self.pulse_value.setText(NO_VALUE)

    def retranslate(self, language: str) -> None:
        self._language = language
        self.device_name.setText(self.tr("Pulse oximeter"))
        self.spo2_caption.setText(self.tr("SpO₂"))
        self.pulse_caption.setText(self.tr("Pulse"))
        self.pulse_unit.setText(self.tr("beats/min"))
        self.spo2_value.setAccessibleName(self.tr("Oxygen saturation, percent"))
        self.pulse_value.setAccessibleName(self.tr("Pulse, beats per minute"))
        self._show_state()


OximeterTile = DeviceTile


class BloodPressureTile(Tile):
    """The BP cuff: the cuff pressure while it inflates, then systolic/diastolic and pulse.

    A cuff sleeps between measurements, so a disconnection keeps the last result; it is
    blanked when older than the spot-measurement window.
    """

    stale_after_ms = SPOT_STALE_AFTER_MS
    clear_when_disconnected = False

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.inflating = False
        self._result: dict[str, float] = {}
        self.caption = vital_label("vitalCaption")
        self.value = vital_label("vitalValueWide", NO_VALUE)
        self.unit = vital_label("vitalUnit")
        self.pulse = vital_label("vitalDetail")
        grid = self.grid
        grid.addWidget(self.device_name, 0, 0)
        grid.addWidget(self.caption, 1, 0)
        grid.addWidget(self.value, 2, 0)
        grid.addWidget(self.unit, 3, 0)
        grid.addWidget(self.pulse, 4, 0)
        grid.setRowStretch(5, 1)
        grid.addWidget(self.state, 6, 0)
        self.retranslate(self._language)

    def show_reading(self, reading: ReadingArrived) -> None:
        measurement = reading.measurement
        kind = measurement.type
        if kind == "cuff_pressure":
            pressure = in_unit(measurement, MMHG)
            if pressure is None:
                return
            self.inflating = True
            self._result = {"cuff_pressure": pressure}
        elif kind in ("systolic_bp", "diastolic_bp", "mean_bp", "pulse_rate"):
            value = in_unit(measurement, MMHG) if kind != "pulse_rate" else measurement.value
            if value is None:
                return
            if self.inflating:
                self.inflating = False
                self._result = {}
            self._result[kind] = float(value)
            self._stale.start()
            self.reading_shown()
        else:
            return
        self._render()

    def clear_values(self) -> None:
        self.inflating = False
        self._result = {}
        self._render()

    def _render(self) -> None:
        result = self._result
        if self.inflating:
            self.caption.setText(self.tr("Cuff pressure"))
            self.value.setText(f"{result['cuff_pressure']:.0f}")
            self.pulse.setText(self.tr("Measuring…"))
            return
        self.caption.setText(self.tr("Blood pressure"))
        systolic, diastolic = result.get("systolic_bp"), result.get("diastolic_bp")
        if systolic is None or diastolic is None:
            self.value.setText(NO_VALUE)
        else:
            self.value.setText(f"{systolic:.0f}/{diastolic:.0f}")
        pulse = result.get("pulse_rate")
        shown = NO_VALUE if pulse is None else f"{pulse:.0f}"
        self.pulse.setText(self.tr("Pulse {pulse} beats/min").format(pulse=shown))

    def retranslate(self, language: str) -> None:
        self._language = language
        self.device_name.setText(self.tr("Blood pressure monitor"))
        self.unit.setText(self.tr("mmHg"))
        self.value.setAccessibleName(self.tr("Blood pressure, systolic over diastolic, mmHg"))
        self.pulse.setAccessibleName(self.tr("Pulse, beats per minute"))
        self._render()
        self._show_state()


class ThermometerTile(Tile):
    """The thermometer: the temperature in °C, marked while it is still measuring."""

    stale_after_ms = SPOT_STALE_AFTER_MS
    clear_when_disconnected = False

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.measuring = False
        self._celsius: float | None = None
        self.caption = vital_label("vitalCaption")
        self.value = vital_label("vitalValue", NO_VALUE)
        self.unit = vital_label("vitalUnit", "°C")
        self.note = vital_label("vitalDetail")
        grid = self.grid
        grid.addWidget(self.device_name, 0, 0)
        grid.addWidget(self.caption, 1, 0)
        grid.addWidget(self.value, 2, 0)
        grid.addWidget(self.unit, 3, 0)
        grid.addWidget(self.note, 4, 0)
        grid.setRowStretch(5, 1)
        grid.addWidget(self.state, 6, 0)
        self.retranslate(self._language)

    def show_reading(self, reading: ReadingArrived) -> None:
        measurement = reading.measurement
        if measurement.type != "body_temp":
            return
        celsius = in_unit(measurement, CELSIUS)  # display only; the store keeps the device's
        if celsius is None:
            return
        self._celsius = celsius
        self.measuring = bool(UNFINISHED_FLAGS & set(measurement.flags))
        if not self.measuring:
            self._stale.start()
            self.reading_shown()
        self._render()

    def clear_values(self) -> None:
        self._celsius = None
        self.measuring = False
        self._render()

    def _render(self) -> None:
        celsius = self._celsius
        self.value.setText(NO_VALUE if celsius is None else decimal(celsius, 1, self._language))
        self.note.setText(self.tr("Measuring…") if self.measuring else "")

    def retranslate(self, language: str) -> None:
        self._language = language
        self.device_name.setText(self.tr("Thermometer"))
        self.caption.setText(self.tr("Temperature"))
        self.value.setAccessibleName(self.tr("Body temperature, degrees Celsius"))
        self._render()
        self._show_state()


#: Which tile shows a device, by the kind :func:`device_kind` gives.
TILE_KINDS = ("oximeter", "bp", "thermometer")


def device_kind(reading_types: tuple[str, ...] | list[str] | set[str]) -> str | None:
    """``"oximeter"``, ``"bp"`` or ``"thermometer"`` for a device delivering these types."""
    kinds = set(reading_types)
    if kinds & {"systolic_bp", "cuff_pressure"}:
        return "bp"
    if "body_temp" in kinds:
        return "thermometer"
    if "spo2" in kinds:
        return "oximeter"
    return None
