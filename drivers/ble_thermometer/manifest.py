"""Manifest of the ``ble-thermometer`` driver: data only, no I/O imports.

Health Thermometer service 0x1809 (reference/devices.md §4, interfaces.md "Driver ids"):
Temperature Measurement 0x2A1C (Indicate), Intermediate Temperature 0x2A1E (Notify),
Temperature Type 0x2A1D (Read).
"""

from __future__ import annotations

from kiosk.device_api import DriverManifest, Transport

MANIFEST = DriverManifest(
    id="ble-thermometer",
    name="Bluetooth LE thermometer (Health Thermometer 0x1809)",
    titles={
        "kk": "Bluetooth LE термометрі (Health Thermometer 0x1809)",
        "ru": "Термометр Bluetooth LE (Health Thermometer 0x1809)",
        "en": "Bluetooth LE thermometer (Health Thermometer 0x1809)",
    },
    transport=Transport.BLE,
    ble_services=("1809",),
    scenarios=("normal", "backlog", "disconnect", "malformed"),
    reading_types=("body_temp",),
)
