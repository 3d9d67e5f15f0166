"""An async BlueZ client over the system D-Bus, with dbus-fast (as bleak's BlueZ backend).

It talks to ``bluetoothd`` (bus name ``org.bluez``) through its documented D-Bus API:
``org.freedesktop.DBus.ObjectManager.GetManagedObjects`` for adapters and devices, the
``InterfacesAdded`` / ``PropertiesChanged`` signals during discovery,
``org.bluez.Adapter1`` (``SetDiscoveryFilter``, ``StartDiscovery``, ``StopDiscovery``,
``RemoveDevice``, ``Powered``), ``org.bluez.Device1`` (``Pair``, ``CancelPairing``,
``Disconnect``, ``Trusted``) and ``org.bluez.AgentManager1`` (``RegisterAgent``,
``RequestDefaultAgent``, ``UnregisterAgent``) for our :class:`~kiosk.bluetooth.agent.PairingAgent`.

The bus is the system bus (``DBUS_SYSTEM_BUS_ADDRESS`` is honoured, as by every D-Bus
client) unless ``bus_address`` is given. When there is no system bus, or nobody owns
``org.bluez`` on it, every operation raises ``UserFacingError("ble.not_running")``; errors
BlueZ returns become :class:`BluezError` (its D-Bus error name) and then clear message keys.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
from collections.abc import Callable, Sequence
from typing import Any

from dbus_fast import BusType, Message, MessageType, Variant, unpack_variants
from dbus_fast.aio import MessageBus
from dbus_fast.errors import AuthError, InvalidAddressError

from kiosk.bluetooth.agent import PairingAgent
from kiosk.bluetooth.api import (
    ADAPTER_INTERFACE,
    AGENT_CAPABILITY,
    AGENT_MANAGER_INTERFACE,
    AGENT_MANAGER_PATH,
    AGENT_PATH,
    ALREADY_EXISTS,
    BLUEZ_SERVICE,
    CALL_TIMEOUT,
    DEVICE_INTERFACE,
    NO_REPLY,
    OBJECT_MANAGER_INTERFACE,
    PROPERTIES_INTERFACE,
    BluezError,
    Objects,
)
from kiosk.bluetooth.discovery import discover
from kiosk.bluetooth.matching import (
    ScannedDevice,
    address_from_path,
    normalise_address,
)
from kiosk.device_api import DriverManifest
from kiosk.errors import UserFacingError

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True, slots=True)
class AdapterInfo:
    path: str
    address: str
    name: str
    powered: bool
    discovering: bool


class BluezClient:
    """One connection to BlueZ; use as ``async with BluezClient() as bluez:``."""

    def __init__(
        self, bus_address: str | None = None, adapter: str | None = None, timeout: float = 5.0
    ) -> None:
        self.bus_address = bus_address
        self.adapter_name = adapter  # "hci0"; None: the first adapter
        self.timeout = timeout
        self._bus: MessageBus | None = None

    async def __aenter__(self) -> BluezClient:
        await self.connect()
        return self

    async def __aexit__(self, *_exc: object) -> None:
        self.close()

    async def connect(self) -> None:
        try:
            bus = MessageBus(bus_address=self.bus_address, bus_type=BusType.SYSTEM)
            await asyncio.wait_for(bus.connect(), self.timeout)
        except (OSError, AuthError, InvalidAddressError, TimeoutError, EOFError) as error:
            log.info("no system D-Bus: %r", error)
            raise UserFacingError("ble.not_running") from error
        self._bus = bus
        try:
            await self.objects()  # is org.bluez there at all?
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if self._bus is not None:
            self._bus.disconnect()
            self._bus = None

    @property
    def bus(self) -> MessageBus:
        if self._bus is None:
            raise RuntimeError("BluezClient is not connected")
        return self._bus

    async def call(
        self,
        path: str,
        interface: str,
        member: str,
        signature: str = "",
        body: Sequence[Any] = (),
        destination: str = BLUEZ_SERVICE,
        timeout: float | None = CALL_TIMEOUT,
    ) -> list[Any]:
        """One method call; a D-Bus error reply raises :class:`BluezError`, and so does no
        reply within ``timeout`` seconds (None: wait as long as it takes)."""
        message = Message(
            destination=destination,
            path=path,
            interface=interface,
            member=member,
            signature=signature,
            body=list(body),
        )
        try:
            reply = await asyncio.wait_for(self.bus.call(message), timeout)
        except TimeoutError as error:
            raise BluezError(NO_REPLY, f"{interface}.{member}: no reply") from error
        if reply is None:
            return []
        if reply.message_type == MessageType.ERROR:
            text = reply.body[0] if reply.body and isinstance(reply.body[0], str) else ""
            raise BluezError(reply.error_name or "unknown", text)
        return list(reply.body)

    async def objects(self) -> Objects:
        try:
            body = await self.call("/", OBJECT_MANAGER_INTERFACE, "GetManagedObjects")
        except BluezError as error:
            raise error.user_error() from error
        objects: Objects = unpack_variants(body[0])
        return objects

    async def adapters(self) -> list[AdapterInfo]:
        found = []
        for path, interfaces in sorted((await self.objects()).items()):
            props = interfaces.get(ADAPTER_INTERFACE)
            if props is not None:
                found.append(
                    AdapterInfo(
                        path=path,
                        address=str(props.get("Address", "")),
                        name=str(props.get("Alias") or props.get("Name") or path),
                        powered=props.get("Powered") is True,
                        discovering=props.get("Discovering") is True,
                    )
                )
        return found

    async def adapter(self) -> AdapterInfo:
        """The chosen adapter, powered on (``ble.no_adapter`` / ``ble.adapter_off`` else)."""
        adapters = await self.adapters()
        if self.adapter_name:
            adapters = [a for a in adapters if a.path.rsplit("/", 1)[-1] == self.adapter_name]
        if not adapters:
            raise UserFacingError("ble.no_adapter")
        chosen = adapters[0]
        if not chosen.powered:
            try:
                await self.set_property(
                    chosen.path, ADAPTER_INTERFACE, "Powered", Variant("b", True)
                )
            except BluezError as error:
                raise UserFacingError("ble.adapter_off") from error
        return chosen

    async def set_property(self, path: str, interface: str, name: str, value: Variant) -> None:
        await self.call(path, PROPERTIES_INTERFACE, "Set", "ssv", [interface, name, value])

    async def devices(self, adapter: AdapterInfo) -> dict[str, dict[str, Any]]:
        """``{object path: Device1 properties}`` of the devices BlueZ knows on ``adapter``."""
        prefix = adapter.path + "/"
        return {
            path: interfaces[DEVICE_INTERFACE]
            for path, interfaces in (await self.objects()).items()
            if path.startswith(prefix) and DEVICE_INTERFACE in interfaces
        }

    async def find(self, address: str) -> tuple[AdapterInfo, str | None]:
        """The adapter and the object path of ``address`` (None if BlueZ does not know it)."""
        wanted = normalise_address(address)
        adapter = await self.adapter()
        for path, props in (await self.devices(adapter)).items():
            if str(props.get("Address", "")).upper() == wanted:
                return adapter, path
        return adapter, None

    async def scan(
        self,
        seconds: float,
        manifests: Sequence[DriverManifest] = (),
        until: Callable[[ScannedDevice], bool] | None = None,
    ) -> list[ScannedDevice]:
        """Discover LE devices for ``seconds`` (sooner once ``until`` accepts one); see
        :func:`kiosk.bluetooth.discovery.discover`."""
        return await discover(self, await self.adapter(), seconds, manifests, until)

    async def properties(self, path: str) -> dict[str, Any]:
        body = await self.call(path, PROPERTIES_INTERFACE, "GetAll", "s", [DEVICE_INTERFACE])
        props: dict[str, Any] = unpack_variants(body[0])
        return props

    async def pair(self, path: str, agent: PairingAgent, timeout: float) -> bool:
        """Pair with our agent registered, then mark the device Trusted. Returns True when
        BlueZ says it was already paired. BlueZ errors become message keys."""
        address = address_from_path(path) or path
        agent.target = path
        self.bus.export(AGENT_PATH, agent)
        manager = AGENT_MANAGER_PATH
        try:
            try:
                await self.call(
                    manager,
                    AGENT_MANAGER_INTERFACE,
                    "RegisterAgent",
                    "os",
                    [AGENT_PATH, AGENT_CAPABILITY],
                )
            except BluezError as error:
                raise error.user_error(address) from error
            with contextlib.suppress(BluezError):  # only matters for incoming requests
                await self.call(
                    manager, AGENT_MANAGER_INTERFACE, "RequestDefaultAgent", "o", [AGENT_PATH]
                )
            already = await self._pair_call(path, address, timeout)
            try:
                await self.set_property(path, DEVICE_INTERFACE, "Trusted", Variant("b", True))
            except BluezError as error:
                raise error.user_error(address) from error
            return already
        finally:
            with contextlib.suppress(BluezError):
                await self.call(
                    manager, AGENT_MANAGER_INTERFACE, "UnregisterAgent", "o", [AGENT_PATH]
                )
            self.bus.unexport(AGENT_PATH, agent)
            agent.target = None

    async def _pair_call(self, path: str, address: str, timeout: float) -> bool:
        try:
            await asyncio.wait_for(self.call(path, DEVICE_INTERFACE, "Pair", timeout=None), timeout)
        except TimeoutError as error:
            with contextlib.suppress(BluezError):
                await self.call(path, DEVICE_INTERFACE, "CancelPairing")
            raise UserFacingError("ble.pair_timeout", address=address) from error
        except BluezError as error:
            if error.name == ALREADY_EXISTS:
                return True
            raise error.user_error(address) from error
        return False

    async def disconnect_device(self, path: str) -> None:
        """Best effort: after pairing, leave the link to the driver session."""
        with contextlib.suppress(BluezError):
            await self.call(path, DEVICE_INTERFACE, "Disconnect")

    async def remove(self, address: str) -> bool:
        """Forget the bond (``Adapter1.RemoveDevice``); False when BlueZ did not know it."""
        adapter, path = await self.find(address)
        if path is None:
            return False
        try:
            await self.call(adapter.path, ADAPTER_INTERFACE, "RemoveDevice", "o", [path])
        except BluezError as error:
            raise error.user_error(address) from error
        return True
