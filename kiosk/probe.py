"""The technician's tools behind ``kiosk drivers probe`` and ``kiosk drivers capture``.

Both are generic over the plugin API and need nothing new from a driver: a driver's
:class:`~kiosk.device_api.DeviceSession` already opens the port with the manifest's serial
framing, sends the device's on-connect handshake and its keep-alive, and decodes what
comes back. So:

- **probe** runs each candidate driver's own session on the port for up to ``seconds`` and
  counts the valid measurements it decodes (waveform samples excluded; a ``status`` reading
  counts, since only a genuine frame produces one). That count is the confidence. Matcher
  candidates go first, then every other serial driver; the first driver that reaches
  ``enough`` measurements ends the search on that port. Ports are probed in parallel.
- **capture** runs the driver's session on ``tap://…/PORT`` (:mod:`kiosk.protocol_tap`), so
  every byte the session reads is also recorded, exactly as read, to a ``.bin`` or ``.hex``
  file that ``kiosk drivers replay`` decodes later.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path

from kiosk import protocol_tap
from kiosk.device_api import ConnectionState, DeviceStatus, DriverPlugin, Transport
from kiosk.domain import DeviceIdentity, Measurement
from kiosk.errors import UserFacingError
from kiosk.hotplug import PortInfo, Prober, candidates

ENOUGH = 20  # measurements that settle which driver is on a port
CAPTURE_SUFFIXES = (".bin", ".hex")


@dataclasses.dataclass(frozen=True, slots=True)
class ProbeAttempt:
    """One driver tried on one port. ``state``: ``decoded`` (confidence > 0), ``silent``
    (the port opened, nothing valid came) or ``unavailable`` (the port did not open)."""

    driver: str
    confidence: int
    state: str
    types: tuple[str, ...] = ()
    reason: str | None = None

    def to_json(self) -> dict[str, object]:
        return dataclasses.asdict(self) | {"types": list(self.types)}


@dataclasses.dataclass(frozen=True, slots=True)
class ProbeResult:
    port: str
    info: PortInfo | None
    candidates: tuple[str, ...]
    attempts: tuple[ProbeAttempt, ...]

    @property
    def driver(self) -> str | None:
        """The driver that decoded the most valid measurements there, if any did."""
        best = max(self.attempts, key=lambda a: a.confidence, default=None)
        return best.driver if best is not None and best.confidence > 0 else None

    @property
    def confidence(self) -> int:
        return max((a.confidence for a in self.attempts), default=0)

    def to_json(self) -> dict[str, object]:
        return {
            "port": self.port,
            "usb": self.info.usb if self.info else None,
            "serial_number": self.info.serial_number if self.info else None,
            "candidates": list(self.candidates),
            "driver": self.driver,
            "confidence": self.confidence,
            "attempts": [attempt.to_json() for attempt in self.attempts],
        }


def serial_drivers(drivers: Mapping[str, DriverPlugin]) -> list[str]:
    return sorted(d for d, p in drivers.items() if p.manifest.transport is Transport.SERIAL)


def probe_order(
    info: PortInfo | None, drivers: Mapping[str, DriverPlugin], assignments: Mapping[str, str]
) -> tuple[list[str], list[str]]:
    """(matcher candidates, the order to try): candidates first, then other serial drivers."""
    manifests = [plugin.manifest for plugin in drivers.values()]
    found = [d for d in candidates(info, manifests, assignments) if d in drivers] if info else []
    return found, found + [d for d in serial_drivers(drivers) if d not in found]


async def try_driver(
    plugin: DriverPlugin, port: str, seconds: float, enough: int = ENOUGH
) -> ProbeAttempt:
    """Run ``plugin``'s session on ``port`` until ``enough`` measurements or ``seconds``."""
    count = 0
    types: set[str] = set()
    failure: DeviceStatus | None = None
    settled = asyncio.Event()

    def on_measurement(measurement: Measurement, identity: DeviceIdentity) -> None:
        nonlocal count
        if measurement.type == "pleth":
            return
        count += 1
        types.add(measurement.type)
        if count >= enough:
            settled.set()

    def on_status(status: DeviceStatus) -> None:
        nonlocal failure
        if status.state is ConnectionState.DISCONNECTED and count == 0:
            failure = status
            settled.set()

    task = asyncio.create_task(plugin.open_session(port).run(on_measurement, on_status))
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(settled.wait(), timeout=seconds)
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    if count:
        return ProbeAttempt(plugin.manifest.id, count, "decoded", tuple(sorted(types)))
    if failure is not None:
        return ProbeAttempt(plugin.manifest.id, 0, "unavailable", reason=failure.reason)
    return ProbeAttempt(plugin.manifest.id, 0, "silent")


