"""The ``hl7-mllp`` parser: MLLP frames → HL7 v2 ORU^R01 → ``lab`` readings + HL7 ACKs.

Facts from reference/devices.md §13 and the mapping of §16:

- MLLP: ``0B`` + message + ``1C 0D``. A ``0B`` always starts a new message (resync), bytes
  outside a frame are skipped, and a frame is bounded (:data:`MAX_MESSAGE`). A ``1C`` not
  followed by ``0D`` still ends the message (the byte after it is read as outside a frame).
- HL7 is parsed with the maintained ``hl7`` library (python-hl7). Segments are separated by
  CR; LF and CR LF are accepted too.
- OBX: value type (OBX-2) ``NM`` with a numeric OBX-5 → a ``lab`` reading: code = OBX-3
  component 1, unit = OBX-6 component 1 trimmed and verbatim (empty → null), flags from OBX-8
  ``L``/``H``/``A`` → ``low``/``high``/``abnormal``, time = OBX-14 as ISO 8601 without zone.
  Any other value type, a non-numeric value, or result status (OBX-11) ``X``/``D`` (no result,
  deleted) gives no reading.
- MSH-16 (analyzers such as Mindray use it for the sample kind): ``0`` patient, ``1``
  calibration → flag ``calibration``, ``2`` QC → flag ``quality-control``.
- Every message is answered (:meth:`Hl7Parser.take_replies`): ``MSA|AA|<MSH-10>`` when it was
  understood, ``AE`` when its MSH is there but the library cannot parse it, ``AR`` when it is
  not HL7 at all; an ACK message itself is not answered. The ACK is composed here
  (:func:`ack_message`), without a timestamp, so a replay answers byte for byte the same.
"""

from __future__ import annotations

import contextlib
import functools
import re
from typing import Any

import hl7

from drivers.astm.records import QC_FLAG, flags_of, lab_number, lab_time
from kiosk.domain import Measurement

DRIVER_ID = "hl7-mllp"
SB, EB, CR = 0x0B, 0x1C, 0x0D
MAX_MESSAGE = 1024 * 1024
CACHED_PAYLOAD = 16 * 1024
SAMPLE_FLAGS = {"1": "calibration", "2": QC_FLAG}
_NEWLINES = re.compile(r"\r\n|\n|\r")
_INSIDE = re.compile(rb"[\x0b\x1c]")


def frame(message: bytes) -> bytes:
    """``message`` in an MLLP envelope."""
    return bytes([SB]) + message + bytes([EB, CR])


class MllpFramer:
    """Splits a byte stream into MLLP payloads; ``feed`` never raises, memory is bounded."""

    def __init__(self, max_message: int = MAX_MESSAGE) -> None:
        self._max = max_message
        self._buffer = bytearray()
        self._inside = False
        self._ending = False  # 1C seen: the message is complete whatever follows

    def feed(self, data: bytes) -> list[bytes]:
        messages: list[bytes] = []
        position, end = 0, len(data)
        while position < end:
            if self._ending:  # 1C seen: the message is complete whatever follows
                self._ending, self._inside = False, False
                messages.append(bytes(self._buffer))
                self._buffer = bytearray()
                if data[position] == CR:
                    position += 1
                continue
            if not self._inside:  # skip to the next 0B at once
                position = data.find(SB, position)
                if position < 0:
                    break
                self._buffer, self._inside = bytearray(), True
                position += 1
                continue
            found = _INSIDE.search(data, position)
            stop = found.start() if found else end
            self._buffer += data[position:stop]
            if len(self._buffer) > self._max:  # too long to be a message: wait for the next 0B
                self._buffer, self._inside = bytearray(), False
            elif found:
                self._ending = data[stop] == EB  # a 0B instead restarts the message
                if not self._ending:
                    self._buffer = bytearray()
                stop += 1
            position = stop
        return messages


def _text(payload: bytes) -> str:
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError:
        text = payload.decode("latin-1")
    return "\r".join(s for s in _NEWLINES.split(text.strip("\r\n\x00 ")) if s.strip())


