"""Laboratory analyzers speaking ASTM E1381 / E1394 (driver ``astm``, reference/devices.md §12).

Our own implementation (no maintained Python ASTM library exists). Importing this package
imports only the manifest; the parser, the I/O session (pyserial) and the simulator are
imported when first asked for.
"""

from __future__ import annotations

from drivers.astm.manifest import MANIFEST
from drivers.plugin import LazyDriverPlugin

plugin = LazyDriverPlugin(
    MANIFEST,
    parser="drivers.astm.parser:create_parser",
    session="drivers.astm.io:open_session",
    simulator="drivers.astm.simulator:AstmSimulator",
)

__all__ = ["MANIFEST", "plugin"]
