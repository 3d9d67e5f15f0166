"""The one place that chooses bleak's backend (reference/style.md "bleak", test-peers.md §b).

- ``KIOSK_BLE_BACKEND`` unset or ``system``: bleak's platform default (BlueZ on the kiosk).
- ``KIOSK_BLE_BACKEND=bumble``: :mod:`drivers.ble.bumble_backend` (Google's bumble host stack)
  on the transport named by ``BLEAK_BUMBLE_TRANSPORT``, e.g. ``tcp-client:127.0.0.1:PORT`` for
  the room of ``kiosk drivers simulate``, or ``link:NAME`` for an in-process room.

Drivers and :class:`~drivers.ble.session.BleSession` create every ``BleakClient`` and
``BleakScanner`` through :func:`make_client` / :func:`make_scanner`, so tests and ``--demo`` run
the production code unchanged; bumble is imported only when configured. Use the instance
API (``async with make_scanner(...)``, ``advertisement_data()``): bleak's classmethods
``BleakScanner.discover`` / ``find_device_by_*`` build their own scanner and would bypass this.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from bleak import BleakClient, BleakScanner
from bleak.backends.device import BLEDevice

BACKEND_ENV = "KIOSK_BLE_BACKEND"
TRANSPORT_ENV = "BLEAK_BUMBLE_TRANSPORT"
SYSTEM = "system"
BUMBLE = "bumble"


def backend_name(env: Mapping[str, str] | None = None) -> str:
    """``"system"`` or ``"bumble"``; anything else is a configuration error (``ValueError``)."""
    name = (os.environ if env is None else env).get(BACKEND_ENV, "").strip().lower() or SYSTEM
    if name not in (SYSTEM, BUMBLE):
        raise ValueError(f"{BACKEND_ENV}={name!r}: expected {SYSTEM!r} or {BUMBLE!r}")
    return name


def describe(env: Mapping[str, str] | None = None) -> str:
    """A one-line description for logs and ``kiosk doctor``."""
    environ = os.environ if env is None else env
    if backend_name(environ) == BUMBLE:
        return f"bumble ({environ.get(TRANSPORT_ENV, 'no transport configured')})"
    return "system (bleak default)"


def _backend_kwargs() -> dict[str, Any]:
    if backend_name() != BUMBLE:
        return {}
    from drivers.ble.bumble_backend import BumbleClient, BumbleScanner

    return {"client": BumbleClient, "scanner": BumbleScanner}


def make_client(address_or_device: BLEDevice | str, **kwargs: Any) -> BleakClient:
    """A ``bleak.BleakClient`` on the configured backend (keywords go to bleak as they are)."""
    backend = _backend_kwargs().get("client")
    if backend is not None:
        kwargs.setdefault("backend", backend)
    return BleakClient(address_or_device, **kwargs)


def make_scanner(**kwargs: Any) -> BleakScanner:
    """A ``bleak.BleakScanner`` on the configured backend (keywords go to bleak as they are)."""
    backend = _backend_kwargs().get("scanner")
    if backend is not None:
        kwargs.setdefault("backend", backend)
    return BleakScanner(**kwargs)
