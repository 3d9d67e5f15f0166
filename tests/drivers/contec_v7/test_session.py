"""The contec-v7 session against its simulator over a real pseudo-terminal.

Exercises drivers/serial_session.py and drivers/pty_simulator.py end to end, as
reference/devices.md §17 and test-peers.md §c describe: readings and identity, the
finger-out and garbage scenarios, unplug and replug through a stable symlink, a port that
is not there yet, the keep-alive, and pyserial URLs. Nothing may be left behind: the
autouse fixture checks threads and file descriptors after every test.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from drivers.contec_v7 import plugin
from drivers.contec_v7.io import open_session
from drivers.contec_v7.manifest import MANIFEST
from drivers.contec_v7.parser import (
    ASK_DEVICE_ID,
    KEEP_ALIVE,
    START_REALTIME,
    ContecV7Parser,
    command,
    encode_packet,
)
from drivers.contec_v7.simulator import ContecV7Simulator
from drivers.serial_session import PORT_UNAVAILABLE, UNPLUGGED, KeepAlive, SerialSession
from kiosk.device_api import (
    ConnectionState,
    DeviceSession,
    DeviceStatus,
    DriverPlugin,
    SerialFraming,
    Simulator,
)
from kiosk.domain import DeviceIdentity, Measurement
from tests.drivers.pty_session import nothing_left_behind

SEED = 1234
FRAMING = MANIFEST.serial or SerialFraming(115200)
TORN = bytes.fromhex("01 A8 C6 D8 83 8A E0 D2 80")  # PR 138, SpO2 96: never sent whole


@pytest.fixture(autouse=True)
def no_leaks() -> Iterator[None]:
    with nothing_left_behind():
        yield


@pytest.fixture
def simulators() -> Iterator[Callable[..., ContecV7Simulator]]:
    started: list[ContecV7Simulator] = []

    def start(scenario: str = "normal", **options: Any) -> ContecV7Simulator:
        simulator = ContecV7Simulator(scenario, seed=SEED, **options)
        started.append(simulator)
        simulator.start()
        return simulator

    yield start
    for simulator in started:
        simulator.stop()


class Recorder:
    """Collects what a session reports, and waits for conditions on it."""

    def __init__(self) -> None:
        self.readings: list[tuple[Measurement, DeviceIdentity]] = []
        self.statuses: list[DeviceStatus] = []

    def on_measurement(self, measurement: Measurement, identity: DeviceIdentity) -> None:
        self.readings.append((measurement, identity))

    def of_type(self, kind: str) -> list[Measurement]:
        return [m for m, _ in self.readings if m.type == kind]

    async def until(self, condition: Callable[[], bool], timeout: float = 5.0) -> float:
        start = time.monotonic()
        while not condition():
            if time.monotonic() - start > timeout:
                raise AssertionError(f"timed out; statuses: {self.statuses}")
            await asyncio.sleep(0.01)
        return time.monotonic() - start


Body = Callable[[Recorder], Awaitable[None]]


async def watch_session(session: DeviceSession, body: Body) -> Recorder:
    """Run ``session`` while ``body`` watches it, then cancel it the way the runtime will."""
    recorder = Recorder()
    task = asyncio.create_task(session.run(recorder.on_measurement, recorder.statuses.append))
    try:
        await asyncio.wait_for(body(recorder), timeout=10)
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    assert task.cancelled()  # run() never ended by itself, never raised
    return recorder


def run_session(session: DeviceSession, body: Body) -> Recorder:
    return asyncio.run(watch_session(session, body))


def test_plugin_starts_a_simulator_and_opens_a_session() -> None:
    assert isinstance(plugin, DriverPlugin)
    simulator: Simulator = plugin.start_simulator("normal", seed=SEED, device_id="OX1")
    try:

        async def body(rec: Recorder) -> None:
            await rec.until(lambda: len(rec.of_type("spo2")) >= 5)

        recorder = run_session(plugin.open_session(simulator.port), body)
    finally:
        simulator.stop()
        simulator.stop()  # idempotent
    assert recorder.readings[-1][1].key == "contec-v7-OX1"


def test_normal_readings_and_identity(simulators: Callable[..., ContecV7Simulator]) -> None:
    simulator = simulators()

    async def body(rec: Recorder) -> None:
        await rec.until(lambda: len(rec.of_type("pulse_rate")) >= 30)

    recorder = run_session(open_session(simulator.port), body)
    assert {m.value for m in recorder.of_type("spo2")} <= {96, 97, 98}
    assert {m.value for m in recorder.of_type("pulse_rate")} <= set(range(70, 75))
    assert not recorder.of_type("perfusion_index")  # the real device sends PI invalid
    assert all(m.flags == () and len(m.raw) == 9 for m, _ in recorder.readings)
    identity = recorder.readings[-1][1]
    assert identity == DeviceIdentity(
        "contec-v7", "contec-v7-KIOSK01", "Contec", None, "KIOSK01", simulator.port
    )
    states = [s.state for s in recorder.statuses]
    assert states[:2] == [ConnectionState.CONNECTING, ConnectionState.CONNECTED]
    assert recorder.statuses[-1].identity == identity
    assert ConnectionState.DISCONNECTED not in states


def test_options_choose_what_the_device_reports(
    simulators: Callable[..., ContecV7Simulator],
) -> None:
    simulator = simulators(spo2=88, pulse=131, pi=1.5, device_id="OX-7")

    async def body(rec: Recorder) -> None:
        await rec.until(lambda: len(rec.of_type("perfusion_index")) >= 10)

    recorder = run_session(open_session(simulator.port), body)
    assert {m.value for m in recorder.of_type("spo2")} <= {87, 88, 89}
    assert {m.value for m in recorder.of_type("pulse_rate")} <= set(range(129, 134))
    assert {m.value for m in recorder.of_type("perfusion_index")} == {1.5}
    assert any("low-spo2" in m.flags for m in recorder.of_type("spo2"))
    assert recorder.readings[-1][1].serial == "OX-7"


def test_finger_out_gives_status_and_no_values(
    simulators: Callable[..., ContecV7Simulator],
) -> None:
    simulator = simulators("finger-out")

    async def body(rec: Recorder) -> None:
        await rec.until(lambda: len(rec.of_type("status")) >= 30)

    recorder = run_session(open_session(simulator.port), body)
    assert {m.type for m, _ in recorder.readings} == {"status"}
    assert {m.flags for m in recorder.of_type("status")} == {("finger-out",)}


def test_garbage_yields_only_valid_readings(simulators: Callable[..., ContecV7Simulator]) -> None:
    simulator = simulators("garbage")

    async def body(rec: Recorder) -> None:
        await rec.until(lambda: len(rec.readings) >= 200)

    recorder = run_session(open_session(simulator.port), body)
    assert {m.type for m, _ in recorder.readings} == {"spo2", "pulse_rate"}
    for measurement, _ in recorder.readings:
        assert measurement in ContecV7Parser().feed(measurement.raw)  # a whole, genuine packet
    assert {m.value for m in recorder.of_type("spo2")} <= {96, 97, 98}
    assert {m.value for m in recorder.of_type("pulse_rate")} <= set(range(70, 75))


def unplug_and_replug_body(
    simulator: ContecV7Simulator, timings: dict[str, float], outage: float = 1.3
) -> Body:
    async def body(rec: Recorder) -> None:
        await rec.until(lambda: len(rec.of_type("spo2")) >= 10)
        # Half a frame goes out just before the line dies; its other half leads the new pty.
        await asyncio.to_thread(simulator.unplug, TORN[:4])
        await rec.until(lambda: rec.statuses[-1].state is ConnectionState.DISCONNECTED)
        before = len(rec.readings)
        await asyncio.sleep(outage)  # > 1 s: a failed retry, and the reason stays "unplugged"
        await asyncio.to_thread(simulator.replug, TORN[4:])
        timings["reconnect"] = await rec.until(
            lambda: rec.statuses[-1].state is ConnectionState.CONNECTED
        )
        await rec.until(lambda: len(rec.readings) >= before + 20)

    return body


def test_unplug_then_replug_through_the_symlink(
    simulators: Callable[..., ContecV7Simulator], tmp_path: Path
) -> None:
    simulator = simulators(link_path=tmp_path / "ttyCONTEC")
    timings: dict[str, float] = {}
    recorder = run_session(open_session(simulator.port), unplug_and_replug_body(simulator, timings))
    assert simulator.port == str(tmp_path / "ttyCONTEC")
    assert os.readlink(simulator.port) == simulator.tty
    disconnected = [s for s in recorder.statuses if s.state is ConnectionState.DISCONNECTED]
    assert [s.reason for s in disconnected] == [UNPLUGGED]
    assert timings["reconnect"] < 5.0
    assert [s.state for s in recorder.statuses][-1] is ConnectionState.CONNECTED
    assert recorder.readings[-1][1].key == "contec-v7-KIOSK01"
    assert 138 not in {m.value for m in recorder.of_type("pulse_rate")}  # no spliced frame
    assert all(m.raw != TORN for m, _ in recorder.readings)


def test_control_a_kept_parser_would_splice_the_torn_frame(
    simulators: Callable[..., ContecV7Simulator], tmp_path: Path
) -> None:
    """Shows the test above can fail: with parser state kept across the unplug, it does."""
    simulator = simulators(link_path=tmp_path / "ttyCONTEC")
    kept = ContecV7Parser()
    session = SerialSession(
        driver_id="contec-v7",
        port=simulator.port,
        framing=FRAMING,
        parser_factory=lambda: kept,
        on_connect=command(ASK_DEVICE_ID) + command(START_REALTIME),
        retry_interval=0.2,
    )
    recorder = run_session(session, unplug_and_replug_body(simulator, {}, outage=0.1))
    assert any(m.raw == TORN for m, _ in recorder.readings)


def test_port_not_there_yet_then_plugged_in(
    simulators: Callable[..., ContecV7Simulator], tmp_path: Path
) -> None:
    link = tmp_path / "ttyLATER"

    async def body(rec: Recorder) -> None:
        await rec.until(lambda: any(s.reason == PORT_UNAVAILABLE for s in rec.statuses))
        await asyncio.sleep(1.2)  # a retry or two, which must not be reported again
        await asyncio.to_thread(simulators, link_path=link)
        await rec.until(lambda: len(rec.of_type("spo2")) >= 5)

    recorder = run_session(open_session(str(link)), body)
    assert [(s.state, s.reason) for s in recorder.statuses][:3] == [
        (ConnectionState.CONNECTING, None),
        (ConnectionState.DISCONNECTED, PORT_UNAVAILABLE),
        (ConnectionState.CONNECTED, None),
    ]
    assert recorder.statuses[0].identity is not None
    assert recorder.statuses[0].identity.key == f"contec-v7-port-{link}"


def test_keep_alive_keeps_the_stream_going(simulators: Callable[..., ContecV7Simulator]) -> None:
    kept_alive = simulators(stream_timeout=0.6)
    left_alone = simulators(stream_timeout=0.6)

    def session(port: str, keep_alive: KeepAlive | None) -> SerialSession[ContecV7Parser]:
        return SerialSession(
            driver_id="contec-v7",
            port=port,
            framing=FRAMING,
            parser_factory=ContecV7Parser,
            on_connect=command(START_REALTIME),
            keep_alive=keep_alive,
        )

    async def watch(rec: Recorder) -> None:
        await asyncio.sleep(1.0)
        rec.readings.clear()
        await asyncio.sleep(0.5)

    async def both() -> tuple[Recorder, Recorder]:
        alive = KeepAlive(0.2, command(KEEP_ALIVE))
        return await asyncio.gather(
            watch_session(session(kept_alive.port, alive), watch),
            watch_session(session(left_alone.port, None), watch),
        )

    with_keep_alive, without = asyncio.run(both())
    assert len(with_keep_alive.readings) > 20
    assert without.readings == []  # the device stopped ~0.6 s after the start command


def test_serial_url_loop_and_cancellation() -> None:
    """``loop://`` echoes the connect bytes back: a pyserial URL works like a device path."""
    frame = encode_packet(0x01, bytes([0x06, 0x2A, 0x15, 72, 98, 0xFF, 0xFF]))
    session = SerialSession(
        driver_id="contec-v7",
        port="loop://",
        framing=FRAMING,
        parser_factory=ContecV7Parser,
        on_connect=frame,
    )

    async def body(rec: Recorder) -> None:
        await rec.until(lambda: len(rec.readings) == 2)

    recorder = run_session(session, body)
    assert [(m.type, m.value) for m, _ in recorder.readings] == [("spo2", 98), ("pulse_rate", 72)]
    assert recorder.readings[0][1].key == "contec-v7-port-loop://"
