"""LE discovery through BlueZ: what ``kiosk ble scan`` (and ``pair`` for an unknown address)
runs.

BlueZ announces a device it discovers with ``ObjectManager.InterfacesAdded`` (a new
``org.bluez.Device1`` object) and updates RSSI, name and UUIDs of known ones with
``Properties.PropertiesChanged``. We subscribe to both (``AddMatch``) *before* reading the
current objects, so nothing falls between the two; then ``SetDiscoveryFilter`` (LE only),
``StartDiscovery``, wait, ``StopDiscovery``. The result is every device seen during the
scan plus those BlueZ had already seen advertising (they carry an ``RSSI``).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from dbus_fast import Message, MessageType, Variant, unpack_variants

from kiosk.bluetooth.api import (
    ADAPTER_INTERFACE,
    BLUEZ_SERVICE,
    DEVICE_INTERFACE,
    OBJECT_MANAGER_INTERFACE,
    PROPERTIES_INTERFACE,
    BluezError,
)
from kiosk.bluetooth.matching import ScannedDevice, scanned_device
from kiosk.device_api import DriverManifest

if TYPE_CHECKING:
    from kiosk.bluetooth.bluez import AdapterInfo, BluezClient

IN_PROGRESS = "org.bluez.Error.InProgress"


async def _match(client: BluezClient, rule: str, member: str = "AddMatch") -> None:
    await client.call(
        "/org/freedesktop/DBus",
        "org.freedesktop.DBus",
        member,
        "s",
        [rule],
        destination="org.freedesktop.DBus",
    )


async def discover(
    client: BluezClient,
    adapter: AdapterInfo,
    seconds: float,
    manifests: Sequence[DriverManifest] = (),
    until: Callable[[ScannedDevice], bool] | None = None,
) -> list[ScannedDevice]:
    """Scan on ``adapter`` for ``seconds``, or until ``until`` accepts a device."""
    prefix = adapter.path + "/"
    seen: dict[str, dict[str, Any]] = {}
    touched: set[str] = set()
    done = asyncio.Event()

    def note(path: str, props: dict[str, Any]) -> None:
        seen.setdefault(path, {}).update(props)
        touched.add(path)
        device = scanned_device(seen[path])
        if until is not None and device is not None and until(device):
            done.set()

    def on_message(message: Message) -> None:
        if message.message_type != MessageType.SIGNAL or not message.body:
            return
        if message.member == "InterfacesAdded" and str(message.body[0]).startswith(prefix):
            interfaces = message.body[1]
            if DEVICE_INTERFACE in interfaces:
                note(message.body[0], unpack_variants(interfaces[DEVICE_INTERFACE]))
        elif (
            message.member == "PropertiesChanged"
            and message.body[0] == DEVICE_INTERFACE
            and message.path in seen
        ):
            note(message.path, unpack_variants(message.body[1]))

    rules = (
        f"type='signal',sender='{BLUEZ_SERVICE}',interface='{OBJECT_MANAGER_INTERFACE}',"
        "member='InterfacesAdded'",
        f"type='signal',sender='{BLUEZ_SERVICE}',interface='{PROPERTIES_INTERFACE}',"
        f"member='PropertiesChanged',path_namespace='{adapter.path}'",
    )
    client.bus.add_message_handler(on_message)
    try:
        for rule in rules:
            await _match(client, rule)
        for path, props in (await client.devices(adapter)).items():
            seen.setdefault(path, {}).update(props)
            if "RSSI" in props:
                note(path, {})
        await _run_discovery(client, adapter, done, seconds)
    finally:
        client.bus.remove_message_handler(on_message)
        for rule in rules:
            with contextlib.suppress(BluezError):
                await _match(client, rule, "RemoveMatch")
    found = (scanned_device(seen[path], manifests) for path in sorted(touched))
    return [device for device in found if device is not None]


async def _run_discovery(
    client: BluezClient, adapter: AdapterInfo, done: asyncio.Event, seconds: float
) -> None:
    with contextlib.suppress(BluezError):  # an older BlueZ without filters finds the same
        await client.call(
            adapter.path,
            ADAPTER_INTERFACE,
            "SetDiscoveryFilter",
            "a{sv}",
            [{"Transport": Variant("s", "le")}],
        )
    try:
        await client.call(adapter.path, ADAPTER_INTERFACE, "StartDiscovery")
    except BluezError as error:
        if error.name != IN_PROGRESS:  # another program scanning is fine: we listen too
            raise error.user_error() from error
    try:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(done.wait(), seconds)
    finally:
        with contextlib.suppress(BluezError):
            await client.call(adapter.path, ADAPTER_INTERFACE, "StopDiscovery")
