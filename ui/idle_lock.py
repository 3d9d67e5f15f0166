"""The screen locks itself when nobody has touched it for a while (issue 10's auto-lock).

:class:`IdleLock` is an application-wide event filter: every touch, click, key press or
wheel turn anywhere in the kiosk tells the staff session that someone is working
(:meth:`kiosk.sign_in_flow.SignInFlow.touch`). A timer asks the session every
``check_ms`` whether the idle time (the session's ``idle_lock_after``) has passed; when it
has, the session is locked (nobody is signed in any more) and :attr:`IdleLock.lock_required`
is emitted once, so the shell shows the sign-in screen over the work. The time comes from the
flow's clock, so a test can use a short idle time (or move a fake clock on).

The idle time is the technician's ``screen.idle_lock_minutes`` in ``config.toml`` (1…60,
default 5; ``KIOSK_IDLE_LOCK_MINUTES`` wins): ``kiosk run`` reads it at start
(:func:`kiosk.screen_settings.screen_settings`) and gives it to the flow's session.

It watches from the moment it is made: while nobody is signed in (or the screen is already
locked) the session never asks to lock, so nothing needs starting after a sign-in; the next
sign-in simply opens a new idle period. :meth:`IdleLock.stop` ends the watching (the kiosk
closing).

Input is only noticed, never swallowed.
"""

from __future__ import annotations

from typing import Protocol

from ui.qt import QCoreApplication, QEvent, QObject, QTimer, Signal

#: How often the session is asked whether it should lock (ms).
CHECK_MS = 1000

#: Events that mean a person is at the screen.
INPUT_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseMove,
        QEvent.Type.KeyPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
        QEvent.Type.Wheel,
    }
)


class IdleSession(Protocol):
    """What the lock needs of :class:`kiosk.sign_in_flow.SignInFlow`."""

    def touch(self) -> None: ...
    def should_lock(self) -> bool: ...
    def lock(self) -> None: ...


class IdleLock(QObject):
    """Notes input on the whole application; emits :attr:`lock_required` when idle."""

    lock_required = Signal()

    def __init__(
        self,
        session: IdleSession,
        app: QCoreApplication | None = None,
        *,
        check_ms: int = CHECK_MS,
        autostart: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self._app = app or QCoreApplication.instance()
        if self._app is None:
            raise RuntimeError("IdleLock needs a running QApplication")
        self._timer = QTimer(self)
        self._timer.setInterval(check_ms)
        self._timer.timeout.connect(self.check)
        self._installed = False
        if autostart:
            self.start()

    def start(self) -> IdleLock:
        """Watch the input and check the idle time (again, after :meth:`stop`)."""
        if not self._installed:
            self._app.installEventFilter(self)
            self._installed = True
        self.session.touch()
        self._timer.start()
        return self

    def stop(self) -> None:
        """Stop watching (the screen is locked or the kiosk is closing)."""
        self._timer.stop()
        if self._installed:
            self._app.removeEventFilter(self)
            self._installed = False

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS:
            self.session.touch()
        return False  # noticed, never swallowed

    def check(self) -> None:
        """Lock and tell the shell when the idle time has passed."""
        if self.session.should_lock():
            self.session.lock()  # locked: should_lock stays False until the next sign-in
            self.lock_required.emit()
