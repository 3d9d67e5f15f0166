"""The bci session against its simulator over a real pseudo-terminal (devices.md §17,
test-peers.md §c): every scenario of the manifest, unplug → replug through the stable symlink
with no partial reading, and nothing left behind (threads, file descriptors)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from functools import partial

import pytest

from drivers.bci import plugin
from drivers.bci.io import open_session
from drivers.bci.manifest import CMS50D_PLUS_FRAMING, MANIFEST
from drivers.bci.parser import BciParser
from drivers.bci.simulator import BciSimulator
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
Start = Callable[..., BciSimulator]


@pytest.fixture
def simulators() -> Iterator[Start]:
    with simulator_pool(partial(BciSimulator, seed=SEED)) as start:
        yield start


def genuine(recorder: Recorder) -> bool:
    """Every reading comes from one whole packet that decodes to it on its own."""
    return all(len(m.raw) == 5 and m in BciParser().feed(m.raw) for m, _ in recorder.readings)


def collect(simulator: Simulator, enough: Callable[[Recorder], bool]) -> Recorder:
    return pty_session.collect(open_session(simulator.port), enough)


def test_plugin_starts_a_simulator_and_opens_a_session() -> None:
    assert isinstance(plugin, DriverPlugin)
    simulator = plugin.start_simulator("normal", seed=SEED, rate=100)
    port = simulator.port
    try:
        recorder = collect(simulator, lambda r: len(r.of_type("spo2")) >= 5)
    finally:
        simulator.stop()
        simulator.stop()  # idempotent
    assert recorder.readings[-1][1].key == f"bci-port-{port}"
    with pytest.raises(ValueError):
        plugin.start_simulator("no-such-scenario")


def test_normal_readings(simulators: Start) -> None:
    recorder = collect(simulators(), lambda r: len(r.of_type("pulse_rate")) >= 60)
    assert {m.value for m in recorder.of_type("spo2")} <= {96, 97, 98}
    assert {m.value for m in recorder.of_type("pulse_rate")} <= set(range(70, 75))
    assert {m.type for m, _ in recorder.readings} == {"spo2", "pulse_rate"}
    assert all(m.flags == () for m, _ in recorder.readings) and genuine(recorder)
    states = [s.state for s in recorder.statuses]
    assert states[:2] == [ConnectionState.CONNECTING, ConnectionState.CONNECTED]
    assert ConnectionState.DISCONNECTED not in states


def test_finger_out_gives_status_and_no_values(simulators: Start) -> None:
    recorder = collect(simulators("finger-out"), lambda r: len(r.readings) >= 30)
    assert {m.type for m, _ in recorder.readings} == {"status"}
    assert {m.flags for m, _ in recorder.readings} == {("finger-out",)}


def test_artefact_flags_searching_and_drops_invalid_values(simulators: Start) -> None:
    recorder = collect(simulators("artefact"), lambda r: len(r.of_type("status")) >= 3)
    assert any("searching" in m.flags for m, _ in recorder.readings)
    assert all(1 <= m.value <= 100 for m in recorder.of_type("spo2"))  # type: ignore[operator]
    assert genuine(recorder)


def test_garbage_yields_only_genuine_readings(simulators: Start) -> None:
    recorder = collect(simulators("garbage"), lambda r: len(r.readings) >= 200)
    assert {m.type for m, _ in recorder.readings} == {"spo2", "pulse_rate"}
    assert {m.value for m in recorder.of_type("spo2")} <= {96, 97, 98}
    assert genuine(recorder)


def test_trickle_byte_by_byte(simulators: Start) -> None:
    recorder = collect(simulators("trickle"), lambda r: len(r.readings) >= 40)
    assert {m.value for m in recorder.of_type("pulse_rate")} <= set(range(70, 75))
    assert genuine(recorder)


def test_burst_after_a_pause(simulators: Start) -> None:
    simulator = simulators("burst", rate=100)
    started = time.monotonic()
    recorder = collect(simulator, lambda r: len(r.readings) >= 200)
    assert time.monotonic() - started >= 1.5  # nothing came during the pause
    assert len(recorder.readings) >= 200 and genuine(recorder)


def test_unplug_then_replug_within_5_s_and_no_partial_reading(simulators: Start) -> None:
    simulator = simulators("unplug", unplug_after=1.0, unplug_for=0.5)
    timings: dict[str, float] = {}
    recorder = run_session(open_session(simulator.port), unplug_replug_body(timings))
    disconnected = [s for s in recorder.statuses if s.state is ConnectionState.DISCONNECTED]
    assert disconnected and disconnected[0].reason == UNPLUGGED
    assert timings["reconnect"] - simulator.unplug_for < 5.0
    assert recorder.state() is ConnectionState.CONNECTED
    assert genuine(recorder)  # the torn packet across the unplug never became a reading


def test_cms50d_plus_framing_is_documented() -> None:
    assert MANIFEST.serial is not None and MANIFEST.serial.baudrate == 4800
    assert (CMS50D_PLUS_FRAMING.baudrate, CMS50D_PLUS_FRAMING.parity) == (19200, "O")
    assert CMS50D_PLUS_FRAMING.xonxoff
    assert set(MANIFEST.scenarios) >= {"normal", "finger-out", "unplug", "trickle", "burst"}
