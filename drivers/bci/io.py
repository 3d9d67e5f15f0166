"""The I/O part of ``bci``: a :class:`~drivers.serial_session.SerialSession` set up for the
BCI stream as reference/devices.md §10.1 describes it.

A BCI device streams its 5-byte packets as soon as it is powered, so the session sends no
start command and no keep-alive, and the device reports no serial number: its identity is
driver + port. The line parameters come from the manifest (4800 8-N-1 by default; a CMS50D+
with fw ≤ 4.5 needs ``framing=CMS50D_PLUS_FRAMING``, 19200 8-O-1 XON/XOFF).
"""

from __future__ import annotations

from drivers.bci.manifest import MANIFEST
from drivers.bci.parser import BciParser
from drivers.serial_session import SerialSession
from kiosk.device_api import SerialFraming


def open_session(
    port: str,
    *,
    waveform: bool = False,
    framing: SerialFraming | None = None,
    retry_interval: float = 1.0,
) -> SerialSession[BciParser]:
    """A session for a BCI oximeter on ``port`` (a device path or a pyserial URL)."""
    assert MANIFEST.serial is not None
    return SerialSession(
        driver_id=MANIFEST.id,
        port=port,
        framing=framing or MANIFEST.serial,
        parser_factory=lambda: BciParser(waveform=waveform),
        retry_interval=retry_interval,
    )
