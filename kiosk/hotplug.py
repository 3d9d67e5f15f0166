"""Serial ports that come and go: list them, match them to drivers, start and stop sessions.

Qt-free and driver-free: the watcher knows drivers only through their manifests (USB
VID:PID matchers) and the :class:`~kiosk.device_api.DriverPlugin` API.

- :func:`list_serial_ports` enumerates ports the Linux way: pyserial's ``comports()`` (which
  reads the USB VID/PID and serial number from sysfs) plus the stable symlinks of
  ``/dev/serial/by-id``. It is cheap (a few globs and small sysfs reads).
- :func:`candidates` matches one port to drivers: a port→driver assignment from
  ``config.toml`` wins; else every serial driver whose manifest lists the port's VID:PID (a
  generic USB-serial bridge often matches several drivers: all of them are candidates).
- :class:`PortWatcher` polls the lister every ``interval`` seconds on the I/O loop and tells a
  :class:`SessionHost` (``kiosk.live.LiveDevices``) to start a session when a port appears and
  to stop it when the port disappears. A new session means a fresh parser, so nothing read
  before an unplug can be spliced into a reading after the replug. With several candidates
  and no assignment it asks the prober (``kiosk.probe``) which one decodes the device, and
  remembers the answer for that port, so a replug reconnects at the next poll (~1 s).

The lister is injectable: tests use recorded ``ListPortInfo``-like objects or real ptys.

``config.toml``::

    [ports]   # port (device path, /dev/serial/by-id link or USB serial number) -> driver id
    "/dev/serial/by-id/usb-Silicon_Labs_CP2102_0001-if00-port0" = "contec-v7"
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import glob
import logging
import os
import tomllib
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from kiosk.device_api import DriverManifest, DriverPlugin, Transport

log = logging.getLogger(__name__)

BY_ID_DIR = "/dev/serial/by-id"
CONFIG_FILENAME = "config.toml"


@dataclasses.dataclass(frozen=True, slots=True)
class PortInfo:
    """One serial port as the kiosk sees it (what matters of pyserial's ``ListPortInfo``)."""

    device: str
    vid: int | None = None
    pid: int | None = None
    serial_number: str | None = None
    hwid: str = ""
    description: str = ""
    by_id: tuple[str, ...] = ()

    @property
    def path(self) -> str:
        """The path to open: the stable by-id link when there is one, else the device."""
        return self.by_id[0] if self.by_id else self.device

    @property
    def usb(self) -> str | None:
        if self.vid is None or self.pid is None:
            return None
        return f"{self.vid:04x}:{self.pid:04x}"

    @classmethod
    def from_list_port_info(
        cls, info: Any, by_id: Mapping[str, Sequence[str]] | None = None
    ) -> PortInfo:
        """From a pyserial ``ListPortInfo`` (or any object with the same attributes)."""
        device = str(info.device)
        links = (by_id or {}).get(os.path.realpath(device), ()) or (by_id or {}).get(device, ())
        return cls(
            device=device,
            vid=getattr(info, "vid", None),
            pid=getattr(info, "pid", None),
            serial_number=getattr(info, "serial_number", None),
            hwid=str(getattr(info, "hwid", "") or ""),
            description=str(getattr(info, "description", "") or ""),
            by_id=tuple(sorted(links)),
        )

    def to_json(self) -> dict[str, object]:
        return {
            "port": self.path,
            "device": self.device,
            "usb": self.usb,
            "serial_number": self.serial_number,
            "description": self.description,
        }


def by_id_links(directory: str = BY_ID_DIR) -> dict[str, list[str]]:
    """``/dev/serial/by-id`` as real device path → the links pointing at it."""
    links: dict[str, list[str]] = {}
    for link in sorted(glob.glob(os.path.join(directory, "*"))):
        if os.path.islink(link):
            links.setdefault(os.path.realpath(link), []).append(link)
    return links


def list_serial_ports() -> list[PortInfo]:
    """The machine's serial ports, with USB VID/PID and by-id links where known."""
    from serial.tools import list_ports  # lazy: listing drivers must not need pyserial

    links = by_id_links()
    return [PortInfo.from_list_port_info(info, links) for info in list_ports.comports()]


def load_port_assignments(data_dir: Path) -> dict[str, str]:
    """The ``[ports]`` table of ``config.toml``: port → driver id (empty when absent)."""
    path = data_dir / CONFIG_FILENAME
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        log.warning("cannot read port assignments from %s: %s", path, error)
        return {}
    table = raw.get("ports", {})
    if not isinstance(table, dict):
        return {}
    return {str(port): str(driver) for port, driver in table.items() if isinstance(driver, str)}


def assigned_driver(port: PortInfo, assignments: Mapping[str, str]) -> str | None:
    """The configured driver of ``port``, by device path, by-id link or USB serial number."""
    for key in (port.device, *port.by_id, port.serial_number):
        if key and key in assignments:
            return assignments[key]
    return None


def candidates(
    port: PortInfo, manifests: Iterable[DriverManifest], assignments: Mapping[str, str]
) -> list[str]:
    """Driver ids that may sit on ``port``: the assignment alone, else VID:PID matches."""
    assigned = assigned_driver(port, assignments)
    if assigned is not None:
        return [assigned]
    if port.vid is None or port.pid is None:
        return []
    return sorted(
        manifest.id
        for manifest in manifests
        if manifest.transport is Transport.SERIAL
        and any(m.vid == port.vid and m.pid == port.pid for m in manifest.usb)
    )


class SessionHost(Protocol):
    """Who runs sessions (``LiveDevices``); both calls must be safe on the I/O loop."""

    def start(self, plugin: DriverPlugin, port: str) -> object: ...

    def stop(self, port: str) -> None: ...


PortLister = Callable[[], Sequence[PortInfo]]
#: ``(port, candidate ids) -> the driver id that decoded the device there, or None``
Prober = Callable[[str, Sequence[str]], Awaitable[str | None]]


@dataclasses.dataclass(frozen=True, slots=True)
class PortEvent:
    """What the watcher did: ``added``, ``removed``, ``started``, ``stopped``, ``ambiguous``
    (several candidates, nobody to choose), ``unidentified`` (the probe found nothing)."""

    kind: str
    port: str
    driver: str | None = None
    candidates: tuple[str, ...] = ()


class PortWatcher:
    """Notices ports appearing and disappearing and keeps one session per identified port."""

    def __init__(
        self,
        drivers: Mapping[str, DriverPlugin],
        host: SessionHost,
        *,
        lister: PortLister = list_serial_ports,
        assignments: Mapping[str, str] | None = None,
        prober: Prober | None = None,
        interval: float = 1.0,
        on_event: Callable[[PortEvent], None] | None = None,
    ) -> None:
        self.drivers = dict(drivers)
        self.host = host
        self.interval = interval
        self.known: dict[str, PortInfo] = {}
        self.running: dict[str, str] = {}  # port path -> driver id
        self._lister = lister
        self._assignments = dict(assignments or {})
        self._prober = prober
        self._on_event = on_event
        self._identified: dict[str, str] = {}  # what a probe found, kept across replugs
        self._probes: dict[str, asyncio.Task[None]] = {}

    async def run(self) -> None:
        """Poll until cancelled; stops every session it started when it ends."""
        try:
            while True:
                await self.poll()
                await asyncio.sleep(self.interval)
        finally:
            for path in list(self.known):
                self._removed(path)

    async def poll(self) -> None:
        """One scan: compare with the last one and act on the differences."""
        try:
            listed = await asyncio.to_thread(self._lister)
        except OSError as error:  # sysfs hiccup: keep the last known state
            log.warning("listing serial ports failed: %s", error)
            return
        now = {port.path: port for port in listed}
        for path in sorted(self.known.keys() - now.keys()):
            self._removed(path)
        for path in sorted(now.keys() - self.known.keys()):
            self.known[path] = now[path]
            self._emit(PortEvent("added", path))
            self._arrived(now[path])

    def _arrived(self, port: PortInfo) -> None:
        manifests = [plugin.manifest for plugin in self.drivers.values()]
        found = candidates(port, manifests, self._assignments)
        usable = tuple(driver for driver in found if driver in self.drivers)
        if len(found) > len(usable):
            log.warning("%s: drivers not installed: %s", port.path, set(found) - set(usable))
        remembered = self._identified.get(port.path)
        if len(usable) == 1 or remembered in usable:
            self._start(port.path, remembered if remembered in usable else usable[0])
        elif len(usable) > 1 and self._prober is not None:
            self._probes[port.path] = asyncio.create_task(self._identify(port.path, usable))
        elif usable:
            self._emit(PortEvent("ambiguous", port.path, None, usable))

    async def _identify(self, path: str, usable: tuple[str, ...]) -> None:
        assert self._prober is not None
        try:
            driver = await self._prober(path, usable)
        finally:
            self._probes.pop(path, None)
        if driver is None or path not in self.known:
            self._emit(PortEvent("unidentified", path, None, usable))
            return
        self._identified[path] = driver
        self._start(path, driver)

    def _start(self, path: str, driver: str) -> None:
        self.host.start(self.drivers[driver], path)
        self.running[path] = driver
        self._emit(PortEvent("started", path, driver))

    def _removed(self, path: str) -> None:
        self.known.pop(path, None)
        probe = self._probes.pop(path, None)
        if probe is not None:
            probe.cancel()
        driver = self.running.pop(path, None)
        if driver is not None:
            self.host.stop(path)
            self._emit(PortEvent("stopped", path, driver))
        self._emit(PortEvent("removed", path, driver))

    def _emit(self, event: PortEvent) -> None:
        log.info("port %s: %s %s", event.port, event.kind, event.driver or "")
        if self._on_event is not None:
            with contextlib.suppress(Exception):
                self._on_event(event)
