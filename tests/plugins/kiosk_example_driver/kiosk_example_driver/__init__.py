"""An example third-party driver: ``example-thermometer``, an ASCII serial thermometer.

Built on the same model as the built-in drivers: a manifest (data), a pure incremental
parser, an I/O part (the kiosk's reusable serial session) and a simulator on a real
pseudo-terminal. Importing the package imports only the manifest.
"""

from __future__ import annotations

from drivers.plugin import LazyDriverPlugin
from kiosk_example_driver.manifest import MANIFEST

plugin = LazyDriverPlugin(
    MANIFEST,
    parser="kiosk_example_driver.parser:create_parser",
    session="kiosk_example_driver.io:open_session",
    simulator="kiosk_example_driver.simulator:ThermometerSimulator",
)

__all__ = ["MANIFEST", "plugin"]
