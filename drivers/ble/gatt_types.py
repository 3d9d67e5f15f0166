"""GATT types shared by the BLE health services (reference/devices.md §2).

- **Date Time** 0x2A08 (7 B): year u16 (0 unknown), month (0 unknown), day (0 unknown), hours,
  minutes, seconds. A zero year/month/day or an impossible date (31 April, hour 24, minute
  60) is "unknown": :func:`decode_date_time` gives ``None`` and the caller keeps the
  measurement with ``time: null``. Times carry no zone and print as ISO 8601 without offset.
- **Day Date Time** (8 B): Date Time + day of week (1 Monday … 7 Sunday, 0 unknown).
- **Current Time** 0x2A2B (10 B): Day Date Time + Fractions256 + Adjust Reason.
- **Device Information** 0x180A: UTF-8 strings (manufacturer, model, serial, revisions),
  System ID 0x2A23, PnP ID 0x2A50.
- **Battery Level** 0x2A19: u8 percent, 0-100.

Decoders never raise on short or garbage input; they return ``None``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

#: Service and characteristic short UUIDs (lower case, as kiosk.device_api.short_uuid gives).
DATE_TIME = "2a08"
CURRENT_TIME_SERVICE = "1805"
CURRENT_TIME = "2a2b"
LOCAL_TIME_INFORMATION = "2a0f"
DEVICE_INFORMATION_SERVICE = "180a"
MANUFACTURER_NAME = "2a29"
MODEL_NUMBER = "2a24"
SERIAL_NUMBER = "2a25"
HARDWARE_REVISION = "2a27"
FIRMWARE_REVISION = "2a26"
SOFTWARE_REVISION = "2a28"
SYSTEM_ID = "2a23"
PNP_ID = "2a50"
BATTERY_SERVICE = "180f"
BATTERY_LEVEL = "2a19"

DATE_TIME_SIZE = 7
DAY_DATE_TIME_SIZE = 8
CURRENT_TIME_SIZE = 10

#: Current Time "Adjust Reason" bits (devices.md §2).
ADJUST_MANUAL = 0x01
ADJUST_EXTERNAL_REFERENCE = 0x02
ADJUST_TIME_ZONE = 0x04
ADJUST_DST = 0x08


def date_time_at(data: bytes, offset: int = 0) -> dt.datetime | None:
    """The Date Time at ``data[offset:offset+7]`` as a naive datetime, ``None`` if unknown,
    invalid or cut short."""
    if offset < 0 or offset + DATE_TIME_SIZE > len(data):
        return None
    year = int.from_bytes(data[offset : offset + 2], "little")
    month, day, hours, minutes, seconds = data[offset + 2 : offset + DATE_TIME_SIZE]
    if year == 0 or month == 0 or day == 0:
        return None
    try:  # the device's wall clock: no zone
        return dt.datetime(year, month, day, hours, minutes, seconds)
    except ValueError:  # 31 April, hour 24, minute 60, year 10000 …
        return None


def decode_date_time(data: bytes, offset: int = 0) -> str | None:
    """The Date Time at ``offset`` as ISO 8601 text without zone (``2024-06-06T12:04:44``)."""
    moment = date_time_at(data, offset)
    return None if moment is None else moment.isoformat(timespec="seconds")


def encode_date_time(moment: dt.datetime) -> bytes:
    """Seven wire bytes for ``moment`` (its wall-clock fields; any zone is dropped)."""
    return moment.year.to_bytes(2, "little") + bytes(
        [moment.month, moment.day, moment.hour, moment.minute, moment.second]
    )


@dataclasses.dataclass(frozen=True, slots=True)
class CurrentTime:
    """A decoded Current Time 0x2A2B value."""

    time: dt.datetime | None
    day_of_week: int | None  # 1 Monday … 7 Sunday; None when 0 (unknown) or out of range
    fractions256: int
    adjust_reason: int

    @property
    def iso(self) -> str | None:
        return None if self.time is None else self.time.isoformat(timespec="seconds")


def decode_current_time(data: bytes) -> CurrentTime | None:
    """A Current Time value, or ``None`` when shorter than 10 bytes."""
    if len(data) < CURRENT_TIME_SIZE:
        return None
    day_of_week = data[7] if 1 <= data[7] <= 7 else None
    return CurrentTime(date_time_at(data), day_of_week, data[8], data[9])


def encode_current_time(
    moment: dt.datetime, *, fractions256: int = 0, adjust_reason: int = ADJUST_MANUAL
) -> bytes:
    """Ten wire bytes setting the device clock to ``moment``'s wall-clock fields."""
    return encode_date_time(moment) + bytes(
        [moment.isoweekday(), fractions256 & 0xFF, adjust_reason & 0xFF]
    )


