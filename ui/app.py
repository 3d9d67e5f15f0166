"""Starting and stopping the touchscreen kiosk (``kiosk run``).

:class:`Backend` is everything behind the screen: the store (created or migrated), the
runtime's threads, the live device sessions and, with ``--demo``, a simulated pulse
oximeter on a real pseudo-terminal. :func:`run_app` puts the window in front of it and
stops it all, in order, when the window closes.
"""

from __future__ import annotations

import dataclasses
import logging
import signal
import sys

from kiosk.config import KioskConfig
from kiosk.demo import DEMO_DRIVER, demo_plugin, init_store
from kiosk.device_api import Simulator
from kiosk.i18n import DEFAULT_LANGUAGE, LANGUAGES
from kiosk.live import LiveDevices
from kiosk.quick_visit import QuickVisit
from kiosk.runtime import Runtime
from ui.bridge import QtBridge
from ui.i18n import Translations
from ui.main_window import MainWindow
from ui.qt import QApplication, QTimer

log = logging.getLogger(__name__)

DEMO_SEED = 0
SCREEN_SIZE = (1024, 600)


@dataclasses.dataclass
class Backend:
    """The store, the runtime, the live devices and (in demo mode) the simulator."""

    config: KioskConfig
    runtime: Runtime
    live: LiveDevices
    simulator: Simulator | None = None

    @classmethod
    def open(cls, config: KioskConfig) -> Backend:
        """Create or migrate the store and start the runtime; no device session yet."""
        init_store(config)
        runtime = Runtime(config.store_path).start()
        return cls(config, runtime, LiveDevices(runtime))

    def start_demo_device(self, seed: int = DEMO_SEED, **options: object) -> str:
        """Start the demo oximeter on a pseudo-terminal and a live session on it; the port."""
        plugin = demo_plugin(DEMO_DRIVER)
        self.simulator = plugin.start_simulator("normal", seed=seed, **options)
        port = self.simulator.start()
        self.live.start(plugin, port)
        return port

    def quick_visit(self) -> QuickVisit:
        return QuickVisit(self.runtime, self.live, self.config)

    def stop(self) -> None:
        """Sessions first (they use the loop), then the runtime, then the simulator."""
        self.live.stop_all()
        self.runtime.stop()
        if self.simulator is not None:
            self.simulator.stop()
            self.simulator = None


def screen_language(config: KioskConfig) -> str:
    return config.language if config.language in LANGUAGES else DEFAULT_LANGUAGE


def quit_on_signals(app: QApplication) -> QTimer:
    """SIGINT (Ctrl-C) and SIGTERM (systemd stopping the service) close the app cleanly.

    Python runs signal handlers only between bytecodes, never while Qt's loop waits in C++,
    so a cheap timer hands control back to Python a few times a second.
    """
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: app.quit())
    heartbeat = QTimer()
    heartbeat.timeout.connect(lambda: None)
    heartbeat.start(200)
    return heartbeat


def run_app(config: KioskConfig, *, demo: bool, fullscreen: bool) -> int:
    """Show the kiosk until its window closes; returns the exit code."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Dala Kiosk")
    translations = Translations(app)
    backend = Backend.open(config)
    bridge = QtBridge(backend.runtime.events)  # before any session, so no status is missed
    try:
        if demo:
            backend.start_demo_device()
        window = MainWindow(backend.quick_visit(), bridge, translations, screen_language(config))
        heartbeat = quit_on_signals(app)
        window.resize(*SCREEN_SIZE)
        if fullscreen:
            window.showFullScreen()
        else:
            window.show()
        code = app.exec()
        heartbeat.stop()
        return code
    finally:
        bridge.detach()
        backend.stop()
        translations.uninstall()
