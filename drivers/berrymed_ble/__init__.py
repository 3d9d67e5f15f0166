"""BerryMed oximeters over Bluetooth LE (``berrymed-ble``, reference/devices.md §9).

Importing this package imports only the manifest; the parser, the BLE session (bleak) and the
simulator (bumble) are imported when first asked for.
"""

from __future__ import annotations

from drivers.berrymed_ble.manifest import MANIFEST
from drivers.plugin import LazyDriverPlugin

plugin = LazyDriverPlugin(
    MANIFEST,
    parser="drivers.berrymed_ble.parser:create_parser",
    session="drivers.berrymed_ble.io:open_session",
    simulator="drivers.berrymed_ble.simulator:BerryMedSimulator",
)

__all__ = ["MANIFEST", "plugin"]
