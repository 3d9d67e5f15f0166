"""An emulated Bluetooth pulse oximeter (PLX) in a bumble room (reference/devices.md §5,
test-peers.md §b).

The oximeter offers 0x1822 (0x2A5F continuous, notify; 0x2A5E spot-check, indicate; 0x2A60
features, read), Device Information, Battery and the Current Time Service (its clock, which
stamps spot-checks). It starts once the kiosk has enabled spot-check indications.
Scenarios (the manifest's):

- ``normal``: continuous measurements every ``interval`` seconds (SpO2 95-99 %, PR 64-82,
  PAI, status "measurement ongoing") for as long as the kiosk stays;
- ``spot-check``: a few continuous values while measuring, then one spot-check (SpO2, PR,
  PAI, stamped with the device clock, status "validated"); the oximeter then drops the link
  and advertises again after ``pause`` seconds;
- ``disconnect``: as ``spot-check``, but the first time the link drops before the spot-check;
- ``malformed``: values too short for their flags and random bytes, then the link drops.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import random
from typing import Any

from bumble import gatt
from bumble.att import AttributeValue
from bumble.device import Connection

from drivers.ble.gatt_types import date_time_at, encode_date_time
from drivers.ble.sfloat import encode_sfloat
from drivers.ble.simulator import (
    READABLE,
    WRITEABLE,
    EmulatedPeripheral,
    OneDeviceSimulator,
    Props,
    battery_service,
    device_information_service,
)
from drivers.ble_plx.manifest import MANIFEST

NAME = "DALA-PLX-SIM"
ONGOING = 1 << 5
VALIDATED = 1 << 7
_START = dt.datetime(2024, 11, 29, 23, 8, 57)
#: Features: measurement-status support, spot-check timestamp, PAI; status support word.
FEATURES = bytes.fromhex("49 00 a0 00".replace(" ", ""))


def continuous_frame(spo2: int, pr: int, pai_tenths: int, status: int = ONGOING) -> bytes:
    """A 0x2A5F value with measurement status and PAI (flags bits 2 and 4)."""
    return (
        bytes([0x14])
        + encode_sfloat(spo2)
        + encode_sfloat(pr)
        + status.to_bytes(2, "little")
        + encode_sfloat(pai_tenths, -1)
    )


def spot_check_frame(spo2: int, pr: int, when: dt.datetime, pai_tenths: int) -> bytes:
    """A 0x2A5E value with timestamp, measurement status "validated" and PAI."""
    return (
        bytes([0x0B])
        + encode_sfloat(spo2)
        + encode_sfloat(pr)
        + encode_date_time(when)
        + VALIDATED.to_bytes(2, "little")
        + encode_sfloat(pai_tenths, -1)
    )


class PlxPeripheral(EmulatedPeripheral):
    """One emulated PLX oximeter; see the module docstring."""

    def __init__(
        self,
        scenario: str = "normal",
        *,
        seed: int = 0,
        interval: float = 0.5,
        pause: float = 0.5,
    ) -> None:
        super().__init__(NAME, services=MANIFEST.ble_services)
        self.scenario = scenario
        self.interval = interval
        self.pause = pause
        self.rng = random.Random(seed)
        self.device_clock = _START
        self.written_times: list[dt.datetime | None] = []
        self.connections_seen = 0
        self.spot_check = gatt.Characteristic("2A5E", Props.INDICATE, READABLE, b"")
        self.continuous = gatt.Characteristic("2A5F", Props.NOTIFY, READABLE, b"")
        self.features = gatt.Characteristic("2A60", Props.READ, READABLE, FEATURES)

    def build_services(self) -> list[gatt.Service]:
        value: AttributeValue[bytes] = AttributeValue(self._read_cts, self._write_clock)
        cts: gatt.Characteristic[bytes] = gatt.Characteristic(
            "2A2B", Props.READ | Props.WRITE | Props.NOTIFY, READABLE | WRITEABLE, value
        )
        return [
            gatt.Service("1822", [self.spot_check, self.continuous, self.features]),
            device_information_service("Dala Simulators", "PLX-1", f"SIM-PLX-{self.scenario}"),
            battery_service(78),
            gatt.Service("1805", [cts]),
        ]

    def _read_cts(self, _connection: Connection | None) -> bytes:
        return encode_date_time(self.device_clock) + bytes([self.device_clock.isoweekday(), 0, 0])

    def _write_clock(self, _connection: Connection | None, value: bytes) -> None:
        moment = date_time_at(bytes(value))
        self.written_times.append(moment)
        if moment is not None:
            self.device_clock = moment

    async def on_connected(self, connection: Connection) -> None:
        self.connections_seen += 1

    def next_continuous(self) -> bytes:
        return continuous_frame(
            self.rng.randint(95, 99), self.rng.randint(64, 82), self.rng.randint(20, 90)
        )

    async def on_subscribed(
        self, connection: Connection, characteristic: gatt.Characteristic[Any]
    ) -> None:
        if characteristic is not self.spot_check:
            return
        await asyncio.sleep(0.02)  # let the central finish its set-up
        device = self.device_checked()
        if self.scenario == "normal":
            while connection in self.connections:
                await device.notify_subscribers(self.continuous, self.next_continuous())
                await asyncio.sleep(self.interval)
            return
        if self.scenario == "malformed":
            for frame in (b"\x00\x61\x00\x48", bytes.fromhex("14 61 00 48 00 20"), b""):
                await device.notify_subscribers(self.continuous, frame)
            cut = spot_check_frame(97, 72, self.device_clock, 40)[:9]
            await device.indicate_subscribers(self.spot_check, cut)
            await device.indicate_subscribers(self.spot_check, self.rng.randbytes(4))
        else:
            for _ in range(3):
                await device.notify_subscribers(self.continuous, self.next_continuous())
                await asyncio.sleep(0.01)
            if self.scenario == "disconnect" and self.connections_seen == 1:
                await connection.disconnect()
                return
            frame = spot_check_frame(97, 72, self.device_clock, 43)
            await device.indicate_subscribers(self.spot_check, frame)
        await asyncio.sleep(0.05)
        await self.go_quiet(connection, self.pause)


class PlxSimulator(OneDeviceSimulator):
    """``kiosk drivers simulate ble-plx``: one emulated PLX oximeter in a room over TCP."""

    manifest = MANIFEST
    peripheral_class = PlxPeripheral
