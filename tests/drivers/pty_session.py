"""Helpers for session tests over a real pty (test-peers.md §c): run a driver's
:class:`~kiosk.device_api.DeviceSession` while a test body watches what it reports, and
check that nothing (threads, file descriptors) is left behind."""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import Any, Protocol, TypeVar

import pytest

from kiosk.device_api import ConnectionState, DeviceSession, DeviceStatus
from kiosk.domain import DeviceIdentity, Measurement


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


@contextlib.contextmanager
def nothing_left_behind(grace: float = 5.0) -> Iterator[None]:
    """Fail if the block leaves a thread running or a file descriptor open.

    Threads end and ports close a little after a session is cancelled (more so on a loaded
    machine), so both are given ``grace`` seconds before the verdict; fewer descriptors than
    before is fine (something from an earlier test closed meanwhile).
    """
    threads, fds = set(threading.enumerate()), open_fds()
    yield
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and (
        set(threading.enumerate()) - threads or open_fds() > fds
    ):
        time.sleep(0.01)
    assert not set(threading.enumerate()) - threads
    assert open_fds() <= fds, describe_fds()


def describe_fds() -> dict[str, str]:
    """What each open descriptor points at (to name a leak in the failure message)."""
    found = {}
    for name in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):
            found[name] = os.readlink(f"/proc/self/fd/{name}")
    return found


@pytest.fixture(autouse=True)
def no_leaks() -> Iterator[None]:
    """Autouse in every test module that imports it: nothing left behind by any test."""
    with nothing_left_behind():
        yield


class _Startable(Protocol):
    def start(self) -> object: ...
    def stop(self) -> None: ...


S = TypeVar("S", bound=_Startable)


@contextlib.contextmanager
def simulator_pool(make: Callable[..., S]) -> Iterator[Callable[..., S]]:
    """For a ``simulators`` fixture: ``start(scenario="normal", **options)`` starts
    ``make(scenario, **options)``; every simulator started is stopped at the end."""
    started: list[S] = []

    def start(scenario: str = "normal", **options: Any) -> S:
        simulator = make(scenario, **options)
        started.append(simulator)
        simulator.start()
        return simulator

    yield start
    for simulator in started:
        simulator.stop()


class Recorder:
    """Collects what a session reports, and waits (``timeout`` seconds by default) for
    conditions on it."""

    def __init__(self, timeout: float = 5.0) -> None:
        self.timeout = timeout
        self.readings: list[tuple[Measurement, DeviceIdentity]] = []
        self.statuses: list[DeviceStatus] = []

    def on_measurement(self, measurement: Measurement, identity: DeviceIdentity) -> None:
        self.readings.append((measurement, identity))

    def of_type(self, kind: str) -> list[Measurement]:
        return [m for m, _ in self.readings if m.type == kind]

    def state(self) -> ConnectionState | None:
        return self.statuses[-1].state if self.statuses else None

    async def until(self, condition: Callable[[], bool], timeout: float | None = None) -> float:
        timeout = self.timeout if timeout is None else timeout
        start = time.monotonic()
        while not condition():
            if time.monotonic() - start > timeout:
                raise AssertionError(f"timed out; statuses: {self.statuses}")
            await asyncio.sleep(0.01)
        return time.monotonic() - start


Body = Callable[[Recorder], Awaitable[None]]


async def watch_session(
    session: DeviceSession, body: Body, timeout: float = 15.0, until_timeout: float = 5.0
) -> Recorder:
    """Run ``session`` while ``body`` watches it (for at most ``timeout`` seconds; its
    ``until`` waits ``until_timeout`` by default), then cancel it the way the runtime will."""
    recorder = Recorder(until_timeout)
    task = asyncio.create_task(session.run(recorder.on_measurement, recorder.statuses.append))
    try:
        await asyncio.wait_for(body(recorder), timeout=timeout)
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    assert task.cancelled()  # run() never ended by itself, never raised
    return recorder


def run_session(
    session: DeviceSession, body: Body, timeout: float = 15.0, until_timeout: float = 5.0
) -> Recorder:
    return asyncio.run(watch_session(session, body, timeout, until_timeout))


def collect(
    session: DeviceSession, enough: Callable[[Recorder], bool], timeout: float = 15.0
) -> Recorder:
    """Run ``session`` until ``enough(recorder)`` (within the recorder's default wait)."""

    async def body(rec: Recorder) -> None:
        await rec.until(lambda: enough(rec))

    return run_session(session, body, timeout)


def unplug_replug_body(
    timings: dict[str, float], readings_after: int = 20, readings_before: int = 10
) -> Body:
    """For a simulator in the ``unplug`` scenario: wait for data, the unplug, the replug."""

    async def body(rec: Recorder) -> None:
        await rec.until(lambda: len(rec.readings) >= readings_before)
        await rec.until(lambda: rec.state() is ConnectionState.DISCONNECTED, timeout=6.0)
        timings["unplugged_at"] = len(rec.readings)
        timings["reconnect"] = await rec.until(
            lambda: rec.state() is ConnectionState.CONNECTED, timeout=6.0
        )
        before = len(rec.readings)
        await rec.until(lambda: len(rec.readings) >= before + readings_after)

    return body


def resend_after_unplug_body(delivered: Callable[[], int], timings: dict[str, float]) -> Body:
    """For a simulator that counts messages ``delivered``: one message, the unplug, the
    reconnection (its time in ``timings["reconnect"]``), then two more messages."""

    async def body(rec: Recorder) -> None:
        await rec.until(lambda: delivered() >= 1)
        await rec.until(lambda: rec.state() is ConnectionState.DISCONNECTED)
        timings["reconnect"] = await rec.until(lambda: rec.state() is ConnectionState.CONNECTED)
        await rec.until(lambda: delivered() >= 3)

    return body
