"""The hl7-mllp session against its TCP simulator (devices.md §13, test-peers.md §c).

The session connects to ``socket://127.0.0.1:PORT`` through pyserial, like a serial port:
results arrive as ``lab`` readings and the simulator receives ``MSA|AA|<MSH-10>`` for every
message; a mangled message is answered AR and resent; when the connection drops, the session
reports it, reconnects within 5 s and reads nothing from the half message. The CLI replays
captures. Nothing may be left behind (threads, file descriptors).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from drivers.hl7_mllp import plugin
from drivers.hl7_mllp.io import open_session, replies
from drivers.hl7_mllp.manifest import MANIFEST
from drivers.hl7_mllp.parser import Hl7Parser
from drivers.hl7_mllp.simulator import Hl7Simulator
from drivers.serial_session import UNPLUGGED, SerialSession
from kiosk.cli import cli
from kiosk.device_api import ConnectionState, DriverPlugin
from tests.drivers import pty_session
from tests.drivers.hl7_mllp.test_parser import VECTORS, expected
from tests.drivers.pty_session import (  # noqa: F401 (no_leaks: an autouse fixture)
    Body,
    Recorder,
    no_leaks,
    resend_after_unplug_body,
    simulator_pool,
)

MESSAGE = [("GLU", 5.4, "mmol/L", ()), ("HGB", 12.7, "g/dL", ()), ("ALT", 61, "U/L", ("high",))]


@pytest.fixture
def simulators() -> Iterator[Callable[..., Hl7Simulator]]:
    with simulator_pool(partial(Hl7Simulator, seed=99, pause=0.05)) as start:
        yield start


def run_session(port: str, body: Body) -> Recorder:
    session = open_session(port, retry_interval=0.2)
    return pty_session.run_session(session, body, timeout=20, until_timeout=8.0)


def values(recorder: Recorder) -> list[tuple[Any, ...]]:
    return [(m.code, m.value, m.unit, m.flags) for m, _ in recorder.readings]


def test_plugin_is_a_driver_plugin_and_starts_its_simulator() -> None:
    assert isinstance(plugin, DriverPlugin)
    simulator = plugin.start_simulator("normal", seed=1, pause=0.05)
    try:
        assert simulator.port.startswith("socket://127.0.0.1:")

        async def body(rec: Recorder) -> None:
            await rec.until(lambda: len(rec.readings) >= 3)

        recorder = run_session(simulator.port, body)
    finally:
        simulator.stop()
        simulator.stop()
    assert values(recorder)[:3] == MESSAGE


def test_normal_results_arrive_and_the_analyzer_gets_acks(
    simulators: Callable[..., Hl7Simulator],
) -> None:
    simulator = simulators()

    async def body(rec: Recorder) -> None:
        await rec.until(lambda: simulator.delivered >= 3)

    recorder = run_session(simulator.port, body)
    assert values(recorder)[:9] == MESSAGE * 3
    assert recorder.readings[0][0].time == "2024-03-01T10:12:00"
    assert simulator.acks[:3] == [("AA", "1"), ("AA", "2"), ("AA", "3")]
    assert recorder.readings[0][1].key == f"hl7-mllp-port-{simulator.port}"


def test_mangled_message_is_rejected_then_resent(simulators: Callable[..., Hl7Simulator]) -> None:
    simulator = simulators("artefact")

    async def body(rec: Recorder) -> None:
        await rec.until(lambda: simulator.delivered >= 2)

    recorder = run_session(simulator.port, body)
    assert simulator.acks[:4] == [("AR", ""), ("AA", "1"), ("AR", ""), ("AA", "2")]
    assert values(recorder)[:6] == MESSAGE * 2  # each result once


@pytest.mark.parametrize("scenario", ["trickle", "burst", "garbage", "qc"])
def test_scenarios_decode(simulators: Callable[..., Hl7Simulator], scenario: str) -> None:
    simulator = simulators(scenario)

    async def body(rec: Recorder) -> None:
        await rec.until(lambda: simulator.delivered >= 3, timeout=15)

    recorder = run_session(simulator.port, body)
    flags = ("quality-control",) if scenario == "qc" else ()
    assert values(recorder)[:9] == [(c, v, u, f + flags) for c, v, u, f in MESSAGE] * 3
    assert [code for code, _ in simulator.acks] == ["AA"] * len(simulator.acks)


def test_connection_drop_then_reconnect(simulators: Callable[..., Hl7Simulator]) -> None:
    simulator = simulators("unplug", outage=1.2)
    timings: dict[str, float] = {}

    body = resend_after_unplug_body(lambda: simulator.delivered, timings)
    recorder = run_session(simulator.port, body)
    disconnected = [s for s in recorder.statuses if s.state is ConnectionState.DISCONNECTED]
    assert [s.reason for s in disconnected] == [UNPLUGGED]
    assert timings["reconnect"] < 5.0
    assert values(recorder)[:9] == MESSAGE * 3  # the half message gave nothing


def replay(path: Path) -> Any:
    return CliRunner().invoke(cli, ["drivers", "replay", "hl7-mllp", str(path), "--json"])


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_cli_replay_hex_capture(tmp_path: Path, vector: dict[str, Any]) -> None:
    capture = tmp_path / "capture.hex"
    capture.write_text(f"# {vector['name']}\n{vector['hex']}\n")
    result = replay(capture)
    assert result.exit_code == 0, result.output
    assert [json.loads(line) for line in result.stdout.splitlines()] == expected(vector)


def test_cli_replay_bin_and_garbage(tmp_path: Path) -> None:
    capture = tmp_path / "capture.bin"
    capture.write_bytes(b"".join(bytes.fromhex(v["hex"]) for v in VECTORS))
    result = replay(capture)
    assert result.exit_code == 0, result.output
    assert [json.loads(x) for x in result.stdout.splitlines()] == [
        r for v in VECTORS for r in expected(v)
    ]
    garbage = tmp_path / "garbage.bin"
    garbage.write_bytes(bytes(range(256)) * 8)
    result = replay(garbage)
    assert result.exit_code == 0 and result.stdout == ""


def test_serial_url_path_with_loop() -> None:
    """``loop://`` echoes: the message decodes, and the echoed ACK is not answered again."""
    assert MANIFEST.serial is not None
    session = SerialSession(
        driver_id="hl7-mllp",
        port="loop://",
        framing=MANIFEST.serial,
        parser_factory=Hl7Parser,
        responder=replies,
        on_connect=bytes.fromhex(VECTORS[0]["hex"]),
    )

    async def body(recorder: Recorder) -> None:
        await recorder.until(lambda: len(recorder.readings) == 1)
        await asyncio.sleep(0.3)  # an ACK ping-pong would show up as errors or readings

    recorder = pty_session.run_session(session, body, timeout=20, until_timeout=8.0)
    assert [m.to_json() for m, _ in recorder.readings] == expected(VECTORS[0])
