"""The I/O part of ``ble-thermometer``: a :class:`~drivers.ble.session.BleSession` for 0x1809.

On connect (reference/devices.md §4, §14): read the Temperature Type 0x2A1D, set the clock
through the Current Time Service where the device has it, then subscribe to the Intermediate
Temperature 0x2A1E (notify) and the Temperature Measurement 0x2A1C (indicate).
"""

from __future__ import annotations

from drivers.ble.session import BleSession, GattProfile
from drivers.ble_thermometer.manifest import MANIFEST
from drivers.ble_thermometer.parser import (
    INTERMEDIATE_TEMPERATURE,
    SERVICE,
    TEMPERATURE_MEASUREMENT,
    TEMPERATURE_TYPE,
    ThermometerParser,
)


def _parser(device_name: str | None) -> ThermometerParser:
    return ThermometerParser(device_name=device_name)


PROFILE = GattProfile(
    driver_id=MANIFEST.id,
    services=MANIFEST.ble_services,
    names=MANIFEST.names,
    reads=((SERVICE, TEMPERATURE_TYPE),),
    subscribe=((SERVICE, INTERMEDIATE_TEMPERATURE), (SERVICE, TEMPERATURE_MEASUREMENT)),
    parser_factory=_parser,
)


def open_session(
    port: str, *, allow_pairing: bool = True, retry_interval: float = 1.0
) -> BleSession:
    """A session for the thermometer at ``port``: an address, ``auto`` or ``name:PREFIX``."""
    return BleSession(PROFILE, port, allow_pairing=allow_pairing, retry_interval=retry_interval)
