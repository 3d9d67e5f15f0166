"""The device tiles of the visit screen, by what a device measures.

Beside the pulse oximeter, the BP cuff and the thermometer of :mod:`ui.device_tile`, a
scale (``body_weight``) and a glucose meter (``glucose``) get a tile of their own; those two
stay hidden until such a device reports, so the usual three keep their room at 1024×600.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from kiosk.device_api import Transport
from kiosk.events import ReadingArrived
from kiosk.plugins import load_drivers
from ui.device_tile import (
    NO_VALUE,
    SPOT_STALE_AFTER_MS,
    BloodPressureTile,
    DeviceTile,
    ThermometerTile,
    Tile,
    decimal,
    device_kind,
    in_unit,
    vital_label,
)
from ui.qt import QCoreApplication, QWidget

#: Tiles shown only once their device reports.
ON_DEMAND = ("scale", "glucose")


def visit_device_kind(reading_types: Collection[str]) -> str | None:
    """The tile of a device delivering ``reading_types`` (as in ``device_kind``)."""
    kind = device_kind(list(reading_types))
    if kind is not None:
        return kind
    if "body_weight" in reading_types:
        return "scale"
    if "glucose" in reading_types:
        return "glucose"
    return None


def installed_device_kinds() -> dict[str, str]:
    """Which tile shows each installed driver's device (from the manifests' reading types)."""
    kinds: dict[str, str] = {}
    for driver_id, plugin in load_drivers().drivers.items():
        kind = visit_device_kind(plugin.manifest.reading_types)
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


class ValueTile(Tile):
    """One spot value in large type (a scale's weight, a meter's glucose)."""

    stale_after_ms = SPOT_STALE_AFTER_MS
    clear_when_disconnected = False

    def __init__(self, kind: str, reading_type: str, unit: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("deviceTile")
        self.kind, self.reading_type, self.unit_code = kind, reading_type, unit
        self._value: float | None = None
        self.caption = vital_label("vitalCaption")
        self.value = vital_label("vitalValue", NO_VALUE)
        self.unit = vital_label("vitalUnit")
        for row, widget in enumerate((self.device_name, self.caption, self.value, self.unit)):
            self.grid.addWidget(widget, row, 0)
        self.grid.setRowStretch(4, 1)
        self.grid.addWidget(self.state, 5, 0)
        self.retranslate(self._language)

    def show_reading(self, reading: ReadingArrived) -> None:
        measurement = reading.measurement
        if measurement.type != self.reading_type:
            return
        value = in_unit(measurement, self.unit_code)
        if value is None:
            return
        self._value = value
        self._stale.start()
        self.reading_shown()
        self._render()

    def clear_values(self) -> None:
        self._value = None
        self._render()

    def _render(self) -> None:
        value = self._value
        self.value.setText(NO_VALUE if value is None else decimal(value, 1, self._language))

    def retranslate(self, language: str) -> None:
        self._language = language
        if self.kind == "scale":
            self.device_name.setText(QCoreApplication.translate("ValueTile", "Scale"))
            self.caption.setText(QCoreApplication.translate("ValueTile", "Weight"))
            self.unit.setText(QCoreApplication.translate("ValueTile", "kg"))
        else:
            self.device_name.setText(QCoreApplication.translate("ValueTile", "Glucose meter"))
            self.caption.setText(QCoreApplication.translate("ValueTile", "Glucose"))
            self.unit.setText(QCoreApplication.translate("ValueTile", "mmol/L"))
        self.value.setAccessibleName(f"{self.caption.text()}, {self.unit.text()}")
        self._render()
        self._show_state()


def make_tiles() -> dict[str, Tile]:
    tiles: dict[str, Tile] = {
        "oximeter": DeviceTile(),
        "bp": BloodPressureTile(),
        "thermometer": ThermometerTile(),
        "scale": ValueTile("scale", "body_weight", "kg"),
        "glucose": ValueTile("glucose", "glucose", "mmol/L"),
    }
    for kind in ON_DEMAND:
        tiles[kind].setVisible(False)
    return tiles


def tile_kinds(device_kinds: Mapping[str, str] | None) -> dict[str, str]:
    return dict(installed_device_kinds() if device_kinds is None else device_kinds)
