"""Emulated GATT peripherals on Google's bumble, in a "room" (reference/test-peers.md §b).

A :class:`Room` is one bumble ``LocalLink`` (a virtual radio band) with N
:class:`EmulatedPeripheral` devices on it, each a bumble ``Device`` with real GATT services,
advertising every 20 ms (the 1000 ms default makes every scan take a second). The kiosk side
joins the room through :mod:`drivers.ble.bumble_backend`:

- in-process (pytest, ``--demo``): the room registers its link, and the kiosk uses the
  transport ``link:NAME`` (:attr:`Room.link_transport`);
- cross-process (``kiosk drivers simulate``): the room listens on ``127.0.0.1:PORT`` and
  gives every HCI host that connects (``tcp-client:127.0.0.1:PORT``) its own virtual
  controller on the link; when that host goes away its controller leaves and its links drop.

:class:`RoomSimulator` runs a room on its own thread and event loop and implements
:class:`~kiosk.device_api.Simulator`: ``start()`` returns the first device's address.
Simulators given the same ``room=NAME`` (the plugin option, e.g. ``kiosk run --demo``) share
one room, so one kiosk transport reaches all their devices; the room stops with the last.
There is no RF model (RSSI is a constant −50): reconnection is tested by disconnecting or
stopping advertising.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import itertools
import logging
import random
import threading
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypedDict

from bumble import gatt
from bumble.att import AttributeValue
from bumble.controller import Controller
from bumble.core import UUID, AdvertisingData
from bumble.device import Connection, Device
from bumble.host import Host
from bumble.link import LocalLink
from bumble.transport.common import AsyncPipeSink, StreamPacketSource

from drivers.ble import bumble_backend
from drivers.ble.gatt_types import date_time_at, encode_date_time

_log = logging.getLogger(__name__)
ADVERTISING_INTERVAL_MS = 20
_room_numbers = itertools.count(1)

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

    def device_checked(self) -> Device:
        assert self.device is not None
        return self.device


class RoomOptions(TypedDict):
    seed: int
    tcp_port: int
    room: str | None
    pause: float


def room_options(options: Mapping[str, object], extra: Iterable[str] = ()) -> RoomOptions:
    """The options every room simulator takes, from the loosely typed
    ``start_simulator(**options)``: ``seed``, ``tcp_port``, ``room`` and ``pause``; any other
    than those and ``extra`` is an error."""
    unknown = set(options) - {"seed", "tcp_port", "room", "pause", *extra}
    if unknown:
        raise TypeError(f"unknown simulator options: {sorted(unknown)}")
    room = options.get("room")
    return RoomOptions(
        seed=int(str(options.get("seed", 0))),
        tcp_port=int(str(options.get("tcp_port", 0))),
        room=None if room is None else str(room),
        pause=float(str(options.get("pause", 0.5))),
    )


class _HostLink(asyncio.Protocol):
    """One kiosk HCI host connected over TCP: its own virtual controller in the room."""

    def __init__(self, room: Room) -> None:
        self.room = room
        self.source = StreamPacketSource()
        self.controller: Controller | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        sink = _TransportSink(transport)
        self.controller = Controller(
            "kiosk-host", host_source=self.source, host_sink=sink, link=self.room.link
        )

    def data_received(self, data: bytes) -> None:
        self.source.data_received(data)

    def connection_lost(self, exc: Exception | None) -> None:
        controller, self.controller = self.controller, None
        if controller is not None:
            self.room.forget_controller(controller)


class _TransportSink:
    def __init__(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport

    def on_packet(self, packet: bytes) -> None:
        if not self.transport.is_closing():
            self.transport.write(packet)  # type: ignore[attr-defined]


class Room:
    """One LocalLink with emulated peripherals; see the module docstring."""

    def __init__(self, peripherals: Sequence[EmulatedPeripheral], *, name: str | None = None):
        self.peripherals = list(peripherals)
        self.name = name or f"room-{next(_room_numbers)}"
        self.link = LocalLink()  # type: ignore[no-untyped-call]
        self.tcp_port: int | None = None
        self._server: asyncio.Server | None = None

    @property
    def link_transport(self) -> str:
        """``BLEAK_BUMBLE_TRANSPORT`` for a kiosk in this process."""
        return f"{bumble_backend.LINK_SCHEME}{self.name}"

    @property
    def tcp_transport(self) -> str:
        """``BLEAK_BUMBLE_TRANSPORT`` for a kiosk in another process (after :meth:`serve_tcp`)."""
        return f"tcp-client:127.0.0.1:{self.tcp_port}"

    async def start(self) -> None:
        bumble_backend.register_link(self.name, self.link)
        for peripheral in self.peripherals:
            await peripheral.attach(self.link)

    async def serve_tcp(self, port: int = 0) -> int:
        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(lambda: _HostLink(self), "127.0.0.1", port)
        self.tcp_port = int(self._server.sockets[0].getsockname()[1])
        return self.tcp_port

    def forget_controller(self, controller: Controller) -> None:
        """A kiosk host left: drop its links to our peripherals, then its controller."""
        addresses = {controller.public_address, controller.random_address}
        for peripheral in self.peripherals:
            for connection in list(peripheral.connections):
                if connection.peer_address in addresses:
                    peripheral.spawn(asyncio.wait_for(connection.disconnect(), 1.0))
        with contextlib.suppress(KeyError):
            self.link.remove_controller(controller)

    async def add(self, peripheral: EmulatedPeripheral) -> None:
        """Put one more device in the running room."""
        self.peripherals.append(peripheral)
        await peripheral.attach(self.link)

    async def remove(self, peripheral: EmulatedPeripheral) -> None:
        """Take a device out of the running room (it disconnects and stops advertising)."""
        if peripheral in self.peripherals:
            self.peripherals.remove(peripheral)
        await peripheral.detach()
        for controller in list(self.link.controllers):
            if controller.public_address == peripheral.address:
                self.link.remove_controller(controller)

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 2.0)
            self._server = None
        for peripheral in self.peripherals:
            await peripheral.detach()
        bumble_backend.unregister_link(self.name)

    async def __aenter__(self) -> Room:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()


class RoomSimulator:
    """A :class:`Room` on its own thread and loop, reachable over TCP (``drivers simulate``).

    With ``room=NAME`` the devices join the process's shared room of that name instead
    (started by the first such simulator, stopped with the last one).
    """

    def __init__(
        self,
        peripherals: Sequence[EmulatedPeripheral],
        *,
        tcp_port: int = 0,
        room: str | None = None,
    ) -> None:
        self.peripherals = list(peripherals)
        self.room = Room(self.peripherals)
        self.shared_room = room
        self._tcp_port = tcp_port
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._stopped = threading.Event()
        self._host: RoomSimulator | None = None  # the shared room's simulator, once joined

    @property
    def port(self) -> str:
        """The address a kiosk gives as ``--port`` (the first device's)."""
        return self.peripherals[0].address_text

    @property
    def environment(self) -> dict[str, str]:
        """The environment a kiosk process needs to reach this room."""
        return {"KIOSK_BLE_BACKEND": "bumble", "BLEAK_BUMBLE_TRANSPORT": self.room.tcp_transport}

    def start(self) -> str:
        if self.shared_room is not None:
            if self._host is None:
                self._host = _join_shared_room(self.shared_room, self._tcp_port, self.peripherals)
                self.room = self._host.room
            return self.port
        if self._thread is None:
            self._run_room()
        return self.port

    def _run_room(self) -> None:
        ready: list[BaseException | None] = []
        started = threading.Event()

        def main() -> None:
            loop = self._loop = asyncio.new_event_loop()
            try:
                loop.run_until_complete(self.room.start())
                loop.run_until_complete(self.room.serve_tcp(self._tcp_port))
                ready.append(None)
            except BaseException as error:
                ready.append(error)
            started.set()
            if ready[0] is None:
                loop.run_until_complete(self._wait_stop())
            loop.run_until_complete(self.room.stop())
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

        self._thread = threading.Thread(target=main, name="ble-room", daemon=True)
        self._thread.start()
        started.wait(30)
        if not ready or ready[0] is not None:
            self.stop()
            raise RuntimeError(f"the BLE room did not start: {ready[0] if ready else 'timeout'}")

    def call(self, coroutine: Any, timeout: float = 10.0) -> Any:
        """Run ``coroutine`` on the room's loop and wait for its result."""
        assert self._loop is not None
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout)

    async def _wait_stop(self) -> None:
        while not self._stopped.is_set():
            await asyncio.sleep(0.05)

    def stop(self) -> None:
        host, self._host = self._host, None
        if host is not None:
            _leave_shared_room(self.shared_room or "", host, self.peripherals)
            return
        self._stopped.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None

    def __enter__(self) -> RoomSimulator:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


