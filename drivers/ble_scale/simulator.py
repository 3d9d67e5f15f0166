"""An emulated Bluetooth scale in a bumble room (reference/devices.md §6, test-peers.md §b).

A Beurer-BF788-like scale: Weight Scale 0x181D (0x2A9D indicate, 0x2A9E read) and Body
Composition 0x181B (0x2A9C indicate), Device Information, Battery and the Current Time Service
(its clock). It sends once the kiosk has enabled both indications, then drops the link and
advertises again after ``pause`` seconds. Records indicated (and so confirmed) are not sent
again. Scenarios (the manifest's):

- ``normal``: one weighing stamped with the device clock: 0x2A9D (72.4 kg, user 1, BMI 23.6,
  1.752 m), then 0x2A9C (body fat 21.3 %, BMR, impedance, weight);
- ``backlog``: ``records`` stored weighings, each 0x2A9D paired with a **zeroed
  body-composition placeholder** (body fat 0, every field 0 but a varying BMR), as the BF788
  backfills its history; only the last weighing has a real composition;
- ``disconnect``: as ``backlog``, but the first link drops after two weighings;
- ``malformed``: values too short for their weight or body fat, an unsuccessful weighing
  (0xFFFF), zeroed placeholders and random bytes.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import random
from typing import Any

from bumble import gatt
from bumble.att import AttributeValue
from bumble.device import Connection, Device

from drivers.ble.gatt_types import date_time_at, encode_date_time
from drivers.ble.simulator import (
    READABLE,
    WRITEABLE,
    EmulatedPeripheral,
    OneDeviceSimulator,
    Props,
    battery_service,
    device_information_service,
)
from drivers.ble_scale.manifest import MANIFEST

NAME = "BF788-SIM"
USER = 1
HEIGHT_MM = 1752
_START = dt.datetime(2024, 2, 20, 7, 5, 0)
#: Composition flags: timestamp, user, BMR, impedance, weight (bits 1, 2, 3, 9, 10).
COMPOSITION_FLAGS = 0x0002 | 0x0004 | 0x0008 | 0x0200 | 0x0400


def weight_frame(kg: float, when: dt.datetime) -> bytes:
    """A 0x2A9D value (SI): weight, timestamp, user, BMI and height."""
    bmi = round(kg / (HEIGHT_MM / 1000) ** 2 * 10)
    return (
        b"\x0e"
        + round(kg / 0.005).to_bytes(2, "little")
        + encode_date_time(when)
        + bytes([USER])
        + bmi.to_bytes(2, "little")
        + HEIGHT_MM.to_bytes(2, "little")
    )


def composition_frame(
    fat_tenths: int, when: dt.datetime, *, bmr_kj: int, impedance_tenths: int, kg: float
) -> bytes:
    """A 0x2A9C value; ``fat_tenths`` 0 with zero impedance and weight is a BF788 placeholder."""
    return (
        COMPOSITION_FLAGS.to_bytes(2, "little")
        + fat_tenths.to_bytes(2, "little")
        + encode_date_time(when)
        + bytes([USER])
        + bmr_kj.to_bytes(2, "little")
        + impedance_tenths.to_bytes(2, "little")
        + round(kg / 0.005).to_bytes(2, "little")
    )


class ScalePeripheral(EmulatedPeripheral):
    """One emulated scale; see the module docstring."""

    def __init__(
        self, scenario: str = "normal", *, seed: int = 0, records: int = 4, pause: float = 0.5
    ) -> None:
        super().__init__(NAME, services=MANIFEST.ble_services)
        self.scenario = scenario
        self.records = records
        self.pause = pause
        self.rng = random.Random(seed)
        self.device_clock = _START
        self.written_times: list[dt.datetime | None] = []
        self.sent = 0  # weighings indicated so far
        self.connections_seen = 0
        self.weight = gatt.Characteristic("2A9D", Props.INDICATE, READABLE, b"")
        self.feature = gatt.Characteristic("2A9E", Props.READ, READABLE, b"\x0f\x00\x00\x00")
        self.composition = gatt.Characteristic("2A9C", Props.INDICATE, READABLE, b"")

    def build_services(self) -> list[gatt.Service]:
        value: AttributeValue[bytes] = AttributeValue(self._read_cts, self._write_clock)
        cts: gatt.Characteristic[bytes] = gatt.Characteristic(
            "2A2B", Props.READ | Props.WRITE | Props.NOTIFY, READABLE | WRITEABLE, value
        )
        return [
            gatt.Service("181D", [self.weight, self.feature]),
            gatt.Service("181B", [self.composition]),
            device_information_service("Dala Simulators", "BF-1", f"SIM-BF-{self.scenario}"),
            battery_service(55),
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

    async def on_subscribed(
        self, connection: Connection, characteristic: gatt.Characteristic[Any]
    ) -> None:
        if characteristic is not self.composition:
            return
        await asyncio.sleep(0.02)  # let the central finish its set-up
        device = self.device_checked()
        if self.scenario == "malformed":
            for frame in (b"\x00\x88", b"\x00\xff\xff", self.rng.randbytes(2)):
                await device.indicate_subscribers(self.weight, frame)
            for frame in (b"\x00\x00\xd5", bytes(6), b"\x10" + bytes(5), self.rng.randbytes(3)):
                await device.indicate_subscribers(self.composition, frame)
        elif self.scenario == "normal":
            kg = 72.4
            await device.indicate_subscribers(self.weight, weight_frame(kg, self.device_clock))
            frame = composition_frame(
                213, self.device_clock, bmr_kj=7100, impedance_tenths=5120, kg=kg
            )
            await device.indicate_subscribers(self.composition, frame)
        elif not await self._backlog(connection, device):
            return  # the link was dropped half-way
        await asyncio.sleep(0.05)
        await self.go_quiet(connection, self.pause)

    async def _backlog(self, connection: Connection, device: Device) -> bool:
        """Indicate the unsent weighings; False if the link was dropped half-way."""
        while self.sent < self.records:
            if self.scenario == "disconnect" and self.connections_seen == 1 and self.sent == 2:
                await connection.disconnect()
                return False
            when = _START + dt.timedelta(days=self.sent)
            kg = 74.0 - self.sent * 0.4
            last = self.sent == self.records - 1
            fat = 215 if last else 0  # the history comes with zeroed placeholders (§6)
            await device.indicate_subscribers(self.weight, weight_frame(kg, when))
            frame = composition_frame(
                fat,
                when,
                bmr_kj=7000 + self.rng.randint(0, 300),
                impedance_tenths=5100 if last else 0,
                kg=kg if last else 0,
            )
            await device.indicate_subscribers(self.composition, frame)
            self.sent += 1
        return True


class ScaleSimulator(OneDeviceSimulator):
    """``kiosk drivers simulate ble-scale``: one emulated scale in a room over TCP."""

    manifest = MANIFEST
    peripheral_class = ScalePeripheral
