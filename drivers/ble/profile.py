"""How a GATT driver describes itself to :class:`~drivers.ble.session.BleSession`.

A :class:`GattProfile` says which services to look for, which characteristics to read and
subscribe to, how to set the clock per model (:class:`ClockTarget`; the Current Time Service
by default, :data:`CURRENT_TIME_TARGET`) and what to write once subscribed
(:class:`GattWrite`). Pure data plus small per-model hooks; no I/O. Everything here is
re-exported by :mod:`drivers.ble.session`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence

from drivers.ble import gatt_types
from kiosk.device_api import GattParser
from kiosk.domain import DeviceIdentity


@dataclasses.dataclass(frozen=True, slots=True)
class ClockTarget:
    """Where and how a model's clock is set: ``encode(local_time)`` written with response."""

    service: str
    characteristic: str
    encode: Callable[[dt.datetime], bytes]


#: The Current Time Service, used where a device has it (devices.md §2).
CURRENT_TIME_TARGET = ClockTarget(
    gatt_types.CURRENT_TIME_SERVICE, gatt_types.CURRENT_TIME, gatt_types.encode_current_time
)


@dataclasses.dataclass(frozen=True, slots=True)
class GattWrite:
    """A value written once the subscriptions are on (a RACP request, a start command).

    ``service`` ``""`` matches any service (devices whose service UUID is not documented);
    ``response`` ``None`` writes with response when the characteristic allows it.
    """

    service: str
    characteristic: str
    value: bytes
    response: bool | None = None


def no_writes(_parser: GattParser, _identity: DeviceIdentity) -> Sequence[GattWrite]:
    """The default ``after_subscribe`` hook: write nothing."""
    return ()


@dataclasses.dataclass(frozen=True, slots=True)
class GattProfile:
    """What a GATT driver asks of the session (data plus small per-model hooks).

    ``after_subscribe(parser, identity)`` runs on every connection once the subscriptions
    are on; it gets this connection's parser and the identity read from Device Information,
    and returns what to write then. A service ``""`` in ``subscribe`` / ``reads`` matches any.
    """

    driver_id: str
    services: tuple[str, ...]
    subscribe: tuple[tuple[str, str], ...]  # (service, characteristic), in this order
    parser_factory: Callable[[str | None], GattParser]  # advertised name → parser
    names: tuple[str, ...] = ()
    reads: tuple[tuple[str, str], ...] = ()  # fed to the parser on connect (features)
    clock: Callable[[str | None], tuple[ClockTarget, ...]] = lambda _name: (CURRENT_TIME_TARGET,)
    after_subscribe: Callable[[GattParser, DeviceIdentity], Sequence[GattWrite]] = no_writes