def ack_message(code: str, control_id: str, msh: list[str] | None = None) -> bytes:
    """An ACK: ``MSA|<code>|<MSH-10>``; sender and receiver swapped from ``msh`` when known.

    Built here rather than with ``hl7.Message.create_ack``, which stamps the wall clock (so
    replays would differ) and costs as much as parsing the message.
    """
    fields = msh or []

    def get(number: int) -> str:
        return fields[number - 1] if len(fields) >= number else ""

    header = f"MSH|^~\\&|{get(5) or 'KIOSK'}|{get(6)}|{get(3)}|{get(4)}||"
    trailer = f"|ACK^R01|ACK{control_id}|{get(11) or 'P'}|{get(12) or '2.3.1'}"
    return f"{header}{trailer}\rMSA|{code}|{control_id}\r".encode()


def interpret(payload: bytes, driver_id: str = DRIVER_ID) -> tuple[tuple[Measurement, ...], bytes]:
    """The readings of one MLLP payload and the ACK it deserves (pure).

    Small payloads are memoised (:data:`CACHED_PAYLOAD` bytes at most, 512 of them), so an
    identical resend after a lost ACK is not parsed twice; memory stays bounded.
    """
    if len(payload) <= CACHED_PAYLOAD:
        return _interpret_cached(payload, driver_id)
    return _interpret(payload, driver_id)


@functools.lru_cache(maxsize=512)
def _interpret_cached(payload: bytes, driver_id: str) -> tuple[tuple[Measurement, ...], bytes]:
    return _interpret(payload, driver_id)


def _interpret(payload: bytes, driver_id: str) -> tuple[tuple[Measurement, ...], bytes]:
    text = _text(payload)
    if not text.startswith("MSH") or len(text) < 8:
        return (), ack_message("AR", "")
    msh = text.split("\r", 1)[0].split(text[3])
    control_id = msh[9].strip() if len(msh) > 9 else ""
    if len(msh) > 8 and msh[8].startswith("ACK"):
        return (), b""  # an acknowledgement is never acknowledged (nor read)
    try:
        message = hl7.parse(text)
        readings = _readings(message, frame(payload), driver_id)
    except Exception:  # the library raises many kinds on malformed input
        return (), ack_message("AE", control_id, msh)
    return tuple(readings), ack_message("AA", control_id, msh)


class Hl7Parser:
    """``feed`` any chunk; ``take_replies`` gives the MLLP-framed ACKs owed to the sender."""

    def __init__(self, *, driver_id: str = DRIVER_ID) -> None:
        self._driver_id = driver_id
        self._framer = MllpFramer()
        self._replies = bytearray()

    def take_replies(self) -> bytes:
        replies, self._replies = bytes(self._replies), bytearray()
        return replies

    def feed(self, data: bytes) -> list[Measurement]:
        readings: list[Measurement] = []
        for payload in self._framer.feed(data):
            found, ack = interpret(payload, self._driver_id)
            readings.extend(found)
            if ack:
                self._replies += frame(ack)
        return readings


def _readings(message: Any, raw: bytes, driver_id: str) -> list[Measurement]:
    msh = message.segment("MSH")
    sample = str(msh.extract_field(field_num=16)).strip()
    extra = [SAMPLE_FLAGS[sample]] if sample in SAMPLE_FLAGS else []
    readings: list[Measurement] = []
    with contextlib.suppress(KeyError):  # a message without OBX has no results
        for obx in message.segments("OBX"):
            reading = _observation(obx, extra, raw, driver_id)
            if reading is not None:
                readings.append(reading)
    return readings


def _observation(obx: Any, extra: list[str], raw: bytes, driver_id: str) -> Measurement | None:
    def field(number: int, component: int = 1) -> str:
        return str(obx.extract_field(field_num=number, component_num=component)).strip()

    if field(2).upper() != "NM" or field(11).upper() in ("X", "D"):
        return None
    code, value = field(3), lab_number(field(5))
    if not code or value is None:
        return None
    flags = flags_of(str(obx(8)) if len(obx) > 8 else "", "~") + extra
    return Measurement(
        driver_id, "lab", value, field(6) or None, lab_time(field(14)), tuple(flags),
        code=code, raw=raw,
    )  # fmt: skip


def create_parser(*, waveform: bool = False, device_name: str | None = None) -> Hl7Parser:
    """The plugin's parser factory; HL7 has no waveforms and no per-model quirks here."""
    return Hl7Parser()
