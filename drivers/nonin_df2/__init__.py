"""Nonin Data Format #2 driver (``nonin-df2``, reference/devices.md §10.3).

Importing this package imports only the manifest; the parser, the I/O session (pyserial) and
the simulator are imported when first asked for.
"""

from __future__ import annotations

from drivers.nonin_df2.manifest import MANIFEST
from drivers.plugin import LazyDriverPlugin

plugin = LazyDriverPlugin(
    MANIFEST,
    parser="drivers.nonin_df2.parser:create_parser",
    session="drivers.nonin_df2.io:open_session",
    simulator="drivers.nonin_df2.simulator:Df2Simulator",
)

__all__ = ["MANIFEST", "plugin"]
