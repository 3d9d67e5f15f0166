"""Fixtures for the screens: offscreen Qt, the real backend, one window per test.

``QT_QPA_PLATFORM=offscreen`` is set here, before anything imports Qt, so the tests need no
display (reference/test-peers.md §d). The backend is the real one: a store in tmp_path, the
runtime's threads and live device sessions; a test that wants the pulse oximeter starts the
real contec-v7 simulator on a pseudo-terminal with ``backend.start_demo_device()``.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import threading
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from kiosk.config import KioskConfig
from ui.app import SCREEN_SIZE, Backend
from ui.bridge import QtBridge
from ui.i18n import Translations
from ui.main_window import MainWindow
from ui.qt import QApplication

#: Threads the backend starts; none may outlive a test.
BACKEND_THREADS = (
    "kiosk-io",
    "kiosk-db",
    "kiosk-read",
    "serial-",
    "contec-v7-simulator",
    "ble-room",
)


def backend_threads() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if t.name.startswith(BACKEND_THREADS)}


@pytest.fixture(scope="session")
def translations(qapp: QApplication) -> Iterator[Translations]:
    """The three catalogues, compiled and loaded once per session."""
    loaded = Translations(qapp)
    yield loaded
    loaded.uninstall()


@pytest.fixture
def backend(kiosk_config: KioskConfig) -> Iterator[Backend]:
    before = backend_threads()
    opened = Backend.open(kiosk_config)
    yield opened
    opened.stop()
    leaked = backend_threads() - before
    assert not leaked, f"threads left running: {sorted(t.name for t in leaked)}"


@pytest.fixture
def bridge(backend: Backend) -> Iterator[QtBridge]:
    created = QtBridge(backend.runtime.events)
    yield created
    created.detach()


@pytest.fixture
def window(
    qtbot: QtBot, backend: Backend, bridge: QtBridge, translations: Translations
) -> MainWindow:
    """The quick-visit screen at the kiosk's size, in English, already showing."""
    shown = MainWindow(backend.quick_visit(), bridge, translations, "en")
    qtbot.addWidget(shown)
    shown.resize(*SCREEN_SIZE)
    shown.show()
    shown.activateWindow()
    qtbot.waitUntil(shown.isActiveWindow)
    qtbot.waitUntil(lambda: shown.unsynced.text().endswith("0"))
    return shown
