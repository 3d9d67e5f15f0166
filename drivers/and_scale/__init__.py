"""A&D weighing scale driver (``and-scale``, reference/devices.md §11).

Importing this package imports only the manifest; the parser, the I/O session (pyserial) and
the simulator are imported when first asked for.
"""

from __future__ import annotations

from drivers.and_scale.manifest import MANIFEST
from drivers.plugin import LazyDriverPlugin

plugin = LazyDriverPlugin(
    MANIFEST,
    parser="drivers.and_scale.parser:create_parser",
    session="drivers.and_scale.io:open_session",
    simulator="drivers.and_scale.simulator:AndScaleSimulator",
)

__all__ = ["MANIFEST", "plugin"]
