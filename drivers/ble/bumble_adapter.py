"""The bumble "adapter" of :mod:`drivers.ble.bumble_backend`: the kiosk's emulated radio.

One bumble ``Device`` opened on the transport named by ``BLEAK_BUMBLE_TRANSPORT`` (or the
``transport=`` keyword): ``link:NAME`` joins an in-process room registered with
:func:`register_link`, any other name is opened as a bumble transport. The scanners and
clients of one event loop share it (:func:`acquire_adapter` / :func:`release_adapter`); the
last user closes it. Also the helpers both sides need: bumble errors as bleak's, UUID text.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import os
import random
from collections.abc import Callable, Iterator
from typing import Any

from bleak.exc import BleakError, BleakGATTProtocolError
from bleak.uuids import normalize_uuid_str
from bumble import att, core, hci
from bumble.controller import Controller
from bumble.device import Device
from bumble.host import Host
from bumble.link import LocalLink
from bumble.transport import open_transport
from bumble.transport.common import AsyncPipeSink, Transport

TRANSPORT_ENV = "BLEAK_BUMBLE_TRANSPORT"
LINK_SCHEME = "link:"

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
