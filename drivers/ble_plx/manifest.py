"""Manifest of the ``ble-plx`` driver: data only, no I/O imports.

Pulse Oximeter service 0x1822 (reference/devices.md §5, interfaces.md "Driver ids"):
Spot-check 0x2A5E (Indicate), Continuous 0x2A5F (Notify), Features 0x2A60 (Read).
"""

from __future__ import annotations

from kiosk.device_api import DriverManifest, Transport

MANIFEST = DriverManifest(
    id="ble-plx",
    name="Bluetooth LE pulse oximeter (Pulse Oximeter 0x1822)",
    titles={
        "kk": "Bluetooth LE пульсоксиметрі (Pulse Oximeter 0x1822)",
        "ru": "Пульсоксиметр Bluetooth LE (Pulse Oximeter 0x1822)",
        "en": "Bluetooth LE pulse oximeter (Pulse Oximeter 0x1822)",
    },
    transport=Transport.BLE,
    ble_services=("1822",),
    scenarios=("normal", "spot-check", "disconnect", "malformed"),
    reading_types=("spo2", "pulse_rate", "perfusion_index", "status"),
)
