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
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import os
import random
from collections.abc import Callable, Iterator
from typing import Any

from bleak.backends.characteristic import BleakGATTCharacteristic
from bleak.backends.client import BaseBleakClient, NotifyCallback
from bleak.backends.descriptor import BleakGATTDescriptor
from bleak.backends.device import BLEDevice
from bleak.backends.scanner import AdvertisementData, BaseBleakScanner
from bleak.backends.service import BleakGATTService, BleakGATTServiceCollection
from bleak.exc import BleakDeviceNotFoundError, BleakError, BleakGATTProtocolError
from bleak.uuids import normalize_uuid_str
from bumble import att, core, hci
from bumble.controller import Controller
from bumble.device import Advertisement, Connection, Device, Peer
from bumble.gatt import Characteristic
from bumble.host import Host
from bumble.link import LocalLink
from bumble.transport import open_transport
from bumble.transport.common import AsyncPipeSink, Transport

TRANSPORT_ENV = "BLEAK_BUMBLE_TRANSPORT"
LINK_SCHEME = "link:"
#: The ATT MTU a client asks for after connecting (BlueZ asks for its maximum, 517).
REQUESTED_MTU = 517

_links: dict[str, LocalLink] = {}


def register_link(name: str, link: LocalLink) -> None:
    """Make an in-process room reachable as transport ``link:NAME``."""
    _links[name] = link


def unregister_link(name: str) -> None:
    _links.pop(name, None)


def random_static_address() -> hci.Address:
    """A fresh random static address (two top bits set), unique enough within one room."""
    value = random.getrandbits(48) | (0b11 << 46)
    return hci.Address(value.to_bytes(6, "little"), hci.Address.RANDOM_DEVICE_ADDRESS)


def _transport_spec(kwargs: dict[str, Any]) -> str:
    spec = kwargs.pop("transport", None) or os.environ.get(TRANSPORT_ENV)
    if not spec:
        raise BleakError(f"the bumble backend needs {TRANSPORT_ENV} (e.g. tcp-client:HOST:PORT)")
    return str(spec)


@dataclasses.dataclass(eq=False)
class _Adapter:
    """One bumble host on one transport, shared by the scanners and clients of a loop."""

    spec: str
    device: Device
    close: Callable[[], Any]
    users: int = 0
    scanners: int = 0


_adapters: dict[tuple[int, str], _Adapter] = {}
_adapter_lock: dict[int, asyncio.Lock] = {}


async def _open_adapter(spec: str) -> _Adapter:
    address = random_static_address()
    if spec.startswith(LINK_SCHEME):
        link = _links.get(spec.removeprefix(LINK_SCHEME))
        if link is None:
            raise BleakError(f"no in-process bumble room named {spec!r}")
        controller = Controller("kiosk", link=link, public_address=address)
        controller.random_address = address
        device = Device("kiosk", address, host=Host(controller, AsyncPipeSink(controller)))

        def close_link() -> None:
            with contextlib.suppress(KeyError):
                link.remove_controller(controller)

        adapter = _Adapter(spec, device, close_link)
    else:
        try:
            transport: Transport = await open_transport(spec)
        except (OSError, ValueError, core.BaseBumbleError) as error:
            raise BleakError(f"cannot open bumble transport {spec!r}: {error}") from error
        device = Device.with_hci("kiosk", address, transport.source, transport.sink)
        adapter = _Adapter(spec, device, transport.close)
    try:
        await device.power_on()
    except BaseException:
        await _close(adapter)
        raise
    return adapter


async def _close(adapter: _Adapter) -> None:
    with contextlib.suppress(Exception):
        await adapter.device.power_off()
    result = adapter.close()
    if asyncio.iscoroutine(result):
        await result


async def acquire_adapter(spec: str) -> _Adapter:
    """The adapter of this loop for ``spec``, opened on first use."""
    loop_id = id(asyncio.get_running_loop())
    async with _adapter_lock.setdefault(loop_id, asyncio.Lock()):
        adapter = _adapters.get((loop_id, spec))
        if adapter is None:
            adapter = _adapters[(loop_id, spec)] = await _open_adapter(spec)
        adapter.users += 1
        return adapter


async def release_adapter(adapter: _Adapter) -> None:
    """Give the adapter back; the last user closes it (and its transport)."""
    adapter.users -= 1
    if adapter.users > 0:
        return
    loop_id = id(asyncio.get_running_loop())
    _adapters.pop((loop_id, adapter.spec), None)
    if not any(key[0] == loop_id for key in _adapters):
        _adapter_lock.pop(loop_id, None)
    await _close(adapter)


