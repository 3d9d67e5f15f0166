"""Pure decoder of the Glucose service 0x1808 (reference/devices.md §7, §16).

- Measurement 0x2A18: flags u8 | sequence u16 | base time 7 | [time offset sint16 min] |
  [concentration SFLOAT + type/location u8] | [sensor status u16]. Flags: bit0 time offset,
  bit1 concentration, bit2 unit (0 kg/L, 1 mol/L), bit3 status, bit4 context follows; RFU
  ignored; a value shorter than its flags require is rejected.
- ``time`` = base time + offset (null when the base time is unknown or invalid, §2).
- kg/L is reported as mg/dL (×10⁵) and mol/L as mmol/L (×10³): a decimal shift applied to
  the SFLOAT exponent, so ``5F B0`` is exactly 95 mg/dL. SFLOAT specials: no ``glucose``.
- Type (low nibble) 10 or location (high nibble) 4 = control solution: flag
  ``control-solution`` (these are not patient values). Sensor status bits 0-11 → flags
  (§16); a record with flags but no value gives a ``status`` reading.
- Context 0x2A34 is merged with the measurement of the same sequence number: a measurement
  whose "context follows" flag is set is held until its context comes, another measurement
  comes, the RACP procedure ends (response code on 0x2A52) or :meth:`GlucoseParser.flush`
  is called (the context may never come). Its meal field adds a flag (kiosk policy:
  ``before-meal``, ``after-meal``, ``fasting``, ``casual``, ``bedtime``).
- :attr:`GlucoseParser.last_sequence` is the highest sequence number decoded, so the session
  asks only for newer records (:func:`drivers.ble_glucose.racp.report_after`); a sequence
  number already imported (or the ``last_sequence`` it was created with) is never emitted again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from drivers.ble.gatt_types import DATE_TIME_SIZE, date_time_at
from drivers.ble.sfloat import Number, decode_sfloat
from drivers.ble_glucose.racp import RACP, RacpCount, RacpResponse, parse_response
from kiosk.device_api import short_uuid
from kiosk.domain import Measurement

DRIVER_ID = "ble-glucose"

SERVICE = "1808"
GLUCOSE_MEASUREMENT = "2a18"
GLUCOSE_CONTEXT = "2a34"
GLUCOSE_FEATURE = "2a51"

FLAG_TIME_OFFSET = 0x01
FLAG_CONCENTRATION = 0x02
FLAG_MOL_PER_L = 0x04
FLAG_STATUS = 0x08
FLAG_CONTEXT_FOLLOWS = 0x10

CONTROL_SOLUTION_TYPE = 10
CONTROL_SOLUTION_LOCATION = 4

#: Sensor status annunciation bits 0-11 → flags (§16); bits 12-15 are RFU.
SENSOR_STATUS_FLAGS: tuple[str, ...] = (
    "battery-low",
    "sensor-malfunction",
    "sample-insufficient",
    "strip-insertion-error",
    "strip-type-incorrect",
    "above-range",
    "below-range",
    "temperature-high",
    "temperature-low",
    "read-interrupted",
    "device-fault",
    "time-fault",
)

#: Glucose Feature 0x2A51 bits (§7: the status order, high/low and temperature merged).
FEATURE_NAMES: tuple[str, ...] = (
    "low-battery-detection",
    "sensor-malfunction-detection",
    "sample-size",
    "strip-insertion-error",
    "strip-type-error",
    "result-high-low",
    "temperature-high-low",
    "read-interrupt",
    "general-device-fault",
    "time-fault",
    "multiple-bond",
)


def feature_names(word: int) -> tuple[str, ...]:
    """The supported features named by a 0x2A51 word (RFU bits ignored)."""
    return tuple(name for bit, name in enumerate(FEATURE_NAMES) if word >> bit & 1)


#: Context meal values → flags (kiosk policy; devices.md gives no names).
MEAL_FLAGS: dict[int, str] = {
    1: "before-meal",
    2: "after-meal",
    3: "fasting",
    4: "casual",
    5: "bedtime",
}

#: Context optional fields after the meal, in flag-bit order: (flag bit, size in bytes).
_CONTEXT_CARBOHYDRATE = (0x01, 3)  # carbohydrate id u8 + SFLOAT kg
_CONTEXT_MEAL = 0x02


@dataclasses.dataclass(frozen=True, slots=True)
class GlucoseRecord:
    """One decoded 0x2A18 value, before it becomes readings."""

    sequence: int
    time: str | None
    value: Number | None
    unit: str
    flags: tuple[str, ...]
    context_follows: bool
    raw: bytes


def shifted_sfloat(raw: int, shift: int) -> Number | None:
    """SFLOAT ``raw`` × 10^shift done on the exponent (no float rounding); None if special."""
    if decode_sfloat(raw) is None:
        return None
    exponent = (raw >> 12) - (16 if raw >> 15 else 0) + shift
    mantissa = raw & 0x0FFF
    mantissa -= 0x1000 if mantissa >= 0x800 else 0
    if exponent >= 0:
        return mantissa * int(10**exponent)
    return mantissa / int(10**-exponent)


def decode_measurement(value: bytes) -> GlucoseRecord | None:
    """A 0x2A18 value, or None when it is shorter than its flags require."""
    if len(value) < 3 + DATE_TIME_SIZE:
        return None
    flags = value[0]
    needed = 3 + DATE_TIME_SIZE
    needed += 2 if flags & FLAG_TIME_OFFSET else 0
    needed += 3 if flags & FLAG_CONCENTRATION else 0
    needed += 2 if flags & FLAG_STATUS else 0
    if len(value) < needed:
        return None
    sequence = int.from_bytes(value[1:3], "little")
    moment = date_time_at(value, 3)
    offset = 3 + DATE_TIME_SIZE
    if flags & FLAG_TIME_OFFSET:
        minutes = int.from_bytes(value[offset : offset + 2], "little", signed=True)
        offset += 2
        try:
            moment = None if moment is None else moment + dt.timedelta(minutes=minutes)
        except OverflowError:
            moment = None
    molar = bool(flags & FLAG_MOL_PER_L)
    unit = "mmol/L" if molar else "mg/dL"
    concentration: Number | None = None
    marks: list[str] = []
    if flags & FLAG_CONCENTRATION:
        raw = int.from_bytes(value[offset : offset + 2], "little")
        concentration = shifted_sfloat(raw, 3 if molar else 5)
        kind, location = value[offset + 2] & 0x0F, value[offset + 2] >> 4
        if kind == CONTROL_SOLUTION_TYPE or location == CONTROL_SOLUTION_LOCATION:
            marks.append("control-solution")
        offset += 3
    if flags & FLAG_STATUS:
        status = int.from_bytes(value[offset : offset + 2], "little")
        marks += [name for bit, name in enumerate(SENSOR_STATUS_FLAGS) if status >> bit & 1]
    time = None if moment is None else moment.isoformat(timespec="seconds")
    follows = bool(flags & FLAG_CONTEXT_FOLLOWS)
    return GlucoseRecord(sequence, time, concentration, unit, tuple(marks), follows, value)


def decode_context(value: bytes) -> tuple[int, tuple[str, ...]] | None:
    """A 0x2A34 value → (sequence number, flags it adds), or None when cut short.

    Layout: flags u8 | sequence u16 | [extended flags u8 if bit7] | [carbohydrate id u8 +
    SFLOAT if bit0] | [meal u8 if bit1] | … (the later fields give no flag and are not read).
    """
    if len(value) < 3:
        return None
    flags, sequence, offset = value[0], int.from_bytes(value[1:3], "little"), 3
    offset += 1 if flags & 0x80 else 0
    bit, size = _CONTEXT_CARBOHYDRATE
    offset += size if flags & bit else 0
    if not flags & _CONTEXT_MEAL:
        return (sequence, ()) if len(value) >= offset else None
    if len(value) < offset + 1:
        return None
    meal = MEAL_FLAGS.get(value[offset])
    return sequence, (meal,) if meal else ()


class GlucoseParser:
    """:class:`~kiosk.device_api.GattParser` of ``ble-glucose``."""

    def __init__(
        self,
        *,
        waveform: bool = False,
        device_name: str | None = None,
        last_sequence: int | None = None,
    ) -> None:
        self.device_name = device_name
        #: The highest sequence number decoded (or given), for "report since" (racp.py).
        self.last_sequence = last_sequence
        self.feature: int | None = None
        self.last_racp: RacpResponse | RacpCount | None = None
        self._pending: GlucoseRecord | None = None
        self._seen: set[int] = set() if last_sequence is None else {last_sequence}

    def feed_gatt(
        self, characteristic: str, value: bytes, service: str | None = None
    ) -> list[Measurement]:
        uuid = short_uuid(characteristic)
        value = bytes(value)
        if uuid == GLUCOSE_MEASUREMENT:
            return self._measurement(value)
        if uuid == GLUCOSE_CONTEXT:
            context = decode_context(value)
            pending = self._pending
            if context is None or pending is None or context[0] != pending.sequence:
                return []
            self._pending = None
            merged = dataclasses.replace(pending, flags=pending.flags + context[1])
            return self._readings(merged)
        if uuid == RACP:
            self.last_racp = parse_response(value) or self.last_racp
            return self.flush() if isinstance(self.last_racp, RacpResponse) else []
        if uuid == GLUCOSE_FEATURE and len(value) >= 2:
            self.feature = int.from_bytes(value[:2], "little")
        return []

    def has_seen(self, sequence: int) -> bool:
        """Whether the record ``sequence`` was already imported (it will not be emitted again)."""
        return sequence in self._seen

    def flush(self) -> list[Measurement]:
        """Emit a measurement still waiting for its context (procedure over, link closing)."""
        pending, self._pending = self._pending, None
        return [] if pending is None else self._readings(pending)

    def _measurement(self, value: bytes) -> list[Measurement]:
        record = decode_measurement(value)
        if record is None or record.sequence in self._seen:
            return []
        self._seen.add(record.sequence)
        if self.last_sequence is None or record.sequence > self.last_sequence:
            self.last_sequence = record.sequence
        released = self.flush()
        if record.context_follows:
            self._pending = record
            return released
        return released + self._readings(record)

    @staticmethod
    def _readings(record: GlucoseRecord) -> list[Measurement]:
        if record.value is not None:
            kind, unit = "glucose", record.unit
        elif record.flags:
            kind, unit = "status", None
        else:
            return []
        return [
            Measurement(
                DRIVER_ID, kind, record.value, unit, record.time, record.flags, raw=record.raw
            )
        ]


def create_parser(*, waveform: bool = False, device_name: str | None = None) -> GlucoseParser:
    """The ``parser`` entry of the plugin (drivers/plugin.py)."""
    return GlucoseParser(waveform=waveform, device_name=device_name)
