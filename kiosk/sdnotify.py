"""A tiny systemd notify client (``sd_notify(3)``) with no dependency.

``dala-kiosk.service`` is ``Type=notify`` with ``WatchdogSec=``: systemd waits for
``READY=1`` before it counts the kiosk as started, and restarts it when ``WATCHDOG=1`` stops
arriving (a frozen screen is a failure, not only a crash). Outside systemd (no
``NOTIFY_SOCKET``) every call is a no-op that returns False, so the app and tests call these
unconditionally.

Where the app calls it (the ``ui/`` wiring; ``kiosk run``):

- :func:`ready` once, after the main window is shown (the first painted frame);
- :meth:`Watchdog.tick` from a timer **on the GUI thread** (a ``QTimer`` with the interval
  :func:`watchdog_interval` / 2; it sends at most that often), so a blocked GUI thread stops
  the pings and systemd restarts the kiosk; a thread that pings by itself would hide a hang;
- :func:`stopping` when it quits on purpose.

The socket is a unix datagram socket: a path, or an abstract name when it starts with ``@``.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Mapping

NOTIFY_SOCKET = "NOTIFY_SOCKET"


def _address(environ: Mapping[str, str]) -> str | None:
    address = environ.get(NOTIFY_SOCKET, "")
    if not address or address[0] not in "/@":
        return None
    return "\0" + address[1:] if address[0] == "@" else address


def notify(state: str, environ: Mapping[str, str] | None = None) -> bool:
    """Send ``state`` (``"READY=1"``, ``"WATCHDOG=1"``, ``"STATUS=..."``, newline-separated);
    True if it was sent, False outside systemd or when the socket is gone."""
    address = _address(os.environ if environ is None else environ)
    if address is None:
        return False
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.connect(address)
            sock.sendall(state.encode("utf-8"))
    except OSError:
        return False
    return True


def ready(status: str = "", environ: Mapping[str, str] | None = None) -> bool:
    return notify("READY=1" + (f"\nSTATUS={status}" if status else ""), environ)


def stopping(environ: Mapping[str, str] | None = None) -> bool:
    return notify("STOPPING=1", environ)


def status(text: str, environ: Mapping[str, str] | None = None) -> bool:
    return notify(f"STATUS={text}", environ)


def watchdog_interval(environ: Mapping[str, str] | None = None) -> float | None:
    """Seconds within which systemd expects a ping (``WATCHDOG_USEC``), or None when the
    watchdog is off or meant for another process (``WATCHDOG_PID``)."""
    env = os.environ if environ is None else environ
    try:
        usec = int(env.get("WATCHDOG_USEC", "0"))
        pid = int(env.get("WATCHDOG_PID", str(os.getpid())))
    except ValueError:
        return None
    if usec <= 0 or pid != os.getpid():
        return None
    return usec / 1_000_000


class Watchdog:
    """Call :meth:`tick` often (each GUI-timer tick); it pings every ``interval / 2`` s."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self._environ = environ
        interval = watchdog_interval(environ)
        self.period = None if interval is None else interval / 2
        self._last = float("-inf")

    @property
    def enabled(self) -> bool:
        return self.period is not None

    def tick(self) -> bool:
        """True when a ping was sent now."""
        if self.period is None:
            return False
        now = time.monotonic()
        if now - self._last < self.period:
            return False
        self._last = now
        return notify("WATCHDOG=1", self._environ)
