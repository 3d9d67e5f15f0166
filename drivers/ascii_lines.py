"""A bounded line framer for CR/LF-terminated ASCII device protocols.

Used by ``masimo-ascii`` (reference/devices.md §10.4: "Lines end in CR LF") and ``and-scale``
(§11: "Line: 2-char header, comma, data, unit, CR LF"). A line ends at CR, at LF or at CR LF
(empty lines are skipped), so a device that sends a bare CR or a bare LF is framed the same way.

Memory is bounded: a line longer than ``max_length`` is dropped, and so is everything up to the
next terminator, so garbage without newlines never grows the buffer and the line after it is
decoded again (resynchronisation within one line, devices.md §17 item 5). A line is returned
without its terminator; drivers keep those bytes as the measurement's ``raw``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kiosk.domain import Measurement

_TERMINATOR = re.compile(rb"[\r\n]")


class LineFramer:
    """Splits a byte stream into complete lines; ``feed`` never raises."""

    def __init__(self, max_length: int) -> None:
        if max_length < 1:
            raise ValueError("max_length must be positive")
        self.max_length = max_length
        self._buffer = bytearray()
        self._overflow = False  # inside a too-long line: drop bytes up to the next terminator

    @property
    def pending(self) -> int:
        """Bytes held for an unfinished line (never more than ``max_length``)."""
        return len(self._buffer)

    def reset(self) -> None:
        """Forget any unfinished line (e.g. after the port was lost)."""
        self._buffer.clear()
        self._overflow = False

    def feed(self, data: bytes) -> list[bytes]:
        """The lines ``data`` completes, in order, without terminators."""
        pieces = _TERMINATOR.split(data)
        lines: list[bytes] = []
        for piece in pieces[:-1]:  # each of these is followed by a terminator
            if not self._overflow and len(self._buffer) + len(piece) <= self.max_length:
                self._buffer += piece
                if self._buffer:
                    lines.append(bytes(self._buffer))
            self._buffer.clear()
            self._overflow = False
        tail = pieces[-1]
        if self._overflow or len(self._buffer) + len(tail) > self.max_length:
            self._buffer.clear()
            self._overflow = True
        else:
            self._buffer += tail
        return lines


class LineParser:
    """A :class:`~kiosk.device_api.Parser` made of a :class:`LineFramer` and a line decoder.

    ``decode`` turns one line (without terminator) into measurements and must not raise.
    """

    def __init__(self, decode: Callable[[bytes], list[Measurement]], max_length: int) -> None:
        self._decode = decode
        self._framer = LineFramer(max_length)

    def feed(self, data: bytes) -> list[Measurement]:
        readings: list[Measurement] = []
        for line in self._framer.feed(data):
            readings.extend(self._decode(line))
        return readings


def ascii_text(line: bytes) -> str | None:
    """The line as text if it is printable ASCII (space to ``~``), else None."""
    if not line.isascii():
        return None
    text = line.decode("ascii")
    return text if text.isprintable() else None
