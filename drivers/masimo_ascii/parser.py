"""Pure, incremental decoder of the Masimo Rad-8 / Radical-7 ASCII serial output.

Facts from ``reference/devices.md`` §10.4 (Masimo Rad-8 Operator's Manual, serial chapter) and
the mapping and flags of §16:

- a line is ``MM/DD/YY HH:MM:SS`` then space-separated ``KEY=VALUE`` tokens, ending in CR LF
  (ASCII 1, one line per second; the trend dump of ASCII 2 has the same shape with the keys
  ``SpO2``, ``PR``, ``PI`` and ``EXC=828:Search,OffPat,SET``);
- tokens are read **by key, never by column**: keys are compared case-insensitively, unknown
  keys (SPCO, SPMET, SPHB, SPOC, RESVD, PVI, DESAT, PIDELTA, EXC1, ...) are ignored and any key
  may be missing;
- a value made of dashes (``---``, ``--.-``, ``+--``) means invalid or unavailable: no reading.

Decisions (documented here, tested in tests/drivers/masimo_ascii):

- A line must start with the timestamp and every token must be ``KEY=VALUE`` with a distinct
  key; anything else is a damaged or partial line and gives no reading at all. So does an
  unreadable ``EXC`` or ``ALARM`` word: the values it qualifies cannot be trusted without it.
- ``time`` is the line's date as ISO 8601 without zone (two-digit years are 20YY); an
  impossible date gives ``time: null`` and keeps the measurement (§17 item 4).
- A zero SpO2, pulse rate or PI is the device's "no data" fill (the trend line
  ``SpO2=000 PR=000 PI=00.00 EXC=828:...``) and gives no reading; so does an SpO2 above 100.
- EXC bits map to the §16 flags (800 = SET mode, normal: no flag; undocumented bits ignored).
  ALARM bits map to ``high-spo2`` (0x01), ``low-spo2`` (0x02, as contec-v7), ``pulse-rate-high``
  (0x04), ``pulse-rate-low`` (0x08, as the BP status of §16), ``alarm-active`` (0x10),
  ``alarm-muted`` (0x20). EXC flags come first, each word in bit order.
- Flags ride on every value of the line; a line with flags and no value gives one ``status``.
- The serial number (``SN``, digits; all dashes on a Radical-7) is kept as ``device_serial``.
"""

from __future__ import annotations

import datetime as dt
import re

from drivers.ascii_lines import LineParser, ascii_text
from kiosk.domain import Measurement

DRIVER_ID = "masimo-ascii"
MAX_LINE = 512  # a Radical-7 ASCII 1 line is about 200 characters

EXC_FLAGS: tuple[tuple[int, str], ...] = (
    (0x001, "no-sensor"),
    (0x002, "sensor-defective"),
    (0x004, "low-perfusion"),
    (0x008, "searching"),
    (0x010, "interference"),
    (0x020, "sensor-off"),
    (0x040, "ambient-light"),
    (0x080, "unrecognized-sensor"),
    (0x400, "low-signal-iq"),
)
SET_MODE = 0x800  # "normal operation, not an error"
ALARM_FLAGS: tuple[tuple[int, str], ...] = (
    (0x01, "high-spo2"),
    (0x02, "low-spo2"),
    (0x04, "pulse-rate-high"),
    (0x08, "pulse-rate-low"),
    (0x10, "alarm-active"),
    (0x20, "alarm-muted"),
)

_STAMP = re.compile(r"(\d\d)/(\d\d)/(\d\d) (\d\d):(\d\d):(\d\d)")
_KEY = r"[A-Za-z][A-Za-z0-9]{0,15}"
_TOKENS = re.compile(rf"(?: +{_KEY}=[^ =]+)* *")
_PAIR = re.compile(rf"({_KEY})=([^ =]+)")
_INT = re.compile(r"\d{1,3}%?")
_DECIMAL = re.compile(r"\d{1,3}(?:\.\d{1,3})?%?")
_HEX = re.compile(r"[0-9A-Fa-f]{1,8}")
_EXC_NAMES = re.compile(r"[A-Za-z0-9,]*")
_SERIAL = re.compile(r"[A-Za-z0-9]{1,20}")


