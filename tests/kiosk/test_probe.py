"""``kiosk drivers probe``: which driver decodes the device on a port, generic over the plugin
API (each driver's own session: framing, handshake, keep-alive). Drivers are reached through
entry points; ``KIOSK_DRIVERS`` keeps the runs short and independent of other drivers."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import Iterator

import pytest
from click.testing import CliRunner

from kiosk import probe
from kiosk.cli import cli
from kiosk.device_api import DriverManifest, Simulator, Transport
from kiosk.hotplug import PortInfo
from kiosk.plugins import load_drivers

CP2102 = (0x10C4, 0xEA60)


@pytest.fixture
def oximeter() -> Iterator[Simulator]:
    plugin = load_drivers().get("contec-v7")
    assert plugin is not None
    simulator = plugin.start_simulator("normal", seed=9)
    yield simulator
    simulator.stop()


def test_probe_names_the_driver_on_a_pty(
    oximeter: Simulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_DRIVERS", "contec-v7")
    result = CliRunner().invoke(
        cli, ["drivers", "probe", "--port", oximeter.port, "--seconds", "5", "--json"]
    )
    assert result.exit_code == 0, result.output
    (port,) = json.loads(result.stdout)["ports"]
    assert port["port"] == oximeter.port and port["driver"] == "contec-v7"
    assert port["confidence"] >= probe.ENOUGH
    assert port["attempts"][0]["types"] == ["pulse_rate", "spo2"]


def test_probe_scans_the_listed_ports_candidates_first(
    oximeter: Simulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_DRIVERS", "contec-v7")
    listed = [PortInfo(oximeter.port, *CP2102, "0001", description="CP2102")]
    monkeypatch.setattr("kiosk.cli.driver_commands.list_serial_ports", lambda: listed)
    result = CliRunner().invoke(cli, ["--lang", "en", "drivers", "probe", "--seconds", "5"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{oximeter.port}: contec-v7 (")
    assert "Probing 1 port(s)" in result.stderr


def test_probe_without_ports(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kiosk.cli.driver_commands.list_serial_ports", lambda: [])
    result = CliRunner().invoke(cli, ["--lang", "ru", "drivers", "probe", "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout) == {"ports": []}
    assert "порты не найдены" in result.stderr


def test_probe_a_port_that_does_not_open(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIOSK_DRIVERS", "contec-v7")
    with socket.create_server(("127.0.0.1", 0)) as server:
        url = f"rfc2217://127.0.0.1:{server.getsockname()[1]}"
    result = CliRunner().invoke(cli, ["--lang", "en", "drivers", "probe", "--port", url])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"{url}: the port does not open."


class SilentPlugin:
    """A serial driver whose session opens nothing and decodes nothing."""

    manifest = DriverManifest("aaa-silent", "silent", Transport.SERIAL)

    def open_session(self, port: str) -> SilentPlugin:
        return self

    async def run(self, on_measurement: object, on_status: object) -> None:
        await asyncio.sleep(3600)


def test_probe_order_tries_every_serial_driver_and_moves_on(oximeter: Simulator) -> None:
    drivers = dict(load_drivers().drivers)
    drivers["aaa-silent"] = SilentPlugin()  # type: ignore[assignment]
    info = PortInfo(oximeter.port, *CP2102)
    found, order = probe.probe_order(info, drivers, {})
    assert "contec-v7" in found and "aaa-silent" not in found
    assert order[: len(found)] == found and "aaa-silent" in order
    result = asyncio.run(
        probe.probe_port(oximeter.port, info, drivers, seconds=5, order=["aaa-silent", "contec-v7"])
    )
    assert [(a.driver, a.state) for a in result.attempts] == [
        ("aaa-silent", "silent"),
        ("contec-v7", "decoded"),
    ]
    assert result.driver == "contec-v7"
    assert result.to_json()["usb"] == "10c4:ea60"


def test_hot_plug_prober_tries_only_the_candidates(oximeter: Simulator) -> None:
    drivers = load_drivers().drivers
    prober = probe.hot_plug_prober(drivers, seconds=5)

    async def ask() -> str | None:
        return await prober(oximeter.port, ["contec-v7"])

    assert asyncio.run(ask()) == "contec-v7"