def decode_utf8(value: bytes) -> str | None:
    """A Device Information string: UTF-8, trailing NULs and blanks dropped; ``None`` if empty."""
    text = value.split(b"\x00", 1)[0].decode("utf-8", errors="replace").strip()
    return text or None


@dataclasses.dataclass(frozen=True, slots=True)
class PnpId:
    vendor_id_source: int  # 1 Bluetooth SIG, 2 USB-IF
    vendor_id: int
    product_id: int
    version: int


def decode_pnp_id(value: bytes) -> PnpId | None:
    """PnP ID 0x2A50 (7 B), or ``None`` when cut short."""
    if len(value) < 7:
        return None
    vendor, product, version = (int.from_bytes(value[i : i + 2], "little") for i in (1, 3, 5))
    return PnpId(value[0], vendor, product, version)


def decode_system_id(value: bytes) -> str | None:
    """System ID 0x2A23 (8 B, little-endian: 40-bit manufacturer id + 24-bit OUI) as hex text
    ``OUI-MANUFACTURERID``, or ``None`` when cut short."""
    if len(value) < 8:
        return None
    manufacturer = int.from_bytes(value[:5], "little")
    oui = int.from_bytes(value[5:8], "little")
    return f"{oui:06X}-{manufacturer:010X}"


def decode_battery_level(value: bytes) -> int | None:
    """Battery Level 0x2A19 in percent, or ``None`` when empty or above 100."""
    if not value or value[0] > 100:
        return None
    return value[0]


@dataclasses.dataclass(frozen=True, slots=True)
class DeviceInformation:
    """What a device tells about itself in 0x180A (each field optional)."""

    manufacturer: str | None = None
    model: str | None = None
    serial: str | None = None
    hardware_revision: str | None = None
    firmware_revision: str | None = None
    software_revision: str | None = None
    system_id: str | None = None
    pnp_id: PnpId | None = None

    @classmethod
    def from_values(cls, values: dict[str, bytes]) -> DeviceInformation:
        """Decode the characteristic values read from 0x180A, keyed by short UUID."""

        def text(uuid: str) -> str | None:
            value = values.get(uuid)
            return None if value is None else decode_utf8(value)

        system_id, pnp = values.get(SYSTEM_ID), values.get(PNP_ID)
        return cls(
            manufacturer=text(MANUFACTURER_NAME),
            model=text(MODEL_NUMBER),
            serial=text(SERIAL_NUMBER),
            hardware_revision=text(HARDWARE_REVISION),
            firmware_revision=text(FIRMWARE_REVISION),
            software_revision=text(SOFTWARE_REVISION),
            system_id=None if system_id is None else decode_system_id(system_id),
            pnp_id=None if pnp is None else decode_pnp_id(pnp),
        )


#: The 0x180A characteristics a session reads on connect (cheap strings first).
DEVICE_INFORMATION_STRINGS: tuple[str, ...] = (
    MANUFACTURER_NAME,
    MODEL_NUMBER,
    SERIAL_NUMBER,
    HARDWARE_REVISION,
    FIRMWARE_REVISION,
    SOFTWARE_REVISION,
    SYSTEM_ID,
    PNP_ID,
)
