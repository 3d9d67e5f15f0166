"""Manifest of the ``ble-glucose`` driver: data only, no I/O imports.

Glucose service 0x1808 (reference/devices.md §7, interfaces.md "Driver ids"): Glucose
Measurement 0x2A18 and Context 0x2A34 (Notify), Feature 0x2A51 (Read), Record Access Control
Point 0x2A52 (Write + Indicate). Bonding is required.
"""

from __future__ import annotations

from kiosk.device_api import DriverManifest, Transport

MANIFEST = DriverManifest(
    id="ble-glucose",
    name="Bluetooth LE glucose meter (Glucose 0x1808)",
    titles={
        "kk": "Bluetooth LE глюкометрі (Glucose 0x1808)",
        "ru": "Глюкометр Bluetooth LE (Glucose 0x1808)",
        "en": "Bluetooth LE glucose meter (Glucose 0x1808)",
    },
    transport=Transport.BLE,
    ble_services=("1808",),
    scenarios=("normal", "backlog", "disconnect", "malformed"),
    reading_types=("glucose", "status"),
)
