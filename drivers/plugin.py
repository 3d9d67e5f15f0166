"""One :class:`~kiosk.device_api.DriverPlugin` implementation for every built-in driver.

A driver folder declares its manifest and where its parts live; the parts are imported only
when first used, so importing a driver package imports only its manifest (``kiosk drivers
list`` stays cheap and works without pyserial or bleak being importable).
"""

from __future__ import annotations

import importlib
import inspect
from typing import Any

from kiosk.device_api import DeviceSession, DriverManifest, Parser, Simulator


def _load(target: str) -> Any:
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


class LazyDriverPlugin:
    """``parser``, ``session`` and ``simulator`` are ``"module:attribute"`` strings:

    - ``parser``: a callable ``(waveform=..., device_name=...) -> Parser``;
    - ``session``: a callable ``(port) -> DeviceSession``;
    - ``simulator``: a class with ``from_options(scenario, options) -> Simulator``.
    """

    def __init__(
        self, manifest: DriverManifest, *, parser: str, session: str, simulator: str
    ) -> None:
        self.manifest = manifest
        self._parser, self._session, self._simulator = parser, session, simulator

    def create_parser(self, *, waveform: bool = False, device_name: str | None = None) -> Parser:
        parser: Parser = _load(self._parser)(waveform=waveform, device_name=device_name)
        return parser

    def open_session(self, port: str, *, waveform: bool = False) -> DeviceSession:
        factory = _load(self._session)
        if waveform and "waveform" in inspect.signature(factory).parameters:
            session: DeviceSession = factory(port, waveform=True)
        else:
            session = factory(port)
        return session

    def start_simulator(self, scenario: str = "normal", **options: object) -> Simulator:
        if scenario not in self.manifest.scenarios:
            raise ValueError(f"{self.manifest.id} has no scenario {scenario!r}")
        simulator: Simulator = _load(self._simulator).from_options(scenario, options)
        simulator.start()
        return simulator
