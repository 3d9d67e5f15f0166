"""The driver plugin API: what a package registered under ``kiosk.drivers`` provides.

The core knows drivers only through this module. An entry point in the group
``kiosk.drivers`` names an object implementing :class:`DriverPlugin`; built-in drivers are
registered the same way as third-party ones (see ``pyproject.toml``).

A plugin has four parts, each usable on its own:

- ``manifest`` — data only (id, name, transport, serial framing, matchers). Loading it
  must not import pyserial, bleak or the I/O code, so ``kiosk drivers list`` stays cheap.
- ``create_parser()`` — a pure, incremental :class:`Parser` (bytes in, measurements out).
- ``open_session(port)`` — the I/O part, an async :class:`DeviceSession`.
- ``start_simulator(scenario)`` — a simulator speaking the real protocol on a real port.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable
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


@dataclasses.dataclass(frozen=True, slots=True)
class DriverManifest:
    id: str
    name: str
    transport: Transport
    serial: SerialFraming | None = None
    usb: tuple[UsbMatcher, ...] = ()
    ble_services: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    scenarios: tuple[str, ...] = ("normal",)
    reading_types: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
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
