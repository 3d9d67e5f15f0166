"""A reusable base for device simulators on a real pseudo-terminal.

Follows reference/test-peers.md §c: the simulator owns the master side of ``os.openpty()``,
sets the slave raw right away (so bytes written before the host opens it are not cooked) and
the host opens ``os.ttyname(slave)`` like any serial port. A pty moves bytes at memory speed
whatever the baud rate, so the simulator paces its output itself.

One daemon thread (the "pump") does all the fd work with ``select`` and short timeouts: it
reads host commands, hands them to :meth:`PtySimulator.on_input` (whose reply is sent at
once) and every ``interval`` seconds sends what :meth:`PtySimulator.next_output` produces.
Nothing blocks for long, so :meth:`PtySimulator.stop` always returns promptly.

:meth:`PtySimulator.unplug` closes the master, which the host sees as a vanished device (its
reads fail with EIO). :meth:`PtySimulator.replug` makes a new pty and restarts the device;
with ``link_path`` the simulator keeps a symlink pointing at the current slave, so a host
configured with that path finds the device again.
"""

from __future__ import annotations

import abc
import contextlib
import os
import queue
import select
import threading
import time
import tty
from collections.abc import Callable
from types import TracebackType
from typing import Self

_MAX_WAIT = 0.02  # the pump never sleeps longer than this between checks
_REQUEST_TIMEOUT = 2.0


class PtySimulator(abc.ABC):
    """A simulated device on a pty; subclasses speak the protocol (see module docstring)."""

    def __init__(
        self,
        *,
        interval: float,
        link_path: str | os.PathLike[str] | None = None,
        name: str = "pty-simulator",
    ) -> None:
        self.interval = interval
        self.link_path = os.fspath(link_path) if link_path is not None else None
        self.name = name
        self._master: int | None = None
        self._slave: int | None = None
        self._tty: str | None = None
        self._preamble = b""
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._requests: queue.SimpleQueue[tuple[Callable[[], None], threading.Event]] = (
            queue.SimpleQueue()
        )

    # -- what a device subclass provides ------------------------------------------------

    @abc.abstractmethod
    def on_power_on(self) -> None:
        """Reset the device state: called by ``start`` and by ``replug``."""

    @abc.abstractmethod
    def on_input(self, data: bytes, now: float) -> bytes:
        """Bytes from the host arrived (any chunking); return the bytes to answer with."""

    @abc.abstractmethod
    def next_output(self, now: float) -> bytes:
        """Called every ``interval`` seconds; return what the device sends now (maybe b"")."""

    # -- the Simulator interface ----------------------------------------------------------

    @property
    def port(self) -> str:
        """The path a host should open: the stable symlink if configured, else the tty."""
        return self.link_path or self.tty

    @property
    def tty(self) -> str:
        """The current slave tty, e.g. ``/dev/pts/7`` (changes on ``replug``)."""
        if self._tty is None:
            raise RuntimeError("the simulator is not started or is unplugged")
        return self._tty

    def start(self) -> str:
        """Create the pty and start the pump; returns :attr:`port`. Idempotent."""
        if self._thread is None:
            self._stopping.clear()
            self._plug()
            self._thread = threading.Thread(target=self._pump, name=self.name, daemon=True)
            self._thread.start()
        return self.port

    def stop(self) -> None:
        """Stop the pump and close every fd; idempotent."""
        thread, self._thread = self._thread, None
        if thread is not None:
            self._stopping.set()
            thread.join(timeout=_REQUEST_TIMEOUT)
        self._unplug_now()

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    # -- unplug and replug ------------------------------------------------------------------

    def unplug(self, trailing: bytes = b"") -> None:
        """Make the device vanish; ``trailing`` is written just before (e.g. half a frame)."""
        self._in_pump(lambda: self._unplug_now(trailing))

    def replug(self, preamble: bytes = b"") -> None:
        """Plug a fresh device in on a new pty; ``preamble`` precedes its first output."""

        def plug() -> None:
            self._unplug_now()
            self._plug()
            self._preamble = preamble

        self._in_pump(plug)

    def _in_pump(self, action: Callable[[], None]) -> None:
        """Run ``action`` on the pump thread (which owns the fds), or here if it is not running."""
        thread = self._thread
        if thread is None or not thread.is_alive():
            action()
            return
        done = threading.Event()
        self._requests.put((action, done))
        done.wait(_REQUEST_TIMEOUT)

    def _plug(self) -> None:
        master, slave = os.openpty()
        tty.setraw(slave)
        os.set_blocking(master, False)
        self._master, self._slave, self._tty = master, slave, os.ttyname(slave)
        self._preamble = b""
        if self.link_path is not None:
            temporary = f"{self.link_path}.{os.getpid()}.tmp"
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
            os.symlink(self._tty, temporary)
            os.replace(temporary, self.link_path)
        self.on_power_on()

    def _unplug_now(self, trailing: bytes = b"") -> None:
        if trailing and self._master is not None:
            self._send(trailing)
            time.sleep(0.1)  # let the host read it before the line goes dead
        if self.link_path is not None and os.path.islink(self.link_path):
            os.unlink(self.link_path)
        for fd in (self._master, self._slave):
            if fd is not None:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self._master = self._slave = self._tty = None

    # -- the pump -----------------------------------------------------------------------------

    def _pump(self) -> None:
        next_tick = time.monotonic() + self.interval
        while not self._stopping.is_set():
            self._serve_requests()
            wait = min(max(next_tick - time.monotonic(), 0.0), _MAX_WAIT)
            if self._master is None:
                self._stopping.wait(wait)
            else:
                self._receive(wait)
            now = time.monotonic()
            if now >= next_tick:
                if self._master is not None:
                    self._send(self.next_output(now))
                next_tick = max(next_tick + self.interval, now - self.interval)

    def _serve_requests(self) -> None:
        while not self._requests.empty():
            action, done = self._requests.get_nowait()
            try:
                action()
            finally:
                done.set()

    def _receive(self, wait: float) -> None:
        assert self._master is not None
        readable, _, _ = select.select([self._master], [], [], wait)
        if not readable:
            return
        try:
            data = os.read(self._master, 4096)
        except (BlockingIOError, InterruptedError):
            return
        if data:
            self._send(self.on_input(data, time.monotonic()))

    def _send(self, data: bytes) -> None:
        """Write to the host; like a UART, what does not fit in the line's buffer is lost."""
        if not data or self._master is None:
            return
        data, self._preamble = self._preamble + data, b""
        with contextlib.suppress(BlockingIOError, OSError):
            os.write(self._master, data)
