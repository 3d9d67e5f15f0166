"""Pure decoder of the Blood Pressure service 0x1810 (reference/devices.md §3, §14, §16).

**0x2A35** (indicated): flags u8 | systolic SFLOAT | diastolic SFLOAT | MAP SFLOAT |
[timestamp 7] | [pulse SFLOAT] | [user ID u8] | [measurement status u16].

- flags: bit0 unit (0 mmHg, 1 kPa), bit1 timestamp, bit2 pulse, bit3 user ID, bit4 status;
  bits 5-7 are RFU and ignored;
- status: bit0 body movement, bit1 cuff too loose, bit2 irregular pulse, bits 3-4 pulse-rate
  range (1 above, 2 below), bit5 improper position → flags ``body-movement``, ``cuff-loose``,
  ``irregular-pulse``, ``pulse-rate-high`` / ``pulse-rate-low``, ``improper-position``, put on
  every reading of the measurement (or on a ``status`` reading when no value is left);
- lengths: under 7 bytes, or a flagged timestamp cut short, rejects the frame (as the
  Android-BLE-Common-Library does); a frame may end inside its *last* flagged optional field,
  which is then lost alone; more than one missing field rejects the frame;
- special SFLOAT values (NaN …) give no reading of that type (devices.md §1).

**0x2A36** (notified): the same layout, cuff pressure in the systolic field → ``cuff_pressure``.
**0x2A49** (read): the feature bits, kept in :attr:`BloodPressureParser.features`.

**Per-model quirks**, chosen by advertised name (``--device-name``): the Beurer family BM48,
BM59, BM85, ELITE900 sets RFU flag bit 6, sends MAP 0 meaning "not measured" (no
``mean_bp``), sends the pulse SFLOAT and the status word big-endian, and always sends a user
ID byte even with flag bit 3 clear. Unknown names get the spec layout.
"""

from __future__ import annotations

import dataclasses

from drivers.ble.gatt_types import decode_date_time
from drivers.ble.sfloat import ByteOrder, Number, sfloat_at
from kiosk.device_api import short_uuid
from kiosk.domain import Measurement

DRIVER_ID = "ble-bp"
SERVICE = "1810"
MEASUREMENT = "2a35"
CUFF_PRESSURE = "2a36"
FEATURE = "2a49"

UNIT_KPA = 0x01
HAS_TIMESTAMP = 0x02
HAS_PULSE = 0x04
HAS_USER = 0x08
HAS_STATUS = 0x10

_STATUS_FLAGS = ((0x0001, "body-movement"), (0x0002, "cuff-loose"), (0x0004, "irregular-pulse"))
_PULSE_RANGE = {1: "pulse-rate-high", 2: "pulse-rate-low"}
_IMPROPER_POSITION = 0x0020
_MIN_LENGTH = 7
_TIMESTAMP_SIZE = 7

#: Feature bits of 0x2A49 (devices.md §3), bit → name.
FEATURE_NAMES = (
    "body-movement-detection",
    "cuff-fit-detection",
    "irregular-pulse-detection",
    "pulse-rate-range-detection",
    "measurement-position-detection",
    "multiple-bonds",
    "e2e-crc",
    "user-data-service",
    "user-facing-time",
)


@dataclasses.dataclass(frozen=True, slots=True)
class Quirks:
    """How a model departs from the spec layout of 0x2A35."""

    map_zero_is_missing: bool = False
    pulse_order: ByteOrder = "little"
    status_order: ByteOrder = "little"
    user_always_present: bool = False


SPEC = Quirks()
BEURER = Quirks(
    map_zero_is_missing=True, pulse_order="big", status_order="big", user_always_present=True
)
BEURER_MODELS = ("BM48", "BM59", "BM85", "ELITE900")


def quirks_for(device_name: str | None) -> Quirks:
    """The quirk set for an advertised name; unknown names fall back to the spec."""
    name = (device_name or "").strip().upper()
    if any(name.startswith(model) for model in BEURER_MODELS):
        return BEURER
    return SPEC


def status_flags(status: int) -> tuple[str, ...]:
    """Measurement-status bits → kebab-case flags (devices.md §16), in bit order."""
    flags = [name for bit, name in _STATUS_FLAGS if status & bit]
    pulse_range = _PULSE_RANGE.get((status >> 3) & 0x3)
    if pulse_range:
        flags.append(pulse_range)
    if status & _IMPROPER_POSITION:
        flags.append("improper-position")
    return tuple(flags)


