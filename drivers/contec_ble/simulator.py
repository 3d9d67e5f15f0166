"""An emulated Contec CMS50D-BT oximeter in a bumble room (reference/devices.md §9,
test-peers.md §b).

The oximeter offers a vendor service (its UUID is not documented; 0xFFF0 here) with 0xFF01
(write) and 0xFF02 (notify), plus Device Information and Battery. It sends **nothing until
``9B 01 1C`` is written to 0xFF01**; then, every ``interval`` seconds, a notification with a
6-byte waveform frame ``EB 00 …`` and an 8-byte value frame ``EB 01 s PR SpO2 7F 00 20``
(byte 2 alternating 06 and 04: readings must not be gated on it). Every value written is kept
in :attr:`ContecPeripheral.commands`. Streaming stops with the link. Scenarios (the manifest's):

- ``normal``: SpO2 96-99 %, PR 64-80 /min;
- ``disconnect``: the first time, the link drops after a notification whose value frame is cut
  (SpO2 88, PR 111: never a reading); later links stream normally;
- ``malformed``: bytes without a sync, a frame with an unknown type, cut frames and a frame
  with invalid values (SpO2 0x7F, PR 0xFF), then the link drops.
"""

from __future__ import annotations

import asyncio
import math
import random
from collections.abc import Mapping

from bumble import gatt
from bumble.att import AttributeValue
from bumble.device import Connection

from drivers.ble.simulator import (
    READABLE,
    WRITEABLE,
    EmulatedPeripheral,
    Props,
    RoomSimulator,
    battery_service,
    device_information_service,
)
from drivers.contec_ble.manifest import MANIFEST
from drivers.contec_ble.parser import NOTIFY, START_STREAMING, WRITE

NAME = "CMS50D-BT"
VENDOR_SERVICE = "FFF0"
#: The value frame cut by the ``disconnect`` scenario (SpO2 88, PR 111).
CUT_FRAME = bytes([0xEB, 0x01, 0x06, 111, 88, 0x7F, 0x00, 0x20])


def value_frame(pr: int, spo2: int, finger: int = 0x06) -> bytes:
    """An 8-byte ``EB 01`` frame: byte 2 the (unreliable) finger byte, PR, SpO2."""
    return bytes([0xEB, 0x01, finger, pr, spo2, 0x7F, 0x00, 0x20])


def wave_frame(pleth: int, bar: int) -> bytes:
    """A 6-byte ``EB 00`` pleth + bar-graph frame (waveform only)."""
    return bytes([0xEB, 0x00, 0x02, pleth & 0x7F, bar & 0x0F, 0x3F])


class ContecPeripheral(EmulatedPeripheral):
    """One emulated CMS50D-BT; see the module docstring."""

    def __init__(
        self, scenario: str = "normal", *, seed: int = 0, interval: float = 0.5, pause: float = 0.5
    ) -> None:
        super().__init__(NAME)
        self.scenario = scenario
        self.interval = interval
        self.pause = pause
        self.rng = random.Random(seed)
        self.connections_seen = 0
        self.frames = 0
        self.commands: list[bytes] = []
        self.data = gatt.Characteristic(NOTIFY, Props.NOTIFY, READABLE, b"")
        command: AttributeValue[bytes] = AttributeValue(write=self._write_command)
        self.command: gatt.Characteristic[bytes] = gatt.Characteristic(
            WRITE, Props.WRITE | Props.WRITE_WITHOUT_RESPONSE, WRITEABLE, command
        )

    def build_services(self) -> list[gatt.Service]:
        return [
            gatt.Service(VENDOR_SERVICE, [self.command, self.data]),
            device_information_service("Dala Simulators", "CMS50D-SIM", f"SIM-CMS-{self.scenario}"),
            battery_service(70),
        ]

    async def on_connected(self, connection: Connection) -> None:
        self.connections_seen += 1

    def _write_command(self, connection: Connection, value: bytes) -> None:
        self.commands.append(bytes(value))
        if bytes(value) == START_STREAMING:
            self.spawn(self._stream(connection))

    def next_notification(self) -> bytes:
        self.frames += 1
        pleth = round(64 + 50 * math.sin(self.frames / 3))
        pr, spo2 = self.rng.randint(64, 80), self.rng.randint(96, 99)
        finger = 0x06 if self.frames % 2 else 0x04
        return wave_frame(pleth, self.frames % 16) + value_frame(pr, spo2, finger)

    async def _stream(self, connection: Connection) -> None:
        await asyncio.sleep(0.01)  # the write response goes out first
        device = self.device_checked()
        if self.scenario == "malformed":
            invalid = value_frame(0xFF, 0x7F)
            for chunk in (b"\x01\x02\x03", b"\xeb\x07\x00\x00", CUT_FRAME[:5], invalid):
                await device.notify_subscriber(connection, self.data, chunk)
            await asyncio.sleep(0.05)
            await self.go_quiet(connection, self.pause)
            return
        while connection in self.connections:
            if self.scenario == "disconnect" and self.connections_seen == 1 and self.frames >= 3:
                await device.notify_subscriber(connection, self.data, CUT_FRAME[:6])
                await connection.disconnect()
                return
            await device.notify_subscriber(connection, self.data, self.next_notification())
            await asyncio.sleep(self.interval)


class ContecBleSimulator(RoomSimulator):
    """``kiosk drivers simulate contec-ble``: one emulated CMS50D-BT in a room over TCP."""

    def __init__(
        self, scenario: str = "normal", *, seed: int = 0, tcp_port: int = 0, room: str | None = None
    ) -> None:
        if scenario not in MANIFEST.scenarios:
            raise ValueError(f"unknown scenario {scenario!r}; known: {MANIFEST.scenarios}")
        self.peripheral = ContecPeripheral(scenario, seed=seed)
        super().__init__([self.peripheral], tcp_port=tcp_port, room=room)

    @classmethod
    def from_options(cls, scenario: str, options: Mapping[str, object]) -> ContecBleSimulator:
        unknown = set(options) - {"seed", "tcp_port", "room"}
        if unknown:
            raise TypeError(f"unknown simulator options: {sorted(unknown)}")
        room = options.get("room")
        return cls(
            scenario,
            seed=int(str(options.get("seed", 0))),
            tcp_port=int(str(options.get("tcp_port", 0))),
            room=None if room is None else str(room),
        )
