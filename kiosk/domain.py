"""Domain types of Dala Kiosk: patients, encounters, readings and their provenance.

Pure data, no I/O. Every other layer speaks in these types:

- a driver's parser turns bytes into :class:`Measurement` objects (the reading of
  ``reference/interfaces.md``, before it belongs to anybody);
- a service turns a measurement into a stored :class:`Reading` of an :class:`Encounter`,
  adding provenance (which device, which raw frame, device time and kiosk time);
- ``sync/`` maps stored readings to FHIR.

Times: ``kiosk_time`` is always an aware UTC datetime. ``device_time`` is the device's own
clock exactly as it reported it (ISO 8601 text, usually without a zone) and is never
"corrected" here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import uuid
from collections.abc import Mapping
from typing import Any

#: The fixed ``type`` vocabulary of interfaces.md (plus ``pleth`` for opt-in waveforms).
READING_TYPES: frozenset[str] = frozenset(
    {
        "spo2",
        "pulse_rate",
        "heart_rate",
        "perfusion_index",
        "systolic_bp",
        "diastolic_bp",
        "mean_bp",
        "cuff_pressure",
        "body_temp",
        "body_weight",
        "body_height",
        "bmi",
        "body_fat",
        "glucose",
        "resp_rate",
        "lab",
        "status",
    }
)
WAVEFORM_TYPES: frozenset[str] = frozenset({"pleth"})


def utc_now() -> dt.datetime:
    """The kiosk clock, as an aware UTC datetime (the one place that reads it)."""
    return dt.datetime.now(dt.UTC)


def utc_instant(stamp: str) -> dt.datetime:
    """An ISO 8601 time as stored or sent (``Z`` or an offset; one without is UTC), aware."""
    moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def new_id() -> str:
    """A fresh client-generated id (UUID4 text), as FHIR resources will carry it."""
    return str(uuid.uuid4())


def require_utc(moment: dt.datetime) -> dt.datetime:
    """Return ``moment`` converted to UTC; refuse naive datetimes (their zone is unknown)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("a naive datetime has no zone; store times as aware UTC")
    return moment.astimezone(dt.UTC)


class Sex(enum.StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNKNOWN = "unknown"


class Source(enum.StrEnum):
    """Where a value came from: a device (with raw bytes) or typed by a person."""

    DEVICE = "device"
    MANUAL = "manual"


class EncounterStatus(enum.StrEnum):
    DRAFT = "draft"
    FINISHED = "finished"


@dataclasses.dataclass(frozen=True, slots=True)
class Measurement:
    """One decoded value as a parser emits it: the reading JSON of interfaces.md.

    ``raw`` holds the exact bytes of the frame it came from, for provenance and for the
    technician; it is not part of the JSON form.
    """

    driver: str
    type: str
    value: float | int | None
    unit: str | None
    time: str | None = None
    flags: tuple[str, ...] = ()
    code: str | None = None
    raw: bytes = b""

    def __post_init__(self) -> None:
        if self.type not in READING_TYPES and self.type not in WAVEFORM_TYPES:
            raise ValueError(f"unknown reading type {self.type!r}")
        if self.type == "status" and self.value is not None:
            raise ValueError("a status reading carries flags, never a value")

    def to_json(self) -> dict[str, Any]:
        """The interfaces.md JSON object (key order as documented)."""
        return {
            "driver": self.driver,
            "type": self.type,
            "value": self.value,
            "unit": self.unit,
            "time": self.time,
            "flags": list(self.flags),
            "code": self.code,
        }


@dataclasses.dataclass(frozen=True, slots=True)
class DeviceIdentity:
    """A physical device as far as the kiosk can tell it apart from others.

    ``key`` is stable across sessions: the device's own serial/id when it reports one,
    otherwise driver + port (fhir-mapping.md §2, "serial device"). ``firmware`` (the
    device's firmware revision) and ``battery_level`` (percent, the latest the device
    reported) are provenance too: a BLE session fills them from Device Information and the
    Battery Service, and each reading keeps the battery level it was taken at.
    """

    driver_id: str
    key: str
    manufacturer: str | None = None
    model: str | None = None
    serial: str | None = None
    port: str | None = None
    firmware: str | None = None
    battery_level: int | None = None

    def __post_init__(self) -> None:
        if self.battery_level is not None and not 0 <= self.battery_level <= 100:
            raise ValueError(f"battery level {self.battery_level} is not a percentage")


@dataclasses.dataclass(frozen=True, slots=True)
class Patient:
    id: str
    family: str
    given: str
    birth_date: dt.date | None
    sex: Sex = Sex.UNKNOWN
    created_at: dt.datetime = dataclasses.field(default_factory=utc_now)

    @property
    def display_name(self) -> str:
        return f"{self.family} {self.given}".strip()


@dataclasses.dataclass(frozen=True, slots=True)
class Reading:
    """A value that belongs to an encounter, with its provenance."""

    id: str
    encounter_id: str
    type: str
    value: float | int | None
    unit: str | None
    source: Source
    kiosk_time: dt.datetime
    device_time: str | None = None
    flags: tuple[str, ...] = ()
    code: str | None = None
    driver_id: str | None = None
    device_key: str | None = None
    raw: bytes = b""
    #: the device's battery level (percent) when it sent this value, if it reports one
    device_battery: int | None = None

    def __post_init__(self) -> None:
        require_utc(self.kiosk_time)
        if self.source is Source.DEVICE and not (self.driver_id and self.device_key):
            raise ValueError("a device reading needs its driver id and device key")


@dataclasses.dataclass(frozen=True, slots=True)
class Encounter:
    id: str
    patient_id: str
    number: str
    status: EncounterStatus
    started_at: dt.datetime
    ended_at: dt.datetime | None = None
    readings: tuple[Reading, ...] = ()

    def latest(self) -> Mapping[str, Reading]:
        """The newest reading of each type (what a summary shows)."""
        newest: dict[str, Reading] = {}
        for reading in sorted(self.readings, key=lambda r: r.kiosk_time):
            newest[reading.type] = reading
        return newest
