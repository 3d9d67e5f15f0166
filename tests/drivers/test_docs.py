"""docs/drivers.md documents every manifest field and every technician tool."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from kiosk.cli.driver_commands import drivers
from kiosk.device_api import DriverManifest, SerialFraming, UsbMatcher

DOC = (Path(__file__).resolve().parents[2] / "docs" / "drivers.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "field",
    [
        f.name
        for cls in (DriverManifest, SerialFraming, UsbMatcher)
        for f in dataclasses.fields(cls)
    ],
)
def test_every_manifest_field_is_documented(field: str) -> None:
    assert f"`{field}`" in DOC, f"docs/drivers.md does not document {field}"


@pytest.mark.parametrize("command", sorted(drivers.commands))
def test_every_drivers_command_is_documented(command: str) -> None:
    assert f"kiosk drivers {command}" in DOC
