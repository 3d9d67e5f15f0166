"""An emulated Bluetooth thermometer in a bumble room (reference/devices.md §4,
test-peers.md §b).

The thermometer offers 0x1809 (0x2A1C indicate, 0x2A1E notify, 0x2A1D read), Device
Information, Battery and the Current Time Service (its clock). It sends when the kiosk enables
indications on 0x2A1C, then drops the link and advertises again after ``pause`` seconds.
Scenarios (the manifest's):

- ``normal``: two intermediate temperatures, then one measurement (36.4 °C, mouth, stamped
  with the device clock, which the kiosk sets through CTS);
- ``backlog``: ``records`` stored measurements indicated one after the other, then the link
  drops; sent records are not sent again;
- ``disconnect``: the first time the link drops after the intermediate values, before the
  measurement; later connections complete normally;
- ``malformed``: values too short for their flags, a NaN and random bytes, then the link drops.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from collections.abc import Mapping
from typing import Any

from bumble import gatt
from bumble.device import Connection

from drivers.ble.gatt_types import encode_date_time
from drivers.ble.sfloat import encode_float
from drivers.ble.simulator import (
    READABLE,
    ClockedPeripheral,
    Props,
    RoomSimulator,
    battery_service,
    device_information_service,
    room_options,
)
from drivers.ble_thermometer.manifest import MANIFEST
from drivers.ble_thermometer.parser import FLAG_TIMESTAMP, FLAG_TYPE

NAME = "DALA-THERMO-SIM"
MOUTH = 6
_START = dt.datetime(2024, 6, 6, 12, 4, 44)


def temperature_frame(tenths: int, when: dt.datetime | None, *, site: int | None = MOUTH) -> bytes:
    """A 0x2A1C / 0x2A1E value in °C (``tenths`` × 0.1), with a timestamp and type if given."""
    flags = (FLAG_TIMESTAMP if when else 0) | (FLAG_TYPE if site is not None else 0)
    frame = bytes([flags]) + encode_float(tenths, -1)
    if when is not None:
        frame += encode_date_time(when)
    return frame + (bytes([site]) if site is not None else b"")


class ThermometerPeripheral(ClockedPeripheral):
    """One emulated thermometer; see the module docstring."""

    def __init__(
        self, scenario: str = "normal", *, seed: int = 0, records: int = 3, pause: float = 0.5
    ) -> None:
        super().__init__(
            NAME,
            services=MANIFEST.ble_services,
            scenario=scenario,
            seed=seed,
            records=records,
            pause=pause,
            clock=_START,
        )
        self.measurement = gatt.Characteristic("2A1C", Props.INDICATE, READABLE, b"")
        self.intermediate = gatt.Characteristic("2A1E", Props.NOTIFY, READABLE, b"")
        self.type = gatt.Characteristic("2A1D", Props.READ, READABLE, bytes([MOUTH]))

    def build_services(self) -> list[gatt.Service]:
        return [
            gatt.Service("1809", [self.measurement, self.intermediate, self.type]),
            device_information_service("Dala Simulators", "HT-1", f"SIM-HT-{self.scenario}"),
            battery_service(92),
            self.current_time_service(),
        ]

    async def on_subscribed(
        self, connection: Connection, characteristic: gatt.Characteristic[Any]
    ) -> None:
        if characteristic is not self.measurement:
            return
        await asyncio.sleep(0.02)  # let the central finish its set-up
        device = self.device_checked()
        if self.scenario == "malformed":
            for frame in (b"\x00\x6c\x01", bytes.fromhex("02 6C 01 00 FF E8 07"), b""):
                await device.indicate_subscribers(self.measurement, frame)
            await device.indicate_subscribers(self.measurement, bytes.fromhex("00 FF FF 7F 00"))
            await device.indicate_subscribers(
                self.measurement, self.rng.randbytes(self.rng.randint(0, 6))
            )
        elif self.scenario == "backlog":
            while self.sent < self.records:
                when = _START + dt.timedelta(hours=self.sent)
                frame = temperature_frame(364 + self.sent, when)
                await device.indicate_subscribers(self.measurement, frame)
                self.sent += 1
        else:
            for tenths in (352, 361):
                await device.notify_subscribers(self.intermediate, temperature_frame(tenths, None))
            if self.scenario == "disconnect" and self.connections_seen == 1:
                await connection.disconnect()
                return
            frame = temperature_frame(364, self.device_clock)
            await device.indicate_subscribers(self.measurement, frame)
            self.sent += 1
        await asyncio.sleep(0.05)
        await self.rest(connection)

    async def rest(self, connection: Connection) -> None:
        """Drop the link and stay quiet for ``pause`` seconds, as a thermometer does."""
        try:
            with contextlib.suppress(Exception):  # the kiosk may have left already
                await self.stop_advertising()
                await connection.disconnect()
        finally:
            await asyncio.sleep(self.pause)
            await self.advertise()


class ThermometerSimulator(RoomSimulator):
    """``kiosk drivers simulate ble-thermometer``: one emulated thermometer over TCP."""

    def __init__(
        self,
        scenario: str = "normal",
        *,
        seed: int = 0,
        tcp_port: int = 0,
        room: str | None = None,
        pause: float = 0.5,
    ) -> None:
        if scenario not in MANIFEST.scenarios:
            raise ValueError(f"unknown scenario {scenario!r}; known: {MANIFEST.scenarios}")
        self.peripheral = ThermometerPeripheral(scenario, seed=seed, pause=pause)
        super().__init__([self.peripheral], tcp_port=tcp_port, room=room)

    @classmethod
    def from_options(cls, scenario: str, options: Mapping[str, object]) -> ThermometerSimulator:
        """Options: ``seed``, ``tcp_port``; ``room`` (share a named room, see
        :class:`RoomSimulator`) and ``pause`` (seconds between measurements), for
        ``kiosk run --demo``."""
        return cls(scenario, **room_options(options))
