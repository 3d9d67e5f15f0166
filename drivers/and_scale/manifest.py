"""Manifest of the ``and-scale`` driver: data only, no I/O imports.

Facts from ``reference/devices.md`` §11 (A&D EK-L and GC series manuals): ASCII weight lines
ending in CR LF. Framing is configurable on the scale and is a setting here too (see
``drivers.and_scale.io``): the default below, **2400 bps 7-E-1**, is the one commonly quoted as
A&D's factory setting, which devices.md marks **unverified** — a site whose scale is set
otherwise configures that instead. The USB ids are those of the usual USB-RS232 adapters and
of the USB-serial bridges in A&D's own cables; they identify the bridge, not the scale.
"""

from __future__ import annotations

from kiosk.device_api import DriverManifest, SerialFraming, Transport, UsbMatcher

#: The default line parameters (unverified A&D factory setting, devices.md §11).
DEFAULT_FRAMING = SerialFraming(2400, bytesize=7, parity="E", stopbits=1)

MANIFEST = DriverManifest(
    id="and-scale",
    name="A&D weighing scale (ASCII weight lines)",
    titles={
        "kk": "A&D таразысы (ASCII салмақ жолдары)",
        "ru": "Весы A&D (строки веса в ASCII)",
        "en": "A&D weighing scale (ASCII weight lines)",
    },
    transport=Transport.SERIAL,
    serial=DEFAULT_FRAMING,
    usb=(
        UsbMatcher(0x0403, 0x6001, "FTDI FT232R USB-RS232 adapter"),
        UsbMatcher(0x067B, 0x2303, "Prolific PL2303 USB-RS232 adapter"),
        UsbMatcher(0x10C4, 0xEA60, "Silicon Labs CP210x USB-RS232 adapter"),
        UsbMatcher(0x1A86, 0x7523, "WCH CH340 USB-RS232 adapter"),
    ),
    names=("EK-L", "GC", "AD-4404"),
    scenarios=("normal", "artefact", "overload", "unplug", "garbage", "trickle", "burst"),
    reading_types=("body_weight", "status"),
)
