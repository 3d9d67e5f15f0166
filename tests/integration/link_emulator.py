"""A 2G link in the fault proxy: bandwidth, round-trip time, loss and cuts (issue 7 bench).

- **Bandwidth**: one FIFO token bucket per direction (``bandwidth_bps`` each way, like a
  full-duplex 2G/EDGE bearer); a transfer waits for the ones queued before it.
- **RTT**: half the round-trip time is added to each direction of every request.
- **Loss**: ``loss`` of the requests lose their connection (the proxy decides whether the
  server saw it: before or after commit, half each).
- **Cuts**: every ``cut_every_s`` the link is down for ``cut_for_s``; a request that
  starts or finishes inside a cut is reset.
- **Time scale**: emulated time runs ``time_scale`` times faster than the wall clock, so a
  long drain fits in a benchmark; every figure is reported in emulated seconds. The
  server's own processing time is scaled up with it (a pessimistic bias).
"""

from __future__ import annotations

import random
import threading
import time


class LinkEmulator:
    def __init__(
        self,
        bandwidth_bps: float = 64_000,
        rtt_s: float = 0.5,
        loss: float = 0.02,
        cut_every_s: float = 120.0,
        cut_for_s: float = 10.0,
        time_scale: float = 1.0,
        seed: int = 0,
    ) -> None:
        self.bandwidth_bps = bandwidth_bps
        self.rtt_s = rtt_s
        self.loss = loss
        self.cut_every_s = cut_every_s
        self.cut_for_s = cut_for_s
        self.time_scale = time_scale
        self.rng = random.Random(seed)
        self._lock = threading.Lock()
        self._free_at = {True: 0.0, False: 0.0}
        self._t0 = time.monotonic()
        self.cuts_hit = 0
        self.losses = 0

    def restart_clock(self) -> None:
        with self._lock:
            self._t0 = time.monotonic()
            self._free_at = {True: 0.0, False: 0.0}

    def emulated_s(self) -> float:
        """Emulated seconds since the clock (re)started."""
        return (time.monotonic() - self._t0) * self.time_scale

    def in_cut(self) -> bool:
        if self.cut_every_s <= 0 or self.cut_for_s <= 0:
            return False
        return self.emulated_s() % self.cut_every_s >= self.cut_every_s - self.cut_for_s

    def lose(self) -> bool:
        with self._lock:
            lost = self.rng.random() < self.loss
            self.losses += lost
            return lost

    def transfer(self, nbytes: int, *, upstream: bool) -> bool:
        """Carry ``nbytes`` one way (blocking); False when a cut broke the transfer."""
        if self.in_cut():
            self.cuts_hit += 1
            return False
        seconds = nbytes * 8 / (self.bandwidth_bps * self.time_scale)
        with self._lock:
            now = time.monotonic()
            start = max(now, self._free_at[upstream])
            self._free_at[upstream] = start + seconds
            done = self._free_at[upstream] + self.rtt_s / 2 / self.time_scale
        time.sleep(max(0.0, done - now))
        if self.in_cut():
            self.cuts_hit += 1
            return False
        return True
