"""The I/O part of ``ble-heart-rate``: a :class:`~drivers.ble.session.BleSession` for 0x180D.

On connect (reference/devices.md §8, §14): read the Body Sensor Location 0x2A38, then
subscribe to the Heart Rate Measurement 0x2A37 (notify). Heart-rate sensors keep no clock
and their values carry no time, so no clock is set.
"""

from __future__ import annotations

from drivers.ble.session import BleSession, ClockTarget, GattProfile
from drivers.ble_heart_rate.manifest import MANIFEST
from drivers.ble_heart_rate.parser import (
    BODY_SENSOR_LOCATION,
    HEART_RATE_MEASUREMENT,
    SERVICE,
    HeartRateParser,
)


def _parser(device_name: str | None) -> HeartRateParser:
    return HeartRateParser(device_name=device_name)


def _no_clock(_device_name: str | None) -> tuple[ClockTarget, ...]:
    return ()


PROFILE = GattProfile(
    driver_id=MANIFEST.id,
    services=MANIFEST.ble_services,
    names=MANIFEST.names,
    reads=((SERVICE, BODY_SENSOR_LOCATION),),
    subscribe=((SERVICE, HEART_RATE_MEASUREMENT),),
    parser_factory=_parser,
    clock=_no_clock,
)


def open_session(
    port: str, *, allow_pairing: bool = True, retry_interval: float = 1.0
) -> BleSession:
    """A session for the heart-rate sensor at ``port``: an address, ``auto`` or ``name:PREFIX``."""
    return BleSession(PROFILE, port, allow_pairing=allow_pairing, retry_interval=retry_interval)
