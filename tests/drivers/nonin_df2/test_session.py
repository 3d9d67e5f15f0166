"""The nonin-df2 session against its simulator over a real pseudo-terminal (devices.md §17,
test-peers.md §c): every scenario of the manifest, unplug → replug through the stable symlink
with no partial reading, and nothing left behind (threads, file descriptors)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from functools import partial

import pytest

from drivers.nonin_df2 import plugin
from drivers.nonin_df2.io import open_session
from drivers.nonin_df2.parser import FRAME_SIZE
from drivers.nonin_df2.simulator import Df2Simulator
from drivers.serial_session import UNPLUGGED
from kiosk.device_api import ConnectionState, DriverPlugin, Simulator
from tests.drivers import pty_session
from tests.drivers.pty_session import (  # noqa: F401 (no_leaks: an autouse fixture)
    Recorder,
    no_leaks,
    run_session,
    simulator_pool,
    unplug_replug_body,
)

SEED = 4321
Start = Callable[..., Df2Simulator]


@pytest.fixture
def simulators() -> Iterator[Start]:
    with simulator_pool(partial(Df2Simulator, seed=SEED)) as start:
        yield start


def whole_frames(recorder: Recorder) -> bool:
    """Every reading's raw bytes are whole frames: ``01``, STATUS bit 7, a valid checksum."""
    for measurement, _ in recorder.readings:
        raw = measurement.raw
        frames = [raw[i : i + FRAME_SIZE] for i in range(0, len(raw), FRAME_SIZE)]
        if not raw or len(raw) % FRAME_SIZE:
            return False
        for frame in frames:
            if frame[0] != 1 or frame[1] < 0x80 or sum(frame[:4]) & 0xFF != frame[4]:
                return False
    return True


def collect(simulator: Simulator, enough: Callable[[Recorder], bool]) -> Recorder:
    return pty_session.collect(open_session(simulator.port), enough)


def test_plugin_starts_a_simulator_and_opens_a_session() -> None:
    assert isinstance(plugin, DriverPlugin)
    simulator = plugin.start_simulator("normal", seed=SEED, pulse=140)
    port = simulator.port
    try:
        recorder = collect(simulator, lambda r: len(r.of_type("pulse_rate")) >= 3)
    finally:
        simulator.stop()
        simulator.stop()  # idempotent
    assert {m.value for m in recorder.of_type("pulse_rate")} <= set(range(138, 143))
    assert recorder.readings[-1][1].key == f"nonin-df2-port-{port}"
    assert recorder.readings[-1][1].manufacturer == "Nonin"


def test_normal_readings(simulators: Start) -> None:
    recorder = collect(simulators(), lambda r: len(r.of_type("spo2")) >= 6)
    assert {m.value for m in recorder.of_type("spo2")} <= {96, 97, 98}
    assert {m.value for m in recorder.of_type("pulse_rate")} <= set(range(70, 75))
    assert {m.type for m, _ in recorder.readings} == {"spo2", "pulse_rate"}
    assert all(m.flags == () for m, _ in recorder.readings) and whole_frames(recorder)
    states = [s.state for s in recorder.statuses]
    assert states[:2] == [ConnectionState.CONNECTING, ConnectionState.CONNECTED]
    assert ConnectionState.DISCONNECTED not in states


def test_no_sensor_gives_status_and_no_values(simulators: Start) -> None:
    recorder = collect(simulators("no-sensor"), lambda r: len(r.readings) >= 4)
    assert {m.type for m, _ in recorder.readings} == {"status"}
    assert {m.flags for m, _ in recorder.readings} == {("no-sensor",)}


def test_artefact_bits_become_flags(simulators: Start) -> None:
    recorder = collect(simulators("artefact"), lambda r: len(r.readings) >= 20)
    flags = {flag for m, _ in recorder.readings for flag in m.flags}
    assert {"artifact", "low-perfusion"} <= flags
    assert all(0 <= m.value <= 100 for m in recorder.of_type("spo2"))  # type: ignore[operator]
    assert whole_frames(recorder)


def test_garbage_yields_only_whole_frames(simulators: Start) -> None:
    recorder = collect(simulators("garbage"), lambda r: len(r.readings) >= 10)
    assert {m.value for m in recorder.of_type("spo2")} <= {96, 97, 98}
    assert {m.value for m in recorder.of_type("pulse_rate")} <= set(range(70, 75))
    assert whole_frames(recorder)


def test_trickle_byte_by_byte(simulators: Start) -> None:
    recorder = collect(simulators("trickle"), lambda r: len(r.readings) >= 6)
    assert {m.value for m in recorder.of_type("spo2")} <= {96, 97, 98}
    assert whole_frames(recorder)


def test_burst_after_a_pause(simulators: Start) -> None:
    started = time.monotonic()
    recorder = collect(simulators("burst"), lambda r: len(r.readings) >= 8)
    assert time.monotonic() - started >= 1.5  # nothing came during the pause
    assert whole_frames(recorder)


def test_unplug_then_replug_within_5_s_and_no_partial_reading(simulators: Start) -> None:
    simulator = simulators("unplug", unplug_after=2.0, unplug_for=0.5)
    timings: dict[str, float] = {}
    recorder = run_session(open_session(simulator.port), unplug_replug_body(timings, 4, 2))
    disconnected = [s for s in recorder.statuses if s.state is ConnectionState.DISCONNECTED]
    assert disconnected and disconnected[0].reason == UNPLUGGED
    assert timings["reconnect"] - simulator.unplug_for < 5.0
    assert recorder.state() is ConnectionState.CONNECTED
    assert whole_frames(recorder)  # the torn frame across the unplug never became a reading
