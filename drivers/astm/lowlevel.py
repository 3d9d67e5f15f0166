"""ASTM E1381 / CLSI LIS1-A low level: the receiver's side of the link (devices.md §12).

Written for this project: no maintained Python library covers ASTM (kxepal/python-astm, the
one open implementation, is unmaintained since 2013), so the facts of devices.md §12 are
implemented here directly.

- Handshake: ``ENQ`` is answered with ``ACK`` and starts a transmission (frame numbers expected
  from 1); each frame is answered ``ACK``, or ``NAK`` when its checksum or frame number is
  wrong (the sender then resends it); ``EOT`` ends the transmission.
- Frame: ``STX FN text CR ETB|ETX C1 C2 CR LF``; FN runs 1…7, 0, 1…; the checksum is the sum of
  the bytes from FN through ETB/ETX inclusive, mod 256, as two hex characters.
- Robustness: a capture may start mid-session, so frames are decoded without an ENQ (frame
  numbers are then not enforced: nobody could resend); after the checksum CR LF, CR, LF or
  nothing is accepted (a frame is complete at its second checksum character); frames may be
  far longer than 247 bytes (up to :data:`MAX_FRAME`); STX, ENQ or EOT inside a frame abandon
  it (they never occur in frame text), so non-ASTM text framed by STX/ETX (Spotchem, mini
  VIDAS) costs at most a NAK. A frame with the number of the last accepted one and the same
  bytes is a retransmission whose ACK was lost: it is ACKed again but delivered only once.
"""

from __future__ import annotations

import dataclasses
import re

STX, ETX, EOT, ENQ, ACK, NAK, ETB = 0x02, 0x03, 0x04, 0x05, 0x06, 0x15, 0x17
CR, LF = 0x0D, 0x0A
MAX_FRAME = 64 * 1024  # real frames exceed 1.5 kB; anything past this is not a frame
_HEX = frozenset(b"0123456789ABCDEFabcdef")
_IN_FRAME = re.compile(rb"[\x02\x03\x04\x05\x17]")  # STX ETX EOT ENQ ETB
_BETWEEN = re.compile(rb"[\x02\x04\x05]")  # STX EOT ENQ


def checksum(body: bytes) -> bytes:
    """Two uppercase hex characters: the sum of ``body`` (FN … ETB/ETX) mod 256."""
    return b"%02X" % (sum(body) % 256)


def encode_frame(number: int, text: bytes, *, last: bool = True, tail: bytes = b"\r\n") -> bytes:
    """The wire bytes of one frame; ``number`` is taken mod 8 (frame 8 is numbered 0)."""
    body = b"%d" % (number % 8) + text + bytes([ETX if last else ETB])
    return bytes([STX]) + body + checksum(body) + tail


def encode_message(records: list[bytes], *, per_frame: bool = True) -> list[bytes]:
    """Frames carrying ``records`` (each ends with CR): one record per frame, or all in one."""
    texts = [record + b"\r" for record in records]
    if not per_frame:
        texts = [b"".join(texts)]
    return [encode_frame(index + 1, text) for index, text in enumerate(texts)]


@dataclasses.dataclass(frozen=True, slots=True)
class Frame:
    """An accepted frame: its number, its text, whether it is the last (ETX) and its bytes."""

    number: int
    text: bytes
    last: bool
    raw: bytes


@dataclasses.dataclass(frozen=True, slots=True)
class Event:
    """Something the link layer saw: a new transmission (ENQ), its end (EOT) or a frame."""

    kind: str  # "enq", "eot" or "frame"
    frame: Frame | None = None


class LinkReceiver:
    """Byte-at-a-time E1381 receiver; ``feed`` never raises, ``take_replies`` gives ACK/NAKs."""

    def __init__(self) -> None:
        self._replies = bytearray()
        self._frame = bytearray()  # STX … ETB/ETX while inside a frame
        self._state = "idle"  # "idle", "frame" or "checksum"
        self._check = bytearray()
        self._expected: int | None = None  # None: no ENQ seen, frame numbers not enforced
        self._last: Frame | None = None

    def take_replies(self) -> bytes:
        """The ACK/NAK bytes owed to the sender since the last call."""
        replies, self._replies = bytes(self._replies), bytearray()
        return replies

    def feed(self, data: bytes) -> list[Event]:
        events: list[Event] = []
        position, end = 0, len(data)
        while position < end:
            if self._state == "frame":  # copy frame text up to the next control byte at once
                found = _IN_FRAME.search(data, position)
                stop = found.start() if found else end
                self._frame += data[position:stop]
                position = stop
                if len(self._frame) > MAX_FRAME:
                    self._state, self._frame = "idle", bytearray()  # not a frame: wait for STX
                if position == end:
                    break
            elif self._state == "idle":  # skip noise between frames at once
                found = _BETWEEN.search(data, position)
                if not found:
                    break
                position = found.start()
            self._byte(data[position], events)
            position += 1
        return events

    def _byte(self, byte: int, events: list[Event]) -> None:
        if self._state == "idle":
            self._idle(byte, events)
        elif byte in (STX, ENQ, EOT):  # never inside a frame: the frame is abandoned
            self._state = "idle"
            self._idle(byte, events)
        elif self._state == "frame":
            self._frame.append(byte)  # ETX or ETB
            self._state, self._check = "checksum", bytearray()
        else:
            self._check.append(byte)
            if len(self._check) == 2:
                self._state = "idle"
                self._complete(events)

    def _idle(self, byte: int, events: list[Event]) -> None:
        if byte == STX:
            self._frame = bytearray((STX,))
            self._state = "frame"
        elif byte == ENQ:
            self._replies.append(ACK)
            self._expected, self._last = 1, None
            events.append(Event("enq"))
        elif byte == EOT:
            self._expected, self._last = None, None
            events.append(Event("eot"))
        # anything else between frames (CR LF after a checksum, noise) is ignored

    def _complete(self, events: list[Event]) -> None:
        body = bytes(self._frame[1:])
        number = body[0] - 0x30 if len(body) >= 2 else -1
        valid = (
            0 <= number <= 7
            and set(self._check) <= _HEX
            and bytes(self._check).upper() == checksum(body)
        )
        raw = bytes(self._frame) + bytes(self._check)
        if not valid:
            self._replies.append(NAK)
            return
        frame = Frame(number, body[1:-1], body[-1] == ETX, raw)
        if self._last is not None and frame.raw == self._last.raw:
            self._replies.append(ACK)  # the same frame again (our ACK was lost): once only
            return
        if self._expected is not None and frame.number != self._expected:
            self._replies.append(NAK)  # out of sequence: the sender resends the right one
            return
        self._replies.append(ACK)
        if self._expected is not None:
            self._expected = (frame.number + 1) % 8
        self._last = frame
        events.append(Event("frame", frame))
