"""Pure decoder of the Pulse Oximeter service 0x1822 (reference/devices.md §5, §16).

- Spot-check 0x2A5E: flags u8 | SpO2 SFLOAT | PR SFLOAT | [timestamp 7] | [measurement status
  u16] | [device & sensor status u24] | [PAI SFLOAT]. Flags: bit0 timestamp, bit1 measurement
  status, bit2 device & sensor status, bit3 PAI, bit4 device clock not set (the timestamp is
  then meaningless: ``time`` null).
- Continuous 0x2A5F: flags u8 | SpO2 | PR | [SpO2-fast, PR-fast] | [SpO2-slow, PR-slow] |
  [measurement status u16] | [device & sensor status u24] | [PAI]. Flags: bit0 fast pair, bit1
  slow pair, bit2 measurement status, bit3 device & sensor status, bit4 PAI. Only the normal
  pair is reported (``spo2`` / ``pulse_rate``); fast and slow pairs give no reading (§16).
- Flags are read strictly by bit, RFU bits ignored; a value shorter than its flags require
  is rejected (§17.3). SFLOAT specials give no reading of that type (§1).
- Status bits become flags per §16 on every reading of the measurement; measurement status
  bit 13 (unavailable) or 15 (invalid) means no value: a ``status`` reading carries the flags.
- Features 0x2A60 is decoded into :attr:`PlxParser.features` (no reading).
"""

from __future__ import annotations

import dataclasses

from drivers.ble.gatt_types import DATE_TIME_SIZE, decode_date_time
from drivers.ble.sfloat import SFLOAT_SIZE, Number, sfloat_at
from kiosk.device_api import short_uuid
from kiosk.domain import Measurement

DRIVER_ID = "ble-plx"

SERVICE = "1822"
SPOT_CHECK = "2a5e"
CONTINUOUS = "2a5f"
FEATURES = "2a60"

#: Measurement status bits → flags (§16); bits 5, 7 and 8 (ongoing, validated, fully
#: qualified) are normal operation and give no flag.
MEASUREMENT_STATUS_FLAGS: dict[int, str] = {
    6: "early-estimate",
    9: "from-storage",
    10: "demo",
    11: "testing",
    12: "calibrating",
    13: "unavailable",
    14: "questionable",
    15: "invalid",
}
#: Measurement status bits that withdraw the value (§16: "13 and 15: no value").
NO_VALUE_BITS = (1 << 13) | (1 << 15)

#: Device & sensor status bits → flags (§16; bits 16-23 are RFU).
DEVICE_STATUS_FLAGS: dict[int, str] = {
    0: "extended-display-update",
    1: "equipment-malfunction",
    2: "signal-processing-irregularity",
    3: "inadequate-signal",
    4: "poor-signal",
    5: "low-perfusion",
    6: "erratic-signal",
    7: "nonpulsatile-signal",
    8: "questionable-pulse",
    9: "signal-analysis-ongoing",
    10: "sensor-interference",
    11: "sensor-unconnected",
    12: "unknown-sensor",
    13: "sensor-displaced",
    14: "sensor-malfunction",
    15: "sensor-disconnected",
}


@dataclasses.dataclass(frozen=True, slots=True)
class PlxFeatures:
    """PLX Features 0x2A60: supported features, then the optional support masks."""

    supported: int
    measurement_status_support: int | None = None
    device_status_support: int | None = None


def decode_features(value: bytes) -> PlxFeatures | None:
    """u16 features | [u16 meas-status support if bit0] | [u24 dev/sensor support if bit1]."""
    if len(value) < 2:
        return None
    supported = int.from_bytes(value[0:2], "little")
    offset = 2
    measurement = device = None
    if supported & 0x01:
        if len(value) < offset + 2:
            return None
        measurement = int.from_bytes(value[offset : offset + 2], "little")
        offset += 2
    if supported & 0x02:
        if len(value) < offset + 3:
            return None
        device = int.from_bytes(value[offset : offset + 3], "little")
    return PlxFeatures(supported, measurement, device)


