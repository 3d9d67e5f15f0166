"""Pure, incremental decoder of Nonin Data Format #2 (reference/devices.md §10.3).

Frame (5 bytes, 75 per second): ``01 | STATUS | PLETH | DATA | CHK``, CHK = (b0+b1+b2+b3)
mod 256; 25 frames make a packet (3 per second) whose first frame has STATUS bit 0 (SYNC).
STATUS: bit 7 always 1; bit 6 sensor disconnected; bit 5 artifact; bit 4 out of track; bit 3
sensor alarm; bits 2-1 perfusion (01 green, 10 red, 11 yellow); bit 0 SYNC. DATA by frame
index: 0/1 HR MSB/LSB, HR = (MSB & 3) << 7 | (LSB & 0x7F), 511 = missing; 2 SpO2 (127 =
missing); 3 firmware revision; 8 SpO2-D; 9 SpO2 fast; 10 SpO2 beat-to-beat; 13/14 E-HR;
15 E-SpO2; 16 E-SpO2-D; 19/20 HR-D; 21/22 E-HR-D.

Readings (§16): the standard HR (``pulse_rate``, /min, with frame 1, ``raw`` = frames 0-1)
and SpO2 (``spo2``, %, with frame 2, ``raw`` = frame 2), each carrying the flags of
its frames' STATUS (bit 6/5/4/3 → ``no-sensor`` / ``artifact`` / ``out-of-track`` /
``sensor-alarm``, perfusion red → ``low-perfusion``). A missing value (or SpO2 above 100)
gives no reading; when a packet has neither, one ``status`` reading (``raw`` = frames 0-2)
carries the flags of frames 0-2. The other fields are not in the vocabulary: they are decoded
into :attr:`Df2Parser.fields` (and the firmware revision into
:attr:`Df2Parser.firmware_revision`) without readings. ``pleth`` (the PLETH byte, one per
frame in sync) only with ``waveform=True``.

Resync: a frame starts with ``01`` and needs STATUS bit 7 and a valid checksum. Frame indices
are assigned only from a SYNC frame on, through frames that follow each other without a gap:
any skipped byte (a lost or corrupted frame) drops the packet until the next SYNC, so a value
is never read from the wrong frame. A frame is believed only once a valid frame follows it
right after: a lost checksum byte makes ``01 S P D`` + the next frame's ``01`` check out once
in 256 times, and without this rule that false frame would be decoded (a wrong SpO2 or HR);
it also keeps a false frame straddling garbage and real data from hiding the real one. The
price is one frame period of latency (13 ms), and the last frame of a finished capture waits
for a successor that never comes. Candidates are found by a compiled regular expression, so
the cost is linear in the input; a chunk boundary can fall anywhere. ``feed`` never raises.
"""

from __future__ import annotations

import functools
import re

from kiosk.domain import Measurement

DRIVER_ID = "nonin-df2"
FRAME_SIZE = 5
FRAMES_PER_PACKET = 25
SYNC = 0x01
HR_MISSING = 511
SPO2_MISSING = 127

#: STATUS bits → flags, in the order of the §16 table.
STATUS_FLAGS = ((0x40, "no-sensor"), (0x20, "artifact"), (0x10, "out-of-track"))
_SENSOR_ALARM = 0x08
_PERFUSION_RED = 0b10
FLAG_ORDER = ("no-sensor", "artifact", "out-of-track", "sensor-alarm", "low-perfusion")

#: DATA fields by frame index (devices.md §10.3): HR-type pairs and SpO2-type bytes.
HR_MSB = {0: "hr", 13: "e_hr", 19: "hr_d", 21: "e_hr_d"}
HR_LSB = {1: "hr", 14: "e_hr", 20: "hr_d", 22: "e_hr_d"}
SPO2_FIELDS = {2: "spo2", 8: "spo2_d", 9: "spo2_fast", 10: "spo2_b2b", 15: "e_spo2", 16: "e_spo2_d"}
REVISION_INDEX = 3

_CANDIDATE = re.compile(rb"(?=\x01[\x80-\xff][\x00-\xff]{3})")


def status_flags(status: int) -> tuple[str, ...]:
    """The §16 flags of one STATUS byte."""
    flags = [name for bit, name in STATUS_FLAGS if status & bit]
    if status & _SENSOR_ALARM:
        flags.append("sensor-alarm")
    if (status >> 1) & 0b11 == _PERFUSION_RED:
        flags.append("low-perfusion")
    return tuple(flags)


_FLAGS = tuple(status_flags(status) for status in range(256))


def merged_flags(*frames: bytes) -> tuple[str, ...]:
    """The flags of several frames together, once each, in §16 order."""
    return _merged(tuple(frame[1] for frame in frames))


