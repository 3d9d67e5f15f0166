"""A reusable asyncio :class:`~kiosk.device_api.DeviceSession` for serial drivers.

One session owns one port. It opens the port with ``serial.serial_for_url`` (so device paths,
``socket://`` and ``loop://`` all work, reference/style.md "pyserial"), runs every blocking
pyserial call on its own one-thread executor (never on the asyncio loop, test-peers.md §c),
feeds the bytes to a fresh parser per connection and reports measurements with the device's
identity. A driver adds only what its protocol needs: bytes to send on connect, a keep-alive,
how to read the device's own serial number out of its parser, and a ``responder`` for
protocols whose device waits for an answer (ASTM ACK/NAK, the HL7 ACK over MLLP, devices.md
§12-13): after each chunk is fed, the bytes ``responder(parser)`` returns are written back.

Failures never leave ``run``: an open failure or an I/O error (the cable was pulled) becomes a
DISCONNECTED status with a message key, the port is closed, the parser's state is dropped so
no frame can straddle an unplug, and the port is reopened every ``retry_interval`` seconds
until the task is cancelled. Cancelling the task closes the port.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Generic, TypeVar

import serial

from kiosk.device_api import (
    ConnectionState,
    DeviceStatus,
    MeasurementSink,
    Parser,
    SerialFraming,
    StatusSink,
)
from kiosk.domain import DeviceIdentity

_log = logging.getLogger(__name__)

#: Message keys of the DISCONNECTED reasons (translated by kiosk.i18n).
PORT_UNAVAILABLE = "device.port_unavailable"
UNPLUGGED = "device.unplugged"

ParserT = TypeVar("ParserT", bound=Parser)


@dataclasses.dataclass(frozen=True, slots=True)
class KeepAlive:
    """Bytes a device needs every ``interval`` seconds to keep sending."""

    interval: float
    payload: bytes


def open_port(url: str, framing: SerialFraming, timeout: float) -> Any:
    """Open ``url`` (a device path or a pyserial URL) with the driver's line parameters."""
    return serial.serial_for_url(
        url,
        baudrate=framing.baudrate,
        bytesize=framing.bytesize,
        parity=framing.parity,
        stopbits=framing.stopbits,
        xonxoff=framing.xonxoff,
        rtscts=framing.rtscts,
        timeout=timeout,
        write_timeout=1.0,
    )


def read_chunk(port: Any) -> bytes:
    """What the port has now, or one byte within its timeout (blocking; run off the loop)."""
    return bytes(port.read(max(1, port.in_waiting)))