def status_flags(measurement_status: int, device_status: int) -> tuple[str, ...]:
    """The §16 flags of both status words, measurement status first, each by bit order."""
    flags = [
        name for bit, name in MEASUREMENT_STATUS_FLAGS.items() if measurement_status >> bit & 1
    ]
    flags += [name for bit, name in DEVICE_STATUS_FLAGS.items() if device_status >> bit & 1]
    return tuple(flags)


class PlxParser:
    """:class:`~kiosk.device_api.GattParser` of ``ble-plx``."""

    def __init__(self, *, waveform: bool = False, device_name: str | None = None) -> None:
        self.device_name = device_name
        self.features: PlxFeatures | None = None

    def feed_gatt(
        self, characteristic: str, value: bytes, service: str | None = None
    ) -> list[Measurement]:
        uuid = short_uuid(characteristic)
        value = bytes(value)
        if uuid == SPOT_CHECK:
            return self._spot_check(value)
        if uuid == CONTINUOUS:
            return self._continuous(value)
        if uuid == FEATURES:
            self.features = decode_features(value) or self.features
        return []

    def _spot_check(self, value: bytes) -> list[Measurement]:
        if not value:
            return []
        flags = value[0]
        has_time, has_status, has_device, has_pai = (bool(flags >> bit & 1) for bit in range(4))
        needed = 1 + 2 * SFLOAT_SIZE + DATE_TIME_SIZE * has_time + 2 * has_status
        needed += 3 * has_device + SFLOAT_SIZE * has_pai
        if len(value) < needed:
            return []
        offset = 1 + 2 * SFLOAT_SIZE
        time = None
        if has_time:
            clock_not_set = flags & 0x10
            time = None if clock_not_set else decode_date_time(value, offset)
            offset += DATE_TIME_SIZE
        return self._readings(value, offset, has_status, has_device, has_pai, time)

    def _continuous(self, value: bytes) -> list[Measurement]:
        if not value:
            return []
        flags = value[0]
        fast, slow, has_status, has_device, has_pai = (bool(flags >> bit & 1) for bit in range(5))
        pairs = 1 + fast + slow
        needed = 1 + 2 * SFLOAT_SIZE * pairs + 2 * has_status + 3 * has_device
        needed += SFLOAT_SIZE * has_pai
        if len(value) < needed:
            return []
        offset = 1 + 2 * SFLOAT_SIZE * pairs  # fast and slow pairs give no reading (§16)
        return self._readings(value, offset, has_status, has_device, has_pai, None)

    def _readings(
        self,
        value: bytes,
        offset: int,
        has_status: bool,
        has_device: bool,
        has_pai: bool,
        time: str | None,
    ) -> list[Measurement]:
        """Status words and PAI from ``offset`` on, then the readings (length already checked)."""
        measurement_status = device_status = 0
        if has_status:
            measurement_status = int.from_bytes(value[offset : offset + 2], "little")
            offset += 2
        if has_device:
            device_status = int.from_bytes(value[offset : offset + 3], "little")
            offset += 3
        pai = sfloat_at(value, offset) if has_pai else None
        flags = status_flags(measurement_status, device_status)
        values: list[tuple[str, Number | None, str]] = [
            ("spo2", sfloat_at(value, 1), "%"),
            ("pulse_rate", sfloat_at(value, 1 + SFLOAT_SIZE), "/min"),
            ("perfusion_index", pai, "%"),
        ]
        if measurement_status & NO_VALUE_BITS:
            values = []  # measurement unavailable / invalid: no value (§16)
        readings = [
            Measurement(DRIVER_ID, kind, number, unit, time, flags, raw=value)
            for kind, number, unit in values
            if number is not None
        ]
        if not readings and flags:
            readings.append(Measurement(DRIVER_ID, "status", None, None, time, flags, raw=value))
        return readings


def create_parser(*, waveform: bool = False, device_name: str | None = None) -> PlxParser:
    """The ``parser`` entry of the plugin (drivers/plugin.py)."""
    return PlxParser(waveform=waveform, device_name=device_name)
