"""The I/O part of ``contec-v7``: a :class:`~drivers.serial_session.SerialSession` set up
for the device as reference/devices.md §10.2 describes it.

On connect the session asks for the device id (AA, answered by a type-0x04 packet whose
id becomes the device's identity) and starts real-time data (A1); it sends the keep-alive
(AF) every 5 s, because without repeats the device stops real-time data after about 30 s.
"""

from __future__ import annotations

from drivers.contec_v7.manifest import MANIFEST
from drivers.contec_v7.parser import (
    ASK_DEVICE_ID,
    KEEP_ALIVE,
    START_REALTIME,
    ContecV7Parser,
    command,
)
from drivers.serial_session import KeepAlive, SerialSession

KEEP_ALIVE_INTERVAL = 5.0


def device_serial(parser: ContecV7Parser) -> str | None:
    """The id the device reported in its type-0x04 packet, once it has."""
    return parser.device_id


def open_session(
    port: str, *, waveform: bool = False, retry_interval: float = 1.0
) -> SerialSession[ContecV7Parser]:
    """A session for a Contec V7 oximeter on ``port`` (a device path or a pyserial URL)."""
    assert MANIFEST.serial is not None
    return SerialSession(
        driver_id=MANIFEST.id,
        port=port,
        framing=MANIFEST.serial,
        parser_factory=lambda: ContecV7Parser(waveform=waveform),
        on_connect=command(ASK_DEVICE_ID) + command(START_REALTIME),
        keep_alive=KeepAlive(KEEP_ALIVE_INTERVAL, command(KEEP_ALIVE)),
        device_serial=device_serial,
        manufacturer="Contec",
        retry_interval=retry_interval,
    )
