"""Starting and stopping the touchscreen kiosk (``kiosk run``).

:class:`Backend` is everything behind the screen: the store (created or migrated, its photo
folder reconciled), the runtime's threads, the live device sessions and

- without ``--demo``: the hot-plug :class:`~kiosk.hotplug.PortWatcher` (serial ports matched
  to drivers by their manifests; a ``[ports]`` assignment in ``config.toml`` wins; several
  candidates are probed) and one session per paired Bluetooth device
  (:func:`kiosk.bluetooth.pairings.start_paired_sessions`, plus ``[ble_devices]``);
- with ``--demo``: the simulated devices of :mod:`kiosk.demo_devices` (a pulse oximeter on a
  real pseudo-terminal, a Bluetooth BP cuff and thermometer in an emulated BLE room);
- when a server is configured: the background :class:`~sync.loop.SyncLoop` (woken at once
  when a visit is saved).

:func:`run_app` puts the window in front of it, tells systemd when the window is shown
(``READY=1``) and keeps its watchdog fed from a GUI-thread timer (:mod:`kiosk.sdnotify`;
no-ops outside systemd), and stops it all, in order, when the window closes.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import dataclasses
import logging
import signal
import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from kiosk import sdnotify
from kiosk.camera_source import camera_source
from kiosk.config import KioskConfig
from kiosk.demo import DEMO_DRIVER, demo_plugin
from kiosk.device_api import DriverPlugin, Simulator, Transport
from kiosk.i18n import DEFAULT_LANGUAGE, LANGUAGES
from kiosk.live import LiveDevices
from kiosk.plugins import load_drivers
from kiosk.quick_visit import QuickVisit
from kiosk.runtime import Runtime
from kiosk.screen_settings import ScreenSettings
from kiosk.startup import prepare_store
from ui import early_frame
from ui.bridge import QtBridge
from ui.deferred_start import DeferredStart
from ui.i18n import Translations
from ui.kiosk_mode import KioskMode, cursor_hidden, technician_present, touch_screen_attached
from ui.main_window import MainWindow
from ui.qt import QApplication, QTimer

if TYPE_CHECKING:  # imported when used: start-up pays only for what it runs (bench startup)
    from kiosk.demo_devices import DemoDevices
    from kiosk.hotplug import PortEvent, PortLister, PortWatcher, Prober
    from sync.loop import EngineFactory, SyncLoop

log = logging.getLogger(__name__)

DEMO_SEED = 0
SCREEN_SIZE = (1024, 600)
#: How long stopping waits for the port watcher to end its sessions.
STOP_TIMEOUT_S = 5.0


@dataclasses.dataclass
class Backend:
    """The store, the runtime, the live devices, the device discovery (hot-plug and paired
    Bluetooth devices) or the demo's simulators, and the sync loop."""

    config: KioskConfig
    runtime: Runtime
    live: LiveDevices
    simulator: Simulator | None = None
    demo: DemoDevices | None = None
    watcher: PortWatcher | None = None
    paired: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    sync: SyncLoop | None = None
    _watching: concurrent.futures.Future[None] | None = None
    _watch_task: asyncio.Task[None] | None = None
    _disconnects: list[Callable[[], None]] = dataclasses.field(default_factory=list)

    @classmethod
    def open(cls, config: KioskConfig) -> Backend:
        """Create or migrate the store, reconcile the photo folder with it (before anything
        can save a photo), start the runtime; no device session yet."""
        prepare_store(config)
        runtime = Runtime(config.store_path).start()
        return cls(config, runtime, LiveDevices(runtime, waveform=True))

    # -- real devices ----------------------------------------------------------------------

    def start_devices(
        self,
        *,
        drivers: Mapping[str, DriverPlugin] | None = None,
        lister: PortLister | None = None,
        prober: Prober | None = None,
        interval: float = 1.0,
        on_event: Callable[[PortEvent], None] | None = None,
    ) -> None:
        """Watch the serial ports (hot-plug; ``lister`` defaults to the system's serial
        ports) and start a session per paired BLE device."""
        from kiosk.bluetooth.pairings import start_paired_sessions
        from kiosk.hotplug import PortWatcher, list_serial_ports
        from kiosk.probe import hot_plug_prober

        installed = dict(load_drivers().drivers if drivers is None else drivers)
        self.watcher = PortWatcher(
            installed,
            self.live,
            lister=list_serial_ports if lister is None else lister,
            assignments=self.config.ports,
            prober=prober if prober is not None else hot_plug_prober(installed),
            interval=interval,
            on_event=on_event,
        )
        self._watching = self.runtime.run_io(self._watch(self.watcher))
        ble = {
            driver_id: plugin
            for driver_id, plugin in installed.items()
            if plugin.manifest.transport is Transport.BLE
        }
        self.paired = start_paired_sessions(self.live, ble, self.config.data_dir)
        started = {address for _driver, address in self.paired}
        for address, driver_id in self.config.ble_devices.items():
            if address not in started and driver_id in ble:
                self.live.start(ble[driver_id], address)
                self.paired.append((driver_id, address))
        log.info("Bluetooth devices watched: %s", self.paired)

    async def _watch(self, watcher: PortWatcher) -> None:
        self._watch_task = asyncio.current_task()
        await watcher.run()

    def _stop_watching(self) -> None:
        """Cancel the watcher and wait until it has stopped the sessions it started."""
        if self._watching is None:
            return

        async def cancel() -> None:
            task = self._watch_task
            if task is not None and not task.done():
                task.cancel()
                await asyncio.wait([task], timeout=STOP_TIMEOUT_S)

        try:
            self.runtime.run_io(cancel()).result(timeout=STOP_TIMEOUT_S + 1)
        except (concurrent.futures.TimeoutError, RuntimeError):
            log.warning("the port watcher did not stop in time")
        self._watching = None
        self._watch_task = None

    # -- sync --------------------------------------------------------------------------------

    def start_sync(
        self, *, interval_s: float | None = None, engine_factory: EngineFactory | None = None
    ) -> SyncLoop | None:
        """Run the background sync loop when a server is configured; woken on every save."""
        if not self.config.server_url:
            log.info("no server configured: visits stay on the kiosk until one is")
            return None
        from sync.loop import SyncLoop

        interval = self.config.sync_interval if interval_s is None else interval_s
        sync = SyncLoop(
            self.runtime, self.config, interval_s=interval, engine_factory=engine_factory
        )
        self.sync = sync.start()
        self._disconnects.append(
            self.runtime.events.encounter_did_save.connect(lambda _saved: sync.trigger())
        )
        return sync

    def start_demo_device(self, seed: int = DEMO_SEED, **options: object) -> str:
        """Start the demo oximeter on a pseudo-terminal and a live session on it; the port."""
        plugin = demo_plugin(DEMO_DRIVER)
        self.simulator = plugin.start_simulator("normal", seed=seed, **options)
        port = self.simulator.start()
        self.live.start(plugin, port)
        return port

    def start_demo_devices(
        self,
        seed: int = DEMO_SEED,
        *,
        bp_every: float | None = None,
        temperature_every: float | None = None,
        oximeter: Mapping[str, object] | None = None,
    ) -> dict[str, str]:
        """Start every demo device (:mod:`kiosk.demo_devices`) and a live session on each;
        their ports by driver id. ``oximeter`` adds contec-v7 simulator options; the
        intervals default to the demo's own."""
        from kiosk.demo_devices import (
            BP_EVERY,
            OXIMETER,
            TEMPERATURE_EVERY,
            DemoDevices,
            demo_devices,
        )

        bp_every = BP_EVERY if bp_every is None else bp_every
        temperature_every = TEMPERATURE_EVERY if temperature_every is None else temperature_every
        devices = demo_devices(
            seed=seed, bp_every=bp_every, temperature_every=temperature_every, oximeter=oximeter
        )
        self.demo = DemoDevices(self.live, devices)
        ports = self.demo.start()
        self.simulator = self.demo.simulators.get(OXIMETER)
        return ports

    def quick_visit(self) -> QuickVisit:
        return QuickVisit(self.runtime, self.live, self.config)

    def stop(self) -> None:
        """The sync loop, the port watcher and the sessions first (they use the loop), then
        the runtime, then the simulators."""
        for disconnect in self._disconnects:
            disconnect()
        self._disconnects.clear()
        if self.sync is not None:
            self.sync.stop()
            self.sync = None
        self._stop_watching()
        self.watcher = None
        self.live.stop_all()
        self.runtime.stop()
        if self.demo is not None:
            self.demo.stop()
            self.demo = None
        elif self.simulator is not None:
            self.simulator.stop()
        self.simulator = None


