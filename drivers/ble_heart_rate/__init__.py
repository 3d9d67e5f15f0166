"""Bluetooth LE heart-rate sensors (``ble-heart-rate``, reference/devices.md §8).

Importing this package imports only the manifest; the parser, the BLE session (bleak) and the
simulator (bumble) are imported when first asked for.
"""

from __future__ import annotations

from drivers.ble_heart_rate.manifest import MANIFEST
from drivers.plugin import LazyDriverPlugin

plugin = LazyDriverPlugin(
    MANIFEST,
    parser="drivers.ble_heart_rate.parser:create_parser",
    session="drivers.ble_heart_rate.io:open_session",
    simulator="drivers.ble_heart_rate.simulator:HeartRateSimulator",
)

__all__ = ["MANIFEST", "plugin"]
