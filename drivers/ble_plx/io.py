"""The I/O part of ``ble-plx``: a :class:`~drivers.ble.session.BleSession` for 0x1822.

On connect (reference/devices.md §5, §14): read the PLX Features 0x2A60, set the clock through
the Current Time Service where the oximeter has it (spot-checks carry its timestamp), then
subscribe to the Continuous Measurement 0x2A5F (notify) and the Spot-check Measurement 0x2A5E
(indicate — "notify" written to its CCCD would enable nothing).
"""

from __future__ import annotations

from drivers.ble.session import BleSession, GattProfile
from drivers.ble_plx.manifest import MANIFEST
from drivers.ble_plx.parser import CONTINUOUS, FEATURES, SERVICE, SPOT_CHECK, PlxParser


def _parser(device_name: str | None) -> PlxParser:
    return PlxParser(device_name=device_name)


PROFILE = GattProfile(
    driver_id=MANIFEST.id,
    services=MANIFEST.ble_services,
    names=MANIFEST.names,
    reads=((SERVICE, FEATURES),),
    subscribe=((SERVICE, CONTINUOUS), (SERVICE, SPOT_CHECK)),
    parser_factory=_parser,
)


def open_session(
    port: str, *, allow_pairing: bool = True, retry_interval: float = 1.0
) -> BleSession:
    """A session for the pulse oximeter at ``port``: an address, ``auto`` or ``name:PREFIX``."""
    return BleSession(PROFILE, port, allow_pairing=allow_pairing, retry_interval=retry_interval)
