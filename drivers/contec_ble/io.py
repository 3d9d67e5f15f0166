"""The I/O part of ``contec-ble``: a :class:`~drivers.ble.session.BleSession` for the Contec
CMS50D-BT (reference/devices.md §9).

The service UUID is not documented, so the characteristics are looked up in any service
(service ``""``): subscribe to the data characteristic 0xFF02 (notify), then — only once the
subscription is on, so no frame is missed — write the start command ``9B 01 1C`` to 0xFF01.
The oximeter keeps no clock the kiosk can set. A new link needs the command again.
"""

from __future__ import annotations

from drivers.ble.session import BleSession, ClockTarget, GattProfile, GattWrite
from drivers.contec_ble.manifest import MANIFEST
from drivers.contec_ble.parser import NOTIFY, START_STREAMING, WRITE, ContecBleParser

ANY_SERVICE = ""
START = GattWrite(ANY_SERVICE, WRITE, START_STREAMING)


def _parser(device_name: str | None) -> ContecBleParser:
    return ContecBleParser(device_name=device_name)


def _no_clock(_device_name: str | None) -> tuple[ClockTarget, ...]:
    return ()


PROFILE = GattProfile(
    driver_id=MANIFEST.id,
    services=MANIFEST.ble_services,
    names=MANIFEST.names,
    subscribe=((ANY_SERVICE, NOTIFY),),
    parser_factory=_parser,
    clock=_no_clock,
    after_subscribe=lambda _parser, _identity: (START,),
)


def open_session(
    port: str, *, allow_pairing: bool = True, retry_interval: float = 1.0
) -> BleSession:
    """A session for the CMS50D-BT at ``port``: an address, ``auto`` or ``name:PREFIX``."""
    return BleSession(PROFILE, port, allow_pairing=allow_pairing, retry_interval=retry_interval)
