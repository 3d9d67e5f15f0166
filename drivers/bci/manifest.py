"""Manifest of the ``bci`` driver: data only, no I/O imports.

Facts from ``reference/devices.md`` §10.1 (BerryMed "BCI Protocol V1.2", atbrask/CMS50Dplus,
the Setocare ST-T130-U01 note): a 5-byte packet stream from BerryMed modules, Contec CMS50D+
with firmware ≤ 4.5 and the Setocare ST-T130-U01, sent without any start command.

Serial framing: the BCI PDF gives no baud rate. The default here is the Setocare's
**4800 8-N-1** (60 packets/s). The older Contec CMS50D+ speaks the same packets at
**19200 8-O-1 with XON/XOFF** (atbrask); a site with such a device overrides the framing in
its configuration (``SerialFraming(19200, parity="O", xonxoff=True)``), see
:data:`CMS50D_PLUS_FRAMING`. The USB ids are the bridges these cables are usually built on
(they identify the bridge, not the oximeter, so a match only suggests the driver).
"""

from __future__ import annotations

from kiosk.device_api import DriverManifest, SerialFraming, Transport, UsbMatcher

#: The CMS50D+ (fw ≤ 4.5) variant of the line parameters (devices.md §10.1, atbrask).
CMS50D_PLUS_FRAMING = SerialFraming(19200, parity="O", xonxoff=True)

MANIFEST = DriverManifest(
    id="bci",
    name="BCI 5-byte oximeter stream (BerryMed, CMS50D+ fw ≤ 4.5, Setocare)",
    titles={
        "kk": (
            "BCI 5 байттық ағынды пульсоксиметр "
            "(BerryMed, CMS50D+ микробағдарламасы ≤ 4.5, Setocare)"
        ),
        "ru": (
            "Пульсоксиметр с 5-байтовым потоком BCI (BerryMed, CMS50D+ с прошивкой ≤ 4.5, Setocare)"
        ),
        "en": "BCI 5-byte oximeter stream (BerryMed, CMS50D+ fw ≤ 4.5, Setocare)",
    },
    transport=Transport.SERIAL,
    serial=SerialFraming(4800),
    usb=(
        UsbMatcher(0x10C4, 0xEA60, "Silicon Labs CP210x USB-UART bridge (CMS50D+ cable)"),
        UsbMatcher(0x1A86, 0x7523, "WCH CH340 USB-serial bridge (BerryMed modules)"),
        UsbMatcher(0x067B, 0x2303, "Prolific PL2303 USB-serial bridge"),
        UsbMatcher(0x0403, 0x6001, "FTDI FT232R USB-UART bridge"),
    ),
    names=("BerryMed", "BM1000", "CMS50D+", "ST-T130-U01"),
    scenarios=("normal", "artefact", "finger-out", "unplug", "garbage", "trickle", "burst"),
    reading_types=("spo2", "pulse_rate", "status"),
)
