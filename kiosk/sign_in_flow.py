"""The sign-in screen's Qt-free side: who may sign in, checking a PIN, the staff session.

:class:`SignInFlow` is what :class:`ui.screens.sign_in.SignInScreen` calls. Every store access
runs on the runtime's threads and comes back as a future (the screen hears it through the
Qt bridge): the staff list on the reader thread, the PIN check (argon2id, ~150 ms, and the
lockout counter and audit row it writes) on the single writer thread. The GUI thread never
waits for either.

- :meth:`SignInFlow.load`: the active staff, or *setup mode* when there is none yet (a fresh
  kiosk before ``kiosk staff add``: the screen is skipped and the kiosk runs without sign-in
  until the first account exists, as the CLI does);
- :meth:`SignInFlow.sign_in`: :func:`kiosk.security.staff.sign_in`, then the session begins
  for that member (a quick switch: whoever was signed in is signed out first, with its audit
  row); a wrong PIN or a locked-out name raises
  :class:`~kiosk.security.staff.SignInRefused` (``retry_after`` tells how long to wait);
- :meth:`touch`, :meth:`should_lock`, :meth:`lock`, :meth:`sign_out`: the idle lock and the
  end of a shift (:class:`~kiosk.security.session.StaffSession`). The idle time is
  ``idle_lock_after``: ``kiosk run`` passes the technician's ``screen.idle_lock_minutes``
  (:mod:`kiosk.screen_settings`); 5 minutes otherwise.

The PIN is passed through and forgotten: never stored here, never logged.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import datetime as dt
import logging
import secrets
from collections.abc import Callable, Sequence

from kiosk.domain import utc_now
from kiosk.runtime import Runtime
from kiosk.screen_settings import default_idle_lock
from kiosk.security import staff
from kiosk.security.session import StaffSession
from kiosk.security.staff import StaffMember
from kiosk.store.db import Store

log = logging.getLogger(__name__)

#: Idle time before the screen locks itself unless the settings say otherwise
#: (``screen.idle_lock_minutes``' default).
DEFAULT_IDLE_LOCK = default_idle_lock()


@dataclasses.dataclass(frozen=True)
class SignInChoices:
    """What the sign-in screen offers: the active staff, or setup mode (nobody yet)."""

    staff: tuple[StaffMember, ...]

    @property
    def setup_mode(self) -> bool:
        return not self.staff


def _choices(store: Store) -> SignInChoices:
    if not staff.has_staff(store):
        return SignInChoices(())
    return SignInChoices(tuple(m for m in staff.list_staff(store) if m.active))


class SignInFlow:
    """The staff session of one kiosk and the store calls that open it."""

    def __init__(
        self,
        runtime: Runtime,
        session: StaffSession | None = None,
        *,
        clock: Callable[[], dt.datetime] = utc_now,
        idle_lock_after: dt.timedelta = DEFAULT_IDLE_LOCK,
    ) -> None:
        """``idle_lock_after`` sets the idle time of a new session (not of ``session``)."""
        self.runtime = runtime
        self.session = session or StaffSession(idle_lock_after)
        self.clock = clock
        #: The member of the last session begun here, even while the screen is locked.
        self._last: StaffMember | None = None

    @property
    def current(self) -> StaffMember | None:
        """Who is signed in and not locked out of the screen (None otherwise)."""
        return self.session.current

    def load(self) -> concurrent.futures.Future[SignInChoices]:
        """The active staff, in user-name order (reader thread)."""
        return self.runtime.read(_choices)

    def sign_in(self, username: str, pin: str) -> concurrent.futures.Future[StaffMember]:
        """Check ``pin`` for ``username`` on the writer thread; the session begins when it
        is right. The future fails with ``SignInRefused`` (wrong PIN, locked out)."""
        now = self.clock()
        checked = self.runtime.write(_check, username, pin, now)
        result: concurrent.futures.Future[StaffMember] = concurrent.futures.Future()

        def begin(done: concurrent.futures.Future[tuple[StaffMember, dt.datetime]]) -> None:
            try:
                member, when = done.result()
                previous, self._last = self._last, member
                if previous is not None and previous.id != member.id:  # a quick switch
                    self.runtime.write(staff.record_sign_out, previous, when)
                self.session.begin(member, when)
            except Exception as error:  # handed to the screen through the future
                result.set_exception(error)
            else:
                result.set_result(member)

        checked.add_done_callback(begin)
        return result

    def touch(self) -> None:
        """Input on the screen: the idle clock starts again."""
        self.session.touch(self.clock())

    def should_lock(self) -> bool:
        return self.session.should_lock(self.clock())

    def lock(self) -> None:
        """Hide the work until the same or another member signs in."""
        self.session.lock()

    def sign_out(self) -> concurrent.futures.Future[None] | None:
        """End the member's session (with its audit row); None when nobody was signed in."""
        member, self._last = self._last, None
        self.session.end()
        if member is None:
            return None
        return self.runtime.write(staff.record_sign_out, member, self.clock())


def add_demo_staff(store: Store, members: Sequence[tuple[str, str, str]]) -> list[StaffMember]:
    """Synthetic accounts ``(user name, display name, role)`` with random PINs nobody knows,
    for a demo or screenshots on a temporary store; the first must be an administrator."""
    added: list[StaffMember] = []
    for username, display_name, role in members:
        added.append(
            staff.add_staff(
                store,
                username=username,
                display_name=display_name,
                role=role,
                pin=f"{secrets.randbelow(10**6):06d}",
                now=utc_now(),
                by=added[0] if added else None,
            )
        )
    return added


def _check(
    store: Store, username: str, pin: str, now: dt.datetime
) -> tuple[StaffMember, dt.datetime]:
    """Writer thread: the member, or SignInRefused (the lockout and audit rows are written)."""
    return staff.sign_in(store, username=username, pin=pin, now=now), now
