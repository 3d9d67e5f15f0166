"""Manifest of the ``berrymed-ble`` driver: data only, no I/O imports.

BerryMed BM1000 family (reference/devices.md §9): BCI packets (§10.1) over the Microchip
transparent-UART service ``49535343-fe7d-4ae5-8fa9-9fafd205e455``.
"""

from __future__ import annotations

from kiosk.device_api import DriverManifest, Transport

UART_SERVICE = "49535343-fe7d-4ae5-8fa9-9fafd205e455"

MANIFEST = DriverManifest(
    id="berrymed-ble",
    name="BerryMed pulse oximeter (BCI over Bluetooth LE)",
    titles={
        "kk": "BerryMed пульсоксиметрі (Bluetooth LE арқылы BCI)",
        "ru": "Пульсоксиметр BerryMed (BCI через Bluetooth LE)",
        "en": "BerryMed pulse oximeter (BCI over Bluetooth LE)",
    },
    transport=Transport.BLE,
    ble_services=(UART_SERVICE,),
    names=("BerryMed",),
    scenarios=("normal", "finger-out", "disconnect", "malformed"),
    reading_types=("spo2", "pulse_rate", "status"),
)
