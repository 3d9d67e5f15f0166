"""Bluetooth LE thermometers (``ble-thermometer``, reference/devices.md §4).

Importing this package imports only the manifest; the parser, the BLE session (bleak) and the
simulator (bumble) are imported when first asked for.
"""

from __future__ import annotations

from drivers.ble_thermometer.manifest import MANIFEST
from drivers.plugin import LazyDriverPlugin

plugin = LazyDriverPlugin(
    MANIFEST,
    parser="drivers.ble_thermometer.parser:create_parser",
    session="drivers.ble_thermometer.io:open_session",
    simulator="drivers.ble_thermometer.simulator:ThermometerSimulator",
)

__all__ = ["MANIFEST", "plugin"]
