"""The I/O part of ``berrymed-ble``: a :class:`~drivers.ble.session.BleSession` for the
Microchip transparent-UART service of BerryMed oximeters (reference/devices.md §9).

On connect: read Device Information where the unit has it, subscribe to the UART notify
characteristic ``49535343-1e4d-…`` and feed every notification to one resynchronising BCI
stream parser (made fresh per connection, so a packet cut by a lost link is dropped). BerryMed
units stream by themselves, keep no clock and cannot change their rate: nothing is written.
"""

from __future__ import annotations

from drivers.berrymed_ble.manifest import MANIFEST
from drivers.berrymed_ble.parser import NOTIFY, SERVICE, BerryMedParser
from drivers.ble.session import BleSession, ClockTarget, GattProfile


def _parser(device_name: str | None) -> BerryMedParser:
    return BerryMedParser(device_name=device_name)


def _no_clock(_device_name: str | None) -> tuple[ClockTarget, ...]:
    return ()


PROFILE = GattProfile(
    driver_id=MANIFEST.id,
    services=MANIFEST.ble_services,
    names=MANIFEST.names,
    subscribe=((SERVICE, NOTIFY),),
    parser_factory=_parser,
    clock=_no_clock,
)


def open_session(
    port: str, *, allow_pairing: bool = True, retry_interval: float = 1.0
) -> BleSession:
    """A session for the BerryMed oximeter at ``port``: an address, ``auto`` or ``name:PREFIX``."""
    return BleSession(PROFILE, port, allow_pairing=allow_pairing, retry_interval=retry_interval)
