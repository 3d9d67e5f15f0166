"""The ``astm`` parser: E1381 frames → re-assembled text → E1394 records → ``lab`` readings.

Pure and incremental (devices.md §12, §16, §17). :mod:`drivers.astm.lowlevel` accepts or
rejects frames and owes the sender ACK/NAK bytes (:meth:`AstmParser.take_replies`, written
back by the serial session); :mod:`drivers.astm.records` maps records to readings.

A message may be one big frame, one record per frame, or records split across ETB frames:
frame texts are joined and split at CR, and an unfinished record waits for the next frame
(ETB continuation). A frame ending with ETX also ends the record it carries, CR or not. ENQ,
EOT and a new H record drop an unfinished record, so nothing spliced from two messages is
ever decoded; the text held for one record is bounded (:data:`MAX_RECORD`).

A reading's ``raw`` is the wire bytes of the frame(s) its R record came in.
"""

from __future__ import annotations

from drivers.astm.lowlevel import Event, LinkReceiver
from drivers.astm.records import DRIVER_ID, RecordDecoder
from kiosk.domain import Measurement

MAX_RECORD = 256 * 1024


class AstmParser:
    """``feed`` any chunk of bytes; ``take_replies`` gives the ACK/NAK bytes for the device."""

    def __init__(self, *, driver_id: str = DRIVER_ID) -> None:
        self._link = LinkReceiver()
        self._records = RecordDecoder(driver_id)
        self._tail = b""  # an unfinished record (ETB continuation)
        self._tail_frames: list[bytes] = []  # the frames that carried it

    def take_replies(self) -> bytes:
        return self._link.take_replies()

    def feed(self, data: bytes) -> list[Measurement]:
        readings: list[Measurement] = []
        for event in self._link.feed(data):
            readings.extend(self._on_event(event))
        return readings

    def _on_event(self, event: Event) -> list[Measurement]:
        if event.frame is None:  # ENQ or EOT: a transmission starts or ends
            self._drop_tail()
            self._records.reset()
            return []
        frame = event.frame
        if self._tail and _starts_message(frame.text):
            self._drop_tail()  # a new message starts: the unfinished record never will end
        lines = (self._tail + frame.text).split(b"\r")
        self._tail_frames.append(frame.raw)
        readings: list[Measurement] = []
        for index, line in enumerate(lines[:-1]):
            raw = b"".join(self._tail_frames) if index == 0 else frame.raw
            readings.extend(self._records.record(line, raw))
        self._tail = lines[-1]
        if len(lines) > 1:
            self._tail_frames = [frame.raw]
        if frame.last and self._tail:  # ETX ends the record even without its CR
            readings.extend(self._records.record(self._tail, b"".join(self._tail_frames)))
            self._tail = b""
        if not self._tail:
            self._tail_frames = []
        elif len(self._tail) > MAX_RECORD:
            self._drop_tail()
        return readings

    def _drop_tail(self) -> None:
        self._tail, self._tail_frames = b"", []


def _starts_message(text: bytes) -> bool:
    """Whether ``text`` opens with an H record (``H`` and four distinct delimiters)."""
    delimiters = text[1:5]
    return (
        text[:1] == b"H"
        and len(set(delimiters)) == 4
        and all(0x21 <= byte < 0x7F and not chr(byte).isalnum() for byte in delimiters)
    )


def create_parser(*, waveform: bool = False, device_name: str | None = None) -> AstmParser:
    """The plugin's parser factory; ASTM has no waveforms and no per-model quirks here."""
    return AstmParser()
