"""Manifest of ``example-thermometer``: data only, no I/O imports."""

from __future__ import annotations

from kiosk.device_api import DriverManifest, SerialFraming, Transport, UsbMatcher

MANIFEST = DriverManifest(
    id="example-thermometer",
    name="Example ASCII thermometer (third-party plugin)",
    transport=Transport.SERIAL,
    serial=SerialFraming(9600),
    usb=(UsbMatcher(0x0483, 0x5740, "STM32 virtual COM port"),),
    names=("EXAMPLE-T1",),
    scenarios=("normal", "no-sensor"),
    reading_types=("body_temp", "status"),
)
