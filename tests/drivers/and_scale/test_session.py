"""The and-scale session against its simulator over a real pseudo-terminal.

As devices.md §17 and test-peers.md §c describe: every scenario of the manifest on a real pty,
unplug and replug through a stable symlink, and the framing (2400 7-E-1 by default, a setting)
checked at the pyserial level with ``loop://`` and on what the session passes to
``open_port`` — never against a pty, which cannot do 7 data bits or parity. The shared
recorder and autouse fixture (nothing left behind) of tests/drivers/pty_session.py are used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from drivers import serial_session
from drivers.and_scale import plugin
from drivers.and_scale.io import FRAMING_VARIABLE, configured_framing, open_session, parse_framing
from drivers.and_scale.manifest import DEFAULT_FRAMING, MANIFEST
from drivers.and_scale.parser import AndScaleParser, decode_line
from drivers.and_scale.simulator import AndScaleSimulator
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
FAST = 0.02  # seconds per line instead of the stream's 0.2 s


@pytest.fixture
def simulators() -> Iterator[Callable[..., AndScaleSimulator]]:
    with simulator_pool(partial(AndScaleSimulator, seed=SEED, interval=FAST)) as start:
        yield start


def run_session(session: DeviceSession, body: Body) -> Recorder:
    return pty_session.run_session(session, body, timeout=10.0)  # as the contec-v7 tests


def collect(port: str, enough: Callable[[Recorder], bool]) -> Recorder:
    return pty_session.collect(open_session(port), enough, timeout=10.0)


def genuine(measurement: Measurement) -> bool:
    return measurement in decode_line(measurement.raw)


def stable(recorder: Recorder) -> list[Measurement]:
    return [m for m in recorder.of_type("body_weight") if not m.flags]


def test_plugin_starts_a_simulator_and_opens_a_session() -> None:
    assert isinstance(plugin, DriverPlugin)
    simulator = plugin.start_simulator("normal", seed=SEED, interval=FAST, weight=80.5)
    port = simulator.port
    try:
        recorder = collect(port, lambda rec: len(stable(rec)) >= 3)
    finally:
        simulator.stop()
    assert {m.value for m in stable(recorder)} == {80.5}
    assert recorder.readings[-1][1].key == f"and-scale-port-{port}"


@pytest.mark.parametrize(
    ("variant", "raw"),
    [
        ("standard", b"ST,+0072.450 kg"),
        ("comparator", b"ST,OK,+0072.450 kg"),
        ("ad4404", b"ST,NT,+0072.45kg"),
    ],
)
def test_a_weighing_cycle_in_each_variant(
    simulators: Callable[..., AndScaleSimulator], variant: str, raw: bytes
) -> None:
    simulator = simulators(variant=variant)
    recorder = collect(simulator.port, lambda rec: len(stable(rec)) >= 12)
    assert {(m.value, m.unit, m.raw) for m in stable(recorder)} == {(72.45, "kg", raw)}
    unstable = [m for m in recorder.of_type("body_weight") if m.flags]
    assert unstable and all(m.flags == ("unstable",) for m in unstable)
    assert all(0 < float(m.value or 0) < 72.45 for m in unstable)
    assert {m.type for m, _ in recorder.readings} == {"body_weight"}  # empty platform: nothing
    assert all(genuine(m) for m, _ in recorder.readings)


def test_print_mode_sends_one_line_per_weighing(
    simulators: Callable[..., AndScaleSimulator],
) -> None:
    simulator = simulators(mode="print")
    recorder = collect(simulator.port, lambda rec: len(rec.readings) >= 2)
    assert [(m.value, m.flags) for m, _ in recorder.readings][:2] == [(72.45, ())] * 2


def test_artefact_is_only_unstable(simulators: Callable[..., AndScaleSimulator]) -> None:
    simulator = simulators("artefact")
    recorder = collect(simulator.port, lambda rec: len(rec.readings) >= 30)
    assert {m.flags for m, _ in recorder.readings} == {("unstable",)}
    values = [float(m.value or 0) for m, _ in recorder.readings]
    assert all(0 < value <= 73.3 for value in values)  # wobbling, then stepping off
    assert sum(value >= 71.6 for value in values) > len(values) / 2


def test_overload_gives_status_and_no_weight(simulators: Callable[..., AndScaleSimulator]) -> None:
    simulator = simulators("overload")
    recorder = collect(simulator.port, lambda rec: len(rec.of_type("status")) >= 10)
    assert {m.flags for m in recorder.of_type("status")} == {("overload",)}
    assert not stable(recorder)  # only the stepping on/off lines, flagged unstable


@pytest.mark.parametrize("scenario", ["garbage", "trickle", "burst"])
def test_transport_scenarios_yield_only_genuine_readings(
    simulators: Callable[..., AndScaleSimulator], scenario: str
) -> None:
    simulator = simulators(scenario)
    recorder = collect(simulator.port, lambda rec: len(stable(rec)) >= 10)
    assert all(genuine(m) for m, _ in recorder.readings)
    assert {m.value for m in stable(recorder)} == {72.45}


def test_unplug_scenario_disconnects_then_reconnects_within_5_s(
    simulators: Callable[..., AndScaleSimulator], tmp_path: Path
) -> None:
    link = tmp_path / "ttySCALE"
    simulators("unplug", link_path=link, unplug_every=12, unplug_for=1.3)
    timings: dict[str, float] = {}

    async def body(rec: Recorder) -> None:
        await rec.until(lambda: rec.statuses[-1].state is ConnectionState.DISCONNECTED)
        timings["reconnect"] = await rec.until(
            lambda: rec.statuses[-1].state is ConnectionState.CONNECTED
        )
        before = len(rec.readings)
        await rec.until(lambda: len(rec.readings) >= before + 3)

    recorder = run_session(open_session(str(link), retry_interval=0.5), body)
    assert timings["reconnect"] < 5.0
    disconnected = [s for s in recorder.statuses if s.state is ConnectionState.DISCONNECTED]
    assert disconnected and {s.reason for s in disconnected} == {UNPLUGGED}
    assert all(genuine(m) for m, _ in recorder.readings)  # no partial line decoded


def test_default_framing_is_7e1_at_the_pyserial_level() -> None:
    assert MANIFEST.serial == DEFAULT_FRAMING == SerialFraming(2400, 7, "E", 1)
    port = open_port("loop://", DEFAULT_FRAMING, 0.1)
    try:
        assert (port.baudrate, port.bytesize, port.parity, port.stopbits) == (2400, 7, "E", 1)
        assert not port.xonxoff and not port.rtscts
    finally:
        port.close()


def test_framing_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(FRAMING_VARIABLE, raising=False)
    assert configured_framing() == DEFAULT_FRAMING
    monkeypatch.setenv(FRAMING_VARIABLE, "9600 8N1")
    assert configured_framing() == SerialFraming(9600, 8, "N", 1)
    assert configured_framing("4800 7o2 rtscts") == SerialFraming(4800, 7, "O", 2, rtscts=True)
    assert parse_framing("1200,8E1.5 xonxoff") == SerialFraming(1200, 8, "E", 1.5, xonxoff=True)
    assert configured_framing(DEFAULT_FRAMING) == DEFAULT_FRAMING
    for bad in ("", "fast", "9600 9N1", "9600 8X1", "9600 8N3"):
        with pytest.raises(ValueError):
            parse_framing(bad)


@pytest.mark.parametrize(
    ("setting", "framing"),
    [(None, DEFAULT_FRAMING), ("9600 8N1", SerialFraming(9600, 8, "N", 1))],
)
def test_the_session_opens_the_port_with_the_configured_framing(
    monkeypatch: pytest.MonkeyPatch, setting: str | None, framing: SerialFraming
) -> None:
    seen: list[tuple[int, int, str, float]] = []

    def spy(url: str, framing: SerialFraming, timeout: float) -> Any:
        port = open_port(url, framing, timeout)
        seen.append((port.baudrate, port.bytesize, port.parity, port.stopbits))
        return port

    monkeypatch.setattr(serial_session, "open_port", spy)
    session = SerialSession(
        driver_id="and-scale",
        port="loop://",
        framing=open_session("loop://", framing=setting).framing,
        parser_factory=AndScaleParser,
        on_connect=b"US,+0072.450 kg\r\nST,+0072.450 kg\r\n",
    )

    async def body(rec: Recorder) -> None:
        await rec.until(lambda: len(rec.readings) == 2)

    recorder = run_session(session, body)
    expected = (framing.baudrate, framing.bytesize, framing.parity, framing.stopbits)
    assert seen == [expected]
    assert [(m.value, m.flags) for m, _ in recorder.readings] == [
        (72.45, ("unstable",)),
        (72.45, ()),
    ]
