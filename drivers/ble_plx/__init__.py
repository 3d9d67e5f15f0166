"""Bluetooth LE pulse oximeters (``ble-plx``, reference/devices.md §5).

Importing this package imports only the manifest; the parser, the BLE session (bleak) and the
simulator (bumble) are imported when first asked for.
"""

from __future__ import annotations

from drivers.ble_plx.manifest import MANIFEST
from drivers.plugin import LazyDriverPlugin

plugin = LazyDriverPlugin(
    MANIFEST,
    parser="drivers.ble_plx.parser:create_parser",
    session="drivers.ble_plx.io:open_session",
    simulator="drivers.ble_plx.simulator:PlxSimulator",
)

__all__ = ["MANIFEST", "plugin"]
