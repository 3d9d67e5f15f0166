"""Manifest of the ``astm`` driver: data only, no I/O imports.

Facts from ``reference/devices.md`` §12 (ASTM E1381 / E1394, CLSI LIS1-A / LIS2-A2): laboratory
analyzers (chemistry, haematology, HbA1c, cartridge PCR) send results as E1394 records over
E1381 frames with an ENQ/ACK/NAK/EOT handshake. LIS1-A's usual line is 9600 bit/s 8-N-1, but
analyzers let the laboratory choose it: the framing below is only the default and a site
configures its own. The USB ids are the RS-232 adapters an analyzer reaches the kiosk through;
they identify the adapter, not the analyzer, so matching them only suggests the driver.
"""

from __future__ import annotations

from kiosk.device_api import DriverManifest, SerialFraming, Transport, UsbMatcher

MANIFEST = DriverManifest(
    id="astm",
    name="Laboratory analyzer (ASTM E1381 / E1394, LIS1-A / LIS2-A2)",
    titles={
        "kk": "Зертханалық анализатор (ASTM E1381 / E1394, LIS1-A / LIS2-A2)",
        "ru": "Лабораторный анализатор (ASTM E1381 / E1394, LIS1-A / LIS2-A2)",
        "en": "Laboratory analyzer (ASTM E1381 / E1394, LIS1-A / LIS2-A2)",
    },
    transport=Transport.SERIAL,
    serial=SerialFraming(9600, bytesize=8, parity="N", stopbits=1, xonxoff=False, rtscts=False),
    usb=(
        UsbMatcher(0x0403, 0x6001, "FTDI FT232R USB-RS232 adapter"),
        UsbMatcher(0x067B, 0x2303, "Prolific PL2303 USB-RS232 adapter"),
        UsbMatcher(0x10C4, 0xEA60, "Silicon Labs CP210x USB-RS232 adapter"),
        UsbMatcher(0x1A86, 0x7523, "WCH CH340 USB-RS232 adapter"),
    ),
    names=("GeneXpert", "Spotchem EL", "mini VIDAS", "Cobas", "Sysmex"),
    scenarios=("normal", "artefact", "no-sensor", "unplug", "garbage", "trickle", "burst", "qc"),
    reading_types=("lab",),
)
