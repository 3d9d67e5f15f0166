"""Manifest of the ``masimo-ascii`` driver: data only, no I/O imports.

Facts from ``reference/devices.md`` §10.4 (Masimo Rad-8 Operator's Manual, serial chapter):
RS-232 on a female DB-9 with a null-modem cable, **9600 8-N-1, no handshake**; ASCII 1 (one
line per second) and ASCII 2 (trend) lines ending in CR LF. The oximeter has no USB port: it
reaches the kiosk through an RS-232-to-USB adapter, so the USB ids below identify the usual
adapters, not the oximeter, and matching them only suggests the driver.
"""

from __future__ import annotations

from kiosk.device_api import DriverManifest, SerialFraming, Transport, UsbMatcher

MANIFEST = DriverManifest(
    id="masimo-ascii",
    name="Masimo Rad-8 / Radical-7 pulse oximeter (ASCII serial output)",
    titles={
        "kk": "Masimo Rad-8 / Radical-7 пульсоксиметрі (тізбекті порт арқылы ASCII шығысы)",
        "ru": "Пульсоксиметр Masimo Rad-8 / Radical-7 (вывод ASCII через последовательный порт)",
        "en": "Masimo Rad-8 / Radical-7 pulse oximeter (ASCII serial output)",
    },
    transport=Transport.SERIAL,
    serial=SerialFraming(9600, bytesize=8, parity="N", stopbits=1, xonxoff=False, rtscts=False),
    usb=(
        UsbMatcher(0x0403, 0x6001, "FTDI FT232R USB-RS232 adapter"),
        UsbMatcher(0x067B, 0x2303, "Prolific PL2303 USB-RS232 adapter"),
        UsbMatcher(0x10C4, 0xEA60, "Silicon Labs CP210x USB-RS232 adapter"),
        UsbMatcher(0x1A86, 0x7523, "WCH CH340 USB-RS232 adapter"),
    ),
    names=("Rad-8", "Radical-7"),
    scenarios=("normal", "artefact", "no-sensor", "unplug", "garbage", "trickle", "burst"),
    reading_types=("spo2", "pulse_rate", "perfusion_index", "status"),
)
