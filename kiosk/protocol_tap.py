"""A pyserial URL handler, ``tap://TOKEN/INNER``: the port ``INNER`` (a device path or any
pyserial URL), with every byte read from it also handed to a registered sink.

``kiosk drivers capture`` uses it to record exactly what a driver's own session reads, while
that session sends the driver's handshake and keep-alive, without the driver knowing. The
session opens ``tap://…`` through ``serial.serial_for_url`` like any URL (style.md
"pyserial"); :func:`install` adds this module to pyserial's handler search path.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from typing import Any

import serial
from serial.serialutil import PortNotOpenError, SerialBase, SerialException

SCHEME = "tap"
Sink = Callable[[bytes], None]

_sinks: dict[str, Sink] = {}
_lock = threading.Lock()


def install() -> None:
    """Make ``serial_for_url`` find this handler (idempotent)."""
    if "kiosk" not in serial.protocol_handler_packages:
        serial.protocol_handler_packages.append("kiosk")


def register(sink: Sink) -> str:
    """Register ``sink``; returns the token to put in the URL."""
    token = secrets.token_hex(8)
    with _lock:
        _sinks[token] = sink
    return token


def unregister(token: str) -> None:
    with _lock:
        _sinks.pop(token, None)


def tap_url(token: str, inner: str) -> str:
    return f"{SCHEME}://{token}/{inner}"


class Serial(SerialBase):  # type: ignore[misc]  # pyserial is untyped
    """Delegates to the inner port, opened with this port's settings; reads are copied."""

    is_open: bool
    _inner: Any = None
    _sink: Sink | None = None

    def open(self) -> None:
        if self._port is None:
            raise SerialException("port not set")
        if self.is_open:
            raise SerialException("port already open")
        token, _, inner = str(self._port)[len(SCHEME) + 3 :].partition("/")
        with _lock:
            sink = _sinks.get(token)
        if sink is None or not inner:
            raise SerialException(f"unknown tap {self._port!r}")
        self._inner = serial.serial_for_url(
            inner,
            baudrate=self._baudrate,
            bytesize=self._bytesize,
            parity=self._parity,
            stopbits=self._stopbits,
            xonxoff=self._xonxoff,
            rtscts=self._rtscts,
            timeout=self._timeout,
            write_timeout=self._write_timeout,
        )
        self._sink = sink
        self.is_open = True

    def close(self) -> None:
        inner, self._inner = self._inner, None
        self.is_open = False
        if inner is not None:
            inner.close()

    def _reconfigure_port(self) -> None:
        """Settings are given to the inner port when it opens; nothing changes them later."""

    def _need_inner(self) -> Any:
        if self._inner is None:
            raise PortNotOpenError()
        return self._inner

    @property
    def in_waiting(self) -> int:
        return int(self._need_inner().in_waiting)

    def read(self, size: int = 1) -> bytes:
        data = bytes(self._need_inner().read(size))
        if data and self._sink is not None:
            self._sink(data)
        return data

    def write(self, data: bytes) -> int | None:
        written: int | None = self._need_inner().write(data)
        return written

    def flush(self) -> None:
        self._need_inner().flush()

    def reset_input_buffer(self) -> None:
        self._need_inner().reset_input_buffer()

    def reset_output_buffer(self) -> None:
        self._need_inner().reset_output_buffer()
