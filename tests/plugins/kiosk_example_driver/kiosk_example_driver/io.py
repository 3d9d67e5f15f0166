"""The I/O part: the kiosk's reusable serial session, sending the start command on connect."""

from __future__ import annotations

from drivers.serial_session import SerialSession
from kiosk_example_driver.manifest import MANIFEST
from kiosk_example_driver.parser import START, ThermometerParser


def open_session(port: str) -> SerialSession[ThermometerParser]:
    assert MANIFEST.serial is not None
    return SerialSession(
        driver_id=MANIFEST.id,
        port=port,
        framing=MANIFEST.serial,
        parser_factory=ThermometerParser,
        on_connect=START,
        manufacturer="Example",
    )