_shared_lock = threading.Lock()
_shared_rooms: dict[str, tuple[RoomSimulator, int]] = {}  # name → (its simulator, members)


def _join_shared_room(
    name: str, tcp_port: int, peripherals: Sequence[EmulatedPeripheral]
) -> RoomSimulator:
    with _shared_lock:
        host, members = _shared_rooms.get(name, (None, 0))
        if host is None:
            host = RoomSimulator([], tcp_port=tcp_port)
            host.room.name = name
            host._run_room()
        _shared_rooms[name] = (host, members + 1)
        try:
            for peripheral in peripherals:
                host.call(host.room.add(peripheral))
        except BaseException:
            _leave_locked(name, host, peripherals)
            raise
    return host


def _leave_shared_room(
    name: str, host: RoomSimulator, peripherals: Sequence[EmulatedPeripheral]
) -> None:
    with _shared_lock:
        _leave_locked(name, host, peripherals)


def _leave_locked(
    name: str, host: RoomSimulator, peripherals: Sequence[EmulatedPeripheral]
) -> None:
    for peripheral in peripherals:
        if peripheral in host.room.peripherals:
            with contextlib.suppress(Exception):
                host.call(host.room.remove(peripheral))
    _, members = _shared_rooms.get(name, (host, 1))
    if members <= 1:
        _shared_rooms.pop(name, None)
        host.stop()
    else:
        _shared_rooms[name] = (host, members - 1)


__all__ = [
    "ENCRYPTED_READ",
    "READABLE",
    "WRITEABLE",
    "EmulatedPeripheral",
    "Props",
    "Room",
    "RoomSimulator",
    "battery_service",
    "device_information_service",
]
