"""Masimo Rad-8 / Radical-7 ASCII serial driver (``masimo-ascii``, reference/devices.md §10.4).

Importing this package imports only the manifest; the parser, the I/O session (pyserial) and
the simulator are imported when first asked for.
"""

from __future__ import annotations

from drivers.masimo_ascii.manifest import MANIFEST
from drivers.plugin import LazyDriverPlugin

plugin = LazyDriverPlugin(
    MANIFEST,
    parser="drivers.masimo_ascii.parser:create_parser",
    session="drivers.masimo_ascii.io:open_session",
    simulator="drivers.masimo_ascii.simulator:MasimoSimulator",
)

__all__ = ["MANIFEST", "plugin"]
