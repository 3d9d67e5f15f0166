"""Contec pulse-oximeter protocol V7 driver (``contec-v7``, reference/devices.md §10.2).

Importing this package imports only the manifest; the parser, the I/O session (pyserial) and
the simulator are imported when first asked for, so ``kiosk drivers list`` stays cheap.
"""

from __future__ import annotations

from drivers.contec_v7.manifest import MANIFEST
from kiosk.device_api import DeviceSession, DriverManifest, Parser, Simulator


class ContecV7Plugin:
    """The :class:`~kiosk.device_api.DriverPlugin` registered under ``kiosk.drivers``."""

    def __init__(self) -> None:
        self.manifest: DriverManifest = MANIFEST

    def create_parser(self, *, waveform: bool = False, device_name: str | None = None) -> Parser:
        """A fresh parser; V7 has no per-model quirks, so ``device_name`` is not used."""
        from drivers.contec_v7.parser import ContecV7Parser

        return ContecV7Parser(waveform=waveform)

    def open_session(self, port: str) -> DeviceSession:
        from drivers.contec_v7.io import open_session

        return open_session(port)

    def start_simulator(self, scenario: str = "normal", **options: object) -> Simulator:
        """Start one; options: seed, device_id, spo2, pulse, pi, stream_timeout, link_path."""
        from drivers.contec_v7.simulator import ContecV7Simulator

        simulator = ContecV7Simulator.from_options(scenario, options)
        simulator.start()
        return simulator


plugin = ContecV7Plugin()

__all__ = ["MANIFEST", "ContecV7Plugin", "plugin"]
