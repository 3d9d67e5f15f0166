"""The kiosk's first frame, painted before the CLI and the real window are even imported.

``kiosk run`` (:mod:`kiosk.entry`, entry point ``kiosk.early_start``: ``run``) calls
:func:`show` first thing: it creates the :class:`QApplication` (or adopts the one that
exists), shows a window at the kiosk's size — frameless and full-screen with ``--fullscreen``,
as :class:`~ui.kiosk_mode.KioskMode` will show the real one — with "Dala Kiosk" and
"Starting…" in the kiosk's language, and returns once that frame has been painted. While the
CLI loads and :func:`ui.app.run_app` opens the store and builds the
:class:`~ui.main_window.MainWindow`, the screen shows the kiosk, not the desktop.

:func:`ui.app.run_app` then :func:`take` s the frame and :meth:`EarlyFrame.hand_over` s it
the real window: that window is shown in the same place and the early frame closes once the
real window has painted its first frame, so the screen never falls back to the desktop.

Cheap by design: only :mod:`ui.qt`, :mod:`ui.kiosk_mode` and the standard library
(``tomllib`` for the ``language`` of ``config.toml``); no translator is loaded, so its one
line is translated here (:data:`STARTING`). Colours are those of :mod:`ui.style`.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from kiosk.entry import parse_command_line
from ui.kiosk_mode import KIOSK_FLAGS, cursor_hidden
from ui.qt import (
    QApplication,
    QEvent,
    QLabel,
    QObject,
    QPaintEvent,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
)

#: The kiosk's screen (ui.app.SCREEN_SIZE; not imported from there: ui.app is heavy).
EARLY_SIZE = (1024, 600)
LANGUAGES = ("kk", "ru", "en")
TITLE = "Dala Kiosk"
#: Shown while the kiosk starts: no Qt translator is loaded yet.
STARTING = {"kk": "Іске қосылуда…", "ru": "Запуск…", "en": "Starting…"}
#: Colours of ui/style.py: deep blue, text, background.
BLUE, TEXT, BACKGROUND = "#0b4fa8", "#111111", "#ffffff"
STYLE = f"""
QWidget#earlyFrame {{ background: {BACKGROUND}; }}
QLabel#earlyTitle {{ color: {BLUE}; font-size: 48px; font-weight: bold; }}
QLabel#earlyStarting {{ color: {TEXT}; font-size: 28px; }}
"""
#: How long :func:`show` waits, at most, for its frame to be on the screen.
PAINT_WAIT_S = 1.0
#: Close the early frame this long after the hand-over even if the real window never paints.
HAND_OVER_FALLBACK_MS = 5000

_current: EarlyFrame | None = None


def config_language(data_dir: Path) -> str | None:
    """The ``language`` of ``DATA_DIR/config.toml``, if the file says one; never raises."""
    import tomllib

    try:
        with (data_dir / "config.toml").open("rb") as handle:
            value = tomllib.load(handle).get("language")
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return None
    return value if isinstance(value, str) else None


def default_data_dir() -> Path:
    """:func:`kiosk.config.default_data_dir`, without importing kiosk.config."""
    import platformdirs

    return Path(platformdirs.user_data_dir("dala-kiosk", appauthor=False))


def screen_language(options: Mapping[str, str], environ: Mapping[str, str]) -> str | None:
    """The language the CLI will choose: ``--lang``, else ``KIOSK_LANG``, else
    ``config.toml``; None when none is known (then all three are shown)."""
    explicit = options.get("--lang") or environ.get("KIOSK_LANG")
    if explicit:
        return explicit if explicit in LANGUAGES else None
    folder = options.get("--data-dir") or environ.get("KIOSK_DATA_DIR")
    data_dir = Path(folder).expanduser() if folder else default_data_dir()
    language = config_language(data_dir)
    return language if language in LANGUAGES else None


def starting_text(language: str | None) -> str:
    if language in STARTING:
        return STARTING[language]
    return "\n".join(STARTING[code] for code in LANGUAGES)


class EarlyFrame(QWidget):
    """A window of the kiosk's look that says it is starting; closes itself once the real
    window has painted (:meth:`hand_over`)."""

    def __init__(self, language: str | None) -> None:
        super().__init__()
        self.setObjectName("earlyFrame")
        self.setWindowTitle(TITLE)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)  # never keeps the app up
        self.setStyleSheet(STYLE)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for name, text in (("earlyTitle", TITLE), ("earlyStarting", starting_text(language))):
            label = QLabel(text)
            label.setObjectName(name)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
        layout.addStretch(1)
        self.setAccessibleName(TITLE)
        self.painted = False
        self.frame_done = False
        self.fullscreen = False
        self.handed_to: QWidget | None = None
        self._watcher: _FirstPaint | None = None
        self._fallback: QTimer | None = None

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            QTimer.singleShot(0, self._mark_frame_done)  # runs once this frame is done

    def _mark_frame_done(self) -> None:
        self.frame_done = True

    def show_now(self, app: QApplication, *, fullscreen: bool) -> EarlyFrame:
        """Show the frame and return once it has been painted (or after PAINT_WAIT_S)."""
        self.resize(*EARLY_SIZE)
        self.fullscreen = fullscreen
        if fullscreen:  # as KioskMode shows the real window
            self.setWindowFlags(self.windowFlags() | KIOSK_FLAGS)
            if cursor_hidden():
                self.setCursor(Qt.CursorShape.BlankCursor)
            self.showFullScreen()
        else:
            self.show()
        deadline = time.monotonic() + PAINT_WAIT_S
        while not self._on_screen() and time.monotonic() < deadline:
            app.processEvents()
            if not self._on_screen():
                time.sleep(0.001)
        return self

    def _on_screen(self) -> bool:
        handle = self.windowHandle()
        return self.frame_done and handle is not None and handle.isExposed()

    def hand_over(self, window: QWidget) -> None:
        """``window`` takes this frame's place (call before showing it); this frame closes
        once ``window`` has painted, or when it closes, or after HAND_OVER_FALLBACK_MS."""
        self.handed_to = window
        if not self.fullscreen and not self.isFullScreen():
            window.move(self.pos())
        self._watcher = _FirstPaint(window, self._close_now)
        self._fallback = QTimer(self, singleShot=True, interval=HAND_OVER_FALLBACK_MS)
        self._fallback.timeout.connect(self._close_now)
        self._fallback.start()

    def _close_now(self) -> None:
        if self._fallback is not None:
            self._fallback.stop()
        if self._watcher is not None:
            self._watcher.detach()
            self._watcher = None
        if self.isVisible():
            self.close()


class _FirstPaint(QObject):
    """Calls ``done`` once ``window`` has painted its first frame (or is closed/hidden)."""

    def __init__(self, window: QWidget, done: Callable[[], None]) -> None:
        super().__init__(window)
        self._window: QWidget | None = window
        self._done: Callable[[], None] | None = done
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self._window and kind == QEvent.Type.Paint:
            QTimer.singleShot(0, self._finish)  # once that frame is done
        elif watched is self._window and kind in (QEvent.Type.Close, QEvent.Type.Hide):
            self._finish()
        return False

    def _finish(self) -> None:
        if self._window is not None:
            done, self._done = self._done, None
            if done is not None:
                done()

    def detach(self) -> None:
        if self._window is not None:
            self._window.removeEventFilter(self)
            self._window = None


def show(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> EarlyFrame | None:
    """The ``kiosk.early_start`` hook of ``kiosk run``: paint the early frame now.

    ``argv`` is the ``kiosk`` command line without the program name. None when the
    application that exists is not a widget application."""
    global _current
    command_line = parse_command_line(argv)
    env = os.environ if environ is None else environ
    existing = QApplication.instance()
    if existing is not None and not isinstance(existing, QApplication):
        return None
    if existing is None and not _has_display(env):
        return None  # Qt would abort here; the CLI first reports what it can (config, store)
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(TITLE)
    language = screen_language(command_line.options, env)
    frame = EarlyFrame(language)
    _current = frame.show_now(app, fullscreen="--fullscreen" in command_line.arguments)
    return frame


def _has_display(env: Mapping[str, str]) -> bool:
    """A platform Qt can open without aborting: a chosen QPA platform, X11 or Wayland."""
    return any(env.get(name) for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"))


def take() -> EarlyFrame | None:
    """The early frame still waiting for the real window, once (for :func:`ui.app.run_app`)."""
    global _current
    frame, _current = _current, None
    return frame
