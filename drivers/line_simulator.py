"""A base for simulators of devices that stream CR LF text lines and take no commands.

Shared by ``masimo-ascii`` (devices.md §10.4) and ``and-scale`` (§11) on top of
:class:`~drivers.pty_simulator.PtySimulator` (a real pty, test-peers.md §c). A subclass says
what the device's next line is; this class paces the lines and plays the transport scenarios
every line device has:

- ``garbage``: random bytes between some lines, half of the time glued to the next line
  (which is then lost, as on a real noisy line);
- ``trickle``: the same lines one byte at a time, at about the serial line's character rate;
- ``burst``: ``burst`` lines at once, then a pause as long as those lines would have taken;
- ``unplug``: every ``unplug_every`` lines the device vanishes half-way through a line and comes
  back ``unplug_for`` seconds later on a new pty, behind a stable symlink (a temporary one
  when no ``link_path`` is given), so a host configured with :attr:`port` finds it again.

The other scenarios (normal, artefact, no-sensor, overload, ...) only change the line content,
which is the subclass's business. Everything random comes from one seeded generator.
"""

from __future__ import annotations

import abc
import os
import random
import shutil
import tempfile
import threading

from drivers.pty_simulator import PtySimulator

_GARBAGE_RATE = 0.3


class LineSimulator(PtySimulator):
    """Paces a device's lines on a pty and plays the transport scenarios (module docstring)."""

    def __init__(
        self,
        scenario: str,
        *,
        interval: float,
        baudrate: int,
        seed: int | None = None,
        link_path: str | os.PathLike[str] | None = None,
        name: str = "line-simulator",
        burst: int = 5,
        unplug_every: int = 10,
        unplug_for: float = 2.0,
    ) -> None:
        if interval <= 0 or burst < 1 or unplug_every < 1 or unplug_for < 0:
            raise ValueError("interval and unplug_for must be positive, burst and unplug_every ≥ 1")
        self._own_dir: str | None = None
        if scenario == "unplug" and link_path is None:
            self._own_dir = tempfile.mkdtemp(prefix=f"{name}-")
            link_path = os.path.join(self._own_dir, "tty")
        tick = min(interval, max(10 / baudrate, 0.001)) if scenario == "trickle" else interval
        super().__init__(interval=tick, link_path=link_path, name=name)
        self.scenario = scenario
        self.line_interval = interval
        self.burst, self.unplug_every, self.unplug_for = burst, unplug_every, unplug_for
        self.rng = random.Random(seed)
        self._pending = b""
        self._next_line: float | None = None
        self._lines = 0
        self._replug: threading.Timer | None = None

    @abc.abstractmethod
    def next_line(self) -> bytes:
        """The device's next line, terminator included (b"" when it has nothing to say)."""

    def on_power_on(self) -> None:
        self._pending, self._next_line, self._lines = b"", None, 0

    def on_input(self, data: bytes, now: float) -> bytes:
        return b""  # these devices take no commands

    def next_output(self, now: float) -> bytes:
        due = self._next_line is None or now >= self._next_line
        if due and not (self.scenario == "trickle" and self._pending):  # a UART's pace at most
            count = self.burst if self.scenario == "burst" else 1
            self._next_line = now + self.line_interval * count
            for _ in range(count):
                self._pending += self._with_noise(self.next_line())
        if self.scenario == "unplug" and self._lines > self.unplug_every and self._pending:
            self._vanish(self._pending[: len(self._pending) // 2])
            return b""
        size = 1 if self.scenario == "trickle" else len(self._pending)
        out, self._pending = self._pending[:size], self._pending[size:]
        return out

    def _with_noise(self, line: bytes) -> bytes:
        if line:
            self._lines += 1
        if self.scenario != "garbage" or self.rng.random() >= _GARBAGE_RATE:
            return line
        noise = self.rng.randbytes(self.rng.randint(1, 30))
        return noise + (b"\r\n" if self.rng.random() < 0.5 else b"") + line

    def _vanish(self, trailing: bytes) -> None:
        """Unplug now (we are on the pump thread) and plug back in after ``unplug_for``."""
        self._unplug_now(trailing)
        self._replug = threading.Timer(self.unplug_for, self.replug)
        self._replug.daemon = True
        self._replug.start()

    def stop(self) -> None:
        # The pump goes first: while it runs it may start a new unplug cycle (and its replug
        # timer) after we looked. Then the timer; a replug that ran meanwhile plugged a fresh
        # pty in without the pump, so close whatever is open once more.
        super().stop()
        timer, self._replug = self._replug, None
        if timer is not None:
            timer.cancel()
            timer.join(timeout=3.0)
        self._unplug_now()
        if self._own_dir is not None:
            shutil.rmtree(self._own_dir, ignore_errors=True)
