"""Pure decoder of the Health Thermometer service 0x1809 (reference/devices.md §4, §16).

- Temperature Measurement 0x2A1C (Indicate) and Intermediate Temperature 0x2A1E (Notify):
  flags u8 | temperature FLOAT (§1) | [timestamp, Date Time §2] | [type u8].
  Flags: bit0 unit (0 °C → ``Cel``, 1 °F → ``[degF]``), bit1 timestamp, bit2 type; the other
  bits are RFU and ignored. A value shorter than its flags require is rejected (§4: the
  13-byte [LIB] vector minus its type byte is invalid).
- A FLOAT special value (NaN, NRes, ±INF) means "no value": no reading (§1).
- An unknown or impossible timestamp gives ``time: null`` and keeps the measurement (§2).
- Intermediate temperatures are not final: their readings carry the flag ``intermediate``
  so a consumer can show them live without taking them for the measurement.
- Temperature Type 0x2A1D (Read) and the type byte are kept in :attr:`temperature_type`
  (1 armpit … 9 tympanum); they produce no reading (§16).
"""

from __future__ import annotations

from drivers.ble.gatt_types import DATE_TIME_SIZE, decode_date_time
from drivers.ble.sfloat import FLOAT_SIZE, float_at
from kiosk.device_api import short_uuid
from kiosk.domain import Measurement

DRIVER_ID = "ble-thermometer"

SERVICE = "1809"
TEMPERATURE_MEASUREMENT = "2a1c"
TEMPERATURE_TYPE = "2a1d"
INTERMEDIATE_TEMPERATURE = "2a1e"
MEASUREMENT_INTERVAL = "2a21"

FLAG_FAHRENHEIT = 0x01
FLAG_TIMESTAMP = 0x02
FLAG_TYPE = 0x04

#: Temperature Type values (§4).
TEMPERATURE_TYPES: dict[int, str] = {
    1: "armpit",
    2: "body",
    3: "ear",
    4: "finger",
    5: "gastro-intestinal-tract",
    6: "mouth",
    7: "rectum",
    8: "toe",
    9: "tympanum",
}


class ThermometerParser:
    """:class:`~kiosk.device_api.GattParser` of ``ble-thermometer``."""

    def __init__(self, *, waveform: bool = False, device_name: str | None = None) -> None:
        self.device_name = device_name
        #: The last temperature type the device reported (a 0x2A1D read or a type byte).
        self.temperature_type: int | None = None

    def feed_gatt(
        self, characteristic: str, value: bytes, service: str | None = None
    ) -> list[Measurement]:
        uuid = short_uuid(characteristic)
        if uuid == TEMPERATURE_TYPE:
            if len(value) >= 1:
                self.temperature_type = value[0]
            return []
        if uuid == TEMPERATURE_MEASUREMENT:
            return self._measurement(bytes(value), intermediate=False)
        if uuid == INTERMEDIATE_TEMPERATURE:
            return self._measurement(bytes(value), intermediate=True)
        return []

    def _measurement(self, value: bytes, *, intermediate: bool) -> list[Measurement]:
        if not value:
            return []
        flags = value[0]
        needed = 1 + FLOAT_SIZE
        needed += DATE_TIME_SIZE if flags & FLAG_TIMESTAMP else 0
        needed += 1 if flags & FLAG_TYPE else 0
        if len(value) < needed:
            return []  # shorter than its flags require: rejected (§4, §17.3)
        temperature = float_at(value, 1)
        offset = 1 + FLOAT_SIZE
        time = None
        if flags & FLAG_TIMESTAMP:
            time = decode_date_time(value, offset)
            offset += DATE_TIME_SIZE
        if flags & FLAG_TYPE:
            self.temperature_type = value[offset]
        if temperature is None:
            return []  # NaN, NRes, ±INF: no reading (§1)
        unit = "[degF]" if flags & FLAG_FAHRENHEIT else "Cel"
        marks = ("intermediate",) if intermediate else ()
        return [Measurement(DRIVER_ID, "body_temp", temperature, unit, time, marks, raw=value)]


def create_parser(*, waveform: bool = False, device_name: str | None = None) -> ThermometerParser:
    """The ``parser`` entry of the plugin (drivers/plugin.py)."""
    return ThermometerParser(waveform=waveform, device_name=device_name)
