"""Contec pulse-oximeter protocol V7 driver (``contec-v7``, reference/devices.md §10.2).

Importing this package imports only the manifest; the parser, the I/O session (pyserial) and
the simulator are imported when first asked for.
"""

from __future__ import annotations

from drivers.contec_v7.manifest import MANIFEST
from drivers.plugin import LazyDriverPlugin

plugin = LazyDriverPlugin(
    MANIFEST,
    parser="drivers.contec_v7.parser:create_parser",
    session="drivers.contec_v7.io:open_session",
    simulator="drivers.contec_v7.simulator:ContecV7Simulator",
)

__all__ = ["MANIFEST", "plugin"]
