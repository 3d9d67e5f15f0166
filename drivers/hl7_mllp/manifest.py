"""Manifest of the ``hl7-mllp`` driver: data only, no I/O imports.

The id ``hl7-mllp`` extends the built-in driver ids of reference/interfaces.md (which lists
``astm`` for lab analyzers): issue 4 asks for HL7 v2 ORU^R01 over MLLP as well, for the
analyzers that speak it (devices.md §13, e.g. Mindray chemistry with HL7 2.3.1).

Transport: TCP, the usual link — the kiosk connects to ``socket://HOST:PORT`` (a pyserial URL,
so the serial session code path is the same). The same driver works on a serial port given
its device path; the framing below is then the default, and a site configures its own.
"""

from __future__ import annotations

from kiosk.device_api import DriverManifest, SerialFraming, Transport

MANIFEST = DriverManifest(
    id="hl7-mllp",
    name="Laboratory analyzer (HL7 v2 ORU^R01 over MLLP, TCP or serial)",
    titles={
        "kk": "Зертханалық анализатор (MLLP арқылы HL7 v2 ORU^R01, TCP немесе тізбекті порт)",
        "ru": "Лабораторный анализатор (HL7 v2 ORU^R01 через MLLP, TCP или последовательный порт)",
        "en": "Laboratory analyzer (HL7 v2 ORU^R01 over MLLP, TCP or serial)",
    },
    transport=Transport.TCP,
    serial=SerialFraming(9600, bytesize=8, parity="N", stopbits=1, xonxoff=False, rtscts=False),
    names=("Mindray BS-380", "Mindray BC-series"),
    scenarios=("normal", "artefact", "unplug", "garbage", "trickle", "burst", "qc"),
    reading_types=("lab",),
)