def kiosk_cursor_hidden(
    mode: str,
    environ: Mapping[str, str] | None = None,
    touch: Callable[[], bool] = touch_screen_attached,
) -> bool:
    """Whether kiosk mode hides the cursor: ``screen.hide_cursor`` is ``mode`` (``always``,
    ``never``, or ``auto``: when a touch screen is attached); ``KIOSK_HIDE_CURSOR=1/0`` wins."""
    decided = {"always": lambda: True, "never": lambda: False}.get(mode, touch)
    return cursor_hidden(environ, decided)


def screen_language(config: KioskConfig) -> str:
    return config.language if config.language in LANGUAGES else DEFAULT_LANGUAGE


def quit_on_signals(app: QApplication) -> QTimer:
    """SIGINT (Ctrl-C) and SIGTERM (systemd stopping the service) close the app cleanly.

    Python runs signal handlers only between bytecodes, never while Qt's loop waits in C++,
    so a cheap timer hands control back to Python a few times a second. The quit is queued:
    a signal that comes during start-up, before the event loop runs, still ends it.
    """
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: QTimer.singleShot(0, app.quit))
    heartbeat = QTimer()
    heartbeat.timeout.connect(lambda: None)
    heartbeat.start(200)
    return heartbeat


def feed_watchdog(watchdog: sdnotify.Watchdog | None = None) -> QTimer | None:
    """Ping systemd's watchdog from a GUI-thread timer (a frozen screen stops the pings);
    None when systemd does not watch this process (no ``NOTIFY_SOCKET`` or no watchdog)."""
    watchdog = watchdog or sdnotify.Watchdog()
    if not watchdog.enabled or watchdog.period is None:
        return None
    timer = QTimer()
    timer.timeout.connect(watchdog.tick)
    timer.start(max(100, int(watchdog.period * 1000 / 2)))
    watchdog.tick()
    return timer


