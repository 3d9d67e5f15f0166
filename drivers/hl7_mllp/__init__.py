"""Laboratory analyzers speaking HL7 v2 ORU^R01 over MLLP (driver ``hl7-mllp``,
reference/devices.md §13), on TCP (``socket://HOST:PORT``) or a serial port.

Importing this package imports only the manifest; the parser (and the ``hl7`` library), the
I/O session (pyserial) and the simulator are imported when first asked for.
"""

from __future__ import annotations

from drivers.hl7_mllp.manifest import MANIFEST
from drivers.plugin import LazyDriverPlugin

plugin = LazyDriverPlugin(
    MANIFEST,
    parser="drivers.hl7_mllp.parser:create_parser",
    session="drivers.hl7_mllp.io:open_session",
    simulator="drivers.hl7_mllp.simulator:Hl7Simulator",
)

__all__ = ["MANIFEST", "plugin"]