async def probe_port(
    port: str,
    info: PortInfo | None,
    drivers: Mapping[str, DriverPlugin],
    *,
    seconds: float,
    assignments: Mapping[str, str] | None = None,
    order: Sequence[str] | None = None,
    enough: int = ENOUGH,
) -> ProbeResult:
    found, default_order = probe_order(info, drivers, assignments or {})
    attempts: list[ProbeAttempt] = []
    for driver in order if order is not None else default_order:
        attempt = await try_driver(drivers[driver], port, seconds, enough)
        attempts.append(attempt)
        if attempt.confidence >= enough or attempt.state == "unavailable":
            break  # found it, or the port itself does not open: no use trying others
    return ProbeResult(port, info, tuple(found), tuple(attempts))


async def probe_ports(
    ports: Sequence[tuple[str, PortInfo | None]],
    drivers: Mapping[str, DriverPlugin],
    *,
    seconds: float,
    assignments: Mapping[str, str] | None = None,
    enough: int = ENOUGH,
) -> list[ProbeResult]:
    """Probe every port at once (each port tries its drivers one after the other)."""
    return list(
        await asyncio.gather(
            *(
                probe_port(
                    port, info, drivers, seconds=seconds, assignments=assignments, enough=enough
                )
                for port, info in ports
            )
        )
    )


def hot_plug_prober(drivers: Mapping[str, DriverPlugin], seconds: float = 3.0) -> Prober:
    """A :data:`kiosk.hotplug.Prober` that tries only the given candidates."""

    async def prober(port: str, usable: Sequence[str]) -> str | None:
        result = await probe_port(port, None, drivers, seconds=seconds, order=usable)
        return result.driver

    return prober


# -- capture ---------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class CaptureResult:
    path: Path
    byte_count: int
    measurements: tuple[Measurement, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "bytes": self.byte_count,
            "readings": len([m for m in self.measurements if m.type != "pleth"]),
        }


def check_capture_path(path: Path) -> None:
    if path.suffix.lower() not in CAPTURE_SUFFIXES:
        raise UserFacingError("capture.bad_suffix", path=str(path))


def format_hex(data: bytes, header: str = "") -> str:
    """The ``.hex`` capture format: 16 byte pairs a line, ``#`` comment lines first."""
    lines = [f"# {line}" for line in header.splitlines()]
    lines += [data[i : i + 16].hex(" ") for i in range(0, len(data), 16)]
    return "\n".join(lines) + "\n"


def write_capture(path: Path, data: bytes, header: str = "") -> None:
    check_capture_path(path)
    if path.suffix.lower() == ".hex":
        path.write_text(format_hex(data, header), encoding="utf-8")
    else:
        path.write_bytes(data)


async def capture(
    plugin: DriverPlugin,
    port: str,
    out: Path,
    *,
    seconds: float,
    stop: asyncio.Event | None = None,
) -> CaptureResult:
    """Record what ``plugin``'s session reads from ``port`` for ``seconds`` (or until
    ``stop``), then write it to ``out``. The session's own decoding is returned too."""
    check_capture_path(out)
    if plugin.manifest.transport is not Transport.SERIAL:
        raise UserFacingError("driver.not_serial", driver=plugin.manifest.id)
    protocol_tap.install()
    recorded = bytearray()
    lock = threading.Lock()

    def sink(data: bytes) -> None:
        with lock:
            recorded.extend(data)

    measurements: list[Measurement] = []
    token = protocol_tap.register(sink)
    session = plugin.open_session(protocol_tap.tap_url(token, port))
    task = asyncio.create_task(session.run(lambda m, _: measurements.append(m), lambda _: None))
    started = dt.datetime.now(dt.UTC)
    try:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for((stop or asyncio.Event()).wait(), timeout=seconds)
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        protocol_tap.unregister(token)
    with lock:
        data = bytes(recorded)
    header = f"kiosk drivers capture {plugin.manifest.id} --port {port}\n"
    header += f"started {started:%Y-%m-%dT%H:%M:%SZ}"
    write_capture(out, data, header)
    return CaptureResult(out, len(data), tuple(measurements))