@contextlib.contextmanager
def _bleak_errors() -> Iterator[None]:
    """bumble's exceptions as bleak's: ATT errors keep their protocol code."""
    try:
        yield
    except att.ATT_Error as error:
        raise BleakGATTProtocolError(error.error_code) from error
    except core.BaseBumbleError as error:
        raise BleakError(str(error)) from error


def _uuid_text(uuid: core.UUID) -> str:
    return normalize_uuid_str(uuid.to_hex_str("-").lower())


def _advertisement_data(advertisement: Advertisement) -> AdvertisementData:
    data: Any = advertisement.data  # get_all's overloads need literal kinds
    names = data.get_all(core.AdvertisingData.COMPLETE_LOCAL_NAME) or data.get_all(
        core.AdvertisingData.SHORTENED_LOCAL_NAME
    )
    uuids: list[str] = []
    for kind in (
        core.AdvertisingData.COMPLETE_LIST_OF_16_BIT_SERVICE_CLASS_UUIDS,
        core.AdvertisingData.INCOMPLETE_LIST_OF_16_BIT_SERVICE_CLASS_UUIDS,
        core.AdvertisingData.COMPLETE_LIST_OF_32_BIT_SERVICE_CLASS_UUIDS,
        core.AdvertisingData.INCOMPLETE_LIST_OF_32_BIT_SERVICE_CLASS_UUIDS,
        core.AdvertisingData.COMPLETE_LIST_OF_128_BIT_SERVICE_CLASS_UUIDS,
        core.AdvertisingData.INCOMPLETE_LIST_OF_128_BIT_SERVICE_CLASS_UUIDS,
    ):
        for group in data.get_all(kind):
            uuids.extend(_uuid_text(uuid) for uuid in group)
    service_data: dict[str, bytes] = {}
    for kind in (
        core.AdvertisingData.SERVICE_DATA_16_BIT_UUID,
        core.AdvertisingData.SERVICE_DATA_32_BIT_UUID,
        core.AdvertisingData.SERVICE_DATA_128_BIT_UUID,
    ):
        for uuid, payload in data.get_all(kind):
            service_data[_uuid_text(uuid)] = bytes(payload)
    manufacturer: dict[int, bytes] = {}
    for company, payload in data.get_all(core.AdvertisingData.MANUFACTURER_SPECIFIC_DATA):
        manufacturer[int(company)] = bytes(payload)
    tx_power = data.get(core.AdvertisingData.TX_POWER_LEVEL)
    return AdvertisementData(
        local_name=str(names[0]) if names else None,
        manufacturer_data=manufacturer,
        service_data=service_data,
        service_uuids=uuids,
        tx_power=None if tx_power is None else int(tx_power),
        rssi=advertisement.rssi,
        platform_data=(advertisement,),
    )


class BumbleScanner(BaseBleakScanner):
    """``BaseBleakScanner`` over bumble: every advertising report goes to the callbacks."""

    def __init__(
        self,
        detection_callback: Any,
        service_uuids: list[str] | None,
        scanning_mode: str = "active",
        **kwargs: Any,
    ) -> None:
        # bleak documents 128-bit UUIDs here; accept the short form too, as the OS backends do
        uuids = None if service_uuids is None else [normalize_uuid_str(u) for u in service_uuids]
        super().__init__(detection_callback, uuids)
        self._spec = _transport_spec(kwargs)
        self._active = scanning_mode != "passive"
        self._adapter: _Adapter | None = None

    async def start(self) -> None:
        self.seen_devices = {}
        adapter = self._adapter = await acquire_adapter(self._spec)
        adapter.device.on(Device.EVENT_ADVERTISEMENT, self._on_advertisement)
        adapter.scanners += 1
        if adapter.scanners == 1:
            with _bleak_errors():
                await adapter.device.start_scanning(active=self._active, filter_duplicates=False)

    async def stop(self) -> None:
        adapter, self._adapter = self._adapter, None
        if adapter is None:
            return
        adapter.device.remove_listener(Device.EVENT_ADVERTISEMENT, self._on_advertisement)
        adapter.scanners -= 1
        try:
            if adapter.scanners == 0:
                with contextlib.suppress(Exception):
                    await adapter.device.stop_scanning()
        finally:
            await release_adapter(adapter)

    def _on_advertisement(self, advertisement: Advertisement) -> None:
        data = _advertisement_data(advertisement)
        if not self.is_allowed_uuid(data.service_uuids):
            return
        address = advertisement.address.to_string(with_type_qualifier=False)
        device = self.create_or_update_device(
            str(advertisement.address), address, data.local_name, advertisement.address, data
        )
        self.call_detection_callbacks(device, data)


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
