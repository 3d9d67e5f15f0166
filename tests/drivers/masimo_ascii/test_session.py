"""The masimo-ascii session against its simulator over a real pseudo-terminal.

As devices.md §17 and test-peers.md §c describe: every scenario of the manifest on a real pty
(the simulator runs faster than the device's line per second through its ``interval``
option), unplug and replug through a stable symlink, and the line parameters checked at the
pyserial level, never against a pty. The shared recorder and autouse fixture of
tests/drivers/pty_session.py (no thread, no file descriptor left behind) are used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from drivers import serial_session
from drivers.masimo_ascii import plugin
from drivers.masimo_ascii.io import open_session
from drivers.masimo_ascii.manifest import MANIFEST
from drivers.masimo_ascii.parser import MasimoAsciiParser, decode_line
from drivers.masimo_ascii.simulator import MasimoSimulator
from drivers.serial_session import UNPLUGGED, SerialSession, open_port
from kiosk.device_api import ConnectionState, DeviceSession, DriverPlugin, SerialFraming
from kiosk.domain import Measurement
from tests.drivers import pty_session
from tests.drivers.pty_session import (  # noqa: F401 (no_leaks: an autouse fixture)
    Body,
    Recorder,
    no_leaks,
    simulator_pool,
)

SEED = 1234
FAST = 0.05  # seconds per line instead of the device's 1 s


@pytest.fixture
def simulators() -> Iterator[Callable[..., MasimoSimulator]]:
    with simulator_pool(partial(MasimoSimulator, seed=SEED, interval=FAST)) as start:
        yield start


def run_session(session: DeviceSession, body: Body) -> Recorder:
    return pty_session.run_session(session, body, timeout=10.0)  # as the contec-v7 tests


def collect(port: str, enough: Callable[[Recorder], bool]) -> Recorder:
    return pty_session.collect(open_session(port), enough, timeout=10.0)


def genuine(measurement: Measurement) -> bool:
    """The reading is exactly what its raw line decodes to on its own (a whole line)."""
    return measurement in decode_line(measurement.raw)[0]


def test_plugin_starts_a_simulator_and_opens_a_session() -> None:
    assert isinstance(plugin, DriverPlugin)
    simulator = plugin.start_simulator("normal", seed=SEED, interval=FAST, serial="77")
    try:
        recorder = collect(simulator.port, lambda rec: len(rec.of_type("spo2")) >= 3)
    finally:
        simulator.stop()
    assert recorder.readings[-1][1].key == "masimo-ascii-77"
    with pytest.raises(ValueError):
        plugin.start_simulator("finger-out")


def test_normal_readings_time_and_identity(simulators: Callable[..., MasimoSimulator]) -> None:
    simulator = simulators()
    recorder = collect(simulator.port, lambda rec: len(rec.of_type("perfusion_index")) >= 10)
    assert {m.value for m in recorder.of_type("spo2")} <= {96, 97, 98}
    assert {m.value for m in recorder.of_type("pulse_rate")} <= set(range(70, 75))
    assert all(2.0 <= float(m.value or 0) <= 2.3 for m in recorder.of_type("perfusion_index"))
    assert all(m.flags == () and genuine(m) for m, _ in recorder.readings)
    times = [str(m.time) for m in recorder.of_type("spo2")]
    assert times == sorted(times) and times[0].startswith("2024-06-03T10:15:")
    assert recorder.readings[-1][1].key == "masimo-ascii-0000012345"
    assert recorder.readings[-1][1].manufacturer == "Masimo"
    states = [s.state for s in recorder.statuses]
    assert states[:2] == [ConnectionState.CONNECTING, ConnectionState.CONNECTED]
    assert ConnectionState.DISCONNECTED not in states


def test_radical7_lines_keep_the_port_identity(simulators: Callable[..., MasimoSimulator]) -> None:
    simulator = simulators(model="radical-7", spo2=91, pulse=110, pi=0.8)
    recorder = collect(simulator.port, lambda rec: len(rec.of_type("perfusion_index")) >= 5)
    assert {m.value for m in recorder.of_type("spo2")} <= {90, 91, 92}
    assert recorder.readings[-1][1].key == f"masimo-ascii-port-{simulator.port}"  # SN dashes


def test_no_sensor_gives_status_and_no_values(simulators: Callable[..., MasimoSimulator]) -> None:
    simulator = simulators("no-sensor")
    recorder = collect(simulator.port, lambda rec: len(rec.readings) >= 10)
    assert {m.type for m, _ in recorder.readings} == {"status"}
    assert {m.flags for m, _ in recorder.readings} == {("no-sensor", "sensor-off")}


def test_artefact_flags_ride_on_values_or_a_status(
    simulators: Callable[..., MasimoSimulator],
) -> None:
    simulator = simulators("artefact")
    recorder = collect(simulator.port, lambda rec: len(rec.readings) >= 60)
    flags = {flag for m, _ in recorder.readings for flag in m.flags}
    assert flags == {"interference", "low-signal-iq"}
    assert all(m.flags for m, _ in recorder.readings)
    assert recorder.of_type("status") and recorder.of_type("spo2")


def test_garbage_yields_only_genuine_readings(simulators: Callable[..., MasimoSimulator]) -> None:
    simulator = simulators("garbage")
    recorder = collect(simulator.port, lambda rec: len(rec.of_type("spo2")) >= 25)
    assert {m.type for m, _ in recorder.readings} == {"spo2", "pulse_rate", "perfusion_index"}
    assert all(genuine(m) for m, _ in recorder.readings)
    assert {m.value for m in recorder.of_type("spo2")} <= {96, 97, 98}


@pytest.mark.parametrize("scenario", ["trickle", "burst"])
def test_trickle_and_burst_decode_like_normal(
    simulators: Callable[..., MasimoSimulator], scenario: str
) -> None:
    simulator = simulators(scenario)
    recorder = collect(simulator.port, lambda rec: len(rec.of_type("spo2")) >= 6)
    assert all(m.flags == () and genuine(m) for m, _ in recorder.readings)
    assert {m.value for m in recorder.of_type("spo2")} <= {96, 97, 98}
    seconds = [int(str(m.time)[-2:]) for m in recorder.of_type("spo2")]
    assert seconds[:6] == list(range(seconds[0], seconds[0] + 6))  # no line lost


def test_unplug_scenario_disconnects_then_reconnects_within_5_s(
    simulators: Callable[..., MasimoSimulator], tmp_path: Path
) -> None:
    link = tmp_path / "ttyMASIMO"
    simulators("unplug", link_path=link, unplug_every=5, unplug_for=1.3)
    timings: dict[str, float] = {}

    async def body(rec: Recorder) -> None:
        await rec.until(lambda: rec.statuses[-1].state is ConnectionState.DISCONNECTED)
        timings["reconnect"] = await rec.until(
            lambda: rec.statuses[-1].state is ConnectionState.CONNECTED
        )
        before = len(rec.readings)
        await rec.until(lambda: len(rec.readings) >= before + 9)

    recorder = run_session(open_session(str(link), retry_interval=0.5), body)
    assert timings["reconnect"] < 5.0
    disconnected = [s for s in recorder.statuses if s.state is ConnectionState.DISCONNECTED]
    assert disconnected and {s.reason for s in disconnected} == {UNPLUGGED}
    assert all(genuine(m) for m, _ in recorder.readings)  # no partial line decoded
    assert len({m.raw for m, _ in recorder.readings}) >= 8


def test_framing_is_9600_8n1_at_the_pyserial_level(monkeypatch: pytest.MonkeyPatch) -> None:
    port = open_port("loop://", MANIFEST.serial or SerialFraming(0), 0.1)
    try:
        assert (port.baudrate, port.bytesize, port.parity, port.stopbits) == (9600, 8, "N", 1)
        assert not port.xonxoff and not port.rtscts
    finally:
        port.close()
    seen: list[SerialFraming] = []

    def spy(url: str, framing: SerialFraming, timeout: float) -> Any:
        seen.append(framing)
        return open_port(url, framing, timeout)

    monkeypatch.setattr(serial_session, "open_port", spy)
    line = b"06/03/24 10:15:02 SN=42 SPO2=096% BPM=081 EXC=000800\r\n"
    session = SerialSession(
        driver_id="masimo-ascii",
        port="loop://",
        framing=open_session("loop://").framing,
        parser_factory=MasimoAsciiParser,
        on_connect=line,
    )

    async def body(rec: Recorder) -> None:
        await rec.until(lambda: len(rec.readings) == 2)

    recorder = run_session(session, body)
    assert seen == [MANIFEST.serial]
    assert [(m.type, m.value) for m, _ in recorder.readings] == [("spo2", 96), ("pulse_rate", 81)]
