"""The I/O part of ``contec-v7``: a :class:`~drivers.serial_session.SerialSession` set up
for the device as reference/devices.md §10.2 describes it.

On connect the session asks for the device id (AA, answered by a type-0x04 packet whose
id becomes the device's identity) and starts real-time data (A1); it sends the keep-alive
(AF) every 5 s, because without repeats the device stops real-time data after about 30 s.

It also sets the device clock from the kiosk clock, date first (B2) then time (B1), as the
Contec V7.0 document asks (layout in :func:`~drivers.contec_v7.parser.clock_commands`). The
bytes are built when the device first answers on a connection — the moment is the kiosk's
time then, not when the session was created — and sent through the session's ``responder``
hook, once per connection (each connection has a fresh parser). The device acknowledges
with 0x0B feedback; the parser keeps the reason codes in ``parser.feedback``.

Stored records are downloaded with :func:`drivers.contec_v7.records.download_records` while
no session holds the port.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from drivers.contec_v7.manifest import MANIFEST
from drivers.contec_v7.parser import (
    ASK_DEVICE_ID,
    KEEP_ALIVE,
    START_REALTIME,
    ContecV7Parser,
    clock_commands,
    command,
)
from drivers.serial_session import KeepAlive, SerialSession

KEEP_ALIVE_INTERVAL = 5.0
Clock = Callable[[], dt.datetime]


def device_serial(parser: ContecV7Parser) -> str | None:
    """The id the device reported in its type-0x04 packet, once it has."""
    return parser.device_id


class ClockSetter:
    """A ``responder``: B2 + B1 with the kiosk's time, once for each new parser (connection)."""

    def __init__(self, clock: Clock = dt.datetime.now) -> None:
        self._clock = clock
        self._served: ContecV7Parser | None = None

    def __call__(self, parser: ContecV7Parser) -> bytes:
        if parser is self._served:
            return b""
        self._served = parser
        return clock_commands(self._clock())


def open_session(
    port: str,
    *,
    waveform: bool = False,
    retry_interval: float = 1.0,
    set_clock: bool = True,
    clock: Clock = dt.datetime.now,
) -> SerialSession[ContecV7Parser]:
    """A session for a Contec V7 oximeter on ``port`` (a device path or a pyserial URL).

    ``set_clock`` sets the device clock from ``clock`` (local kiosk time) on every connect.
    """
    assert MANIFEST.serial is not None
    return SerialSession(
        driver_id=MANIFEST.id,
        port=port,
        framing=MANIFEST.serial,
        parser_factory=lambda: ContecV7Parser(waveform=waveform),
        on_connect=command(ASK_DEVICE_ID) + command(START_REALTIME),
        keep_alive=KeepAlive(KEEP_ALIVE_INTERVAL, command(KEEP_ALIVE)),
        device_serial=device_serial,
        responder=ClockSetter(clock) if set_clock else None,
        manufacturer="Contec",
        retry_interval=retry_interval,
    )
