"""Bluetooth LE scales (``ble-scale``, reference/devices.md §6).

Importing this package imports only the manifest; the parser, the BLE session (bleak) and the
simulator (bumble) are imported when first asked for.
"""

from __future__ import annotations

from drivers.ble_scale.manifest import MANIFEST
from drivers.plugin import LazyDriverPlugin

plugin = LazyDriverPlugin(
    MANIFEST,
    parser="drivers.ble_scale.parser:create_parser",
    session="drivers.ble_scale.io:open_session",
    simulator="drivers.ble_scale.simulator:ScaleSimulator",
)

__all__ = ["MANIFEST", "plugin"]
