"""The I/O part of ``nonin-df2``: a :class:`~drivers.serial_session.SerialSession` set up for
Data Format #2 as reference/devices.md §10.3 describes it.

A module set to Data Format #2 streams its frames as soon as it is powered, so the session
sends no start command and no keep-alive. DF2 carries no serial number: the identity is
driver + port. Line parameters come from the manifest (9600 8-N-1).
"""

from __future__ import annotations

from drivers.nonin_df2.manifest import MANIFEST
from drivers.nonin_df2.parser import Df2Parser
from drivers.serial_session import SerialSession


def open_session(
    port: str, *, waveform: bool = False, retry_interval: float = 1.0
) -> SerialSession[Df2Parser]:
    """A session for a Nonin DF2 oximeter on ``port`` (a device path or a pyserial URL)."""
    assert MANIFEST.serial is not None
    return SerialSession(
        driver_id=MANIFEST.id,
        port=port,
        framing=MANIFEST.serial,
        parser_factory=lambda: Df2Parser(waveform=waveform),
        manufacturer="Nonin",
        retry_interval=retry_interval,
    )
