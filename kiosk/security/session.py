"""Who is signed in at the kiosk, and when the screen locks itself (Qt-free, clock passed in).

The sign-in screen keeps one :class:`StaffSession`. ``begin`` starts a member's session (a
quick switch is simply ``begin`` with another member: the previous one is signed out),
``touch`` notes activity, ``should_lock`` says the idle time has passed, ``lock`` hides the
work until the same or another member signs in, ``end`` signs out. While a member is signed
in, what the process does is attributed to them in the audit trail
(:func:`kiosk.security.audit.set_actor`); when nobody is, to the unattended service.

``require`` is the screens' role check: it raises the translated ``access.denied`` error.
"""

from __future__ import annotations

import datetime as dt
import threading

from kiosk.security import audit
from kiosk.security.roles import allows
from kiosk.security.staff import AccessDenied, StaffMember


class StaffSession:
    """One kiosk's sign-in state. Thread-safe; every method takes the time from its caller."""

    def __init__(self, idle_lock_after: dt.timedelta) -> None:
        if idle_lock_after <= dt.timedelta(0):
            raise ValueError("idle_lock_after must be positive")
        self.idle_lock_after = idle_lock_after
        self._lock = threading.Lock()
        self._member: StaffMember | None = None
        self._last_activity: dt.datetime | None = None
        self._locked = False

    @property
    def current(self) -> StaffMember | None:
        """The member whose work is on screen (None when signed out or locked)."""
        with self._lock:
            return None if self._locked else self._member

    @property
    def locked(self) -> bool:
        with self._lock:
            return self._locked

    def begin(self, member: StaffMember, now: dt.datetime) -> None:
        """``member`` signed in (replaces whoever was signed in before)."""
        if not member.active:
            raise AccessDenied("access.denied")
        with self._lock:
            self._member, self._last_activity, self._locked = member, now, False
        audit.set_actor(audit.Actor.staff(member.id))

    def touch(self, now: dt.datetime) -> None:
        """The member did something: the idle clock starts again."""
        with self._lock:
            if self._member is not None and not self._locked:
                self._last_activity = now

    def should_lock(self, now: dt.datetime) -> bool:
        """Whether the idle time has passed for an open, unlocked session."""
        with self._lock:
            if self._member is None or self._locked or self._last_activity is None:
                return False
            return now - self._last_activity >= self.idle_lock_after

    def lock(self) -> None:
        """Hide the work: nobody is signed in until someone signs in again."""
        with self._lock:
            self._locked = self._member is not None
        audit.set_actor(audit.SERVICE)

    def end(self) -> None:
        """Sign out."""
        with self._lock:
            self._member, self._last_activity, self._locked = None, None, False
        audit.set_actor(audit.SERVICE)

    def allows(self, permission: str) -> bool:
        member = self.current
        return member is not None and allows(member.role, permission)

    def require(self, permission: str) -> None:
        """Raise the translated ``access.denied`` unless the current member may do this."""
        if not self.allows(permission):
            raise AccessDenied("access.denied")
