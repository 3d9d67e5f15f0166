"""The astm session against its simulator over a real pseudo-terminal (devices.md §12, §17).

The analyzer simulator drives the E1381 handshake; the session must answer it (the
SerialSession ``responder`` hook): results arrive as ``lab`` readings and the simulator
receives the ACKs; a frame with a bad checksum is NAKed and resent and counted once; an
unplug in the middle of a frame leaves no partial reading and the session reconnects within
5 s. The CLI replays captures. Nothing may be left behind (threads, file descriptors).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from drivers.astm import plugin
from drivers.astm.io import open_session
from drivers.astm.lowlevel import ACK, NAK
from drivers.astm.simulator import AstmSimulator
from drivers.serial_session import UNPLUGGED
from kiosk.cli import cli
from kiosk.device_api import ConnectionState, DriverPlugin
from tests.drivers import pty_session
from tests.drivers.astm.test_parser import DER, TWO_FRAMES, VECTORS, expected
from tests.drivers.pty_session import (  # noqa: F401 (no_leaks: an autouse fixture)
    Body,
    Recorder,
    no_leaks,
    resend_after_unplug_body,
    simulator_pool,
)

NORMAL_CODES = ["GLU", "HB", "WBC", "ALT", "HbA1c", "123/"]


@pytest.fixture
def simulators() -> Iterator[Callable[..., AstmSimulator]]:
    with simulator_pool(partial(AstmSimulator, seed=1234, pause=0.05)) as start:
        yield start


def run_session(port: str, body: Body) -> Recorder:
    session = open_session(port, retry_interval=0.2)
    return pty_session.run_session(session, body, timeout=20, until_timeout=8.0)


def codes(recorder: Recorder) -> list[str | None]:
    return [m.code for m, _ in recorder.readings]


def test_plugin_is_a_driver_plugin_and_starts_its_simulator() -> None:
    assert isinstance(plugin, DriverPlugin)
    simulator = plugin.start_simulator("normal", seed=1, pause=0.05)
    try:

        async def body(rec: Recorder) -> None:
            await rec.until(lambda: len(rec.readings) >= 6)

        recorder = run_session(simulator.port, body)
    finally:
        simulator.stop()
        simulator.stop()
    assert codes(recorder)[:6] == NORMAL_CODES


def test_normal_results_arrive_and_the_analyzer_gets_acks(
    simulators: Callable[..., AstmSimulator],
) -> None:
    simulator = simulators()

    async def body(rec: Recorder) -> None:
        await rec.until(lambda: simulator.delivered >= 2)

    recorder = run_session(simulator.port, body)
    assert codes(recorder)[:12] == NORMAL_CODES * 2
    first = [m for m, _ in recorder.readings[:6]]
    assert [(m.value, m.unit, m.flags) for m in first] == [
        (5.4, "mmol/L", ()),
        (12.7, "g/dL", ()),
        (6.5, "10*3/uL", ()),
        (61, "U/L", ("high",)),
        (5.1, "%", ()),
        (0.8, "1", ("low",)),
    ]
    assert {m.time for m in first} == {"2024-03-01T10:12:00"}
    # ENQ + 10 frames (numbered 1…7, 0, 1, 2) per message, every one ACKed, none NAKed
    assert simulator.naks == 0 and simulator.acks >= 2 * 11
    assert recorder.readings[0][1].key == "astm-port-" + simulator.port


def test_bad_checksum_is_naked_resent_and_counted_once(
    simulators: Callable[..., AstmSimulator],
) -> None:
    simulator = simulators("artefact")

    async def body(rec: Recorder) -> None:
        await rec.until(lambda: simulator.delivered >= 2)

    recorder = run_session(simulator.port, body)
    assert simulator.naks >= 2  # one per message: the spoilt copy of its first R frame
    assert codes(recorder)[:12] == NORMAL_CODES * 2  # each result once, none lost


@pytest.mark.parametrize("scenario", ["trickle", "burst", "garbage", "qc"])
def test_scenarios_decode(simulators: Callable[..., AstmSimulator], scenario: str) -> None:
    simulator = simulators(scenario)

    async def body(rec: Recorder) -> None:
        await rec.until(lambda: simulator.delivered >= 2, timeout=15)

    recorder = run_session(simulator.port, body)
    if scenario == "burst":
        assert codes(recorder)[:80] == [f"T{i:02d}" for i in range(40)] * 2
    else:
        assert codes(recorder)[:12] == NORMAL_CODES * 2
    if scenario == "qc":
        assert all("quality-control" in m.flags for m, _ in recorder.readings)
    else:
        assert not any("quality-control" in m.flags for m, _ in recorder.readings)
    if scenario == "garbage":
        assert simulator.naks > 0  # corrupted copies were refused and resent


def test_no_sensor_results_give_no_reading(simulators: Callable[..., AstmSimulator]) -> None:
    simulator = simulators("no-sensor")

    async def body(rec: Recorder) -> None:
        await rec.until(lambda: simulator.delivered >= 2)

    recorder = run_session(simulator.port, body)
    assert recorder.readings == [] and simulator.acks > 0


def test_unplug_mid_frame_then_replug(
    simulators: Callable[..., AstmSimulator], tmp_path: Path
) -> None:
    simulator = simulators("unplug", link_path=tmp_path / "ttyASTM", outage=1.2)
    timings: dict[str, float] = {}

    body = resend_after_unplug_body(lambda: simulator.delivered, timings)
    recorder = run_session(simulator.port, body)
    disconnected = [s for s in recorder.statuses if s.state is ConnectionState.DISCONNECTED]
    assert [s.reason for s in disconnected] == [UNPLUGGED]
    assert timings["reconnect"] < 5.0
    # the cut message is resent whole; nothing was read from the half frame
    assert codes(recorder)[:18] == NORMAL_CODES * 3


# -- the technician's replay ----------------------------------------------------------------


def replay(path: Path) -> Any:
    return CliRunner().invoke(cli, ["drivers", "replay", "astm", str(path), "--json"])


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_cli_replay_hex_capture(tmp_path: Path, vector: dict[str, Any]) -> None:
    capture = tmp_path / "capture.hex"
    capture.write_text(f"# {vector['name']}\n{vector['hex']}\n")
    result = replay(capture)
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines == expected(vector)


def test_cli_replay_bin_capture_with_handshake_and_resend(tmp_path: Path) -> None:
    capture = tmp_path / "capture.bin"
    spoilt = DER[:-4] + b"00\r\n"
    capture.write_bytes(bytes([0x05]) + spoilt + DER + bytes([0x04, 0x05]) + TWO_FRAMES)
    result = replay(capture)
    assert result.exit_code == 0, result.output
    assert [json.loads(line) for line in result.stdout.splitlines()] == expected(VECTORS[3]) * 2


def test_cli_replay_garbage_capture_exits_cleanly(tmp_path: Path) -> None:
    capture = tmp_path / "garbage.bin"
    capture.write_bytes(bytes(range(256)) * 8)
    result = replay(capture)
    assert result.exit_code == 0 and result.stdout == ""
    bad = tmp_path / "bad.hex"
    bad.write_text("02 31 zz\n")
    result = replay(bad)
    assert result.exit_code != 0 and len(result.output.strip().splitlines()) <= 1
    assert "Traceback" not in result.output


def test_acks_are_real_bytes_on_the_pty(simulators: Callable[..., AstmSimulator]) -> None:
    simulator = simulators()

    async def body(rec: Recorder) -> None:
        await rec.until(lambda: simulator.delivered >= 1)

    run_session(simulator.port, body)
    assert set(simulator.received) <= {ACK, NAK} and ACK in simulator.received
