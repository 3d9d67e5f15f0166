"""Pure, incremental decoder of the BCI 5-byte oximeter stream (reference/devices.md §10.1).

Packet layout (BerryMed "BCI Protocol V1.2"; atbrask/CMS50Dplus):

====  =====  ===============================================================================
byte  bit 7  bits
====  =====  ===============================================================================
0     1      0-3 signal strength; 4 no signal (CMS50: finger out); 5 probe unplugged (CMS50:
             SpO2 dropping); 6 pulse beep
1     0      0-6 pleth (0 = invalid)
2     0      0-3 bar graph; 4 no finger (CMS50: probe error); 5 pulse searching; 6 PR bit 7
3     0      0-6 PR bits 0-6 (PR 0xFF = invalid)
4     0      0-6 SpO2 (0x7F = invalid)
====  =====  ===============================================================================

There is no checksum: a packet starts at a byte with bit 7 set and a packet with a sync byte
inside it is dropped (the resync rule). Readings follow §16: ``spo2`` (%) and ``pulse_rate``
(/min); byte 0 bit 4 and byte 2 bit 4 give ``finger-out``, byte 2 bit 5 ``searching``; with
no value a ``status`` reading carries the flags; ``pleth`` only with ``waveform=True``.
Signal strength, bar graph, beep and byte 0 bit 5 (whose meaning differs between BerryMed
and CMS50, and which §16 does not map) produce nothing. Besides the marked invalid values,
SpO2 0 or above 100 and PR 0 are not measurements and produce no reading either.

The CMS50D+ stored-record download (the reply to ``F5 F5``) is decoded too: preamble
``F2 80 00`` three times, a 3-byte length (kept as it came, its encoding is not documented),
then 3-byte records ``F0|pr7  80|pr0-6  spo2`` (one per second, no timestamps, so ``time``
is null and the readings carry ``from-storage``) until ``F6 F6 F6``. The length and each
record count only when a record or the end marker follows them, so live packets arriving
instead (a download cut short) are not taken for records; anything else ends the download
and is read again as live data.

Scanning uses compiled regular expressions, so the cost is linear in the input and runs at
C speed; a chunk boundary can fall anywhere. ``feed`` never raises.
"""

from __future__ import annotations

import re

from kiosk.domain import Measurement

DRIVER_ID = "bci"
PACKET_SIZE = 5
#: Host command asking a CMS50D+ (fw ≤ 4.5) for its stored records.
RECORD_REQUEST = b"\xf5\xf5"
RECORD_PREAMBLE = b"\xf2\x80\x00" * 3
RECORD_END = b"\xf6\xf6\xf6"
FROM_STORAGE = "from-storage"

_NO_SIGNAL = 0x10  # byte 0 bit 4
_NO_FINGER = 0x10  # byte 2 bit 4
_SEARCHING = 0x20  # byte 2 bit 5
_PR_BIT7 = 0x40  # byte 2 bit 6
_PR_INVALID = 0xFF
_SPO2_INVALID = 0x7F

_LIVE = re.compile(rb"([\x80-\xff][\x00-\x7f]{4})|(" + re.escape(RECORD_PREAMBLE) + rb")")
_LIVE_TAIL = re.compile(rb"[\x80-\xff][\x00-\x7f]{0,3}\Z")
_RECORDS = re.compile(rb"(?:[\xf0\xf1][\x80-\xff][\x00-\x7f](?=[\xf0\xf1\xf6]))*")
_RECORD_FOLLOWERS = frozenset((0xF0, 0xF1, 0xF6))
_PREAMBLE_BYTES = frozenset(RECORD_PREAMBLE)


def packet_flags(byte0: int, byte2: int) -> tuple[str, ...]:
    """§16 flags of a live packet: no signal / no finger → finger-out; searching."""
    flags: list[str] = []
    if byte0 & _NO_SIGNAL or byte2 & _NO_FINGER:
        flags.append("finger-out")
    if byte2 & _SEARCHING:
        flags.append("searching")
    return tuple(flags)


def values(pr: int, spo2: int, flags: tuple[str, ...], raw: bytes) -> list[Measurement]:
    """The valid ones of SpO2 and PR, carrying ``flags``; a status if neither is valid."""
    readings: list[Measurement] = []
    if 0 < spo2 <= 100:  # 0x7F (invalid) is above 100
        readings.append(Measurement(DRIVER_ID, "spo2", spo2, "%", flags=flags, raw=raw))
    if 0 < pr < _PR_INVALID:
        readings.append(Measurement(DRIVER_ID, "pulse_rate", pr, "/min", flags=flags, raw=raw))
    if not readings and flags:
        readings.append(Measurement(DRIVER_ID, "status", None, None, flags=flags, raw=raw))
    return readings


