"""The I/O part of ``masimo-ascii``: a :class:`~drivers.serial_session.SerialSession` set up
for the device as reference/devices.md §10.4 describes it.

The oximeter streams by itself (ASCII 1: a line per second) and takes no commands, so the
session sends nothing: no start command, no keep-alive. The serial number of the ``SN`` token
becomes the device's identity once a line has reported it.
"""

from __future__ import annotations

from drivers.masimo_ascii.manifest import MANIFEST
from drivers.masimo_ascii.parser import MasimoAsciiParser
from drivers.serial_session import SerialSession


def device_serial(parser: MasimoAsciiParser) -> str | None:
    """The serial number the device reported in its ``SN`` token, once it has."""
    return parser.device_serial


def open_session(port: str, *, retry_interval: float = 1.0) -> SerialSession[MasimoAsciiParser]:
    """A session for a Masimo oximeter on ``port`` (a device path or a pyserial URL)."""
    assert MANIFEST.serial is not None
    return SerialSession(
        driver_id=MANIFEST.id,
        port=port,
        framing=MANIFEST.serial,
        parser_factory=MasimoAsciiParser,
        device_serial=device_serial,
        manufacturer="Masimo",
        retry_interval=retry_interval,
    )
