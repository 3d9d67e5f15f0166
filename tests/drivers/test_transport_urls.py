"""pyserial URLs work like device paths: ``socket://`` to a serial device server (here a
TCP bridge to the contec-v7 simulator's pty), ``rfc2217://`` refused cleanly when the server
is not there. Serial parameters come from the manifest (``open_port``)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
from collections.abc import Iterator

import pytest
import serial
from click.testing import CliRunner

from drivers.contec_v7.io import open_session
from drivers.contec_v7.manifest import MANIFEST
from drivers.contec_v7.simulator import ContecV7Simulator
from drivers.serial_session import PORT_UNAVAILABLE, open_port
from kiosk.cli import cli
from kiosk.device_api import ConnectionState, DeviceStatus
from tests.drivers.tcp_bridge import TcpBridge

assert MANIFEST.serial is not None
FRAMING = MANIFEST.serial


@pytest.fixture
def bridge() -> Iterator[TcpBridge]:
    with (
        ContecV7Simulator(seed=5, device_id="NET01") as simulator,
        TcpBridge(simulator.tty) as running,
    ):
        yield running


def closed_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return int(probe.getsockname()[1])


def test_monitor_over_socket_url(bridge: TcpBridge) -> None:
    result = CliRunner().invoke(
        cli,
        ["drivers", "monitor", "contec-v7", "--port", bridge.url, "--json",
         "--count", "10", "--seconds", "10"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    readings = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(readings) == 10
    assert {r["type"] for r in readings} <= {"spo2", "pulse_rate"}
    assert {r["value"] for r in readings if r["type"] == "spo2"} <= {96, 97, 98}
    assert "connected" in result.stderr


def test_socket_url_session_learns_the_device_id(bridge: TcpBridge) -> None:
    seen: list[str | None] = []

    async def watch() -> None:
        done = asyncio.Event()

        def on_measurement(_: object, identity: object) -> None:
            seen.append(getattr(identity, "serial", None))
            if len(seen) >= 20:
                done.set()

        task = asyncio.create_task(open_session(bridge.url).run(on_measurement, lambda _: None))
        try:
            await asyncio.wait_for(done.wait(), timeout=10)
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    asyncio.run(watch())
    assert seen[-1] == "NET01"


def test_rfc2217_url_is_accepted_and_a_closed_server_is_a_clear_error() -> None:
    url = f"rfc2217://127.0.0.1:{closed_port()}"
    with pytest.raises(serial.SerialException) as caught:
        open_port(url, FRAMING, timeout=0.1)
    assert isinstance(caught.value, OSError)  # what SerialSession turns into a status
    assert "127.0.0.1" in str(caught.value) or "refused" in str(caught.value).lower()
    with pytest.raises(ValueError, match="not known"):
        open_port("nosuchscheme://x", FRAMING, timeout=0.1)


def test_session_on_a_closed_rfc2217_server_reports_port_unavailable() -> None:
    url = f"rfc2217://127.0.0.1:{closed_port()}"
    statuses: list[DeviceStatus] = []

    async def watch() -> None:
        task = asyncio.create_task(open_session(url).run(lambda *_: None, statuses.append))
        while not any(s.state is ConnectionState.DISCONNECTED for s in statuses):
            await asyncio.sleep(0.01)
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    asyncio.run(asyncio.wait_for(watch(), timeout=10))
    assert statuses[-1].reason == PORT_UNAVAILABLE and statuses[-1].port == url


def test_monitor_on_a_closed_rfc2217_server_is_one_clear_message() -> None:
    url = f"rfc2217://127.0.0.1:{closed_port()}"
    result = CliRunner().invoke(
        cli, ["drivers", "monitor", "contec-v7", "--port", url, "--count", "1", "--seconds", "1"]
    )
    assert result.exit_code == 1
    assert "Cannot open the device port" in result.stderr and url in result.stderr
    assert "Traceback" not in result.output
