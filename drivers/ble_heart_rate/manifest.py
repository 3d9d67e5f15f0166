"""Manifest of the ``ble-heart-rate`` driver: data only, no I/O imports.

Heart Rate service 0x180D (reference/devices.md §8, interfaces.md "Driver ids"): Heart Rate
Measurement 0x2A37 (Notify), Body Sensor Location 0x2A38 (Read).
"""

from __future__ import annotations

from kiosk.device_api import DriverManifest, Transport

MANIFEST = DriverManifest(
    id="ble-heart-rate",
    name="Bluetooth LE heart-rate sensor (Heart Rate 0x180D)",
    titles={
        "kk": "Bluetooth LE пульс датчигі (Heart Rate 0x180D)",
        "ru": "Датчик пульса Bluetooth LE (Heart Rate 0x180D)",
        "en": "Bluetooth LE heart-rate sensor (Heart Rate 0x180D)",
    },
    transport=Transport.BLE,
    ble_services=("180d",),
    scenarios=("normal", "no-contact", "disconnect", "malformed"),
    reading_types=("heart_rate",),
)
