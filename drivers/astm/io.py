"""The I/O part of ``astm``: a :class:`~drivers.serial_session.SerialSession` that answers.

The analyzer drives the link (devices.md §12): it sends ENQ and waits for ACK, sends each
frame and waits for ACK or NAK, and ends with EOT. The session writes the parser's owed
ACK/NAK bytes back after every chunk (the ``responder`` hook), so a frame with a bad checksum
is NAKed and resent. Nothing is sent on connect: the host only ever answers.
"""

from __future__ import annotations

from drivers.astm.manifest import MANIFEST
from drivers.astm.parser import AstmParser
from drivers.serial_session import SerialSession
from kiosk.device_api import SerialFraming


def replies(parser: AstmParser) -> bytes:
    """The ACK/NAK bytes the parser owes the analyzer."""
    return parser.take_replies()


def open_session(
    port: str, *, framing: SerialFraming | None = None, retry_interval: float = 1.0
) -> SerialSession[AstmParser]:
    """A session for an ASTM analyzer on ``port`` (a device path or a pyserial URL).

    ``framing`` overrides the manifest's default 9600 8-N-1 (analyzers make it a setting).
    """
    assert MANIFEST.serial is not None
    return SerialSession(
        driver_id=MANIFEST.id,
        port=port,
        framing=framing or MANIFEST.serial,
        parser_factory=AstmParser,
        responder=replies,
        retry_interval=retry_interval,
    )
