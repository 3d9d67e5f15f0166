"""Pure decoder of Weight Scale 0x181D and Body Composition 0x181B (reference/devices.md §6, §16).

- Weight Measurement 0x2A9D: flags u8 | weight u16 | [timestamp 7] | [user ID u8] | [BMI u16
  ×0.1 kg/m² + height u16]. Flags: bit0 imperial (weight ×0.01 lb, height ×0.1 in; else
  ×0.005 kg and ×0.001 m), bit1 timestamp, bit2 user ID, bit3 BMI + height; RFU ignored.
  The wire unit stays 0.005 kg whatever resolution 0x2A9E declares.
- Body Composition Measurement 0x2A9C: flags u16 | body fat u16 ×0.1 % | optional fields in
  flag-bit order (1 timestamp, 2 user, 3 BMR, 4 muscle %, 5 muscle mass, 6 fat-free mass,
  7 soft lean mass, 8 body water, 9 impedance, 10 weight, 11 height; 12 multi-packet). Each
  value is decoded on its own; only body fat, weight and height become readings (§16).
- 0xFFFF means "measurement unsuccessful": no reading of that field, the rest stays.
- A value too short for its mandatory field yields nothing; a cut trailing optional field only
  loses that field and the ones after it (§6).
- Beurer BF788 backfills zeroed body-composition placeholders: body fat 0.0 % means "no
  measurement" (no ``body_fat``); a zero weight or height likewise gives no reading, and a
  previous frame's value is never carried onto a stub (the parser keeps no values).
- Unknown or impossible timestamps (also years before 1582, §6): ``time`` null, measurement
  kept (§2).
"""

from __future__ import annotations

from drivers.ble.gatt_types import DATE_TIME_SIZE, decode_date_time
from kiosk.device_api import short_uuid
from kiosk.domain import Measurement

DRIVER_ID = "ble-scale"

WEIGHT_SCALE_SERVICE = "181d"
BODY_COMPOSITION_SERVICE = "181b"
WEIGHT_MEASUREMENT = "2a9d"
WEIGHT_SCALE_FEATURE = "2a9e"
BODY_COMPOSITION_MEASUREMENT = "2a9c"
BODY_COMPOSITION_FEATURE = "2a9b"

UNSUCCESSFUL = 0xFFFF

#: (scale, decimals, unit) per quantity and unit system: SI first, imperial second.
WEIGHT = ((0.005, 3, "kg"), (0.01, 2, "[lb_av]"))
HEIGHT = ((0.001, 3, "m"), (0.1, 1, "[in_i]"))

#: Body composition optional fields after the timestamp: (flag bit, size in bytes, name).
COMPOSITION_FIELDS: tuple[tuple[int, int, str], ...] = (
    (2, 1, "user"),
    (3, 2, "basal_metabolism"),
    (4, 2, "muscle_percentage"),
    (5, 2, "muscle_mass"),
    (6, 2, "fat_free_mass"),
    (7, 2, "soft_lean_mass"),
    (8, 2, "body_water_mass"),
    (9, 2, "impedance"),
    (10, 2, "weight"),
    (11, 2, "height"),
)


#: A scale timestamp before the Gregorian calendar is not a date (§6, "years outside 1582-9999").
FIRST_YEAR = 1582


def _time(value: bytes, offset: int) -> str | None:
    """The Date Time at ``offset`` as ISO text; None when unknown or impossible (§2, §6)."""
    text = decode_date_time(value, offset)
    return text if text is not None and int(text[:4]) >= FIRST_YEAR else None


def _u16(value: bytes, offset: int) -> int:
    return int.from_bytes(value[offset : offset + 2], "little")


def _scaled(raw: int, scale: tuple[float, int, str]) -> tuple[float, str]:
    factor, decimals, unit = scale
    return round(raw * factor, decimals), unit


