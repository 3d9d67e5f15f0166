"""Emulated GATT peripherals on Google's bumble: the building blocks of a room.

:class:`EmulatedPeripheral` is one emulated device, a bumble ``Device`` with real GATT services
advertising every 20 ms (reference/test-peers.md §b); driver simulators subclass it (or
:class:`ClockedPeripheral`, which adds a scenario, a seeded rng and a settable clock) and put
it in a :class:`~drivers.ble.simulator.Room`. :func:`device_information_service` and
:func:`battery_service` build the standard services a session reads into provenance.
Everything here is re-exported by :mod:`drivers.ble.simulator`.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import random
from collections.abc import Sequence
from typing import Any

from bumble import gatt
from bumble.att import AttributeValue
from bumble.controller import Controller
from bumble.core import UUID, AdvertisingData
from bumble.device import Connection, Device
from bumble.host import Host
from bumble.link import LocalLink
from bumble.transport.common import AsyncPipeSink

from drivers.ble import bumble_backend
from drivers.ble.gatt_types import date_time_at, encode_date_time

_log = logging.getLogger("drivers.ble.simulator")  # the logger name from before the split
ADVERTISING_INTERVAL_MS = 20

READABLE = gatt.Characteristic.READABLE
WRITEABLE = gatt.Characteristic.WRITEABLE
ENCRYPTED_READ = gatt.Characteristic.READ_REQUIRES_ENCRYPTION | READABLE
Props = gatt.Characteristic.Properties


def device_information_service(
    manufacturer: str, model: str, serial: str, firmware: str = "1.0"
) -> gatt.Service:
    """0x180A with the strings a session turns into provenance (devices.md §2)."""
    values = {"2A29": manufacturer, "2A24": model, "2A25": serial, "2A26": firmware}
    return gatt.Service(
        "180A",
        [
            gatt.Characteristic(uuid, Props.READ, READABLE, text.encode())
            for uuid, text in values.items()
        ],
    )


def battery_service(level: int) -> gatt.Service:
    return gatt.Service("180F", [gatt.Characteristic("2A19", Props.READ, READABLE, bytes([level]))])


class EmulatedPeripheral:
    """One emulated device. Subclasses give :meth:`build_services` and react to the central in
    :meth:`on_subscribed` / :meth:`on_connected` (scenario behaviour).

    ``battery_level`` (percent; also settable as an attribute before the device is attached)
    gives the device a live Battery Service instead of any its subclass builds: 0x2A19 reads
    the current level and notifies it when :meth:`set_battery_level` changes it.
    """

    def __init__(
        self, name: str, *, services: Sequence[str] = (), battery_level: int | None = None
    ) -> None:
        self.name = name
        self.advertised_services = tuple(services)
        self.address = bumble_backend.random_static_address()
        self.device: Device | None = None
        self.connections: list[Connection] = []
        self.tasks: set[asyncio.Task[None]] = set()
        self.battery_level = battery_level
        self.battery: gatt.Characteristic[bytes] | None = None

    def live_battery_service(self) -> gatt.Service:
        """0x180F whose 0x2A19 (read, notify) is :attr:`battery_level`."""
        value: AttributeValue[bytes] = AttributeValue(
            lambda _connection: bytes([self.battery_level or 0])
        )
        self.battery = gatt.Characteristic("2A19", Props.READ | Props.NOTIFY, READABLE, value)
        return gatt.Service("180F", [self.battery])

    async def set_battery_level(self, level: int) -> None:
        """Change the level and notify the subscribed centrals (with ``battery_level`` set)."""
        self.battery_level = level
        if self.device is not None and self.battery is not None:
            await self.device.notify_subscribers(self.battery, bytes([level]))

    @property
    def address_text(self) -> str:
        return self.address.to_string(with_type_qualifier=False)

    def build_services(self) -> list[gatt.Service]:
        raise NotImplementedError

    async def on_connected(self, connection: Connection) -> None:
        """Called once per connection (default: nothing)."""

    async def on_subscribed(
        self, connection: Connection, characteristic: gatt.Characteristic[Any]
    ) -> None:
        """Called when the central enables notifications or indications (default: nothing)."""

    def advertising_data(self) -> bytes:
        fields: list[tuple[int, bytes]] = [
            (AdvertisingData.FLAGS, bytes([0x06])),
            (AdvertisingData.COMPLETE_LOCAL_NAME, self.name.encode()),
        ]
        if self.advertised_services:
            uuids = b"".join(bytes(UUID(uuid)) for uuid in self.advertised_services)
            fields.append((AdvertisingData.COMPLETE_LIST_OF_16_BIT_SERVICE_CLASS_UUIDS, uuids))
        return bytes(AdvertisingData(fields))

    async def attach(self, link: LocalLink) -> None:
        controller = Controller(self.name, link=link, public_address=self.address)
        controller.random_address = self.address
        device = Device(self.name, self.address, host=Host(controller, AsyncPipeSink(controller)))
        self.device = device
        services = self.build_services()
        if self.battery_level is not None:
            battery = UUID("180F")
            services = [s for s in services if s.uuid != battery] + [self.live_battery_service()]
        for service in services:
            device.add_service(service)
            for characteristic in service.characteristics:
                characteristic.on(
                    "subscription",
                    lambda bearer, notify, indicate, c=characteristic: self._subscribed(
                        bearer, c, notify or indicate
                    ),
                )
        device.on(Device.EVENT_CONNECTION, self._connected)
        await device.power_on()
        await self.advertise()

    async def advertise(self) -> None:
        """(Re)start advertising every 20 ms (test-peers.md §b)."""
        assert self.device is not None
        if self.device.is_advertising:
            await self.device.stop_advertising()
        await self.device.start_advertising(
            advertising_data=self.advertising_data(),
            advertising_interval_min=ADVERTISING_INTERVAL_MS,
            advertising_interval_max=ADVERTISING_INTERVAL_MS,
            auto_restart=True,
        )

    async def stop_advertising(self) -> None:
        if self.device is not None:
            await self.device.stop_advertising()

    def spawn(self, coroutine: Any) -> None:
        """Run scenario behaviour in the background; stopped with the room."""
        task = asyncio.ensure_future(coroutine)
        self.tasks.add(task)
        task.add_done_callback(self._task_done)

    def _task_done(self, task: asyncio.Task[None]) -> None:
        self.tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            _log.warning("%s: scenario failed", self.name, exc_info=task.exception())

    def _connected(self, connection: Connection) -> None:
        self.connections.append(connection)
        connection.on(
            Connection.EVENT_DISCONNECTION,
            lambda _reason: (
                self.connections.remove(connection) if connection in self.connections else None
            ),
        )
        self.spawn(self.on_connected(connection))

    def _subscribed(
        self, bearer: Any, characteristic: gatt.Characteristic[Any], enabled: bool
    ) -> None:
        connection = getattr(bearer, "connection", bearer)
        if enabled and isinstance(connection, Connection):
            self.spawn(self.on_subscribed(connection, characteristic))

    async def disconnect_all(self) -> None:
        for connection in list(self.connections):
            with contextlib.suppress(Exception):
                await asyncio.wait_for(connection.disconnect(), 1.0)

    def device_checked(self) -> Device:
        assert self.device is not None
        return self.device

    async def go_quiet(self, connection: Connection, pause: float) -> None:
        """Drop the link and stay quiet for ``pause`` seconds, then advertise again: a device
        that switches off between uses."""
        try:
            with contextlib.suppress(Exception):
                await self.stop_advertising()
            if connection in self.connections:
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(connection.disconnect(), 1.0)
        finally:
            await asyncio.sleep(pause)
            await self.advertise()

    async def detach(self) -> None:
        for task in list(self.tasks):
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        if self.device is not None:
            with contextlib.suppress(Exception):
                await self.device.stop_advertising()
            await self.disconnect_all()
            with contextlib.suppress(Exception):
                await self.device.power_off()


class ClockedPeripheral(EmulatedPeripheral):
    """A device that plays one ``scenario`` with a seeded ``rng``, sends ``records`` stored
    measurements in a backlog, rests ``pause`` seconds between measurements, counts its
    connections, and keeps a clock (``device_clock``) the kiosk may set: every value written
    (Current Time 0x2A2B or Date Time 0x2A08) is kept in ``written_times``."""

    def __init__(
        self,
        name: str,
        *,
        services: Sequence[str],
        scenario: str,
        seed: int,
        records: int,
        pause: float,
        clock: dt.datetime,
    ) -> None:
        super().__init__(name, services=services)
        self.scenario = scenario
        self.records = records
        self.pause = pause
        self.rng = random.Random(seed)
        self.device_clock = clock
        self.written_times: list[dt.datetime | None] = []
        self.sent = 0  # complete measurements indicated so far
        self.connections_seen = 0

    def read_date_time(self, _connection: Connection | None) -> bytes:
        """The clock as a Date Time (0x2A08) value."""
        return encode_date_time(self.device_clock)

    def read_current_time(self, _connection: Connection | None) -> bytes:
        """The clock as a Current Time (0x2A2B) value: weekday, no fractions, no reason."""
        return encode_date_time(self.device_clock) + bytes([self.device_clock.isoweekday(), 0, 0])

    def write_clock(self, _connection: Connection | None, value: bytes) -> None:
        moment = date_time_at(bytes(value))
        self.written_times.append(moment)
        if moment is not None:
            self.device_clock = moment

    def current_time_service(self) -> gatt.Service:
        """0x1805 with a readable, writeable, notifying 0x2A2B on the clock."""
        value: AttributeValue[bytes] = AttributeValue(self.read_current_time, self.write_clock)
        cts: gatt.Characteristic[bytes] = gatt.Characteristic(
            "2A2B", Props.READ | Props.WRITE | Props.NOTIFY, READABLE | WRITEABLE, value
        )
        return gatt.Service("1805", [cts])

    async def on_connected(self, connection: Connection) -> None:
        self.connections_seen += 1
