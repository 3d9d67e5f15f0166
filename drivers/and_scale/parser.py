"""Pure, incremental decoder of A&D ASCII weight lines.

Facts from ``reference/devices.md`` §11 (A&D EK-L and GC series manuals) and the mapping of §16:

- a line is a 2-character header, a comma, the data, the unit and CR LF; standard data is 9
  characters (sign, zero-padded digits, the decimal point where the resolution puts it) and the
  unit 3 characters, right-aligned and space padded (``  g``, `` kg``, `` PC``, ``  %``);
- headers: ``ST`` stable weight, ``US`` unstable, ``QT`` stable count, ``OL`` overload;
- variants: the comparator's ``ST,OK,+0001.234 kg`` and the AD-4404 indicator's
  ``ST,NT,+0012.34kg`` (second header GS / NT / TR, no space before the unit);
- units ``g`` / ``kg`` give ``body_weight``; ``US`` adds the flag ``unstable``; ``OL`` gives a
  ``status`` reading with ``overload`` and no value; counts (``PC``) and ``%`` give no reading.

Decisions (documented here, tested in tests/drivers/and_scale):

- A line must match the format exactly (nothing before the header, nothing after the unit);
  anything else is a damaged or partial line and gives no reading.
- The value keeps the device's resolution: ``+001234.5`` → 1234.5, ``+00012345`` → 12345 (int).
  A weight of zero or below (empty platform, below zero after tare) is no body weight.
- Second headers: comparator results OK / HI / LO are ignored; AD-4404 gross (GS) and net (NT)
  are weights; a tare line (TR) is not the patient's weight and gives no reading.
- ``OL`` in a counting or percent mode gives nothing (not a weighing); any other unit
  (``lb``, ``oz``, ...) is outside the §16 mapping and gives no reading.
- The lines carry no timestamp: ``time`` is null. ``raw`` is the line without CR LF.
"""

from __future__ import annotations

import re

from drivers.ascii_lines import LineParser, ascii_text
from kiosk.domain import Measurement

DRIVER_ID = "and-scale"
MAX_LINE = 64  # the longest variant (comparator) is 18 characters

WEIGHT_UNITS = frozenset({"g", "kg"})
COMPARATOR = frozenset({"OK", "HI", "LO"})
AD4404 = frozenset({"GS", "NT", "TR"})

_LINE = re.compile(
    r"(?P<header>ST|US|QT|OL),(?:(?P<second>[A-Z]{2}),)?"
    r"(?P<number>[+-](?P<digits>\d{1,9}(?:\.\d{1,8})?)) {0,2}(?P<unit>[A-Za-z%]{1,3})"
)
_MAX_DATA = 10  # sign + 9 characters at most


def weight(number: str) -> float | int:
    """The data field as a number with the device's resolution (no float noise)."""
    if "." not in number:
        return int(number)
    return round(float(number), len(number.partition(".")[2]))


def decode_line(line: bytes) -> list[Measurement]:
    """Readings of one line (without its terminator); see the module docstring."""
    text = ascii_text(line)
    match = _LINE.fullmatch(text) if text is not None else None
    if match is None or len(match["number"]) > _MAX_DATA:
        return []
    header, second, unit = match["header"], match["second"], match["unit"]
    if second is not None and second not in COMPARATOR | AD4404:
        return []
    if unit not in WEIGHT_UNITS or header == "QT" or second == "TR":
        return []
    if header == "OL":
        return [Measurement(DRIVER_ID, "status", None, None, flags=("overload",), raw=line)]
    value = weight(match["number"])
    if value <= 0:
        return []
    flags = ("unstable",) if header == "US" else ()
    return [Measurement(DRIVER_ID, "body_weight", value, unit, flags=flags, raw=line)]


class AndScaleParser(LineParser):
    """Incremental parser: ``feed`` any chunk, get the readings of the lines it completed."""

    def __init__(self) -> None:
        super().__init__(decode_line, MAX_LINE)


def create_parser(*, waveform: bool = False, device_name: str | None = None) -> AndScaleParser:
    """The plugin's parser factory: the variants are told apart by the line itself."""
    return AndScaleParser()
