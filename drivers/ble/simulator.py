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

The peripherals themselves live in :mod:`drivers.ble.peripheral` (re-exported here).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, ClassVar, Self, TypedDict

from bumble.controller import Controller
from bumble.link import LocalLink
from bumble.transport.common import StreamPacketSource

from drivers.ble import bumble_backend
from drivers.ble.peripheral import (
    ADVERTISING_INTERVAL_MS,
    ENCRYPTED_READ,
    READABLE,
    WRITEABLE,
    ClockedPeripheral,
    EmulatedPeripheral,
    Props,
    battery_service,
    device_information_service,
)
from kiosk.device_api import DriverManifest

_room_numbers = itertools.count(1)


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
        self.transport: asyncio.BaseTransport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport
        self.room.host_links.add(self)
        sink = _TransportSink(transport)
        self.controller = Controller(
            "kiosk-host", host_source=self.source, host_sink=sink, link=self.room.link
        )

    def data_received(self, data: bytes) -> None:
        self.source.data_received(data)

    def connection_lost(self, exc: Exception | None) -> None:
        self.room.host_links.discard(self)
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
        #: Kiosk hosts connected over TCP; closed on stop, because on Python 3.11 closing the
        #: server leaves accepted connections open (their transports would leak).
        self.host_links: set[_HostLink] = set()

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
            for host_link in list(self.host_links):
                if host_link.transport is not None:
                    host_link.transport.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 2.0)
            await asyncio.sleep(0)  # let the closed transports call connection_lost
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


class OneDeviceSimulator(RoomSimulator):
    """``kiosk drivers simulate ID`` for a driver with one emulated device in a room over TCP:
    a subclass names the driver's ``manifest`` and its ``peripheral_class`` (called as
    ``peripheral_class(scenario, seed=seed)``)."""

    manifest: ClassVar[DriverManifest]
    peripheral_class: ClassVar[Callable[..., EmulatedPeripheral]]

    def __init__(
        self, scenario: str = "normal", *, seed: int = 0, tcp_port: int = 0, room: str | None = None
    ) -> None:
        scenarios = self.manifest.scenarios
        if scenario not in scenarios:
            raise ValueError(f"unknown scenario {scenario!r}; known: {scenarios}")
        self.peripheral = type(self).peripheral_class(scenario, seed=seed)
        super().__init__([self.peripheral], tcp_port=tcp_port, room=room)

    @classmethod
    def from_options(cls, scenario: str, options: Mapping[str, object]) -> Self:
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


# The peripheral names are re-exported from drivers.ble.peripheral.
__all__ = [
    "ADVERTISING_INTERVAL_MS",
    "ENCRYPTED_READ",
    "READABLE",
    "WRITEABLE",
    "ClockedPeripheral",
    "EmulatedPeripheral",
    "OneDeviceSimulator",
    "Props",
    "Room",
    "RoomSimulator",
    "battery_service",
    "device_information_service",
]
