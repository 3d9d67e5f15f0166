"""An emulated BerryMed BM1000-family oximeter in a bumble room (reference/devices.md §9,
§10.1, test-peers.md §b).

The oximeter offers the Microchip transparent-UART service (notify ``49535343-1e4d-…``,
write ``49535343-8841-…``), Device Information and Battery. Once the kiosk enables
notifications it streams 5-byte BCI packets, four per ``interval``, as one byte stream cut
into notifications of 7 to 18 bytes: a notification carries several packets and packets
straddle notifications, as on the real units. Scenarios (the manifest's):

- ``normal``: SpO2 96-99 %, PR 66-78 /min, a pleth wave, pulse beeps;
- ``finger-out``: after a few packets the finger is out (no signal, no finger, PR 0xFF,
  SpO2 0x7F), then it comes back;
- ``disconnect``: the first time, the link drops after a notification that ends inside a
  packet (SpO2 88 %, PR 111: never a reading); later connections stream normally;
- ``malformed``: bytes without a sync, packets with a sync byte inside, cut packets and
  packets whose values are all invalid, then the link drops.
"""

from __future__ import annotations

import asyncio
import math
import random
from typing import Any

from bumble import gatt
from bumble.device import Connection, Device

from drivers.berrymed_ble.manifest import MANIFEST
from drivers.berrymed_ble.parser import NOTIFY, SERVICE, WRITE
from drivers.ble.simulator import (
    READABLE,
    WRITEABLE,
    EmulatedPeripheral,
    OneDeviceSimulator,
    Props,
    battery_service,
    device_information_service,
)

NAME = "BerryMed"
FINGER_OUT = bytes.fromhex("90 00 50 7F 7F")
#: The packet cut by the ``disconnect`` scenario (SpO2 88, PR 111).
CUT_PACKET = bytes([0x88, 0x30, 0x05, 111, 88])
_CHUNKS = (7, 12, 18, 13, 9)


def bci_packet(spo2: int, pr: int, pleth: int, *, beep: bool = False, signal: int = 8) -> bytes:
    """One live BCI packet (§10.1): sync + signal, pleth, bar graph + PR bit 7, PR, SpO2."""
    return bytes(
        [
            0x80 | (signal & 0x0F) | (0x40 if beep else 0),
            pleth & 0x7F,
            (signal & 0x0F) | (pr >> 1 & 0x40),
            pr & 0x7F,
            spo2 & 0x7F,
        ]
    )


class BerryMedPeripheral(EmulatedPeripheral):
    """One emulated BerryMed oximeter; see the module docstring."""

    def __init__(
        self, scenario: str = "normal", *, seed: int = 0, interval: float = 0.1, pause: float = 0.5
    ) -> None:
        super().__init__(NAME, services=MANIFEST.ble_services)
        self.scenario = scenario
        self.interval = interval
        self.pause = pause
        self.rng = random.Random(seed)
        self.connections_seen = 0
        self.packets = 0
        self.notifications: list[bytes] = []  # what was sent, for tests
        self.data = gatt.Characteristic(NOTIFY, Props.NOTIFY, READABLE, b"")
        self.command = gatt.Characteristic(
            WRITE, Props.WRITE | Props.WRITE_WITHOUT_RESPONSE, WRITEABLE, b""
        )

    def build_services(self) -> list[gatt.Service]:
        return [
            gatt.Service(SERVICE, [self.data, self.command]),
            device_information_service("Dala Simulators", "BM1000-SIM", f"SIM-BM-{self.scenario}"),
            battery_service(90),
        ]

    async def on_connected(self, connection: Connection) -> None:
        self.connections_seen += 1

    def next_packet(self) -> bytes:
        self.packets += 1
        if self.scenario == "finger-out" and 8 <= self.packets % 40 < 20:
            return FINGER_OUT
        pleth = round(64 + 50 * math.sin(self.packets / 4))
        spo2, pr = self.rng.randint(96, 99), self.rng.randint(66, 78)
        return bci_packet(spo2, pr, pleth, beep=self.packets % 12 == 0)

    async def _send(self, device: Device, chunk: bytes) -> None:
        self.notifications.append(chunk)
        await device.notify_subscribers(self.data, chunk)

    async def on_subscribed(
        self, connection: Connection, characteristic: gatt.Characteristic[Any]
    ) -> None:
        if characteristic is not self.data:
            return
        await asyncio.sleep(0.02)  # let the central finish its set-up
        device = self.device_checked()
        if self.scenario == "malformed":
            invalid = bytes([0x80, 0x00, 0x40, 0x7F, 0x7F])  # PR 0xFF, SpO2 0x7F, no flags
            garbage = (b"\xff" * 7, b"\x85\x40\x90\x48\x61", b"\x85\x40\x05", invalid * 2)
            for chunk in garbage:
                await self._send(device, chunk)
            await asyncio.sleep(0.05)
            await self.go_quiet(connection, self.pause)
            return
        stream, turn = b"", 0
        while connection in self.connections:
            stream += b"".join(self.next_packet() for _ in range(4))
            if self.scenario == "disconnect" and self.connections_seen == 1 and self.packets > 12:
                await self._send(device, stream + CUT_PACKET[:3])
                await connection.disconnect()
                return
            size = _CHUNKS[turn % len(_CHUNKS)]
            turn += 1
            while len(stream) >= size:
                chunk, stream = stream[:size], stream[size:]
                await self._send(device, chunk)
            await asyncio.sleep(self.interval)


class BerryMedSimulator(OneDeviceSimulator):
    """``kiosk drivers simulate berrymed-ble``: one emulated oximeter in a room over TCP."""

    manifest = MANIFEST
    peripheral_class = BerryMedPeripheral