@dataclasses.dataclass(frozen=True, slots=True)
class BpRecord:
    """One decoded 0x2A35 / 0x2A36 frame before it becomes readings."""

    kpa: bool
    systolic: Number | None
    diastolic: Number | None
    mean: Number | None
    time: str | None
    pulse: Number | None
    user: int | None
    flags: tuple[str, ...]


def decode_record(frame: bytes, quirks: Quirks = SPEC) -> BpRecord | None:
    """Decode one frame, or ``None`` if it is too short for what its flags promise."""
    if len(frame) < _MIN_LENGTH:
        return None
    flags = frame[0]
    offset = _MIN_LENGTH
    time: str | None = None
    if flags & HAS_TIMESTAMP:
        if len(frame) < offset + _TIMESTAMP_SIZE:
            return None
        time = decode_date_time(frame, offset)
        offset += _TIMESTAMP_SIZE
    fields = []  # (name, size), the optional fields this frame should carry, in order
    if flags & HAS_PULSE:
        fields.append(("pulse", 2))
    if flags & HAS_USER or quirks.user_always_present:
        fields.append(("user", 1))
    if flags & HAS_STATUS:
        fields.append(("status", 2))
    present: dict[str, bytes] = {}
    for index, (name, size) in enumerate(fields):
        if len(frame) < offset + size:
            if index != len(fields) - 1:
                return None  # more than the last field is missing
            break  # the last field was cut: it alone is lost
        present[name] = frame[offset : offset + size]
        offset += size
    pulse = sfloat_at(present["pulse"], 0, quirks.pulse_order) if "pulse" in present else None
    status = int.from_bytes(present["status"], quirks.status_order) if "status" in present else 0
    mean = sfloat_at(frame, 5)
    if quirks.map_zero_is_missing and mean == 0:
        mean = None
    return BpRecord(
        kpa=bool(flags & UNIT_KPA),
        systolic=sfloat_at(frame, 1),
        diastolic=sfloat_at(frame, 3),
        mean=mean,
        time=time,
        pulse=pulse,
        user=present["user"][0] if "user" in present else None,
        flags=status_flags(status),
    )


class BloodPressureParser:
    """The :class:`~kiosk.device_api.GattParser` of ``ble-bp`` (stateless but for features)."""

    def __init__(self, device_name: str | None = None) -> None:
        self.device_name = device_name
        self.quirks = quirks_for(device_name)
        self.features: tuple[str, ...] | None = None

    def feed_gatt(
        self, characteristic: str, value: bytes, service: str | None = None
    ) -> list[Measurement]:
        if service is not None and short_uuid(service) != SERVICE:
            return []
        char = short_uuid(characteristic)
        if char == MEASUREMENT:
            return self._measurement(bytes(value))
        if char == CUFF_PRESSURE:
            return self._cuff_pressure(bytes(value))
        if char == FEATURE and len(value) >= 2:
            bits = int.from_bytes(value[:2], "little")
            self.features = tuple(n for i, n in enumerate(FEATURE_NAMES) if bits >> i & 1)
        return []

    def _measurement(self, frame: bytes) -> list[Measurement]:
        record = decode_record(frame, self.quirks)
        if record is None:
            return []
        unit = "kPa" if record.kpa else "mm[Hg]"
        values: list[tuple[str, Number | None, str]] = [
            ("systolic_bp", record.systolic, unit),
            ("diastolic_bp", record.diastolic, unit),
            ("mean_bp", record.mean, unit),
            ("pulse_rate", record.pulse, "/min"),
        ]
        return _readings(values, record, frame)

    def _cuff_pressure(self, frame: bytes) -> list[Measurement]:
        record = decode_record(frame, SPEC)
        if record is None:
            return []
        unit = "kPa" if record.kpa else "mm[Hg]"
        return _readings([("cuff_pressure", record.systolic, unit)], record, frame)


def _readings(
    values: list[tuple[str, Number | None, str]], record: BpRecord, frame: bytes
) -> list[Measurement]:
    out = [
        Measurement(DRIVER_ID, kind, value, unit, record.time, record.flags, raw=frame)
        for kind, value, unit in values
        if value is not None
    ]
    if not out and record.flags:
        out.append(
            Measurement(DRIVER_ID, "status", None, None, record.time, record.flags, raw=frame)
        )
    return out


def create_parser(*, waveform: bool = False, device_name: str | None = None) -> BloodPressureParser:
    """The plugin API's parser factory (``waveform`` does not apply to blood pressure)."""
    return BloodPressureParser(device_name)
