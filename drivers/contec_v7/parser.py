"""Pure, incremental decoder of the Contec pulse-oximeter protocol V7.0.

Every fact here comes from ``reference/devices.md`` §10.2 (Contec "Communication protocol of
pulse oximeter V7.0", 2010-07-08) and the field mapping of §16:

- byte 0 is the packet type (bit 7 = 0); byte 1 is the "high byte" (bit 7 = 1) whose bit *i*
  holds bit 7 of data byte *i*; every data byte is sent with bit 7 forced to 1;
- every byte with bit 7 = 0 starts a packet (the resync rule), the length depends on the type,
  and types we do not decode are skipped;
- real-time packets (type 0x01) carry SpO2, PR, PI and status bits; type 0x04 carries the
  device id (7 ASCII characters, space padded); commands are 9-byte type-0x7D packets.

The decoder is byte-at-a-time, so its cost is linear in the input and a chunk boundary can
fall anywhere. It never raises on input bytes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from kiosk.domain import Measurement

DRIVER_ID = "contec-v7"

#: Packet types (devices.md §10.2).
REALTIME = 0x01
DEVICE_ID = 0x04
COMMAND = 0x7D

#: Packet lengths in bytes, type byte and high byte included. 0x06 answers A0, 0x0C answers A7
#: ("free"), 0x0F holds three stored (SpO2, PR) records; those three are skipped for now.
PACKET_LENGTHS: Mapping[int, int] = {
    REALTIME: 9,
    DEVICE_ID: 9,
    0x06: 4,
    0x0C: 2,
    0x0F: 8,
    COMMAND: 9,
}

#: Command codes, sent as the first data byte of a type-0x7D packet.
START_REALTIME = 0xA1
STOP_REALTIME = 0xA2
ASK_DEVICE_ID = 0xAA
KEEP_ALIVE = 0xAF

_DATA_BYTES = 7  # the high byte has room for seven data bytes
_PROBE_ERROR = 0x80  # d0 bit 7
_LOW_SPO2 = 0x20  # d0 bit 5
_SEARCHING = 0x80  # d1 bit 7
_PI_INVALID = 0x10  # d2 bit 4
_PR_INVALID = 0xFF
_SPO2_INVALID = 0x7F
_PI_MISSING = 0xFFFF


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


def restore(raw: bytes) -> bytes:
    """The data bytes of ``raw`` with bit 7 of data byte *i* taken from bit *i* of byte 1."""
    high = raw[1]
    return bytes((byte & 0x7F) | (((high >> index) & 1) << 7) for index, byte in enumerate(raw[2:]))


class V7Framer:
    """Splits a byte stream into complete packets by the V7 resync rule.

    A byte with bit 7 = 0 always starts a packet and drops any unfinished one; bytes of a
    type without a known length, and stray bytes outside a packet, are discarded.
    """

    def __init__(self, lengths: Mapping[int, int] = PACKET_LENGTHS) -> None:
        self._lengths = lengths
        self._buffer = bytearray()
        self._expected = 0  # 0: not inside a packet of known length

    def feed(self, data: bytes) -> list[Packet]:
        packets: list[Packet] = []
        for byte in data:
            if byte < 0x80:
                self._buffer = bytearray((byte,))
                self._expected = self._lengths.get(byte, 0)
            elif self._expected:
                self._buffer.append(byte)
            if self._expected and len(self._buffer) == self._expected:
                raw = bytes(self._buffer)
                packets.append(Packet(raw[0], restore(raw), raw))
                self._buffer.clear()
                self._expected = 0
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


def decode_device_id(packet: Packet) -> str | None:
    """The device id of a type-0x04 packet: 7 ASCII characters, space padded; None if unusable."""
    if any(not 0x20 <= byte < 0x7F for byte in packet.data):
        return None
    return packet.data.decode("ascii").strip() or None


class ContecV7Parser:
    """Incremental V7 parser: ``feed`` any chunk, get the readings of the packets it completed.

    ``device_id`` holds the last device id the device reported (type 0x04), or None.
    """

    def __init__(self, *, waveform: bool = False) -> None:
        self._waveform = waveform
        self._framer = V7Framer()
        self.device_id: str | None = None

    def feed(self, data: bytes) -> list[Measurement]:
        readings: list[Measurement] = []
        for packet in self._framer.feed(data):
            if packet.type == REALTIME:
                readings.extend(decode_realtime(packet, waveform=self._waveform))
            elif packet.type == DEVICE_ID:
                self.device_id = decode_device_id(packet) or self.device_id
        return readings


def create_parser(*, waveform: bool = False, device_name: str | None = None) -> ContecV7Parser:
    """The plugin's parser factory; V7 has no per-model quirks, so ``device_name`` is unused."""
    return ContecV7Parser(waveform=waveform)
