"""Every scenario of the contec-v7 simulator through the real session over a real pty.

reference/devices.md §17 and issue 4: artefact flags, byte-by-byte trickle, bursts after a
pause, and an unplug cycle behind a stable symlink with a reconnect within 5 s and no partial
reading. Each reading must be genuine: exactly what its own raw packet decodes to.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from drivers.contec_v7.io import open_session
from drivers.contec_v7.manifest import MANIFEST
from drivers.contec_v7.parser import ContecV7Parser
from drivers.contec_v7.simulator import ContecV7Simulator
from drivers.serial_session import UNPLUGGED
from kiosk.device_api import ConnectionState
from kiosk.domain import Measurement
from tests.drivers.contec_v7.test_session import (  # noqa: F401 (an autouse fixture)
    Recorder,
    no_leaks,
    run_session,
)
from tests.drivers.pty_session import run_session as run_long_session
from tests.drivers.pty_session import unplug_replug_body

SEED = 99


@pytest.fixture
def simulators() -> Iterator[Callable[..., ContecV7Simulator]]:
    started: list[ContecV7Simulator] = []

    def start(scenario: str, **options: Any) -> ContecV7Simulator:
        simulator = ContecV7Simulator(scenario, seed=SEED, **options)
        started.append(simulator)
        simulator.start()
        return simulator

    yield start
    for simulator in started:
        simulator.stop()


def genuine(measurement: Measurement) -> bool:
    return measurement in ContecV7Parser().feed(measurement.raw)


def test_manifest_lists_every_scenario() -> None:
    assert set(MANIFEST.scenarios) == {
        "normal", "artefact", "finger-out", "unplug", "garbage", "trickle", "burst"
    }  # fmt: skip
    for scenario in MANIFEST.scenarios:
        ContecV7Simulator(scenario, seed=1).stop()  # each one can be built


def test_artefact_gives_flags_and_jittery_values(
    simulators: Callable[..., ContecV7Simulator],
) -> None:
    simulator = simulators("artefact")

    async def body(rec: Recorder) -> None:
        await rec.until(lambda: len(rec.readings) >= 300)

    recorder = run_session(open_session(simulator.port), body)
    readings = [m for m, _ in recorder.readings]
    assert all(genuine(m) for m in readings)
    assert any("searching" in m.flags for m in readings)
    assert any(m.type == "status" and m.flags for m in readings)  # values invalid, reason kept
    assert len({m.value for m in recorder.of_type("pulse_rate")}) >= 5
    assert not recorder.of_type("perfusion_index")


def test_trickle_byte_by_byte_decodes_whole_packets(
    simulators: Callable[..., ContecV7Simulator],
) -> None:
    simulator = simulators("trickle")

    async def body(rec: Recorder) -> None:
        await rec.until(lambda: len(rec.of_type("spo2")) >= 8, timeout=8.0)

    recorder = run_session(open_session(simulator.port), body)
    assert {m.type for m, _ in recorder.readings} == {"spo2", "pulse_rate"}
    assert all(genuine(m) and m.flags == () for m, _ in recorder.readings)
    assert recorder.readings[-1][1].serial == "KIOSK01"


def test_burst_delivers_many_frames_at_once(simulators: Callable[..., ContecV7Simulator]) -> None:
    simulator = simulators("burst", burst_pause=0.8)
    jumps: list[int] = []

    async def body(rec: Recorder) -> None:
        seen, start = 0, time.monotonic()
        while time.monotonic() - start < 3.0:
            await asyncio.sleep(0.01)
            jumps.append(len(rec.readings) - seen)
            seen = len(rec.readings)

    recorder = run_session(open_session(simulator.port), body)
    assert all(genuine(m) for m, _ in recorder.readings)
    assert max(jumps) >= 60  # ~48 frames (96 readings) arrive within one 10 ms poll
    assert sum(1 for jump in jumps if jump) <= 10  # and the line is silent in between


def test_garbage_never_forms_a_stored_or_false_packet(
    simulators: Callable[..., ContecV7Simulator],
) -> None:
    simulator = simulators("garbage")

    async def body(rec: Recorder) -> None:
        await rec.until(lambda: len(rec.readings) >= 300)

    recorder = run_session(open_session(simulator.port), body)
    assert all(genuine(m) and m.flags == () and m.raw[0] == 0x01 for m, _ in recorder.readings)


def test_unplug_cycle_reconnects_within_5_s_without_partial_readings(
    simulators: Callable[..., ContecV7Simulator],
) -> None:
    simulator = simulators("unplug", unplug_after=1.0, unplug_for=0.8)
    timings: dict[str, float] = {}
    session = open_session(simulator.port, retry_interval=0.3)
    recorder = run_long_session(session, unplug_replug_body(timings))
    assert timings["reconnect"] < 5.0
    disconnected = [s for s in recorder.statuses if s.state is ConnectionState.DISCONNECTED]
    assert disconnected and {s.reason for s in disconnected} == {UNPLUGGED}
    assert recorder.statuses[-1].state is ConnectionState.CONNECTED
    assert all(genuine(m) and len(m.raw) == 9 for m, _ in recorder.readings)
    assert recorder.readings[-1][1].key == "contec-v7-KIOSK01"
    assert simulator.clock is not None  # set again on the new connection
