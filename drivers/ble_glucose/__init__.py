"""Bluetooth LE glucose meters (``ble-glucose``, reference/devices.md §7).

Importing this package imports only the manifest; the parser, the BLE session (bleak) and the
simulator (bumble) are imported when first asked for.
"""

from __future__ import annotations

from drivers.ble_glucose.manifest import MANIFEST
from drivers.plugin import LazyDriverPlugin

plugin = LazyDriverPlugin(
    MANIFEST,
    parser="drivers.ble_glucose.parser:create_parser",
    session="drivers.ble_glucose.io:open_session",
    simulator="drivers.ble_glucose.simulator:GlucoseSimulator",
)

__all__ = ["MANIFEST", "plugin"]
