"""The I/O part of ``and-scale``: a :class:`~drivers.serial_session.SerialSession` set up for
an A&D scale as reference/devices.md §11 describes it.

The scale sends lines by itself (stream mode, or one line per weighing in auto-print mode) and
needs no command, so the session sends nothing. Its framing is configurable on the scale, so it
is a setting here (devices.md: "make it a setting"), in order of precedence: the ``framing``
argument, the environment variable ``KIOSK_AND_SCALE_FRAMING`` (e.g. ``"9600 8N1"``), then the
manifest's default, 2400 7-E-1 (commonly quoted, unverified).
"""

from __future__ import annotations

import os
import re

from drivers.and_scale.manifest import MANIFEST
from drivers.and_scale.parser import AndScaleParser
from drivers.serial_session import SerialSession
from kiosk.device_api import SerialFraming

FRAMING_VARIABLE = "KIOSK_AND_SCALE_FRAMING"
_FRAMING = re.compile(r"\s*(\d{3,7})\s*[ ,/-]?\s*([78])([NEOnoe])(1|1\.5|2)\s*(xonxoff|rtscts)?\s*")


def parse_framing(text: str) -> SerialFraming:
    """``"2400 7E1"``, ``"9600 8N1"``, ``"4800 7O2 rtscts"`` → :class:`SerialFraming`."""
    match = _FRAMING.fullmatch(text)
    if match is None:
        raise ValueError(f"not a serial framing like '2400 7E1': {text!r}")
    baud, bits, parity, stop, handshake = match.groups()
    return SerialFraming(
        int(baud),
        bytesize=int(bits),
        parity=parity.upper(),
        stopbits=float(stop) if stop == "1.5" else int(stop),
        xonxoff=handshake == "xonxoff",
        rtscts=handshake == "rtscts",
    )


def configured_framing(framing: SerialFraming | str | None = None) -> SerialFraming:
    """The framing to open the port with (argument, then environment, then manifest)."""
    if isinstance(framing, SerialFraming):
        return framing
    text = framing if framing is not None else os.environ.get(FRAMING_VARIABLE)
    if text:
        return parse_framing(text)
    assert MANIFEST.serial is not None
    return MANIFEST.serial


def open_session(
    port: str, *, framing: SerialFraming | str | None = None, retry_interval: float = 1.0
) -> SerialSession[AndScaleParser]:
    """A session for an A&D scale on ``port`` (a device path or a pyserial URL)."""
    return SerialSession(
        driver_id=MANIFEST.id,
        port=port,
        framing=configured_framing(framing),
        parser_factory=AndScaleParser,
        manufacturer="A&D",
        retry_interval=retry_interval,
    )