@functools.cache
def _merged(statuses: tuple[int, ...]) -> tuple[str, ...]:
    present = {flag for status in statuses for flag in _FLAGS[status]}
    return tuple(flag for flag in FLAG_ORDER if flag in present)


def frame(status: int, pleth: int, data: int) -> bytes:
    """Wire bytes of one frame, checksum included."""
    head = bytes([0x01, status & 0xFF, pleth & 0xFF, data & 0xFF])
    return head + bytes([sum(head) & 0xFF])


class Df2Parser:
    """Incremental DF2 parser: ``feed`` any chunk, get the readings it completed.

    ``fields`` holds the current packet's decoded DATA fields (HR-type and SpO2-type values,
    None when missing); ``firmware_revision`` the last revision byte seen.
    """

    def __init__(self, *, waveform: bool = False) -> None:
        self._waveform = waveform
        self._pending = b""
        self._chain: int | None = None  # where a frame continuing the chain would start
        self._index: int | None = None  # index of the last frame in sync; None: wait for SYNC
        self._head: list[bytes] = []  # frames 0-2 of the current packet
        self._emitted = False
        self._msb: dict[str, int] = {}
        self.fields: dict[str, int | None] = {}
        self.firmware_revision: int | None = None

    def feed(self, data: bytes) -> list[Measurement]:
        buffer = self._pending + bytes(data)
        size = len(buffer)
        starts = []
        for match in _CANDIDATE.finditer(buffer):
            at = match.start()
            if (1 + buffer[at + 1] + buffer[at + 2] + buffer[at + 3]) & 0xFF == buffer[at + 4]:
                starts.append(at)
        valid = set(starts)
        readings: list[Measurement] = []
        position, chain, keep = 0, self._chain, -1
        for start in starts:
            if start < position:
                continue  # inside a frame already taken
            if start + FRAME_SIZE not in valid:
                if start + 2 * FRAME_SIZE > size:
                    keep = start  # the next frame is not here yet: decide then
                    break
                continue  # no frame right after it: noise that happens to check out
            self._on_frame(buffer[start : start + FRAME_SIZE], start == chain, readings)
            position = chain = start + FRAME_SIZE
        if keep < 0:
            keep = max(position, size - FRAME_SIZE + 1)
        self._pending = buffer[keep:]
        self._chain = chain - keep if chain is not None and chain >= keep else None
        return readings

    def _on_frame(self, raw: bytes, contiguous: bool, out: list[Measurement]) -> None:
        """Assign a frame index (SYNC restarts the packet; a gap loses it) and decode DATA."""
        status = raw[1]
        if status & SYNC:
            index = 0
            self._head, self._emitted, self._msb, self.fields = [], False, {}, {}
        elif not contiguous or self._index is None or self._index + 1 >= FRAMES_PER_PACKET:
            self._index = None
            return
        else:
            index = self._index + 1
        self._index = index
        if index <= 2:
            self._head.append(raw)
        self._decode(index, raw, out)
        if self._waveform:
            out.append(Measurement(DRIVER_ID, "pleth", raw[2], None, raw=raw))

    def _decode(self, index: int, raw: bytes, out: list[Measurement]) -> None:
        data = raw[3]
        if index in HR_MSB:
            self._msb[HR_MSB[index]] = data
        elif index in HR_LSB:
            name = HR_LSB[index]
            msb = self._msb.get(name)
            value = None if msb is None else (msb & 0x03) << 7 | (data & 0x7F)
            self.fields[name] = None if value == HR_MISSING else value
            if index == 1 and value is not None and value != HR_MISSING:
                self._emit("pulse_rate", value, "/min", b"".join(self._head), out)
        elif index in SPO2_FIELDS:
            valid = data != SPO2_MISSING and data <= 100
            self.fields[SPO2_FIELDS[index]] = data if valid else None
            if index == 2:
                if valid:
                    self._emit("spo2", data, "%", raw, out)
                flags = merged_flags(*self._head)
                if not self._emitted and flags:
                    raw_head = b"".join(self._head)
                    out.append(
                        Measurement(DRIVER_ID, "status", None, None, flags=flags, raw=raw_head)
                    )
        elif index == REVISION_INDEX:
            self.fields["firmware_revision"] = self.firmware_revision = data

    def _emit(self, kind: str, value: int, unit: str, raw: bytes, out: list[Measurement]) -> None:
        frames = [raw[i : i + FRAME_SIZE] for i in range(0, len(raw), FRAME_SIZE)]
        flags = merged_flags(*frames)
        out.append(Measurement(DRIVER_ID, kind, value, unit, flags=flags, raw=raw))
        self._emitted = True


def create_parser(*, waveform: bool = False, device_name: str | None = None) -> Df2Parser:
    """The plugin's parser factory; DF2 has no per-model quirks, so ``device_name`` is unused."""
    return Df2Parser(waveform=waveform)