def run_app(config: KioskConfig, *, demo: bool, fullscreen: bool) -> int:
    """Show the kiosk until its window closes; returns the exit code."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Dala Kiosk")
    heartbeat = quit_on_signals(app)  # first: a SIGTERM during start-up quits cleanly too
    translations = Translations(app)
    backend = Backend.open(config)
    bridge = QtBridge(backend.runtime.events)  # before any session, so no status is missed
    try:
        from kiosk.sign_in_flow import SignInFlow  # staff sign-in and the idle lock

        screen = ScreenSettings.from_config(config)  # [screen]: idle lock, cursor
        sign_in = SignInFlow(backend.runtime, idle_lock_after=screen.idle_lock)
        window = MainWindow(
            backend.quick_visit(),
            bridge,
            translations,
            screen_language(config),
            camera_source=camera_source(config, demo=demo),
            sign_in=sign_in,
        )
        window.resize(*SCREEN_SIZE)
        # The "starting…" frame `kiosk run` painted before the CLI loaded (ui/early_frame.py)
        # stays until this window has painted, in the same place: no flash of the desktop.
        early = early_frame.take()
        if early is not None:
            early.hand_over(window)
        if fullscreen:  # frameless, cursor per screen.hide_cursor; a technician may leave it
            leave = technician_present(sign_in.session)
            hide = kiosk_cursor_hidden(screen.hide_cursor)
            KioskMode(window, hide_cursor=hide, may_leave=leave).enter()
        else:
            window.show()
        QTimer.singleShot(0, lambda: sdnotify.ready("window shown"))  # after the first paint
        # Devices and sync start after the first frame (ui/deferred_start.py, bench startup).
        start_devices = backend.start_demo_devices if demo else backend.start_devices
        deferred = DeferredStart(app, [start_devices, backend.start_sync]).schedule(window)
        watchdog = feed_watchdog()
        code = app.exec()
        deferred.raise_failure()
        sdnotify.stopping()
        heartbeat.stop()
        if watchdog is not None:
            watchdog.stop()
        window.camera.stop()
        return code
    finally:
        bridge.detach()
        backend.stop()
        translations.uninstall()