def line_time(match: re.Match[str]) -> str | None:
    """ISO 8601 (no zone) of ``MM/DD/YY HH:MM:SS``; None for an impossible date or time."""
    month, day, year, hour, minute, second = (int(part) for part in match.groups())
    try:
        return dt.datetime(2000 + year, month, day, hour, minute, second).isoformat()
    except ValueError:
        return None


def split_tokens(text: str) -> dict[str, str] | None:
    """``KEY=VALUE`` tokens by upper-cased key; None if a token is malformed or repeated."""
    if not _TOKENS.fullmatch(text):
        return None
    pairs = _PAIR.findall(text)
    tokens = {key.upper(): value for key, value in pairs}
    return tokens if len(tokens) == len(pairs) else None


def bits(word: str | None, names: tuple[tuple[int, str], ...]) -> tuple[str, ...] | None:
    """Flags of a hex status word (absent word: no flags); None if the word is unreadable."""
    if word is None:
        return ()
    if not _HEX.fullmatch(word):
        return None
    value = int(word, 16)
    return tuple(name for bit, name in names if value & bit)


def exc_word(value: str | None) -> str | None:
    """The hex part of ``EXC``: ``000800`` or the trend form ``828:Search,OffPat,SET``."""
    if value is None:
        return None
    word, colon, names = value.partition(":")
    return word if not colon or _EXC_NAMES.fullmatch(names) else ""


def whole_number(value: str | None, highest: int) -> int | None:
    """An integer field (``098%``, ``081``); None for dashes, zero, junk or out of range."""
    if value is None or not _INT.fullmatch(value):
        return None
    number = int(value.rstrip("%"))
    return number if 0 < number <= highest else None


def decimal(value: str | None) -> float | None:
    """A decimal field (``02.15%``, ``01.20``); None for dashes, zero or junk."""
    if value is None or not _DECIMAL.fullmatch(value):
        return None
    number = round(float(value.rstrip("%")), 2)
    return number if number > 0 else None


def device_serial(tokens: dict[str, str]) -> str | None:
    """The ``SN`` token, unless missing or dashes (a Radical-7 may send ``----------``)."""
    serial = tokens.get("SN")
    return serial if serial is not None and _SERIAL.fullmatch(serial) else None


def decode_line(line: bytes) -> tuple[list[Measurement], str | None]:
    """Readings of one line (without its terminator) and the serial number it reports."""
    text = ascii_text(line)
    stamp = _STAMP.match(text) if text is not None else None
    if text is None or stamp is None or (len(text) > stamp.end() and text[stamp.end()] != " "):
        return [], None
    tokens = split_tokens(text[stamp.end() :])
    if tokens is None:
        return [], None
    exc = bits(exc_word(tokens.get("EXC")), EXC_FLAGS)
    alarm = bits(tokens.get("ALARM"), ALARM_FLAGS)
    if exc is None or alarm is None:
        return [], None
    flags, when = exc + alarm, line_time(stamp)
    values: list[tuple[str, float | int | None, str]] = [
        ("spo2", whole_number(tokens.get("SPO2"), 100), "%"),
        ("pulse_rate", whole_number(tokens.get("BPM", tokens.get("PR")), 300), "/min"),
        ("perfusion_index", decimal(tokens.get("PI")), "%"),
    ]
    readings = [
        Measurement(DRIVER_ID, kind, value, unit, when, flags, raw=line)
        for kind, value, unit in values
        if value is not None
    ]
    if not readings and flags:
        readings.append(Measurement(DRIVER_ID, "status", None, None, when, flags, raw=line))
    return readings, device_serial(tokens)


class MasimoAsciiParser:
    """Incremental parser: ``feed`` any chunk, get the readings of the lines it completed.

    ``device_serial`` holds the last serial number a line reported, or None.
    """

    def __init__(self) -> None:
        self._lines = LineParser(self._decode, MAX_LINE)
        self.device_serial: str | None = None

    def _decode(self, line: bytes) -> list[Measurement]:
        readings, serial = decode_line(line)
        self.device_serial = serial or self.device_serial
        return readings

    def feed(self, data: bytes) -> list[Measurement]:
        return self._lines.feed(data)


def create_parser(*, waveform: bool = False, device_name: str | None = None) -> MasimoAsciiParser:
    """The plugin's parser factory: no waveform on this output, no per-model quirks."""
    return MasimoAsciiParser()
