"""BCI 5-byte oximeter stream driver (``bci``, reference/devices.md §10.1).

Importing this package imports only the manifest; the parser, the I/O session (pyserial) and
the simulator are imported when first asked for.
"""

from __future__ import annotations

from drivers.bci.manifest import MANIFEST
from drivers.plugin import LazyDriverPlugin

plugin = LazyDriverPlugin(
    MANIFEST,
    parser="drivers.bci.parser:create_parser",
    session="drivers.bci.io:open_session",
    simulator="drivers.bci.simulator:BciSimulator",
)

__all__ = ["MANIFEST", "plugin"]
