"""A bleak backend over Google's bumble host stack (reference/test-peers.md §b).

There is no Bluetooth radio in CI or on a developer laptop, and BlueZ cannot run in the
container, so the production bleak code (``bleak.BleakClient`` / ``BleakScanner``, our
:class:`~drivers.ble.session.BleSession`) is run against emulated peripherals through this
backend: bumble's real host stack (HCI, L2CAP, ATT, GATT, SMP) over a virtual controller.
:mod:`drivers.ble.backend` selects it when ``KIOSK_BLE_BACKEND=bumble``; nothing else imports it.

The bumble "adapter" is one bumble ``Device`` acting as the kiosk's radio, opened on the
transport named by ``BLEAK_BUMBLE_TRANSPORT`` (or the ``transport=`` keyword):

- ``link:NAME`` — an in-process room (:mod:`drivers.ble.simulator`) registered with
  :func:`register_link`: a fresh virtual controller joins that room's ``LocalLink``;
- any bumble transport name, e.g. ``tcp-client:127.0.0.1:PORT`` for the cross-process room
  of ``kiosk drivers simulate``.

Scanners and clients of one event loop share the adapter; it is opened by the first user and
closed when the last one stops or disconnects. As on BlueZ, a client asks for a larger ATT
MTU after connecting. bumble ATT errors become ``BleakGATTProtocolError``; ``pair()`` is
``connection.pair()`` (SMP, Just Works); ``unpair()`` and cached reads are not provided.

This module is the client; the adapter is :mod:`drivers.ble.bumble_adapter` and the scanner
:mod:`drivers.ble.bumble_scanner`, both re-exported here.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Any

from bleak.backends.characteristic import BleakGATTCharacteristic
from bleak.backends.client import BaseBleakClient, NotifyCallback
from bleak.backends.descriptor import BleakGATTDescriptor
from bleak.backends.device import BLEDevice
from bleak.backends.service import BleakGATTService, BleakGATTServiceCollection
from bleak.exc import BleakDeviceNotFoundError, BleakError
from bumble import core, hci
from bumble.device import Connection, Peer
from bumble.gatt import Characteristic

from drivers.ble.bumble_adapter import (
    LINK_SCHEME,
    TRANSPORT_ENV,
    _Adapter,
    _bleak_errors,
    _transport_spec,
    _uuid_text,
    acquire_adapter,
    random_static_address,
    register_link,
    release_adapter,
    unregister_link,
)
from drivers.ble.bumble_scanner import BumbleScanner

# The adapter and scanner names are re-exported from drivers.ble.bumble_adapter and
# drivers.ble.bumble_scanner.
__all__ = [
    "LINK_SCHEME",
    "REQUESTED_MTU",
    "TRANSPORT_ENV",
    "BumbleClient",
    "BumbleScanner",
    "acquire_adapter",
    "random_static_address",
    "register_link",
    "release_adapter",
    "unregister_link",
]

#: The ATT MTU a client asks for after connecting (BlueZ asks for its maximum, 517).
REQUESTED_MTU = 517


_PROPERTY_NAMES: tuple[tuple[int, str], ...] = (
    (Characteristic.Properties.BROADCAST, "broadcast"),
    (Characteristic.Properties.READ, "read"),
    (Characteristic.Properties.WRITE_WITHOUT_RESPONSE, "write-without-response"),
    (Characteristic.Properties.WRITE, "write"),
    (Characteristic.Properties.NOTIFY, "notify"),
    (Characteristic.Properties.INDICATE, "indicate"),
    (Characteristic.Properties.AUTHENTICATED_SIGNED_WRITES, "authenticated-signed-writes"),
    (Characteristic.Properties.EXTENDED_PROPERTIES, "extended-properties"),
)


class BumbleClient(BaseBleakClient):
    """``BaseBleakClient`` over bumble's GATT client (see the module docstring)."""

    def __init__(self, address_or_ble_device: BLEDevice | str, **kwargs: Any) -> None:
        self._spec = _transport_spec(kwargs)
        kwargs.pop("services", None)
        super().__init__(address_or_ble_device, **kwargs)
        device = address_or_ble_device
        self._target: hci.Address | str = (
            device.details
            if isinstance(device, BLEDevice) and isinstance(device.details, hci.Address)
            else self.address
        )
        self._name = device.name if isinstance(device, BLEDevice) and device.name else None
        self._adapter: _Adapter | None = None
        self._connection: Connection | None = None
        self._peer: Peer | None = None
        self._subscribers: dict[int, Callable[[bytes], None]] = {}
        self._closing = False

    @property
    def name(self) -> str:
        return self._name or self.address

    @property
    def mtu_size(self) -> int:
        return self._connection.att_mtu if self._connection is not None else 23

    @property
    def is_connected(self) -> bool:
        return self._connection is not None

    async def connect(self, pair: bool, **kwargs: Any) -> None:
        self._adapter = await acquire_adapter(self._spec)
        self._closing = False
        try:
            with _bleak_errors():
                connection = await self._adapter.device.connect(self._target, timeout=self._timeout)
        except (core.TimeoutError, TimeoutError, BleakError) as error:
            await self._release()
            raise BleakDeviceNotFoundError(self.address, f"cannot connect: {error}") from error
        except BaseException:
            await self._release()
            raise
        self._connection = connection
        connection.on(Connection.EVENT_DISCONNECTION, self._on_disconnection)
        try:
            with _bleak_errors():
                if pair:
                    await connection.pair()
                self._peer = Peer(connection)
                await self._peer.request_mtu(REQUESTED_MTU)
                self.services = await self._discover(self._peer)
        except BaseException:
            await self.disconnect()
            raise

    async def _discover(self, peer: Peer) -> BleakGATTServiceCollection:
        await peer.discover_all()  # type: ignore[no-untyped-call]
        collection = BleakGATTServiceCollection()
        for service_proxy in peer.services:
            service = BleakGATTService(
                service_proxy, service_proxy.handle, _uuid_text(service_proxy.uuid)
            )
            collection.add_service(service)
            for char_proxy in service_proxy.characteristics:
                names = [name for flag, name in _PROPERTY_NAMES if char_proxy.properties & flag]
                characteristic = BleakGATTCharacteristic(
                    char_proxy,
                    char_proxy.handle,
                    _uuid_text(char_proxy.uuid),
                    names,  # type: ignore[arg-type]
                    lambda: self.mtu_size - 3,
                    service,
                )
                collection.add_characteristic(characteristic)
                for descriptor_proxy in char_proxy.descriptors:
                    collection.add_descriptor(
                        BleakGATTDescriptor(
                            descriptor_proxy,
                            descriptor_proxy.handle,
                            _uuid_text(descriptor_proxy.type),
                            characteristic,
                        )
                    )
        return collection

    def _on_disconnection(self, reason: int) -> None:
        self._connection, self._peer = None, None
        self._subscribers.clear()
        if not self._closing and self._disconnected_callback is not None:
            self._disconnected_callback()

    async def _release(self) -> None:
        adapter, self._adapter = self._adapter, None
        if adapter is not None:
            await release_adapter(adapter)

    async def disconnect(self) -> None:
        self._closing = True
        connection = self._connection
        try:
            if connection is not None:
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(connection.disconnect(), timeout=self._timeout)
        finally:
            self._connection, self._peer = None, None
            await self._release()

    async def pair(self, *args: Any, **kwargs: Any) -> None:
        with _bleak_errors():
            await self._require_connection().pair()

    async def unpair(self) -> None:
        raise NotImplementedError("the bumble backend keeps no bonds to forget")

    def _require_connection(self) -> Connection:
        if self._connection is None:
            raise BleakError("Not connected")
        return self._connection

    def _require_peer(self) -> Peer:
        self._require_connection()
        assert self._peer is not None
        return self._peer

    async def read_gatt_char(
        self, characteristic: BleakGATTCharacteristic, *, use_cached: bool = False, **kwargs: Any
    ) -> bytearray:
        with _bleak_errors():
            return bytearray(await self._require_peer().read_value(characteristic.obj))

    async def read_gatt_descriptor(
        self, descriptor: BleakGATTDescriptor, *, use_cached: bool = False, **kwargs: Any
    ) -> bytearray:
        with _bleak_errors():
            return bytearray(await self._require_peer().read_value(descriptor.obj))

    async def write_gatt_char(
        self, characteristic: BleakGATTCharacteristic, data: Any, response: bool
    ) -> None:
        with _bleak_errors():
            await self._require_peer().write_value(characteristic.obj, bytes(data), response)

    async def write_gatt_descriptor(self, descriptor: BleakGATTDescriptor, data: Any) -> None:
        with _bleak_errors():
            await self._require_peer().write_value(descriptor.obj, bytes(data), True)

    async def start_notify(
        self, characteristic: BleakGATTCharacteristic, callback: NotifyCallback, **kwargs: Any
    ) -> None:
        def subscriber(value: bytes) -> None:
            callback(bytearray(value))

        with _bleak_errors():
            await self._require_peer().subscribe(characteristic.obj, subscriber, True)
        self._subscribers[characteristic.handle] = subscriber

    async def stop_notify(self, characteristic: BleakGATTCharacteristic) -> None:
        subscriber = self._subscribers.pop(characteristic.handle, None)
        with _bleak_errors():
            await self._require_peer().unsubscribe(characteristic.obj, subscriber)
