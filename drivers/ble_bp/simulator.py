"""An emulated Bluetooth blood-pressure cuff in a bumble room (reference/devices.md §3,
test-peers.md §b).

The cuff offers 0x1810 (0x2A35 indicate, 0x2A36 notify, 0x2A49 read), Device Information and
Battery; the generic model also offers the Current Time Service. It sends when the kiosk
enables indications on 0x2A35, then drops the link and advertises again after ``pause``
seconds, as a cuff does between measurements. Scenarios (the manifest's):

- ``normal``: three cuff-pressure notifications, then one complete measurement;
- ``backlog``: ``records`` stored measurements, indicated one after the other, then the link
  is dropped; sent records are not sent again (as the A&D sends only unsent records);
- ``disconnect-mid``: the first time, the link drops between the cuff-pressure notifications
  and the final indication; later connections complete normally;
- ``pairing``: bonded-only — 0x2A49 needs encryption and nothing is sent on an unencrypted link;
- ``clock-set``: an A&D UA-651BLE (name ``A&D_UA-651BLE_…``) whose clock is 0x2A08 inside
  0x1810; every Date Time written is kept in :attr:`BpPeripheral.written_times` and stamps the
  next measurement;
- ``malformed``: frames too short for their flags and random bytes, then the link is dropped.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from collections.abc import Mapping
from typing import Any

from bumble import gatt
from bumble.att import AttributeValue
from bumble.device import Connection

from drivers.ble.gatt_types import encode_date_time
from drivers.ble.sfloat import SFLOAT_NAN_BYTES, encode_sfloat
from drivers.ble.simulator import (
    ENCRYPTED_READ,
    READABLE,
    WRITEABLE,
    ClockedPeripheral,
    Props,
    RoomSimulator,
    battery_service,
    device_information_service,
    room_options,
)
from drivers.ble_bp.manifest import MANIFEST
from drivers.ble_bp.parser import HAS_PULSE, HAS_TIMESTAMP

GENERIC_NAME = "DALA-BP-SIM"
AND_NAME = "A&D_UA-651BLE_SIM"
_START = dt.datetime(2024, 10, 2, 8, 45, 15)


def measurement_frame(
    systolic: int, diastolic: int, mean: int, pulse: int, when: dt.datetime | None
) -> bytes:
    """A 0x2A35 value in mmHg with pulse and (if given) a timestamp."""
    flags = HAS_PULSE | (HAS_TIMESTAMP if when else 0)
    frame = bytes([flags]) + b"".join(encode_sfloat(v) for v in (systolic, diastolic, mean))
    if when is not None:
        frame += encode_date_time(when)
    return frame + encode_sfloat(pulse)


def cuff_frame(pressure: int) -> bytes:
    """A 0x2A36 value: cuff pressure in the systolic field, the other two NaN."""
    return b"\x00" + encode_sfloat(pressure) + SFLOAT_NAN_BYTES * 2


class BpPeripheral(ClockedPeripheral):
    """One emulated cuff; see the module docstring."""

    def __init__(
        self,
        scenario: str = "normal",
        *,
        seed: int = 0,
        records: int = 5,
        pause: float = 0.5,
        inflation_step: float = 0.0,
    ) -> None:
        super().__init__(
            AND_NAME if scenario == "clock-set" else GENERIC_NAME,
            services=MANIFEST.ble_services,
            scenario=scenario,
            seed=seed,
            records=records,
            pause=pause,
            clock=_START,
        )
        self.inflation_step = inflation_step  # seconds between cuff-pressure values
        secure = ENCRYPTED_READ if scenario == "pairing" else READABLE
        self.measurement = gatt.Characteristic("2A35", Props.INDICATE, READABLE, b"")
        self.cuff = gatt.Characteristic("2A36", Props.NOTIFY, READABLE, b"")
        self.feature = gatt.Characteristic("2A49", Props.READ, secure, b"\x07\x00")

    def build_services(self) -> list[gatt.Service]:
        bp = [self.measurement, self.cuff, self.feature]
        services = [
            device_information_service("Dala Simulators", "BP-1", f"SIM-BP-{self.scenario}"),
            battery_service(87),
        ]
        if self.scenario == "clock-set":
            value: AttributeValue[bytes] = AttributeValue(self.read_date_time, self.write_clock)
            bp.append(
                gatt.Characteristic("2A08", Props.READ | Props.WRITE, READABLE | WRITEABLE, value)
            )
        else:
            services.append(self.current_time_service())
        return [gatt.Service("1810", bp), *services]

    async def on_subscribed(
        self, connection: Connection, characteristic: gatt.Characteristic[Any]
    ) -> None:
        if characteristic is not self.measurement:
            return
        await asyncio.sleep(0.02)  # let the central finish its set-up
        if self.scenario == "pairing" and not connection.is_encrypted:
            return  # bonded-only: nothing for a stranger
        if self.scenario == "malformed":
            for frame in (b"\x00\x78\x00", bytes.fromhex("02 78 00 50 00 5D 00 E8 07"), b""):
                await self.device_checked().indicate_subscribers(self.measurement, frame)
            await self.device_checked().indicate_subscribers(
                self.measurement, self.rng.randbytes(self.rng.randint(0, 5))
            )
        elif self.scenario == "backlog":
            while self.sent < self.records:
                when = _START + dt.timedelta(hours=self.sent)
                frame = measurement_frame(118 + self.sent, 76, 90, 70 + self.sent, when)
                await self.device_checked().indicate_subscribers(self.measurement, frame)
                self.sent += 1
        else:
            for pressure in (40, 90, 150):
                await self.device_checked().notify_subscribers(self.cuff, cuff_frame(pressure))
                await asyncio.sleep(self.inflation_step)
            if self.scenario == "disconnect-mid" and self.connections_seen == 1:
                await connection.disconnect()
                return
            frame = measurement_frame(120, 80, 93, 72, self.device_clock)
            await self.device_checked().indicate_subscribers(self.measurement, frame)
            self.sent += 1
        await asyncio.sleep(0.05)
        await self.rest(connection)

    async def rest(self, connection: Connection) -> None:
        """Drop the link and stay quiet for ``pause`` seconds, as a cuff between measurements."""
        try:
            with contextlib.suppress(Exception):
                await self.stop_advertising()
            if connection in self.connections:  # the kiosk may have left already
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(connection.disconnect(), 1.0)
        finally:
            await asyncio.sleep(self.pause)
            await self.advertise()


class BleBpSimulator(RoomSimulator):
    """``kiosk drivers simulate ble-bp``: one emulated cuff in a room reachable over TCP."""

    def __init__(
        self,
        scenario: str = "normal",
        *,
        seed: int = 0,
        tcp_port: int = 0,
        room: str | None = None,
        pause: float = 0.5,
        inflation_step: float = 0.0,
    ) -> None:
        if scenario not in MANIFEST.scenarios:
            raise ValueError(f"unknown scenario {scenario!r}; known: {MANIFEST.scenarios}")
        self.peripheral = BpPeripheral(
            scenario, seed=seed, pause=pause, inflation_step=inflation_step
        )
        super().__init__([self.peripheral], tcp_port=tcp_port, room=room)

    @classmethod
    def from_options(cls, scenario: str, options: Mapping[str, object]) -> BleBpSimulator:
        """Options: ``seed``, ``tcp_port``; ``room`` (share a named room, see
        :class:`RoomSimulator`), ``pause`` (seconds between measurements) and
        ``inflation_step`` (seconds between cuff-pressure values) for ``kiosk run --demo``."""
        return cls(
            scenario,
            **room_options(options, extra=["inflation_step"]),
            inflation_step=float(str(options.get("inflation_step", 0.0))),
        )
