"""Pure, incremental decoder of the Contec pulse-oximeter protocol V7.0.

Every fact here comes from ``reference/devices.md`` §10.2 (Contec "Communication protocol of
pulse oximeter V7.0", 2010-07-08) and the field mapping of §16:

- byte 0 is the packet type (bit 7 = 0); byte 1 is the "high byte" (bit 7 = 1) whose bit *i*
  holds bit 7 of data byte *i*; every data byte is sent with bit 7 forced to 1;
- every byte with bit 7 = 0 starts a packet (the resync rule), the length depends on the type,
  and types we do not decode are skipped;
- real-time packets (type 0x01) carry SpO2, PR, PI and status bits; type 0x04 carries the
  device id (7 ASCII characters, space padded); commands are 9-byte type-0x7D packets;
- stored records (type 0x0F, the answer to A6) carry three (SpO2, PR) pairs each. They become
  ``spo2`` / ``pulse_rate`` readings flagged ``from-storage`` with ``time`` null: the records
  carry no time, and although the protocol document (V7.0 §3.3.1, table 2) lets a host ask
  for a segment's start time (A5 → 0x07 + 0x12), it never states the interval between two
  records, so a time per record cannot be derived. A pair outside the document's valid ranges
  (SpO2 (0, 100], PR (0, 254]) gives no reading; in particular the zero padding of a last,
  short packet (V7.0 §3.3.2.5) gives none;
- 0x0C ("free", the answer to A2 and A7) and 0x0B (command feedback: command, reason code;
  the answer to B1/B2) are counted and kept on the parser for the session and the download.

The decoder is byte-at-a-time, so its cost is linear in the input and a chunk boundary can
fall anywhere. It never raises on input bytes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Mapping

from kiosk.domain import Measurement

DRIVER_ID = "contec-v7"

#: Packet types (devices.md §10.2).
REALTIME = 0x01
DEVICE_ID = 0x04
FEEDBACK = 0x0B
FREE = 0x0C
STORED = 0x0F
COMMAND = 0x7D

#: Packet lengths in bytes, type byte and high byte included (V7.0 table 2; 0x06, the answer
#: to A0, as devices.md saw it). Types other than 0x01, 0x04, 0x0B, 0x0C and 0x0F are skipped.
PACKET_LENGTHS: Mapping[int, int] = {
    REALTIME: 9,
    DEVICE_ID: 9,
    0x05: 9,  # user information
    0x06: 4,
    0x07: 8,  # storage start time (date)
    0x08: 8,  # storage data length
    0x09: 6,  # storage data with PI
    0x0A: 4,  # storage segment amount
    FEEDBACK: 4,
    FREE: 2,
    0x0D: 3,  # disconnect notice
    0x0E: 3,  # PI identifier
    STORED: 8,
    0x10: 3,  # user amount
    0x11: 9,  # device notice
    0x12: 8,  # storage start time (time)
    0x15: 9,  # storage data identifiers
    COMMAND: 9,
}

#: Command codes, sent as the first data byte of a type-0x7D packet.
START_REALTIME = 0xA1
STOP_REALTIME = 0xA2
ASK_STORED = 0xA6  # + user index, segment number (both 0 on single-user, single-segment devices)
STOP_STORED = 0xA7
ASK_DEVICE_ID = 0xAA
KEEP_ALIVE = 0xAF
SET_TIME = 0xB1  # + hour, minute, second
SET_DATE = 0xB2  # + high year, low year, month, day, weekday (0 = Sunday)

#: Reason codes of the 0x0B feedback (V7.0 table 4).
REASON_DONE = 0x00
REASON_UNSUPPORTED = 0x05
FROM_STORAGE = ("from-storage",)

_DATA_BYTES = 7  # the high byte has room for seven data bytes
_PROBE_ERROR = 0x80  # d0 bit 7
_LOW_SPO2 = 0x20  # d0 bit 5
_SEARCHING = 0x80  # d1 bit 7
_PI_INVALID = 0x10  # d2 bit 4
_PR_INVALID = 0xFF
_SPO2_INVALID = 0x7F
_PI_MISSING = 0xFFFF
_START = re.compile(rb"[\x00-\x7f]")  # a byte that starts a packet
_LOW7 = bytes(byte & 0x7F for byte in range(256))  # bytes.translate table: clear bit 7


@dataclasses.dataclass(frozen=True, slots=True)
class Packet:
    """One complete packet: its type, data bytes with bit 7 restored, and the wire bytes."""

    type: int
    data: bytes
    raw: bytes


def encode_packet(packet_type: int, data: bytes) -> bytes:
    """Wire bytes of a packet: type, high byte, then data bytes with bit 7 forced to 1."""
    if not 0 <= packet_type < 0x80 or len(data) > _DATA_BYTES:
        raise ValueError("a V7 packet has a 7-bit type and at most 7 data bytes")
    high = 0x80
    for index, byte in enumerate(data):
        high |= (byte >> 7) << index
    return bytes([packet_type, high, *(byte | 0x80 for byte in data)])


def command(code: int, *args: int) -> bytes:
    """A 9-byte host command (type 0x7D); unused data bytes are 0 and so travel as 0x80."""
    data = [code, *args]
    if len(data) > _DATA_BYTES or any(not 0 <= byte <= 0xFF for byte in data):
        raise ValueError("a command has a code and at most 6 argument bytes, each 0-255")
    return encode_packet(COMMAND, bytes(data).ljust(_DATA_BYTES, b"\x00"))


def clock_commands(moment: dt.datetime) -> bytes:
    """B2 (set date) then B1 (set time) for ``moment``, in the order V7.0 table 7 note 7 asks.

    Layout (Contec V7.0 table 7, notes 3 and 6): B2 + high year, low year, month, day,
    weekday; B1 + hour, minute, second; one binary byte each (2010 → high year 20, low year
    10; weekday 0 = Sunday … 6 = Saturday). The document does not say BCD, and its 2010
    example reads the same either way only for the year halves; binary is what it describes
    for every other numeric field, so binary it is. The device answers each with a 0x0B
    feedback packet (reason 0x00 done, 0x05 not supported).
    """
    date = command(
        SET_DATE,
        moment.year // 100,
        moment.year % 100,
        moment.month,
        moment.day,
        moment.isoweekday() % 7,
    )
    return date + command(SET_TIME, moment.hour, moment.minute, moment.second)


def restore(raw: bytes) -> bytes:
    """The data bytes of ``raw`` with bit 7 of data byte *i* taken from bit *i* of byte 1."""
    data = bytearray(raw[2:].translate(_LOW7))
    bits, index = raw[1] & 0x7F, 0
    while bits and index < len(data):
        if bits & 1:
            data[index] |= 0x80
        bits, index = bits >> 1, index + 1
    return bytes(data)


@functools.cache
def _type_finder(kinds: frozenset[int]) -> re.Pattern[bytes]:
    """A pattern matching any of the packet type bytes ``kinds``."""
    return re.compile(
        b"[" + b"".join(re.escape(bytes([k])) for k in sorted(kinds) if k < 0x80) + b"]"
    )


class V7Framer:
    """Splits a byte stream into complete packets by the V7 resync rule.

    A byte with bit 7 = 0 always starts a packet and drops any unfinished one; bytes of a
    type without a known length, and stray bytes outside a packet, are discarded. Start bytes
    are found with regular expressions (outside a packet, only the types with a known length:
    the others would be dropped anyway), so long runs cost little Python work.
    """

    def __init__(self, lengths: Mapping[int, int] = PACKET_LENGTHS) -> None:
        self._lengths = lengths
        self._known = _type_finder(frozenset(lengths)).search  # outside a packet, only these
        self._partial = b""  # the unfinished packet of known length, or empty
        self._expected = 0

    def feed(self, data: bytes) -> list[Packet]:
        packets: list[Packet] = []
        pos, size, search = 0, len(data), _START.search
        while pos < size:
            if self._partial:
                end = min(size, pos + self._expected - len(self._partial))
                interrupted = search(data, pos, end)
                if interrupted is not None:  # a start byte drops the unfinished packet
                    self._partial, pos = b"", interrupted.start()
                    continue
                self._partial += data[pos:end]
                pos = end
                if len(self._partial) == self._expected:
                    raw, self._partial = self._partial, b""
                    packets.append(Packet(raw[0], restore(raw), raw))
                continue
            start = self._known(data, pos)  # other start bytes begin packets we drop
            if start is None:
                break
            pos = start.start()
            expected = self._lengths[data[pos]]
            end = min(size, pos + expected)
            interrupted = search(data, pos + 1, end)
            if interrupted is not None:
                pos = interrupted.start()
                continue
            if end - pos == expected:  # the whole packet is in this chunk
                raw = bytes(data[pos:end])
                packets.append(Packet(raw[0], restore(raw), raw))
            else:
                self._partial, self._expected = bytes(data[pos:end]), expected
            pos = end
        return packets


def realtime_flags(data: bytes) -> tuple[str, ...]:
    """Flags of a real-time packet (devices.md §16): probe error, searching, low SpO2."""
    flags: list[str] = []
    if data[0] & _PROBE_ERROR:
        flags.append("finger-out")
    if data[1] & _SEARCHING:
        flags.append("searching")
    if data[0] & _LOW_SPO2:
        flags.append("low-spo2")
    return tuple(flags)


def decode_realtime(packet: Packet, *, waveform: bool = False) -> list[Measurement]:
    """Readings of one type-0x01 packet.

    With a probe error (finger out) the device marks PR and SpO2 as not valid, so no value
    is emitted whatever the bytes say; a ``status`` reading then carries the flags.
    """
    data, raw = packet.data, packet.raw
    flags = realtime_flags(data)
    values: list[tuple[str, float | int, str]] = []
    if not data[0] & _PROBE_ERROR:
        pr, spo2, pi = data[3], data[4], data[5] | data[6] << 8
        if spo2 != _SPO2_INVALID and spo2 <= 100:
            values.append(("spo2", spo2, "%"))
        if pr != _PR_INVALID:
            values.append(("pulse_rate", pr, "/min"))
        if not data[2] & _PI_INVALID and pi != _PI_MISSING:
            values.append(("perfusion_index", round(pi / 100, 2), "%"))
    readings = [
        Measurement(DRIVER_ID, kind, value, unit, flags=flags, raw=raw)
        for kind, value, unit in values
    ]
    if not readings and flags:
        readings.append(Measurement(DRIVER_ID, "status", None, None, flags=flags, raw=raw))
    if waveform and not data[0] & _PROBE_ERROR:
        readings.append(Measurement(DRIVER_ID, "pleth", data[1] & 0x7F, None, raw=raw))
    return readings


def decode_stored(packet: Packet) -> list[Measurement]:
    """Readings of one type-0x0F packet: three (SpO2, PR) records, flagged ``from-storage``."""
    data, raw = packet.data, packet.raw
    readings: list[Measurement] = []
    for spo2, pr in zip(data[0:6:2], data[1:6:2], strict=True):
        if 0 < spo2 <= 100:
            readings.append(Measurement(DRIVER_ID, "spo2", spo2, "%", flags=FROM_STORAGE, raw=raw))
        if 0 < pr < _PR_INVALID:
            readings.append(
                Measurement(DRIVER_ID, "pulse_rate", pr, "/min", flags=FROM_STORAGE, raw=raw)
            )
    return readings


def decode_device_id(packet: Packet) -> str | None:
    """The device id of a type-0x04 packet: 7 ASCII characters, space padded; None if unusable."""
    if any(not 0x20 <= byte < 0x7F for byte in packet.data):
        return None
    return packet.data.decode("ascii").strip() or None


class ContecV7Parser:
    """Incremental V7 parser: ``feed`` any chunk, get the readings of the packets it completed.

    ``device_id`` holds the last device id the device reported (type 0x04), or None;
    ``free_count`` counts 0x0C ("free") packets, ``stored_count`` 0x0F packets, and
    ``feedback`` maps a command code to the last reason code a 0x0B packet gave for it.
    """

    def __init__(self, *, waveform: bool = False) -> None:
        self._waveform = waveform
        self._framer = V7Framer()
        self.device_id: str | None = None
        self.free_count = 0
        self.stored_count = 0
        self.feedback: dict[int, int] = {}

    def feed(self, data: bytes) -> list[Measurement]:
        readings: list[Measurement] = []
        for packet in self._framer.feed(data):
            kind = packet.type
            if kind == REALTIME:
                readings.extend(decode_realtime(packet, waveform=self._waveform))
            elif kind == STORED:
                self.stored_count += 1
                readings.extend(decode_stored(packet))
            elif kind == DEVICE_ID:
                self.device_id = decode_device_id(packet) or self.device_id
            elif kind == FREE:
                self.free_count += 1
            elif kind == FEEDBACK:
                self.feedback[packet.data[0]] = packet.data[1]
        return readings


def create_parser(*, waveform: bool = False, device_name: str | None = None) -> ContecV7Parser:
    """The plugin's parser factory; V7 has no per-model quirks, so ``device_name`` is unused."""
    return ContecV7Parser(waveform=waveform)
