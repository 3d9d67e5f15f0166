"""Download the stored records of a Contec V7 oximeter (reference/devices.md §10.2).

The exchange follows the Contec V7.0 document (table 7 and §3.4): real-time and stored data
cannot flow together, so the host first stops real-time data (A2, answered by 0x0C "free"),
then asks for the stored data of a user and segment (A6 + user index + segment number; both
0 on devices with one user and one segment), collects the 0x0F packets, and ends with A7
(answered by 0x0C). The document sends no end-of-data marker: the download ends when the
device says it is free (0x0C) after records came, when no record arrives for ``quiet``
seconds (the document's host gives up after 1 s without a reply), or when nothing at all
arrived within ``first_reply`` seconds. Records carry no time (see the parser's docstring).

Blocking, for the technician's tools; run it while no session holds the port::

    python -m drivers.contec_v7.records /dev/ttyUSB0
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence

from drivers.contec_v7.manifest import MANIFEST
from drivers.contec_v7.parser import (
    ASK_STORED,
    STOP_REALTIME,
    STOP_STORED,
    ContecV7Parser,
    command,
)
from drivers.serial_session import open_port, read_chunk
from kiosk.device_api import SerialFraming
from kiosk.domain import Measurement

READ_TIMEOUT = 0.05
STOP_WAIT = 1.0  # how long to wait for the 0x0C answering A2 / A7


def download_records(
    port: str,
    *,
    user: int = 0,
    segment: int = 0,
    quiet: float = 1.0,
    first_reply: float = 2.0,
    limit: float = 600.0,
) -> list[Measurement]:
    """The stored ``spo2`` / ``pulse_rate`` readings (flagged ``from-storage``) on ``port``.

    Raises OSError (pyserial's SerialException included) if the port cannot be used.
    """
    framing = MANIFEST.serial or SerialFraming(115200)
    link = open_port(port, framing, READ_TIMEOUT)
    try:
        parser = ContecV7Parser()
        link.write(command(STOP_REALTIME))
        _wait_for_free(link, parser)
        link.write(command(ASK_STORED, user, segment))
        readings = _collect(link, parser, quiet=quiet, first_reply=first_reply, limit=limit)
        link.write(command(STOP_STORED))
        _wait_for_free(link, parser)
        return readings
    finally:
        link.close()


def _wait_for_free(link: object, parser: ContecV7Parser) -> None:
    """Read (and drop) what comes until the next 0x0C packet or ``STOP_WAIT`` seconds."""
    free, deadline = parser.free_count, time.monotonic() + STOP_WAIT
    while parser.free_count == free and time.monotonic() < deadline:
        parser.feed(read_chunk(link))


def _collect(
    link: object, parser: ContecV7Parser, *, quiet: float, first_reply: float, limit: float
) -> list[Measurement]:
    readings: list[Measurement] = []
    free, stored = parser.free_count, parser.stored_count
    start = last = time.monotonic()
    while True:
        chunk = read_chunk(link)
        now = time.monotonic()
        before = parser.stored_count
        readings.extend(m for m in parser.feed(chunk) if "from-storage" in m.flags)
        if parser.stored_count > before:
            last = now
        if parser.stored_count > stored and parser.free_count > free:
            return readings  # the device said it is free again
        waited = now - last if parser.stored_count > stored else now - start
        if waited > (quiet if parser.stored_count > stored else first_reply):
            return readings
        if now - start > limit:
            return readings


def main(argv: Sequence[str] | None = None) -> int:
    """Print the stored readings of the device on PORT as JSON lines."""
    args = argparse.ArgumentParser(description=main.__doc__)
    args.add_argument("port")
    args.add_argument("--user", type=int, default=0)
    args.add_argument("--segment", type=int, default=0)
    options = args.parse_args(argv)
    try:
        readings = download_records(options.port, user=options.user, segment=options.segment)
    except OSError as error:
        print(f"cannot download from {options.port}: {error}", file=sys.stderr)
        return 1
    for reading in readings:
        print(json.dumps(reading.to_json()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
