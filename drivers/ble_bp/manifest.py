"""Manifest of the ``ble-bp`` driver: data only, no I/O imports.

Facts from reference/devices.md §3: the Blood Pressure service 0x1810 (0x2A35 measurement,
indicated; 0x2A36 intermediate cuff pressure, notified; 0x2A49 features, read). Names are the
advertised names with per-model behaviour: the Beurer family whose frames break the standard
layout, and the A&D UA-651BLE whose clock is set through 0x2A08 inside 0x1810.
"""

from __future__ import annotations

from kiosk.device_api import DriverManifest, Transport

MANIFEST = DriverManifest(
    id="ble-bp",
    name="Bluetooth blood-pressure monitor (GATT 0x1810)",
    titles={
        "kk": "Bluetooth қан қысымын өлшегіш (GATT 0x1810)",
        "ru": "Тонометр с Bluetooth (GATT 0x1810)",
        "en": "Bluetooth blood-pressure monitor (GATT 0x1810)",
    },
    transport=Transport.BLE,
    ble_services=("1810",),
    names=("BM48", "BM59", "BM85", "ELITE900", "A&D_UA-651BLE"),
    scenarios=("normal", "backlog", "disconnect-mid", "pairing", "clock-set", "malformed"),
    reading_types=(
        "systolic_bp",
        "diastolic_bp",
        "mean_bp",
        "pulse_rate",
        "cuff_pressure",
        "status",
    ),
)
