"""The I/O part of ``ble-bp``: a :class:`~drivers.ble.session.BleSession` set up for 0x1810.

On connect (reference/devices.md §3, §14): read the features 0x2A49, set the clock per model
— the A&D UA-651BLE takes a Date Time written to 0x2A08 *inside* 0x1810 (it has no CTS), other
cuffs the Current Time Service where present — then subscribe to the cuff pressure 0x2A36
(notify) and the measurement 0x2A35 (indicate). A cuff that requires a bond gets paired on the
first "insufficient encryption" answer.
"""

from __future__ import annotations

from drivers.ble.gatt_types import DATE_TIME, encode_date_time
from drivers.ble.session import CURRENT_TIME_TARGET, BleSession, ClockTarget, GattProfile
from drivers.ble_bp.manifest import MANIFEST
from drivers.ble_bp.parser import (
    CUFF_PRESSURE,
    FEATURE,
    MEASUREMENT,
    SERVICE,
    BloodPressureParser,
)

AND_PREFIX = "A&D_UA-651BLE"
AND_CLOCK = ClockTarget(SERVICE, DATE_TIME, encode_date_time)


def clock_targets(device_name: str | None) -> tuple[ClockTarget, ...]:
    """Where this model's clock is set (devices.md §3)."""
    if (device_name or "").startswith(AND_PREFIX):
        return (AND_CLOCK,)
    return (CURRENT_TIME_TARGET,)


PROFILE = GattProfile(
    driver_id=MANIFEST.id,
    services=MANIFEST.ble_services,
    names=MANIFEST.names,
    reads=((SERVICE, FEATURE),),
    subscribe=((SERVICE, CUFF_PRESSURE), (SERVICE, MEASUREMENT)),
    parser_factory=BloodPressureParser,
    clock=clock_targets,
)


def open_session(
    port: str, *, allow_pairing: bool = True, retry_interval: float = 1.0
) -> BleSession:
    """A session for the BP monitor at ``port``: an address, ``auto`` or ``name:PREFIX``."""
    return BleSession(PROFILE, port, allow_pairing=allow_pairing, retry_interval=retry_interval)
