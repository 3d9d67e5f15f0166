"""Manifest of the ``ble-scale`` driver: data only, no I/O imports.

Weight Scale 0x181D and Body Composition 0x181B (reference/devices.md §6, interfaces.md
"Driver ids"): Weight Measurement 0x2A9D and Body Composition Measurement 0x2A9C, both
Indicate. A&D UC-352BLE scales use 0x181D (§3, vendor notes); Beurer BF788 uses both (§6).
"""

from __future__ import annotations

from kiosk.device_api import DriverManifest, Transport

MANIFEST = DriverManifest(
    id="ble-scale",
    name="Bluetooth LE scale (Weight Scale 0x181D, Body Composition 0x181B)",
    titles={
        "kk": "Bluetooth LE таразысы (Weight Scale 0x181D, Body Composition 0x181B)",
        "ru": "Весы Bluetooth LE (Weight Scale 0x181D, Body Composition 0x181B)",
        "en": "Bluetooth LE scale (Weight Scale 0x181D, Body Composition 0x181B)",
    },
    transport=Transport.BLE,
    ble_services=("181d", "181b"),
    names=("UC-352BLE", "BF788"),
    scenarios=("normal", "backlog", "disconnect", "malformed"),
    reading_types=("body_weight", "body_height", "bmi", "body_fat"),
)
