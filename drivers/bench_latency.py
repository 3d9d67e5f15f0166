"""``kiosk bench latency``: p99 from a byte written to a pseudo-terminal to the reading event.

The real ``contec-v7`` :class:`~drivers.serial_session.SerialSession` runs on an asyncio loop
and reads a real pty, as on the kiosk. The benchmark plays the oximeter itself: a thread
writes one real-time frame every 1/60 s to the pty's master, noting the time just before
each write. Every frame is unique (its pulse and SpO2 encode a sequence number), so each
reading event is matched to its frame by ``Measurement.raw``; a frame's latency is the time
from its write to its first reading event. The baseline is the frame period (16.7 ms at
60 Hz): ``ratio`` says how much of one frame's time the pipeline takes. Goal: p99 ≤ 25 ms.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
import tty
from pathlib import Path

from drivers.contec_v7.io import open_session
from drivers.contec_v7.parser import REALTIME, encode_packet
from kiosk.bench import Benchmark, BenchResult, median, percentile
from kiosk.device_api import ConnectionState, DeviceStatus
from kiosk.domain import DeviceIdentity, Measurement

RATE_HZ = 60
FRAME_PERIOD_MS = 1000 / RATE_HZ
GOAL_MS = 25.0


def frame(sequence: int) -> bytes:
    """A valid, unique real-time frame: pulse 30-229 and SpO2 70-100 count the sequence."""
    pulse, spo2 = 30 + sequence % 200, 70 + (sequence // 200) % 31
    return encode_packet(REALTIME, bytes([0x06, 0x30, 0x15, pulse, spo2, 0xFF, 0xFF]))


def _play(master: int, frames: list[bytes], written: dict[bytes, float]) -> None:
    """Write ``frames`` at 60 Hz, timestamping each just before its write."""
    start = time.perf_counter()
    for index, data in enumerate(frames):
        delay = start + index / RATE_HZ - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        written[data] = time.perf_counter()
        os.write(master, data)
        with contextlib.suppress(BlockingIOError):
            os.read(master, 4096)  # the session's handshake and keep-alive


async def _measure(tty_path: str, master: int, frames: list[bytes]) -> dict[bytes, float]:
    written: dict[bytes, float] = {}
    latencies: dict[bytes, float] = {}
    connected = asyncio.Event()

    def on_measurement(measurement: Measurement, identity: DeviceIdentity) -> None:
        arrived = time.perf_counter()
        sent = written.get(measurement.raw)
        if sent is not None and measurement.raw not in latencies:
            latencies[measurement.raw] = (arrived - sent) * 1000

    def on_status(status: DeviceStatus) -> None:
        if status.state is ConnectionState.CONNECTED:
            connected.set()

    task = asyncio.create_task(open_session(tty_path).run(on_measurement, on_status))
    try:
        await asyncio.wait_for(connected.wait(), timeout=10)
        await asyncio.sleep(0.2)  # let the handshake go out before the stream starts
        await asyncio.to_thread(_play, master, frames, written)
        await asyncio.sleep(0.2)  # the last frames' readings
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    return latencies


def run(workdir: Path, quick: bool) -> BenchResult:
    seconds = 3 if quick else 20
    frames = [frame(i) for i in range(seconds * RATE_HZ)]
    master, slave = os.openpty()
    try:
        tty.setraw(slave)
        os.set_blocking(master, False)
        latencies = asyncio.run(_measure(os.ttyname(slave), master, frames))
    finally:
        os.close(master)
        os.close(slave)
    samples = list(latencies.values())
    p99 = percentile(samples, 99) if samples else float("inf")
    lost = len(frames) - len(samples)
    return BenchResult(
        name="latency",
        value=p99,
        unit="ms",
        baseline=f"the frame period at {RATE_HZ} Hz",
        baseline_value=FRAME_PERIOD_MS,
        goal=f"value <= {GOAL_MS:g}",
        met=p99 <= GOAL_MS and lost == 0,
        details={
            "frames": len(frames),
            "frames_without_reading": lost,
            "seconds": seconds,
            "p50_ms": round(median(samples), 3) if samples else None,
            "p95_ms": round(percentile(samples, 95), 3) if samples else None,
            "max_ms": round(max(samples), 3) if samples else None,
        },
    )


BENCHMARK = Benchmark(
    "latency",
    "p99 device byte → reading event, 60 Hz oximeter stream on a real pty (contec-v7 session)",
    run,
)
