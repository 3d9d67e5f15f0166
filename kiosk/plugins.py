"""Loading plugins through entry points: drivers (``kiosk.drivers``) and CLI commands
(``kiosk.commands``). Built-in drivers and commands take exactly this road too.

``KIOSK_DRIVERS=id1,id2`` limits which drivers load (datasette's ``DATASETTE_LOAD_PLUGINS``
habit). A plugin that fails to load is reported, not fatal: the kiosk runs without it.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from importlib.metadata import EntryPoint, entry_points

from kiosk.device_api import DriverPlugin

log = logging.getLogger(__name__)

DRIVER_GROUP = "kiosk.drivers"
COMMAND_GROUP = "kiosk.commands"


@dataclasses.dataclass(frozen=True)
class LoadFailure:
    name: str
    value: str
    error: str


@dataclasses.dataclass
class DriverRegistry:
    drivers: dict[str, DriverPlugin]
    failures: list[LoadFailure]
    distributions: dict[str, str]

    def get(self, driver_id: str) -> DriverPlugin | None:
        return self.drivers.get(driver_id)


def _allowed() -> set[str] | None:
    raw = os.environ.get("KIOSK_DRIVERS", "").strip()
    return {part.strip() for part in raw.split(",") if part.strip()} if raw else None


def _distribution(entry: EntryPoint) -> str:
    dist = getattr(entry, "dist", None)
    return getattr(dist, "name", "") or "" if dist is not None else ""


def load_drivers() -> DriverRegistry:
    allowed = _allowed()
    drivers: dict[str, DriverPlugin] = {}
    failures: list[LoadFailure] = []
    origins: dict[str, str] = {}
    for entry in sorted(entry_points(group=DRIVER_GROUP), key=lambda e: e.name):
        if allowed is not None and entry.name not in allowed:
            continue
        try:
            plugin = entry.load()
            if not isinstance(plugin, DriverPlugin):
                raise TypeError("the entry point is not a DriverPlugin")
            if plugin.manifest.id != entry.name:
                raise ValueError(f"manifest id {plugin.manifest.id!r} != entry point name")
        except Exception as error:  # a broken plugin must not take the kiosk down
            log.warning("driver plugin %s failed to load: %s", entry.name, error)
            failures.append(
                LoadFailure(entry.name, entry.value, f"{type(error).__name__}: {error}")
            )
            continue
        drivers[entry.name] = plugin
        origins[entry.name] = _distribution(entry)
    return DriverRegistry(drivers, failures, origins)


def command_entry_points() -> list[EntryPoint]:
    return sorted(entry_points(group=COMMAND_GROUP), key=lambda e: e.name)
