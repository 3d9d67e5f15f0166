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

On a :class:`~ui.shell.Shell` window, kiosk mode also offers the technician an on-screen
way out (:class:`LeaveKioskControl`): a touch-sized "Leave kiosk mode" button in the top
bar, under the signed-in name (so it takes no width from the title), shown only while kiosk
mode is on and ``may_leave`` allows it (a technician or administrator is signed in, the
screen not locked; checked again whenever the shell's signed-in member changes). It asks
first (:class:`LeaveKioskConfirmation`, over the whole window): "Stay" keeps kiosk mode,
"Leave" ends it (:meth:`KioskMode.leave`: a framed window, the cursor back) and closes the
window from inside the app, exactly like a permitted close: the window keeps what was typed
as a draft and the app ends when its last window has closed.

What the app cannot stop, the system must: a kiosk session without a desktop behind the app
(the .deb's systemd unit on a bare X server), and X's own escapes switched off
(``DontVTSwitch``, ``DontZap``).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Protocol

from ui.qt import (
    QApplication,
    QEvent,
    QFrame,
    QHBoxLayout,
    QInputDevice,
    QKeyEvent,
    QLabel,
    QObject,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.style import TOUCH_HEIGHT

if TYPE_CHECKING:
    from ui.shell import Shell

log = logging.getLogger(__name__)

ENV_HIDE_CURSOR = "KIOSK_HIDE_CURSOR"
# The permission that lets a person leave the kiosk for the desktop (technician, admin).
KIOSK_FLAGS = Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
# The leave button and the confirmation over the window (on top of ui.style's sheet).
LEAVE_STYLE = """
QPushButton#leaveKioskButton { font-size: 18px; padding: 4px 10px; }
QFrame#leaveKioskOverlay { background: rgba(17, 17, 17, 150); }
QFrame#leaveKioskBox { background: #ffffff; border: 3px solid #0b4fa8; border-radius: 10px; }
QLabel#leaveKioskQuestion { font-size: 26px; font-weight: bold; }
QPushButton#leaveKioskConfirm { background: #8a1414; color: #ffffff; border: none; }
"""
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
    # Imported here: the early "starting…" frame imports this module and must stay cheap.
    from kiosk.security.screen_roles import control_permission

    permission = control_permission("kiosk.leave")
    return lambda: session.allows(permission)


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
        # The technician's on-screen way out (a Shell window only; made by :meth:`enter`).
        self.leave_control: LeaveKioskControl | None = None

    def enter(self) -> KioskMode:
        """Show the window frameless and full-screen (instead of ``show()``)."""
        self.window.setWindowFlags(self.window.windowFlags() | KIOSK_FLAGS)
        self.window.installEventFilter(self)
        self.window.showFullScreen()
        if self.hide_cursor and not self._cursor_hidden:
            QApplication.setOverrideCursor(Qt.CursorShape.BlankCursor)
            self._cursor_hidden = True
        self.active = True
        from ui.shell import Shell  # not at import: the early frame imports this module

        if self.leave_control is None and isinstance(self.window, Shell):
            self.leave_control = LeaveKioskControl(self, self.window)
        self._refresh_control()
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
        self._refresh_control()
        return True

    def _refresh_control(self) -> None:
        if self.leave_control is not None:
            self.leave_control.refresh()

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


class LeaveKioskButton(QPushButton):
    """The top bar's "Leave kiosk mode" (touch-sized, translated)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("leaveKioskButton")
        self.setStyleSheet(LEAVE_STYLE)
        self.setMinimumHeight(TOUCH_HEIGHT - 8)  # as tall as the language buttons beside it
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setText(self.tr("Leave kiosk mode"))
        self.setAccessibleName(self.tr("Leave kiosk mode (technicians)"))


class LeaveKioskConfirmation(QFrame):
    """The question before leaving kiosk mode, over the whole window: "Leave" or "Stay"."""

    confirmed = Signal()
    cancelled = Signal()

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("leaveKioskOverlay")
        self.setStyleSheet(LEAVE_STYLE)
        self.question = QLabel()
        self.question.setObjectName("leaveKioskQuestion")
        self.question.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setObjectName("leaveKioskDetail")
        self.detail.setWordWrap(True)
        self.leave_button = self._button("leaveKioskConfirm", self.confirmed.emit)
        self.stay_button = self._button("leaveKioskCancel", self.cancelled.emit)
        self._build()
        window.installEventFilter(self)
        self.hide()
        self.retranslate()

    def _button(self, name: str, pressed: Callable[[], None]) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.setMinimumHeight(TOUCH_HEIGHT)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.clicked.connect(lambda _checked=False: pressed())
        return button

    def _build(self) -> None:
        box = QFrame()
        box.setObjectName("leaveKioskBox")
        box.setMaximumWidth(720)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(24, 20, 24, 20)
        inner.setSpacing(14)
        inner.addWidget(self.question)
        inner.addWidget(self.detail)
        answers = QHBoxLayout()
        answers.addWidget(self.stay_button, 1)
        answers.addWidget(self.leave_button, 1)
        inner.addLayout(answers)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box, 8)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)

    def open(self) -> None:
        """Cover the window and ask; "Stay" has the focus (the safe answer)."""
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()
        self.show()
        self.stay_button.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.question.setText(self.tr("Leave kiosk mode?"))
        self.detail.setText(
            self.tr("Dala Kiosk closes. It starts again when the computer restarts.")
        )
        self.leave_button.setText(self.tr("Leave and close"))
        self.leave_button.setAccessibleName(self.tr("Leave kiosk mode and close Dala Kiosk"))
        self.stay_button.setText(self.tr("Stay"))
        self.stay_button.setAccessibleName(self.tr("Stay in kiosk mode"))


class LeaveKioskControl(QObject):
    """The technician's way out of kiosk mode on a shell window (see the module docstring)."""

    left = Signal()

    def __init__(self, mode: KioskMode, shell: Shell) -> None:
        super().__init__(mode)
        self.mode = mode
        self.shell = shell
        self.button = LeaveKioskButton()
        shell.user_column.addWidget(self.button)  # under the signed-in name: no extra width
        self.confirmation = LeaveKioskConfirmation(shell)
        self.button.clicked.connect(self.ask)
        self.confirmation.confirmed.connect(self.confirm)
        self.confirmation.cancelled.connect(self.cancel)
        shell.user_changed.connect(self.refresh)
        self.refresh()

    def available(self) -> bool:
        """Kiosk mode is on and the signed-in member may leave it."""
        return self.mode.active and self.mode.may_leave()

    def refresh(self) -> None:
        """Show the button only while it may be used (and drop an open question if not)."""
        shown = self.available()
        self.button.setVisible(shown)
        if not shown:
            self.confirmation.hide()

    def ask(self) -> None:
        if self.available():
            self.confirmation.open()

    def cancel(self) -> None:
        self.confirmation.hide()
        self.button.setFocus()

    def confirm(self) -> None:
        """Leave kiosk mode (checked again) and close the window like a permitted close."""
        self.confirmation.hide()
        if not self.mode.leave():
            self.refresh()
            return
        log.info("kiosk mode: left from the screen by a technician")
        self.left.emit()
        self.shell.close()