def decode_packet(raw: bytes, *, waveform: bool = False) -> list[Measurement]:
    """Readings of one live 5-byte packet (``raw`` must be a whole packet)."""
    byte0, pleth, byte2, pr_low, spo2 = raw
    pr = pr_low | (byte2 & _PR_BIT7) << 1
    readings = values(pr, spo2, packet_flags(byte0, byte2), raw)
    if waveform and pleth:
        readings.append(Measurement(DRIVER_ID, "pleth", pleth, None, raw=raw))
    return readings


def decode_record(raw: bytes) -> list[Measurement]:
    """Readings of one 3-byte stored record ``F0|pr7  80|pr0-6  spo2``."""
    pr = (raw[0] & 0x01) << 7 | (raw[1] & 0x7F)
    return [m for m in values(pr, raw[2], (FROM_STORAGE,), raw) if m.type != "status"]


def _preamble_prefix_start(buffer: bytes, start: int) -> int:
    """Where a cut-off record preamble begins at the end of ``buffer`` (len if none)."""
    end = len(buffer)
    if end == start or buffer[-1] not in _PREAMBLE_BYTES:
        return end
    for size in range(min(len(RECORD_PREAMBLE) - 1, end - start), 0, -1):
        if buffer[end - size :] == RECORD_PREAMBLE[:size]:
            return end - size
    return end


def _could_continue_records(rest: bytes) -> bool:
    """Whether ``rest`` (under 4 bytes) may still become a record or the end marker."""
    if RECORD_END.startswith(rest):  # also true for b""
        return True
    return (
        rest[0] in (0xF0, 0xF1)
        and (len(rest) < 2 or rest[1] >= 0x80)
        and (len(rest) < 3 or rest[2] < 0x80)
    )


class BciParser:
    """Incremental BCI parser: ``feed`` any chunk, get the readings it completed.

    ``record_length`` holds the raw 3-byte length of the current or last record download.
    """

    def __init__(self, *, waveform: bool = False) -> None:
        self._waveform = waveform
        self._pending = b""
        self._in_records = False
        self.record_length: bytes | None = None

    def feed(self, data: bytes) -> list[Measurement]:
        buffer = self._pending + bytes(data)
        readings: list[Measurement] = []
        position, waiting = 0, False
        while not waiting:
            if self._in_records:
                position, waiting = self._scan_records(buffer, position, readings)
            else:
                position, waiting = self._scan_live(buffer, position, readings)
        self._pending = buffer[position:]
        return readings

    def _scan_live(self, buffer: bytes, start: int, out: list[Measurement]) -> tuple[int, bool]:
        """Decode live packets from ``start``; stop at a record preamble or the data's end."""
        end = start
        for match in _LIVE.finditer(buffer, start):
            end = match.end()
            if match.lastindex == 1:
                out.extend(decode_packet(match.group(1), waveform=self._waveform))
            else:
                self._in_records, self.record_length = True, None
                return end, False
        tail = _LIVE_TAIL.search(buffer, max(end, len(buffer) - PACKET_SIZE + 1))
        keep = min(tail.start() if tail else len(buffer), _preamble_prefix_start(buffer, end))
        return keep, True

    def _scan_records(self, buffer: bytes, start: int, out: list[Measurement]) -> tuple[int, bool]:
        """Take the length, decode records, leave record mode at the end or a stray byte.

        The length and every record must be followed by a record or the end marker, so live
        packets arriving instead (a download cut short) are not mistaken for records.
        """
        position, size = start, len(buffer)
        if self.record_length is None:
            if size - position < 4:
                return position, True
            if buffer[position + 3] not in _RECORD_FOLLOWERS:
                self._in_records = False
                return position, False
            self.record_length = buffer[position : position + 3]
            position += 3
        run = _RECORDS.match(buffer, position)
        if run is not None:
            for offset in range(position, run.end(), 3):
                out.extend(decode_record(buffer[offset : offset + 3]))
            position = run.end()
        rest = buffer[position : position + 4]
        if rest[:3] == RECORD_END:
            self._in_records = False
            return position + 3, False
        if len(rest) < 4 and _could_continue_records(rest):
            return position, True
        self._in_records = False  # not a record: the download is over, read it as live data
        return position, False


def create_parser(*, waveform: bool = False, device_name: str | None = None) -> BciParser:
    """The plugin's parser factory; the BCI fields mean the same on every model (§16)."""
    return BciParser(waveform=waveform)
