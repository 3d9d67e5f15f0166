"""Pure, incremental parser of the example thermometer's lines (``T=36.6C\\r\\n``)."""

from __future__ import annotations

import re

from kiosk.domain import Measurement

DRIVER_ID = "example-thermometer"
START = b"S\r\n"
_LINE = re.compile(rb"T=(?:(\d{2,3}\.\d)([CF])|(-{3}))")
_UNITS = {b"C": "Cel", b"F": "[degF]"}
_MAX_LINE = 32  # a longer line is garbage: drop it rather than grow without bound


def decode_line(line: bytes) -> list[Measurement]:
    """Readings of one line (without its line ending); anything else gives none."""
    match = _LINE.fullmatch(line.strip())
    if match is None:
        return []
    if match.group(3):
        return [Measurement(DRIVER_ID, "status", None, None, flags=("no-sensor",), raw=line)]
    value = float(match.group(1))
    return [Measurement(DRIVER_ID, "body_temp", value, _UNITS[match.group(2)], raw=line)]


class ThermometerParser:
    """Feed any chunk; a line ends with LF (CR is optional). Never raises."""

    def __init__(self) -> None:
        self._buffer = bytearray()

    def feed(self, data: bytes) -> list[Measurement]:
        readings: list[Measurement] = []
        for byte in data:
            if byte == 0x0A:
                readings += decode_line(bytes(self._buffer))
                self._buffer.clear()
            elif len(self._buffer) < _MAX_LINE:
                self._buffer.append(byte)
            else:
                self._buffer.clear()
        return readings


def create_parser(*, waveform: bool = False, device_name: str | None = None) -> ThermometerParser:
    return ThermometerParser()
