"""Manifest of the ``contec-ble`` driver: data only, no I/O imports.

Contec CMS50D-BT (reference/devices.md §9): the service UUID is not documented, so the driver
is matched on its characteristic (notify 0xFF02, write 0xFF01) and on the advertised name;
``ble_services`` lists the 16-bit characteristic UUID the matcher looks for.
"""

from __future__ import annotations

from kiosk.device_api import DriverManifest, Transport

MANIFEST = DriverManifest(
    id="contec-ble",
    name="Contec CMS50D-BT pulse oximeter (Bluetooth LE)",
    titles={
        "kk": "Contec CMS50D-BT пульсоксиметрі (Bluetooth LE)",
        "ru": "Пульсоксиметр Contec CMS50D-BT (Bluetooth LE)",
        "en": "Contec CMS50D-BT pulse oximeter (Bluetooth LE)",
    },
    transport=Transport.BLE,
    ble_services=("ff02",),
    names=("CMS50D-BT", "CMS50D"),
    scenarios=("normal", "disconnect", "malformed"),
    reading_types=("spo2", "pulse_rate"),
)
