"""Pure logic of Bluetooth pairing: addresses, BlueZ object paths, and which installed
drivers fit a device seen in a scan.

A driver fits a device when one of the manifest's ``ble_services`` is among the device's
advertised (or, once connected, discovered) service UUIDs, or when the advertised name starts
with one of the manifest's ``names`` (the same rule as the drivers' own BLE sessions). Drivers
that fit by service come first, then those that fit only by name; each group by id.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence

from kiosk.device_api import DriverManifest, Transport, short_uuid
from kiosk.errors import UserFacingError, ValidationError

_ADDRESS = re.compile(r"^[0-9A-F]{2}(:[0-9A-F]{2}){5}$")


def normalise_address(text: str) -> str:
    """``"aa-bb-cc-dd-ee-ff"`` / ``"aa:bb:..."`` → ``"AA:BB:CC:DD:EE:FF"``; anything else is
    a :class:`ValidationError` (``ble.bad_address``)."""
    address = text.strip().upper().replace("-", ":").replace("_", ":")
    if not _ADDRESS.match(address):
        raise ValidationError("ble.bad_address", address=text.strip())
    return address


def device_path(adapter_path: str, address: str) -> str:
    """BlueZ's object path of a device: ``/org/bluez/hci0/dev_AA_BB_CC_DD_EE_FF``."""
    return f"{adapter_path}/dev_{normalise_address(address).replace(':', '_')}"


def address_from_path(path: str) -> str | None:
    """The address in a BlueZ device path, or None when ``path`` is not a device's."""
    leaf = path.rsplit("/", 1)[-1]
    if not leaf.startswith("dev_"):
        return None
    candidate = leaf.removeprefix("dev_").replace("_", ":").upper()
    return candidate if _ADDRESS.match(candidate) else None


def display_name(name: str | None, alias: str | None, address: str) -> str | None:
    """The device's real name: ``Name``, else an ``Alias`` that is not BlueZ's made-up one
    (the address with dashes)."""
    if name:
        return name
    if alias and alias.upper() != address.upper().replace(":", "-"):
        return alias
    return None


def ble_manifests(manifests: Iterable[DriverManifest]) -> list[DriverManifest]:
    return sorted((m for m in manifests if m.transport == Transport.BLE), key=lambda m: m.id)


def candidate_drivers(
    manifests: Iterable[DriverManifest], service_uuids: Iterable[str], name: str | None
) -> list[str]:
    """Ids of the BLE drivers that fit: by service UUID first, then by name prefix."""
    advertised = {short_uuid(uuid) for uuid in service_uuids}
    by_service: list[str] = []
    by_name: list[str] = []
    for manifest in ble_manifests(manifests):
        if advertised & {short_uuid(uuid) for uuid in manifest.ble_services}:
            by_service.append(manifest.id)
        elif name and any(name.startswith(prefix) for prefix in manifest.names if prefix):
            by_name.append(manifest.id)
    return by_service + by_name


def check_driver(requested: str, manifests: Sequence[DriverManifest]) -> str:
    """``requested`` if it is an installed BLE driver, else ``ble.unknown_driver``."""
    ids = [m.id for m in ble_manifests(manifests)]
    if requested not in ids:
        raise ValidationError("ble.unknown_driver", driver=requested, choices=", ".join(ids))
    return requested


def choose_driver(
    requested: str | None,
    candidates: Sequence[str],
    manifests: Sequence[DriverManifest],
    address: str,
) -> str | None:
    """The driver for a device (see the module docstring); None when nothing fits yet."""
    if requested is not None:
        return check_driver(requested, manifests)
    if len(candidates) > 1:
        raise UserFacingError(
            "ble.ambiguous_driver", address=address, drivers=", ".join(candidates)
        )
    return candidates[0] if candidates else None


@dataclasses.dataclass(frozen=True, slots=True)
class ScannedDevice:
    """One device a scan saw (or BlueZ already knew), with the drivers that fit it."""

    address: str
    name: str | None
    rssi: int | None
    service_uuids: tuple[str, ...]
    paired: bool = False
    trusted: bool = False
    connected: bool = False
    drivers: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "address": self.address,
            "name": self.name,
            "rssi": self.rssi,
            "service_uuids": list(self.service_uuids),
            "paired": self.paired,
            "trusted": self.trusted,
            "connected": self.connected,
            "drivers": list(self.drivers),
        }


def scanned_device(
    properties: dict[str, object], manifests: Sequence[DriverManifest] = ()
) -> ScannedDevice | None:
    """A :class:`ScannedDevice` from BlueZ's ``org.bluez.Device1`` properties (already
    unpacked from variants); None without a valid ``Address``."""
    raw_address = properties.get("Address")
    if not isinstance(raw_address, str):
        return None
    try:
        address = normalise_address(raw_address)
    except ValidationError:
        return None
    raw_uuids = properties.get("UUIDs")
    uuids = tuple(
        short_uuid(str(uuid)) for uuid in (raw_uuids if isinstance(raw_uuids, list) else [])
    )
    raw_name, raw_alias = properties.get("Name"), properties.get("Alias")
    name = display_name(
        raw_name if isinstance(raw_name, str) else None,
        raw_alias if isinstance(raw_alias, str) else None,
        address,
    )
    rssi = properties.get("RSSI")
    return ScannedDevice(
        address=address,
        name=name,
        rssi=rssi if isinstance(rssi, int) else None,
        service_uuids=uuids,
        paired=properties.get("Paired") is True,
        trusted=properties.get("Trusted") is True,
        connected=properties.get("Connected") is True,
        drivers=tuple(candidate_drivers(manifests, uuids, name)),
    )


def sort_for_display(devices: Iterable[ScannedDevice]) -> list[ScannedDevice]:
    """Devices a driver fits first, then by signal strength (strongest first), then address."""
    return sorted(
        devices,
        key=lambda d: (not d.drivers, -(d.rssi if d.rssi is not None else -999), d.address),
    )
