"""A fake ``bluetoothd`` on a real D-Bus: owns ``org.bluez`` and serves what the kiosk's
BlueZ client uses, with the documented names, signatures and errors of BlueZ's D-Bus API.

- ``/`` ObjectManager (dbus-fast answers ``GetManagedObjects`` and sends ``InterfacesAdded``
  / ``InterfacesRemoved`` when objects are exported / unexported);
- ``/org/bluez`` AgentManager1 (RegisterAgent, UnregisterAgent, RequestDefaultAgent);
- ``/org/bluez/hci0`` Adapter1 (SetDiscoveryFilter, StartDiscovery: the devices not yet
  known appear shortly after with ``InterfacesAdded``, known ones get an RSSI update;
  StopDiscovery, RemoveDevice, Powered);
- ``/org/bluez/hci0/dev_XX_..`` Device1 whose ``Pair`` follows the device's script: it calls
  back into the caller's registered agent (RequestConfirmation for Just Works,
  RequestAuthorization, RequestPasskey for passkey entry, DisplayPasskey for a device with a
  keyboard), then succeeds (Paired, Connected, the GATT service UUIDs) or fails with
  BlueZ's error (AuthenticationFailed, AuthenticationCanceled, AuthenticationRejected,
  ConnectionAttemptFailed, AlreadyExists).

It runs on its own event loop in a thread (:class:`FakeBluezThread`), so the code under test
can use ``asyncio.run`` (as the CLI does) in the test's thread.
"""

import asyncio
import threading
from collections.abc import Callable, Coroutine
from typing import Any

from dbus_fast import DBusError, Message, MessageType, NameFlag, RequestNameReply
from dbus_fast.aio import MessageBus

from tests.kiosk.bluetooth.fake_bluez_objects import (
    ADAPTER_PATH,
    AGENT,
    Adapter1,
    AgentManager1,
    Device1,
    FakeDevice,
)


class FakeBluez:
    def __init__(
        self,
        bus_address: str,
        devices: list[FakeDevice],
        powered: bool = True,
        power_fails: bool = False,
        with_adapter: bool = True,
    ) -> None:
        self.bus_address = bus_address
        self.with_adapter = with_adapter
        self.devices = devices
        self.powered = powered
        self.power_fails = power_fails
        self.log: list[tuple[Any, ...]] = []
        self.senders: dict[tuple[str, str], str] = {}
        self.agents: dict[str | None, str] = {}
        self.objects: dict[str, Device1] = {}
        self.rogue_requests: list[str] = []  # device paths that "ask" during a pairing
        self._bus: MessageBus | None = None

    @property
    def bus(self) -> MessageBus:
        assert self._bus is not None
        return self._bus

    def device(self, address: str) -> FakeDevice:
        return next(d for d in self.devices if d.address == address)

    async def start(self) -> None:
        self._bus = await MessageBus(bus_address=self.bus_address).connect()
        self.bus.add_message_handler(self._track_sender)
        self.bus.export("/org/bluez", AgentManager1(self))
        if self.with_adapter:
            self.bus.export(ADAPTER_PATH, Adapter1(self))
        for spec in self.devices:
            if spec.known or spec.paired:
                self._add(spec)
        reply = await self.bus.request_name("org.bluez", NameFlag.DO_NOT_QUEUE)
        assert reply == RequestNameReply.PRIMARY_OWNER

    async def stop(self) -> None:
        if self._bus is not None:
            await self._bus.release_name("org.bluez")
            self._bus.disconnect()
            await self._bus.wait_for_disconnect()

    def _track_sender(self, message: Message) -> None:
        if message.message_type == MessageType.METHOD_CALL and message.sender:
            self.senders[(message.path or "", message.member or "")] = message.sender

    def _add(self, spec: FakeDevice) -> None:
        interface = Device1(self, spec)
        self.objects[spec.path] = interface
        self.bus.export(spec.path, interface)

    def advertise(self) -> None:
        for spec in self.devices:
            if spec.path in self.objects:
                spec.rssi -= 1
                self.objects[spec.path].emit_properties_changed({"RSSI": spec.rssi})
            else:
                self._add(spec)

    async def agent_reply(
        self, sender: str | None, member: str, sig: str, body: list[Any]
    ) -> Message:
        agent = self.agents.get(sender)
        if agent is None or sender is None:
            raise DBusError("org.bluez.Error.AuthenticationFailed", "no agent")
        message = Message(
            destination=sender, path=agent, interface=AGENT, member=member, signature=sig, body=body
        )
        reply = await self.bus.call(message)
        assert reply is not None
        self.log.append(("agent", member, reply.error_name))
        return reply

    async def call_agent(
        self, sender: str | None, member: str, sig: str, body: list[Any]
    ) -> str | None:
        reply = await self.agent_reply(sender, member, sig, body)
        return reply.error_name if reply.message_type == MessageType.ERROR else None


class FakeBluezThread:
    """The fake on its own event loop in a daemon thread."""

    def __init__(self, bus_address: str, devices: list[FakeDevice], **options: Any) -> None:
        self.fake = FakeBluez(bus_address, devices, **options)
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._main, name="fake-bluez", daemon=True)

    def start(self) -> "FakeBluezThread":
        self._thread.start()
        if not self._ready.wait(10):
            raise TimeoutError("the fake BlueZ did not start")
        if self._error is not None:
            raise self._error
        return self

    def _main(self) -> None:
        asyncio.run(self._serve())

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        try:
            await self.fake.start()
        except BaseException as error:
            self._error = error
            self._ready.set()
            return
        self._ready.set()
        await self._stop.wait()
        await self.fake.stop()

    def call(self, fn: Callable[[], Coroutine[Any, Any, Any]]) -> Any:
        """Run ``fn()`` on the fake's loop and return its result."""
        assert self._loop is not None
        return asyncio.run_coroutine_threadsafe(fn(), self._loop).result(10)

    def stop(self) -> None:
        if self._loop is not None and self._stop is not None and self._error is None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)


__all__ = ["FakeBluez", "FakeBluezThread", "FakeDevice"]
