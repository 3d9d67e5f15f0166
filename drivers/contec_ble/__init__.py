"""Contec CMS50D-BT oximeters (``contec-ble``, reference/devices.md §9).

Importing this package imports only the manifest; the parser, the BLE session (bleak) and the
simulator (bumble) are imported when first asked for.
"""

from __future__ import annotations

from drivers.contec_ble.manifest import MANIFEST
from drivers.plugin import LazyDriverPlugin

plugin = LazyDriverPlugin(
    MANIFEST,
    parser="drivers.contec_ble.parser:create_parser",
    session="drivers.contec_ble.io:open_session",
    simulator="drivers.contec_ble.simulator:ContecBleSimulator",
)

__all__ = ["MANIFEST", "plugin"]
