"""The technician's Bluetooth operations, put together: scan, pair (and record), forget.

The CLI (``kiosk ble``) is a thin layer over these; each takes a connected
:class:`~kiosk.bluetooth.bluez.BluezClient` and the installed drivers' manifests.

Choosing the driver of a device being paired: ``--driver`` wins (it must be an installed BLE
driver); else the drivers whose manifest fits the advertisement (service UUIDs, name
prefixes). Exactly one: that one. Several: the technician must say which, before anything
changes. None before pairing: pair anyway (a device often shows its services only once
connected), then match again on everything BlueZ learnt; if still none, the bond stays in
BlueZ and the technician is told to give ``--driver`` (pairing again is harmless: BlueZ
answers ``AlreadyExists``, which counts as success).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from kiosk.bluetooth.agent import PairingAgent
from kiosk.bluetooth.api import DEFAULT_DISCOVER_SECONDS, DEFAULT_PAIR_TIMEOUT
from kiosk.bluetooth.bluez import BluezClient
from kiosk.bluetooth.matching import (
    ScannedDevice,
    check_driver,
    choose_driver,
    normalise_address,
    scanned_device,
    sort_for_display,
)
from kiosk.bluetooth.pairings import Pairing, load_pairings, record_pairing, remove_pairing
from kiosk.device_api import DriverManifest
from kiosk.domain import utc_now
from kiosk.errors import UserFacingError


@dataclasses.dataclass(frozen=True, slots=True)
class PairOutcome:
    pairing: Pairing
    device: ScannedDevice
    already_paired: bool

    def to_json(self) -> dict[str, object]:
        return {
            **self.pairing.to_json(),
            "already_paired": self.already_paired,
            "paired": self.device.paired,
            "trusted": self.device.trusted,
            "service_uuids": list(self.device.service_uuids),
        }


@dataclasses.dataclass(frozen=True, slots=True)
class ForgetOutcome:
    address: str
    removed_from_bluez: bool
    record: Pairing | None

    def to_json(self) -> dict[str, object]:
        return {
            "address": self.address,
            "removed_from_bluez": self.removed_from_bluez,
            "removed_from_kiosk": self.record is not None,
        }


async def scan_devices(
    client: BluezClient, seconds: float, manifests: Sequence[DriverManifest]
) -> list[ScannedDevice]:
    return sort_for_display(await client.scan(seconds, manifests))


async def pair_device(
    client: BluezClient,
    address: str,
    manifests: Sequence[DriverManifest],
    data_dir: Path,
    agent: PairingAgent,
    *,
    driver: str | None = None,
    timeout: float = DEFAULT_PAIR_TIMEOUT,
    discover_seconds: float = DEFAULT_DISCOVER_SECONDS,
    now: Callable[[], dt.datetime] = utc_now,
) -> PairOutcome:
    """Find the device (discovering it if BlueZ does not know it), pair and trust it, and
    record it with its driver in the data folder."""
    wanted = normalise_address(address)
    if driver is not None:
        check_driver(driver, manifests)
    load_pairings(data_dir)  # a damaged record fails now, before anything changes
    _adapter, path = await client.find(wanted)
    if path is None:
        await client.scan(discover_seconds, manifests, until=lambda d: d.address == wanted)
        _adapter, path = await client.find(wanted)
    if path is None:
        raise UserFacingError("ble.device_not_found", address=wanted)
    before = scanned_device(await client.properties(path), manifests)
    chosen = choose_driver(driver, before.drivers if before else (), manifests, wanted)
    already = await client.pair(path, agent, timeout)
    after = scanned_device(await client.properties(path), manifests) or before
    if after is None:
        raise UserFacingError("ble.device_not_found", address=wanted)
    if chosen is None:
        chosen = choose_driver(None, after.drivers, manifests, wanted)
    if chosen is None:
        raise UserFacingError("ble.no_driver", address=wanted)
    if before is not None and not before.connected:
        await client.disconnect_device(path)  # free the device for the driver's session
    pairing = Pairing(address=wanted, name=after.name, driver=chosen, paired_at=now())
    record_pairing(data_dir, pairing)
    return PairOutcome(pairing, after, already)


async def forget_device(client: BluezClient, address: str, data_dir: Path) -> ForgetOutcome:
    """Remove the bond from BlueZ and the device from the kiosk's record."""
    wanted = normalise_address(address)
    load_pairings(data_dir)  # a damaged record fails now, before the bond is removed
    removed = await client.remove(wanted)
    record = remove_pairing(data_dir, wanted)
    if not removed and record is None:
        raise UserFacingError("ble.not_paired", address=wanted)
    return ForgetOutcome(wanted, removed, record)
