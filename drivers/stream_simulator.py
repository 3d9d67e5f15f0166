"""A base for simulators of streaming serial devices (fixed-size frames at a steady pace).

Built on :class:`~drivers.pty_simulator.PtySimulator` (a real pty, reference/test-peers.md
§c). A device subclass says what one frame is (:meth:`StreamSimulator.next_frame`); this
class delivers the frames the way the shared scenarios of the serial drivers ask for
(issue 4, reference/devices.md §17):

- ``normal``, ``artefact``, ``finger-out`` / ``no-sensor``: one frame per tick; what the
  frames say is the subclass's business;
- ``garbage``: 1 to ``max_garbage`` random bytes after some frames;
- ``trickle``: byte by byte (one byte per tick, at the same frame rate) with random pauses;
- ``burst``: nothing for ``burst_pause`` seconds, then every frame of that time at once;
- ``unplug``: a controller thread unplugs the device every ``unplug_after`` seconds (with
  half a frame on the line just before) and plugs it back ``unplug_for`` seconds later on a
  new pty, behind a stable symlink (a temporary one if no ``link_path`` is given), with the
  other half of the torn frame first.
"""

from __future__ import annotations

import abc
import contextlib
import os
import random
import shutil
import tempfile
import threading
from collections.abc import Iterable, Mapping
from typing import TypedDict

from drivers.pty_simulator import PtySimulator

_TRICKLE_PAUSE = 0.02  # chance of a pause after each trickled byte
_GARBAGE_CHANCE = 0.2


class StreamOptions(TypedDict):
    seed: int | None
    link_path: str | None
    unplug_after: float
    unplug_for: float


def stream_options(options: Mapping[str, object], allowed: Iterable[str]) -> StreamOptions:
    """The options every stream simulator takes (``seed``, ``link_path``, ``unplug_after``,
    ``unplug_for``) from the loosely typed ``start_simulator(**options)`` of the plugin API;
    an option not in ``allowed`` is an error."""
    unknown = set(options) - set(allowed)
    if unknown:
        raise TypeError(f"unknown simulator options: {sorted(unknown)}")
    seed, link = options.get("seed"), options.get("link_path")
    return StreamOptions(
        seed=None if seed is None else int(str(seed)),
        link_path=None if link is None else str(link),
        unplug_after=float(str(options.get("unplug_after", 3.0))),
        unplug_for=float(str(options.get("unplug_for", 1.5))),
    )


class StreamSimulator(PtySimulator):
    """Frames at ``frame_rate`` per second, delivered per scenario (see module docstring)."""

    def __init__(
        self,
        scenario: str,
        *,
        frame_rate: float,
        frame_size: int,
        seed: int | None = None,
        link_path: str | os.PathLike[str] | None = None,
        name: str = "stream-simulator",
        max_garbage: int = 4,
        burst_pause: float = 2.0,
        unplug_after: float = 3.0,
        unplug_for: float = 1.5,
    ) -> None:
        self._temp_dir: str | None = None
        if scenario == "unplug" and link_path is None:
            self._temp_dir = tempfile.mkdtemp(prefix="kiosk-sim-")
            link_path = os.path.join(self._temp_dir, "tty")
        trickle = scenario == "trickle"
        interval = 1 / (frame_rate * frame_size) if trickle else 1 / frame_rate
        super().__init__(interval=interval, link_path=link_path, name=name)
        self.scenario = scenario
        self.frame_rate = frame_rate
        self.rng = random.Random(seed)
        self.max_garbage = max_garbage
        self.burst_pause, self.unplug_after, self.unplug_for = burst_pause, unplug_after, unplug_for
        self._trickle = b""
        self._pause = 0
        self._held: list[bytes] = []
        self._controller: threading.Thread | None = None
        self._halt = threading.Event()

    @abc.abstractmethod
    def next_frame(self) -> bytes:
        """The device's next frame (called once per frame period while plugged in)."""

    # -- PtySimulator hooks ---------------------------------------------------------------

    def on_input(self, data: bytes, now: float) -> bytes:
        """These devices stream without being asked; host bytes are ignored."""
        return b""

    def next_output(self, now: float) -> bytes:
        if self.scenario == "trickle":
            return self._next_trickled_byte()
        frame = self.next_frame()
        if self.scenario == "burst":
            self._held.append(frame)
            if len(self._held) < self.burst_pause * self.frame_rate:
                return b""
            held, self._held = b"".join(self._held), []
            return held
        if self.scenario == "garbage" and self.rng.random() < _GARBAGE_CHANCE:
            frame += self.rng.randbytes(self.rng.randint(1, self.max_garbage))
        return frame

    def _next_trickled_byte(self) -> bytes:
        if self._pause:
            self._pause -= 1
            return b""
        if not self._trickle:
            self._trickle = self.next_frame()
        byte, self._trickle = self._trickle[:1], self._trickle[1:]
        if self.rng.random() < _TRICKLE_PAUSE:
            self._pause = self.rng.randint(2, 20)
        return byte

    # -- the unplug scenario's controller -----------------------------------------------------

    def start(self) -> str:
        port = super().start()
        if self.scenario == "unplug" and self._controller is None:
            self._halt.clear()
            self._controller = threading.Thread(
                target=self._unplug_cycle, name=f"{self.name}-unplug", daemon=True
            )
            self._controller.start()
        return port

    def stop(self) -> None:
        controller, self._controller = self._controller, None
        if controller is not None:
            self._halt.set()
            controller.join(timeout=5.0)
        super().stop()
        if self._temp_dir is not None:
            shutil.rmtree(self._temp_dir, ignore_errors=True)
            self._temp_dir = None

    def _unplug_cycle(self) -> None:
        while not self._halt.wait(self.unplug_after):
            torn = self.next_frame()
            half = max(1, len(torn) // 2)
            self.unplug(torn[:half])
            if self._halt.wait(self.unplug_for):
                return
            with contextlib.suppress(OSError):
                self.replug(torn[half:])
