"""The I/O part of ``hl7-mllp``: a :class:`~drivers.serial_session.SerialSession` that answers.

``port`` is a pyserial URL — ``socket://HOST:PORT`` for an analyzer (or its serial-to-IP
adapter) listening on TCP, as test-peers.md §c proves — or a serial device path; either way
the same session code runs. After each chunk the session writes back the MLLP-framed HL7
ACKs the parser owes (devices.md §13: ``MSA|AA|<MSH-10>``). A dropped TCP connection reads as
an unplugged cable: the session reports it and reconnects.
"""

from __future__ import annotations

from drivers.hl7_mllp.manifest import MANIFEST
from drivers.hl7_mllp.parser import Hl7Parser
from drivers.serial_session import SerialSession
from kiosk.device_api import SerialFraming


def replies(parser: Hl7Parser) -> bytes:
    """The HL7 ACK messages (MLLP-framed) the parser owes the analyzer."""
    return parser.take_replies()


def open_session(
    port: str, *, framing: SerialFraming | None = None, retry_interval: float = 1.0
) -> SerialSession[Hl7Parser]:
    """A session for an HL7 analyzer at ``port`` (``socket://HOST:PORT`` or a device path)."""
    assert MANIFEST.serial is not None
    return SerialSession(
        driver_id=MANIFEST.id,
        port=port,
        framing=framing or MANIFEST.serial,
        parser_factory=Hl7Parser,
        responder=replies,
        retry_interval=retry_interval,
    )
