"""The I/O part of ``ble-scale``: a :class:`~drivers.ble.session.BleSession` for 0x181D / 0x181B.

On connect (reference/devices.md §6, §14): read the Weight Scale Feature 0x2A9E, set the clock
through the Current Time Service where the scale has it (its records carry timestamps), then
subscribe to the Weight Measurement 0x2A9D and the Body Composition Measurement 0x2A9C (both
indicate). A scale with only 0x181D (A&D UC-352BLE) simply has no 0x2A9C to subscribe to; a
scale that requires a bond (Beurer BF788) gets paired on the first "insufficient encryption".
"""

from __future__ import annotations

from drivers.ble.session import BleSession, GattProfile
from drivers.ble_scale.manifest import MANIFEST
from drivers.ble_scale.parser import (
    BODY_COMPOSITION_MEASUREMENT,
    BODY_COMPOSITION_SERVICE,
    WEIGHT_MEASUREMENT,
    WEIGHT_SCALE_FEATURE,
    WEIGHT_SCALE_SERVICE,
    ScaleParser,
)


def _parser(device_name: str | None) -> ScaleParser:
    return ScaleParser(device_name=device_name)


PROFILE = GattProfile(
    driver_id=MANIFEST.id,
    services=MANIFEST.ble_services,
    names=MANIFEST.names,
    reads=((WEIGHT_SCALE_SERVICE, WEIGHT_SCALE_FEATURE),),
    subscribe=(
        (WEIGHT_SCALE_SERVICE, WEIGHT_MEASUREMENT),
        (BODY_COMPOSITION_SERVICE, BODY_COMPOSITION_MEASUREMENT),
    ),
    parser_factory=_parser,
)


def open_session(
    port: str, *, allow_pairing: bool = True, retry_interval: float = 1.0
) -> BleSession:
    """A session for the scale at ``port``: an address, ``auto`` or ``name:PREFIX``."""
    return BleSession(PROFILE, port, allow_pairing=allow_pairing, retry_interval=retry_interval)