class SerialSession(Generic[ParserT]):
    """The I/O part of a serial driver for one port; see the module docstring."""

    def __init__(
        self,
        *,
        driver_id: str,
        port: str,
        framing: SerialFraming,
        parser_factory: Callable[[], ParserT],
        on_connect: bytes = b"",
        keep_alive: KeepAlive | None = None,
        device_serial: Callable[[ParserT], str | None] | None = None,
        responder: Callable[[ParserT], bytes] | None = None,
        manufacturer: str | None = None,
        model: str | None = None,
        read_timeout: float = 0.05,
        retry_interval: float = 1.0,
    ) -> None:
        self.driver_id = driver_id
        self.port = port
        self.framing = framing
        self._parser_factory = parser_factory
        self._on_connect = on_connect
        self._keep_alive = keep_alive
        self._device_serial = device_serial
        self._responder = responder
        self._manufacturer = manufacturer
        self._model = model
        self._read_timeout = read_timeout
        self._retry_interval = retry_interval
        self._identity = self._port_identity()
        self._last_status: DeviceStatus | None = None
        self._on_status: StatusSink | None = None
        self._executor: ThreadPoolExecutor | None = None
        self._opening: Future[Any] | None = None

    @property
    def identity(self) -> DeviceIdentity:
        """Who is on the port as far as we know: the device's serial if reported, else the port."""
        return self._identity

    async def run(self, on_measurement: MeasurementSink, on_status: StatusSink) -> None:
        """Connect, decode and reconnect until cancelled; never raises for device failures."""
        self._on_status = on_status
        self._executor = ThreadPoolExecutor(1, thread_name_prefix=f"serial-{self.driver_id}")
        try:
            self._report(ConnectionState.CONNECTING)
            reason: str | None = None  # an outage keeps its first reason until reconnected
            while True:
                link = await self._open()
                if link is not None:
                    reason = await self._serve(link, on_measurement)
                self._report(ConnectionState.DISCONNECTED, reason or PORT_UNAVAILABLE)
                await asyncio.sleep(self._retry_interval)
        finally:
            self._executor.shutdown(wait=True)
            self._executor = None
            self._close_abandoned_open()

    async def _call(self, function: Callable[..., Any], *args: Any) -> Any:
        assert self._executor is not None
        return await asyncio.get_running_loop().run_in_executor(self._executor, function, *args)

    async def _open(self) -> Any | None:
        assert self._executor is not None
        self._opening = self._executor.submit(
            open_port, self.port, self.framing, self._read_timeout
        )
        try:
            link = await asyncio.wrap_future(self._opening)
        except (OSError, ValueError) as error:  # SerialException is an OSError
            _log.debug("%s: cannot open %s: %s", self.driver_id, self.port, error)
            link = None
        self._opening = None  # from here on, _serve owns the port
        return link

    def _close_abandoned_open(self) -> None:
        """Close a port whose opening finished after the task was cancelled (executor idle)."""
        opening, self._opening = self._opening, None
        if opening is None or not opening.done() or opening.cancelled():
            return
        if opening.exception() is None:
            with contextlib.suppress(OSError):
                opening.result().close()

    async def _serve(self, link: Any, on_measurement: MeasurementSink) -> str:
        """Talk to an open port until it fails; return the reason key. Closes the port."""
        parser = self._parser_factory()
        self._identity = self._port_identity()
        self._report(ConnectionState.CONNECTED)
        loop = asyncio.get_running_loop()
        try:
            if self._on_connect:
                await self._call(link.write, self._on_connect)
            next_keep_alive = loop.time() + self._keep_alive.interval if self._keep_alive else 0.0
            while True:
                chunk: bytes = await self._call(read_chunk, link)
                if chunk:
                    parser = self._deliver(parser, chunk, on_measurement)
                    reply = self._responder(parser) if self._responder else b""
                    if reply:
                        await self._call(link.write, reply)
                if self._keep_alive and loop.time() >= next_keep_alive:
                    await self._call(link.write, self._keep_alive.payload)
                    next_keep_alive = loop.time() + self._keep_alive.interval
        except OSError as error:  # SerialException is an OSError
            _log.info("%s: %s lost: %s", self.driver_id, self.port, error)
            return UNPLUGGED
        finally:
            await self._close(link)

    async def _close(self, link: Any) -> None:
        """Close on the executor, after any read still running there (shielded from cancel)."""
        try:
            await asyncio.shield(self._call(link.close))
        except OSError as error:
            _log.debug("%s: closing %s: %s", self.driver_id, self.port, error)

    def _deliver(self, parser: ParserT, chunk: bytes, on_measurement: MeasurementSink) -> ParserT:
        """Feed ``chunk``; report what it completed. Returns the parser to use next."""
        try:
            measurements = parser.feed(chunk)
        except Exception:  # a parser must never raise; if one does, keep the session alive
            _log.exception("%s: parser failed; its state is dropped", self.driver_id)
            return self._parser_factory()
        self._learn_identity(parser)
        for measurement in measurements:
            on_measurement(measurement, self._identity)
        return parser

    def _learn_identity(self, parser: ParserT) -> None:
        serial_number = self._device_serial(parser) if self._device_serial else None
        if serial_number and serial_number != self._identity.serial:
            self._identity = dataclasses.replace(
                self._identity, key=f"{self.driver_id}-{serial_number}", serial=serial_number
            )
            self._report(ConnectionState.CONNECTED)

    def _port_identity(self) -> DeviceIdentity:
        return DeviceIdentity(
            driver_id=self.driver_id,
            key=f"{self.driver_id}-port-{self.port}",
            manufacturer=self._manufacturer,
            model=self._model,
            port=self.port,
        )

    def _report(self, state: ConnectionState, reason: str | None = None) -> None:
        """Report a status once; repeats (a port that stays unavailable) are not reported."""
        status = DeviceStatus(self.driver_id, self.port, state, reason, self._identity)
        if status == self._last_status or self._on_status is None:
            return
        self._last_status = status
        _log.info("%s on %s: %s %s", self.driver_id, self.port, state, reason or "")
        self._on_status(status)
