"""Manifest of the ``contec-v7`` driver: data only, no I/O imports.

Facts from ``reference/devices.md`` §10.2 (Contec "Communication protocol of pulse oximeter
V7.0", 2010-07-08): 115200 8-N-1, CMS50D+ firmware ≥ 4.6, CMS50E and CMS60. The USB ids are
those of the USB-serial bridges these oximeters' cables are commonly built on; they identify
the bridge, not the oximeter, so matching them only suggests the driver.
"""

from __future__ import annotations

from kiosk.device_api import DriverManifest, SerialFraming, Transport, UsbMatcher

MANIFEST = DriverManifest(
    id="contec-v7",
    name="Contec pulse oximeter (protocol V7)",
    titles={
        "kk": "Contec пульсоксиметрі (V7 хаттамасы)",
        "ru": "Пульсоксиметр Contec (протокол V7)",
        "en": "Contec pulse oximeter (protocol V7)",
    },
    transport=Transport.SERIAL,
    serial=SerialFraming(115200),
    usb=(
        UsbMatcher(0x10C4, 0xEA60, "Silicon Labs CP210x USB-UART bridge"),
        UsbMatcher(0x1A86, 0x7523, "WCH CH340 USB-serial bridge"),
        UsbMatcher(0x067B, 0x2303, "Prolific PL2303 USB-serial bridge"),
        UsbMatcher(0x0403, 0x6001, "FTDI FT232R USB-UART bridge"),
    ),
    names=("CMS50D+", "CMS50E", "CMS60"),
    scenarios=("normal", "artefact", "finger-out", "unplug", "garbage", "trickle", "burst"),
    reading_types=("spo2", "pulse_rate", "perfusion_index", "status"),
)
