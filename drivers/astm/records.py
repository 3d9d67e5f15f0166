"""ASTM E1394 / CLSI LIS2-A2 records → ``lab`` readings (devices.md §12, mapping §16).

Written for this project (no maintained ASTM library exists; see ``lowlevel.py``).

- Records are H, P, O, R, C, M, Q, L, one per CR-terminated line of the re-assembled text.
- Delimiters come from the H record: the character after ``H`` is the field delimiter, then
  repeat, component and escape (``H|\\^&`` usually, GeneXpert ``H|@^\\``); until an H record is
  seen (a capture that starts mid-session) the usual ``|\\^&`` are assumed.
- R record: test ID (R-3) component 4, else component 5 (1-based), trimmed, otherwise verbatim
  (``123/`` keeps its slash); value R-4 trimmed (``| 10.1|``); unit R-5 trimmed and verbatim
  (empty → null); abnormal flags R-7 ``L``/``H``/``A`` (and ``LL``/``HH``/``AA``) →
  ``low``/``high``/``abnormal``; time R-13 (completed), else R-12 (started), as ISO 8601
  without zone, else null.
- Non-numeric results (text, ``-----``, ``<0.1``, image references) give no reading.
- QC runs are flagged ``quality-control``, never hidden: processing ID ``Q`` in H-12, or the
  action code ``Q`` ("treat as QC specimen") in O-12 of the order the result belongs to.

These helpers (:func:`lab_number`, :func:`lab_time`, :data:`ABNORMAL_FLAGS`) are shared with
the HL7 driver, which maps OBX segments by the same §16 rules.
"""

from __future__ import annotations

import datetime as dt
import re

from kiosk.domain import Measurement

DRIVER_ID = "astm"
DEFAULT_DELIMITERS = "|\\^&"
ABNORMAL_FLAGS = {
    "L": "low",
    "LL": "low",
    "H": "high",
    "HH": "high",
    "A": "abnormal",
    "AA": "abnormal",
}
QC_FLAG = "quality-control"
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,3})?")
_TIME = re.compile(r"(\d{8}(?:\d{4}(?:\d{2})?)?)(?:\.\d{1,4})?([+-]\d{4})?")
_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def lab_number(text: str) -> int | float | None:
    """A result value as a number (int when written without a point), or None if not one."""
    text = text.strip()
    if not _NUMBER.fullmatch(text):
        return None
    if re.fullmatch(r"[+-]?\d+", text):
        return int(text)
    return float(text)


def lab_time(text: str) -> str | None:
    """``YYYYMMDD[HHMM[SS]]`` → ISO 8601, None if absent or not a real date.

    Without a zone (ASTM has none) the ISO text has none; an HL7 ``±ZZZZ`` is kept as
    ``±ZZ:ZZ``; fractions of a second are dropped.
    """
    match = _TIME.fullmatch(text.strip())
    if not match:
        return None
    digits, zone = match.group(1), match.group(2)
    full = digits.ljust(14, "0")
    try:
        moment = dt.datetime(
            int(full[:4]), int(full[4:6]), int(full[6:8]), int(full[8:10]), int(full[10:12]),
            int(full[12:14]),
        )  # fmt: skip
    except ValueError:
        return None
    if len(digits) == 8:
        return moment.date().isoformat()
    iso = moment.isoformat(timespec="seconds" if len(digits) == 14 else "minutes")
    return iso + (f"{zone[:3]}:{zone[3:]}" if zone else "")


def flags_of(text: str, repeat: str) -> list[str]:
    """Abnormal-flag codes (possibly repeated) → §16 flags, in order, without duplicates."""
    flags: list[str] = []
    for code in text.split(repeat) if repeat else [text]:
        flag = ABNORMAL_FLAGS.get(code.strip().upper())
        if flag and flag not in flags:
            flags.append(flag)
    return flags


def _field(fields: list[str], number: int) -> str:
    """Field ``number`` (1-based, the record type being field 1), or ""."""
    return fields[number - 1] if len(fields) >= number else ""


class RecordDecoder:
    """Turns records into readings, keeping the delimiters and QC state of the message."""

    def __init__(self, driver_id: str = DRIVER_ID) -> None:
        self._driver_id = driver_id
        self.reset()
        self._field, self._repeat, self._component = (
            DEFAULT_DELIMITERS[0],
            DEFAULT_DELIMITERS[1],
            DEFAULT_DELIMITERS[2],
        )

    def reset(self) -> None:
        """A new message: forget the QC state (the delimiters stay until the next H)."""
        self._qc_header = False
        self._qc_order = False

    def record(self, line: bytes, raw: bytes) -> list[Measurement]:
        """Readings of one record (without its CR); ``raw`` is the frame(s) it came in."""
        text = _decode(line).lstrip("\r\n\x00 ")
        if not text:
            return []
        kind = text[0].upper()
        if kind == "H":
            self._header(text)
            return []
        fields = text.split(self._field)
        if kind == "O":
            self._qc_order = _field(fields, 12).strip().upper() == "Q"
        elif kind == "P":
            self._qc_order = False
        elif kind == "L":
            self.reset()
        elif kind == "R":
            return self._result(fields, raw)
        return []

    def _header(self, text: str) -> None:
        self.reset()
        end = text.find(text[1], 2) if len(text) > 1 else -1
        delimiters = text[1:5] if end < 0 else text[1] + text[2:end][:3]
        if (
            len(delimiters) >= 3
            and len(set(delimiters)) == len(delimiters)
            and set(delimiters) <= _PUNCTUATION
        ):
            self._field, self._repeat, self._component = (
                delimiters[0],
                delimiters[1],
                delimiters[2],
            )
        fields = text.split(self._field)
        self._qc_header = _field(fields, 12).strip().upper() == "Q"

    def _result(self, fields: list[str], raw: bytes) -> list[Measurement]:
        test_id = _field(fields, 3).split(self._repeat)[0].split(self._component)
        code = (test_id[3].strip() if len(test_id) > 3 else "") or (
            test_id[4].strip() if len(test_id) > 4 else ""
        )
        value = lab_number(_field(fields, 4).split(self._repeat)[0])
        if not code or value is None:
            return []
        flags = flags_of(_field(fields, 7), self._repeat)
        if self._qc_header or self._qc_order:
            flags.append(QC_FLAG)
        time = lab_time(_field(fields, 13)) or lab_time(_field(fields, 12))
        unit = _field(fields, 5).strip() or None
        return [
            Measurement(self._driver_id, "lab", value, unit, time, tuple(flags), code=code, raw=raw)
        ]


def _decode(line: bytes) -> str:
    """Record text: UTF-8 when it is, else Latin-1 (every byte maps, nothing raises)."""
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode("latin-1")
