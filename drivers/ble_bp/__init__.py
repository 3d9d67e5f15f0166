"""Bluetooth LE blood-pressure monitors (``ble-bp``, reference/devices.md §3).

Importing this package imports only the manifest; the parser, the BLE session (bleak) and the
simulator (bumble) are imported when first asked for.
"""

from __future__ import annotations

from drivers.ble_bp.manifest import MANIFEST
from drivers.plugin import LazyDriverPlugin

plugin = LazyDriverPlugin(
    MANIFEST,
    parser="drivers.ble_bp.parser:create_parser",
    session="drivers.ble_bp.io:open_session",
    simulator="drivers.ble_bp.simulator:BleBpSimulator",
)

__all__ = ["MANIFEST", "plugin"]
