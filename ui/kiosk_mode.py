"""Kiosk full-screen mode (``kiosk run --fullscreen``): the app is all the screen shows.

:class:`KioskMode` makes the window frameless and full-screen (no title bar, no window
buttons), keeps it above other windows, takes it back to full screen when something
minimises or un-maximises it, and hides the mouse cursor on touch kiosks. It also refuses to
be closed by the window system (Alt+F4, a window manager's close) unless ``may_leave`` says a
technician is signed in (:func:`technician_present`); closing it from inside the app (the
shell, ``app.quit()`` on SIGTERM from systemd) still works, so the service stops cleanly.

The cursor: hidden when ``KIOSK_HIDE_CURSOR`` is ``1`` / ``yes`` / ``true``, shown when it
is ``0`` / ``no`` / ``false``, otherwise hidden exactly when a touch screen is attached
(:func:`cursor_hidden`).

What the app cannot stop, the system must: a kiosk session without a desktop behind the app
(the .deb's systemd unit on a bare X server), and X's own escapes switched off
(``DontVTSwitch``, ``DontZap``).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from typing import Protocol

from ui.qt import QApplication, QEvent, QInputDevice, QObject, Qt, QWidget

log = logging.getLogger(__name__)

ENV_HIDE_CURSOR = "KIOSK_HIDE_CURSOR"
#: The permission that lets a person leave the kiosk for the desktop (technician, admin).
LEAVE_PERMISSION = "store.admin"
KIOSK_FLAGS = Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
_YES = {"1", "yes", "true", "on"}
_NO = {"0", "no", "false", "off"}


class PermissionHolder(Protocol):
    def allows(self, permission: str) -> bool: ...


def touch_screen_attached() -> bool:
    return any(
        device.type() == QInputDevice.DeviceType.TouchScreen for device in QInputDevice.devices()
    )


def cursor_hidden(
    environ: Mapping[str, str] | None = None, touch: Callable[[], bool] = touch_screen_attached
) -> bool:
    """Whether kiosk mode hides the mouse cursor (see the module docstring)."""
    value = (os.environ if environ is None else environ).get(ENV_HIDE_CURSOR, "").strip().lower()
    if value in _YES:
        return True
    if value in _NO:
        return False
    return touch()


def technician_present(session: PermissionHolder) -> Callable[[], bool]:
    """``may_leave`` for :class:`KioskMode`: the signed-in member may leave the kiosk."""
    return lambda: session.allows(LEAVE_PERMISSION)


class KioskMode(QObject):
    """Frameless full screen for ``window``; closing it from outside needs a technician."""

    def __init__(
        self,
        window: QWidget,
        *,
        hide_cursor: bool,
        may_leave: Callable[[], bool] = lambda: False,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.hide_cursor = hide_cursor
        self.may_leave = may_leave
        self.active = False
        self._cursor_hidden = False
        self.refused_closes = 0

    def enter(self) -> KioskMode:
        """Show the window frameless and full-screen (instead of ``show()``)."""
        self.window.setWindowFlags(self.window.windowFlags() | KIOSK_FLAGS)
        self.window.installEventFilter(self)
        self.window.showFullScreen()
        if self.hide_cursor and not self._cursor_hidden:
            QApplication.setOverrideCursor(Qt.CursorShape.BlankCursor)
            self._cursor_hidden = True
        self.active = True
        return self

    def leave(self) -> bool:
        """Back to an ordinary window, if ``may_leave`` allows it; whether it did."""
        if not self.active or not self.may_leave():
            return False
        self.active = False
        self.window.removeEventFilter(self)
        if self._cursor_hidden:
            QApplication.restoreOverrideCursor()
            self._cursor_hidden = False
        self.window.setWindowFlags(self.window.windowFlags() & ~KIOSK_FLAGS)
        self.window.showNormal()
        return True

    def allows_close(self, *, from_window_system: bool) -> bool:
        """The app may close itself; the window system only for a technician."""
        return not (self.active and from_window_system) or self.may_leave()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.window:
            return False
        if event.type() == QEvent.Type.Close:
            if self.allows_close(from_window_system=event.spontaneous()):
                return False
            self.refused_closes += 1
            log.info("kiosk mode: a close from the window system was refused")
            event.ignore()
            return True
        changed = event.type() == QEvent.Type.WindowStateChange
        if changed and self.active and not self.window.isFullScreen():
            self.window.setWindowState(Qt.WindowState.WindowFullScreen)
        return False
