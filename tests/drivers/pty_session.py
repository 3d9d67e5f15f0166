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
    assert open_fds() <= fds


class Recorder:
    """Collects what a session reports, and waits for conditions on it."""

    def __init__(self) -> None:
        self.readings: list[tuple[Measurement, DeviceIdentity]] = []
        self.statuses: list[DeviceStatus] = []

    def on_measurement(self, measurement: Measurement, identity: DeviceIdentity) -> None:
        self.readings.append((measurement, identity))

    def of_type(self, kind: str) -> list[Measurement]:
        return [m for m, _ in self.readings if m.type == kind]

    def state(self) -> ConnectionState | None:
        return self.statuses[-1].state if self.statuses else None

    async def until(self, condition: Callable[[], bool], timeout: float = 5.0) -> float:
        start = time.monotonic()
        while not condition():
            if time.monotonic() - start > timeout:
                raise AssertionError(f"timed out; statuses: {self.statuses}")
            await asyncio.sleep(0.01)
        return time.monotonic() - start


Body = Callable[[Recorder], Awaitable[None]]


async def watch_session(session: DeviceSession, body: Body, timeout: float = 15.0) -> Recorder:
    """Run ``session`` while ``body`` watches it, then cancel it the way the runtime will."""
    recorder = Recorder()
    task = asyncio.create_task(session.run(recorder.on_measurement, recorder.statuses.append))
    try:
        await asyncio.wait_for(body(recorder), timeout=timeout)
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    assert task.cancelled()  # run() never ended by itself, never raised
    return recorder


def run_session(session: DeviceSession, body: Body, timeout: float = 15.0) -> Recorder:
    return asyncio.run(watch_session(session, body, timeout))


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
