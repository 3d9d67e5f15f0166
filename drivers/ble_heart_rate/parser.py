"""Pure decoder of the Heart Rate service 0x180D (reference/devices.md §8, §16).

Heart Rate Measurement 0x2A37 (Notify): flags u8 | HR u8 or u16 | [energy expended u16 kJ] |
[RR intervals u16 × n, 1/1024 s]. Flags: bit0 HR is u16; bits 1-2 sensor contact (bit2
supported, bit1 detected); bit3 energy; bit4 RR; RFU ignored.

- HR becomes ``heart_rate`` in ``/min``; contact supported but not detected adds the flag
  ``no-contact`` (§16).
- Energy and RR intervals give no reading (§16); the last RR list (in 1/1024 s) is kept in
  :attr:`HeartRateParser.rr_intervals` for a caller that wants it.
- A value shorter than its flags require (HR, energy, at least one RR interval) is rejected:
  ``17 01 01`` flags RR intervals but carries none, so it is invalid (§8). An odd trailing
  byte of the RR list is ignored.
- Body Sensor Location 0x2A38 is kept in :attr:`HeartRateParser.body_sensor_location`.
"""

from __future__ import annotations

from kiosk.device_api import short_uuid
from kiosk.domain import Measurement

DRIVER_ID = "ble-heart-rate"

SERVICE = "180d"
HEART_RATE_MEASUREMENT = "2a37"
BODY_SENSOR_LOCATION = "2a38"
HEART_RATE_CONTROL_POINT = "2a39"

FLAG_U16 = 0x01
FLAG_CONTACT_DETECTED = 0x02
FLAG_CONTACT_SUPPORTED = 0x04
FLAG_ENERGY = 0x08
FLAG_RR = 0x10

#: HR Control Point command: reset the energy expended.
RESET_ENERGY_EXPENDED = b"\x01"


class HeartRateParser:
    """:class:`~kiosk.device_api.GattParser` of ``ble-heart-rate``."""

    def __init__(self, *, waveform: bool = False, device_name: str | None = None) -> None:
        self.device_name = device_name
        self.body_sensor_location: int | None = None
        self.energy_expended: int | None = None
        #: The last RR intervals, in the wire unit of 1/1024 s.
        self.rr_intervals: tuple[int, ...] = ()

    def feed_gatt(
        self, characteristic: str, value: bytes, service: str | None = None
    ) -> list[Measurement]:
        uuid = short_uuid(characteristic)
        value = bytes(value)
        if uuid == BODY_SENSOR_LOCATION and value:
            self.body_sensor_location = value[0]
        if uuid != HEART_RATE_MEASUREMENT or not value:
            return []
        flags = value[0]
        size = 2 if flags & FLAG_U16 else 1
        needed = 1 + size + (2 if flags & FLAG_ENERGY else 0) + (2 if flags & FLAG_RR else 0)
        if len(value) < needed:
            return []  # too short for its flags (§8: `17 01 01` flags RR but has none)
        rate = int.from_bytes(value[1 : 1 + size], "little")
        offset = 1 + size
        if flags & FLAG_ENERGY:
            self.energy_expended = int.from_bytes(value[offset : offset + 2], "little")
            offset += 2
        if flags & FLAG_RR:
            self.rr_intervals = tuple(
                int.from_bytes(value[i : i + 2], "little") for i in range(offset, len(value) - 1, 2)
            )
        contact_lost = flags & FLAG_CONTACT_SUPPORTED and not flags & FLAG_CONTACT_DETECTED
        marks = ("no-contact",) if contact_lost else ()
        return [Measurement(DRIVER_ID, "heart_rate", rate, "/min", None, marks, raw=value)]


def create_parser(*, waveform: bool = False, device_name: str | None = None) -> HeartRateParser:
    """The ``parser`` entry of the plugin (drivers/plugin.py)."""
    return HeartRateParser(waveform=waveform, device_name=device_name)
