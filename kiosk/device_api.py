"""The driver plugin API: what a package registered under ``kiosk.drivers`` provides.

The core knows drivers only through this module. An entry point in the group
``kiosk.drivers`` names an object implementing :class:`DriverPlugin`; built-in drivers are
registered the same way as third-party ones (see ``pyproject.toml``).

A plugin has four parts, each usable on its own:

- ``manifest`` — data only (id, name, titles, transport, serial framing, matchers). Loading
  it must not import pyserial, bleak or the I/O code, so ``kiosk drivers list`` stays cheap.
- ``create_parser()`` — a pure, incremental :class:`Parser` (bytes in, measurements out).
- ``open_session(port)`` — the I/O part, an async :class:`DeviceSession`.
- ``start_simulator(scenario)`` — a simulator speaking the real protocol on a real port.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Protocol, runtime_checkable

from kiosk.domain import DeviceIdentity, Measurement


class Transport(enum.StrEnum):
    SERIAL = "serial"
    BLE = "ble"
    TCP = "tcp"


@dataclasses.dataclass(frozen=True, slots=True)
class SerialFraming:
    """Serial line parameters, passed to ``serial.serial_for_url`` as they are."""

    baudrate: int
    bytesize: int = 8
    parity: str = "N"
    stopbits: float = 1
    xonxoff: bool = False
    rtscts: bool = False


@dataclasses.dataclass(frozen=True, slots=True)
class UsbMatcher:
    """A USB VID:PID pair (e.g. a USB-serial bridge) and what it usually is."""

    vid: int
    pid: int
    description: str = ""

    def __str__(self) -> str:
        return f"{self.vid:04x}:{self.pid:04x}"


class Titles(Mapping[str, str]):
    """A manifest's display names by language (``{"kk": ..., "ru": ..., "en": ...}``):
    read-only, hashable and picklable, so a manifest stays a frozen value."""

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[str, str] | Iterable[tuple[str, str]] = ()) -> None:
        pairs = items.items() if isinstance(items, Mapping) else items
        texts = {str(language): str(text) for language, text in pairs}  # the last one wins
        self._items: tuple[tuple[str, str], ...] = tuple(texts.items())

    def __getitem__(self, language: str) -> str:
        for key, text in self._items:
            if key == language:
                return text
        raise KeyError(language)

    def __iter__(self) -> Iterator[str]:
        return (key for key, _ in self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(frozenset(self._items))

    def __repr__(self) -> str:
        return f"Titles({dict(self._items)!r})"


@dataclasses.dataclass(frozen=True, slots=True)
class DriverManifest:
    """What a driver is, as data. ``name`` is its English display name (lists, logs, the
    ``name`` of ``kiosk drivers list --json``); ``titles`` are its display names by language
    (``kk``, ``ru``, ``en``), optional: :meth:`title` falls back to ``name``."""

    id: str
    name: str
    transport: Transport
    serial: SerialFraming | None = None
    usb: tuple[UsbMatcher, ...] = ()
    ble_services: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    scenarios: tuple[str, ...] = ("normal",)
    reading_types: tuple[str, ...] = ()
    titles: Mapping[str, str] = Titles()

    def __post_init__(self) -> None:
        if not isinstance(self.titles, Titles):  # a plain dict becomes read-only and hashable
            object.__setattr__(self, "titles", Titles(self.titles))

    def title(self, language: str) -> str:
        """The display name in ``language``; else ``name``; else the English title; else ""."""
        for text in (self.titles.get(language), self.name, self.titles.get("en")):
            if text and text.strip():
                return text.strip()
        return ""

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "titles": dict(self.titles),
            "transport": str(self.transport),
            "serial": dataclasses.asdict(self.serial) if self.serial else None,
            "matchers": {
                "usb": [str(m) for m in self.usb],
                "ble_services": list(self.ble_services),
                "names": list(self.names),
            },
            "scenarios": list(self.scenarios),
            "reading_types": list(self.reading_types),
        }


class Parser(Protocol):
    """Pure and incremental: feed any chunk of bytes, get the complete measurements.

    Must never raise on bad input and must resynchronise after garbage.
    """

    def feed(self, data: bytes) -> list[Measurement]: ...


class GattParser(Protocol):
    """The pure part of a BLE driver: one characteristic value in, complete measurements out.

    ``characteristic`` and ``service`` are lower-case UUID strings, 16-bit ones in short form
    (``"2a35"``); :func:`short_uuid` normalises. Values of characteristics the driver does
    not decode give ``[]``. Never raises on bad input. A measurement split over several
    values (multi-packet, context records) is emitted only when complete.
    """

    def feed_gatt(
        self, characteristic: str, value: bytes, service: str | None = None
    ) -> list[Measurement]: ...


BLUETOOTH_BASE_UUID_SUFFIX = "-0000-1000-8000-00805f9b34fb"


def short_uuid(uuid: str) -> str:
    """``"00002a35-0000-1000-8000-00805f9b34fb"`` / ``"0x2A35"`` / ``"2A35"`` → ``"2a35"``;
    a 128-bit vendor UUID stays whole (lower case)."""
    text = uuid.strip().lower().removeprefix("0x")
    if text.endswith(BLUETOOTH_BASE_UUID_SUFFIX) and text.startswith("0000"):
        return text[4:8]
    return text


class ConnectionState(enum.StrEnum):
    CONNECTING = "connecting"
    CONNECTED = "connected"
    DISCONNECTED = "disconnected"


@dataclasses.dataclass(frozen=True, slots=True)
class DeviceStatus:
    """A device session's state; ``reason`` is a message key (kiosk.i18n) or None."""

    driver_id: str
    port: str
    state: ConnectionState
    reason: str | None = None
    identity: DeviceIdentity | None = None


MeasurementSink = Callable[[Measurement, DeviceIdentity], None]
StatusSink = Callable[[DeviceStatus], None]


class DeviceSession(Protocol):
    """The I/O part of a driver for one port.

    ``run`` connects, decodes and reconnects by itself until it is cancelled; it reports
    every measurement and every change of state through the sinks and never raises for a
    device or port failure (those become states with a reason).
    """

    async def run(self, on_measurement: MeasurementSink, on_status: StatusSink) -> None: ...


class Simulator(Protocol):
    """A simulated device speaking its real protocol on a real port."""

    @property
    def port(self) -> str: ...

    def start(self) -> str: ...

    def stop(self) -> None: ...


@runtime_checkable
class DriverPlugin(Protocol):
    manifest: DriverManifest

    def create_parser(
        self, *, waveform: bool = False, device_name: str | None = None
    ) -> Parser: ...

    def open_session(self, port: str, *, waveform: bool = False) -> DeviceSession:
        """The session on ``port``; ``waveform`` asks for ``pleth`` samples where the device
        can send them (a driver without waveforms ignores it)."""
        ...

    def start_simulator(self, scenario: str = "normal", **options: object) -> Simulator: ...
