"""An emulated Bluetooth heart-rate sensor in a bumble room (reference/devices.md §8,
test-peers.md §b).

The sensor offers 0x180D (0x2A37 notify, 0x2A38 read: chest), Device Information and Battery.
Once the kiosk enables notifications it sends a measurement every ``interval`` seconds for as
long as the link lasts. Scenarios (the manifest's):

- ``normal``: heart rate 68-76 /min with sensor contact detected and the RR intervals of the
  beats since the last value (1/1024 s); every tenth value also carries the energy expended;
- ``no-contact``: contact supported but not detected (a strap that slipped): the sensor keeps
  sending its last rate, which the kiosk flags ``no-contact``;
- ``disconnect``: as ``normal``, but the first link drops after three values;
- ``malformed``: values too short for their flags (``17 01 01``, a u16 rate cut short) and
  random bytes, then the link drops.
"""

from __future__ import annotations

import asyncio
import random
from typing import Any

from bumble import gatt
from bumble.device import Connection

from drivers.ble.simulator import (
    READABLE,
    EmulatedPeripheral,
    OneDeviceSimulator,
    Props,
    battery_service,
    device_information_service,
)
from drivers.ble_heart_rate.manifest import MANIFEST
from drivers.ble_heart_rate.parser import (
    FLAG_CONTACT_DETECTED,
    FLAG_CONTACT_SUPPORTED,
    FLAG_ENERGY,
    FLAG_RR,
)

NAME = "DALA-HR-SIM"
CHEST = 1


def heart_rate_frame(
    rate: int, rr: tuple[int, ...] = (), *, contact: bool = True, energy: int | None = None
) -> bytes:
    """A 0x2A37 value with a u8 rate, contact bits, optional energy and RR intervals."""
    flags = FLAG_CONTACT_SUPPORTED | (FLAG_CONTACT_DETECTED if contact else 0)
    flags |= (FLAG_ENERGY if energy is not None else 0) | (FLAG_RR if rr else 0)
    frame = bytes([flags, rate])
    if energy is not None:
        frame += energy.to_bytes(2, "little")
    return frame + b"".join(interval.to_bytes(2, "little") for interval in rr)


def rr_of(rate: int) -> int:
    """The RR interval of a steady ``rate`` in 1/1024 s."""
    return round(60 * 1024 / rate)


class HeartRatePeripheral(EmulatedPeripheral):
    """One emulated heart-rate sensor; see the module docstring."""

    def __init__(
        self, scenario: str = "normal", *, seed: int = 0, interval: float = 1.0, pause: float = 0.5
    ) -> None:
        super().__init__(NAME, services=MANIFEST.ble_services)
        self.scenario = scenario
        self.interval = interval
        self.pause = pause
        self.rng = random.Random(seed)
        self.connections_seen = 0
        self.sent = 0
        self.energy = 120
        self.measurement = gatt.Characteristic("2A37", Props.NOTIFY, READABLE, b"")
        self.location = gatt.Characteristic("2A38", Props.READ, READABLE, bytes([CHEST]))

    def build_services(self) -> list[gatt.Service]:
        return [
            gatt.Service("180D", [self.measurement, self.location]),
            device_information_service("Dala Simulators", "HR-1", f"SIM-HR-{self.scenario}"),
            battery_service(81),
        ]

    async def on_connected(self, connection: Connection) -> None:
        self.connections_seen += 1

    def next_frame(self) -> bytes:
        rate = self.rng.randint(68, 76)
        beats = tuple(
            rr_of(rate) + self.rng.randint(-20, 20) for _ in range(self.rng.randint(1, 2))
        )
        energy = None
        if self.sent % 10 == 9:
            self.energy += 1
            energy = self.energy
        contact = self.scenario != "no-contact"
        return heart_rate_frame(rate, beats if contact else (), contact=contact, energy=energy)

    async def on_subscribed(
        self, connection: Connection, characteristic: gatt.Characteristic[Any]
    ) -> None:
        if characteristic is not self.measurement:
            return
        await asyncio.sleep(0.02)  # let the central finish its set-up
        device = self.device_checked()
        if self.scenario == "malformed":
            for frame in (b"\x17\x01\x01", b"\x01\x48", b"\x08\x48\x01", b""):
                await device.notify_subscribers(self.measurement, frame)
            await device.notify_subscribers(self.measurement, self.rng.randbytes(1))
            await asyncio.sleep(0.05)
            await self.go_quiet(connection, self.pause)
            return
        while connection in self.connections:
            if self.scenario == "disconnect" and self.connections_seen == 1 and self.sent == 3:
                await connection.disconnect()
                return
            await device.notify_subscribers(self.measurement, self.next_frame())
            self.sent += 1
            await asyncio.sleep(self.interval)


class HeartRateSimulator(OneDeviceSimulator):
    """``kiosk drivers simulate ble-heart-rate``: one emulated sensor in a room over TCP."""

    manifest = MANIFEST
    peripheral_class = HeartRatePeripheral
