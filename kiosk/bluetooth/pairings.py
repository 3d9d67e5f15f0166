"""The kiosk's own record of the Bluetooth devices a technician paired, and their driver.

BlueZ keeps the bonds (keys) itself, under ``/var/lib/bluetooth``, across restarts. The kiosk
additionally records which driver reads each paired device, in ``ble_pairings.json`` in the
data folder, so that at start the live device manager can run one driver session per paired
device (:func:`watched_devices`, :func:`start_paired_sessions`): the BLE session scans for
that address and connects as soon as the device wakes up and advertises, again after every
disconnect.

The file is small JSON, written atomically (a temporary file in the same folder, fsync,
rename, fsync of the folder) with permissions 0600::

    {"version": 1, "devices": [{"address": "A4:C1:38:00:00:01", "name": "BM59",
      "driver": "ble-bp", "paired_at": "2026-11-26T04:24:00+00:00"}]}
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import logging
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Protocol

from kiosk.bluetooth.matching import normalise_address
from kiosk.device_api import DriverPlugin
from kiosk.errors import ValidationError

log = logging.getLogger(__name__)

PAIRINGS_FILENAME = "ble_pairings.json"
FILE_VERSION = 1
FILE_MODE = 0o600


@dataclasses.dataclass(frozen=True, slots=True)
class Pairing:
    address: str
    name: str | None
    driver: str
    paired_at: dt.datetime

    def to_json(self) -> dict[str, object]:
        return {
            "address": self.address,
            "name": self.name,
            "driver": self.driver,
            "paired_at": self.paired_at.isoformat(),
        }

    @classmethod
    def from_json(cls, raw: object) -> Pairing:
        if not isinstance(raw, dict):
            raise ValueError("a pairing is not an object")
        name = raw.get("name")
        paired_at = dt.datetime.fromisoformat(str(raw["paired_at"]))
        return cls(
            address=normalise_address(str(raw["address"])),
            name=name if isinstance(name, str) else None,
            driver=str(raw["driver"]),
            paired_at=paired_at,
        )


def pairings_path(data_dir: Path) -> Path:
    return data_dir / PAIRINGS_FILENAME


def load_pairings(data_dir: Path) -> list[Pairing]:
    """The recorded pairings (none when the file does not exist), sorted by address.

    A damaged file is a :class:`ValidationError` (``ble.pairings_invalid``)."""
    path = pairings_path(data_dir)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    try:
        document = json.loads(text)
        if not isinstance(document, dict) or not isinstance(document.get("devices"), list):
            raise ValueError("no devices list")
        pairings = [Pairing.from_json(raw) for raw in document["devices"]]
    except (ValueError, KeyError, TypeError, ValidationError) as error:
        raise ValidationError("ble.pairings_invalid", path=str(path), reason=str(error)) from error
    return sorted(pairings, key=lambda p: p.address)


def save_pairings(data_dir: Path, pairings: Iterable[Pairing]) -> Path:
    """Replace the record atomically; the file is 0600 from its first byte on disk."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = pairings_path(data_dir)
    ordered = sorted(pairings, key=lambda p: p.address)
    document = {"version": FILE_VERSION, "devices": [p.to_json() for p in ordered]}
    payload = (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    # mkstemp creates the file with mode 0600 and O_EXCL, in the same folder as the target
    fd, temporary = tempfile.mkstemp(prefix=".ble_pairings.", suffix=".tmp", dir=data_dir)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), FILE_MODE)
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    _fsync_directory(data_dir)
    return path


def _fsync_directory(directory: Path) -> None:
    with contextlib.suppress(OSError):  # not every file system lets a folder be fsynced
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def record_pairing(data_dir: Path, pairing: Pairing) -> list[Pairing]:
    """Add or replace the pairing of ``pairing.address``; returns the new record."""
    kept = [p for p in load_pairings(data_dir) if p.address != pairing.address]
    kept.append(pairing)
    save_pairings(data_dir, kept)
    return sorted(kept, key=lambda p: p.address)


def remove_pairing(data_dir: Path, address: str) -> Pairing | None:
    """Drop ``address`` from the record; the removed pairing, or None if it was not there."""
    wanted = normalise_address(address)
    pairings = load_pairings(data_dir)
    removed = next((p for p in pairings if p.address == wanted), None)
    if removed is not None:
        save_pairings(data_dir, [p for p in pairings if p.address != wanted])
    return removed


def watched_devices(data_dir: Path, available_drivers: Iterable[str]) -> list[tuple[str, str]]:
    """``(driver id, address)`` of every recorded pairing whose driver is installed: what the
    live device manager should watch. Never raises: a damaged record is logged and gives
    nothing (the kiosk must start anyway; ``kiosk ble list`` shows the error)."""
    installed = set(available_drivers)
    try:
        pairings = load_pairings(data_dir)
    except (ValidationError, OSError) as error:
        log.warning("Bluetooth pairings not loaded: %s", error)
        return []
    watched = []
    for pairing in pairings:
        if pairing.driver in installed:
            watched.append((pairing.driver, pairing.address))
        else:
            log.warning("paired %s: driver %s not installed", pairing.address, pairing.driver)
    return watched


class SessionHost(Protocol):
    """Who runs driver sessions (``kiosk.live.LiveDevices``)."""

    def start(self, plugin: DriverPlugin, port: str) -> object: ...


def start_paired_sessions(
    host: SessionHost, drivers: Mapping[str, DriverPlugin], data_dir: Path
) -> list[tuple[str, str]]:
    """Start one session per paired device; the BLE session reconnects by itself whenever
    the device advertises again. Returns what was started."""
    started = watched_devices(data_dir, drivers)
    for driver_id, address in started:
        host.start(drivers[driver_id], address)
    return started
