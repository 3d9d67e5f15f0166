"""Manifest of the ``nonin-df2`` driver: data only, no I/O imports.

Facts from ``reference/devices.md`` §10.3 (Nonin OEM III module / Xpod, Data Format #2;
pez-globo/pufferfish-software): **9600 8-N-1**, 5-byte frames at 75 per second, streamed
without a start command. The USB ids are those of the USB-serial bridges OEM III boards and
serial cables are commonly wired to; they identify the bridge, not the oximeter, so a match
only suggests the driver.
"""

from __future__ import annotations

from kiosk.device_api import DriverManifest, SerialFraming, Transport, UsbMatcher

MANIFEST = DriverManifest(
    id="nonin-df2",
    name="Nonin oximeter, Data Format #2 (OEM III, Xpod)",
    titles={
        "kk": "Nonin пульсоксиметрі, № 2 деректер форматы (OEM III, Xpod)",
        "ru": "Пульсоксиметр Nonin, формат данных № 2 (OEM III, Xpod)",
        "en": "Nonin oximeter, Data Format #2 (OEM III, Xpod)",
    },
    transport=Transport.SERIAL,
    serial=SerialFraming(9600),
    usb=(
        UsbMatcher(0x0403, 0x6001, "FTDI FT232R USB-UART bridge"),
        UsbMatcher(0x0403, 0x6015, "FTDI FT231X USB-UART bridge"),
        UsbMatcher(0x10C4, 0xEA60, "Silicon Labs CP210x USB-UART bridge"),
        UsbMatcher(0x067B, 0x2303, "Prolific PL2303 USB-serial bridge"),
    ),
    names=("Nonin OEM III", "Xpod", "3012"),
    scenarios=("normal", "artefact", "no-sensor", "unplug", "garbage", "trickle", "burst"),
    reading_types=("spo2", "pulse_rate", "status"),
)