class ScaleParser:
    """:class:`~kiosk.device_api.GattParser` of ``ble-scale``."""

    def __init__(self, *, waveform: bool = False, device_name: str | None = None) -> None:
        self.device_name = device_name
        #: The last user ID seen (0xFF = unknown user); provenance only, never a reading.
        self.user_id: int | None = None
        #: The Weight Scale Feature 0x2A9E word, when read (informational: the wire unit of
        #: 0x2A9D stays 0.005 kg whatever resolution it declares).
        self.weight_scale_feature: int | None = None

    def feed_gatt(
        self, characteristic: str, value: bytes, service: str | None = None
    ) -> list[Measurement]:
        uuid = short_uuid(characteristic)
        value = bytes(value)
        if uuid == WEIGHT_MEASUREMENT:
            return self._weight(value)
        if uuid == BODY_COMPOSITION_MEASUREMENT:
            return self._composition(value)
        if uuid == WEIGHT_SCALE_FEATURE and len(value) >= 4:
            self.weight_scale_feature = int.from_bytes(value[:4], "little")
        return []

    def _weight(self, value: bytes) -> list[Measurement]:
        if len(value) < 3:
            return []  # too short for the weight: nothing (§6)
        flags = value[0]
        system = flags & 0x01
        raw_weight = _u16(value, 1)
        offset, time = 3, None
        fields: list[tuple[str, float, str]] = []
        if raw_weight != UNSUCCESSFUL:
            fields.append(("body_weight", *_scaled(raw_weight, WEIGHT[system])))
        if flags & 0x02:
            if len(value) < offset + DATE_TIME_SIZE:
                return self._emit(fields, None, value)  # cut trailing field: dropped
            time = _time(value, offset)
            offset += DATE_TIME_SIZE
        if flags & 0x04:
            if len(value) < offset + 1:
                return self._emit(fields, time, value)
            self.user_id = value[offset]
            offset += 1
        if flags & 0x08 and len(value) >= offset + 2:
            bmi = _u16(value, offset)
            if bmi != UNSUCCESSFUL:
                fields.append(("bmi", round(bmi * 0.1, 1), "kg/m2"))
            if len(value) >= offset + 4:
                height = _u16(value, offset + 2)
                if height != UNSUCCESSFUL:
                    fields.append(("body_height", *_scaled(height, HEIGHT[system])))
        return self._emit(fields, time, value)

    def _composition(self, value: bytes) -> list[Measurement]:
        if len(value) < 4:
            return []  # too short for body fat: nothing
        flags = _u16(value, 0)
        system = flags & 0x01
        offset, time = 4, None
        present: dict[str, int] = {"body_fat": _u16(value, 2)}
        if flags & 0x02:
            if len(value) < offset + DATE_TIME_SIZE:
                return self._composition_readings(present, system, None, value)
            time = _time(value, offset)
            offset += DATE_TIME_SIZE
        for bit, size, name in COMPOSITION_FIELDS:
            if not flags >> bit & 1:
                continue
            if len(value) < offset + size:
                break  # a cut trailing field loses itself and what follows (§6)
            present[name] = int.from_bytes(value[offset : offset + size], "little")
            offset += size
        if "user" in present:
            self.user_id = present["user"]
        return self._composition_readings(present, system, time, value)

    def _composition_readings(
        self, present: dict[str, int], system: int, time: str | None, value: bytes
    ) -> list[Measurement]:
        fields: list[tuple[str, float, str]] = []
        fat = present["body_fat"]
        if fat not in (0, UNSUCCESSFUL):  # 0.0 % is a BF788 placeholder (§6)
            fields.append(("body_fat", round(fat * 0.1, 1), "%"))
        weight, height = present.get("weight", 0), present.get("height", 0)
        if weight not in (0, UNSUCCESSFUL):
            fields.append(("body_weight", *_scaled(weight, WEIGHT[system])))
        if height not in (0, UNSUCCESSFUL):
            fields.append(("body_height", *_scaled(height, HEIGHT[system])))
        return self._emit(fields, time, value)

    @staticmethod
    def _emit(
        fields: list[tuple[str, float, str]], time: str | None, raw: bytes
    ) -> list[Measurement]:
        return [
            Measurement(DRIVER_ID, kind, number, unit, time, raw=raw)
            for kind, number, unit in fields
        ]


def create_parser(*, waveform: bool = False, device_name: str | None = None) -> ScaleParser:
    """The ``parser`` entry of the plugin (drivers/plugin.py)."""
    return ScaleParser(waveform=waveform, device_name=device_name)
