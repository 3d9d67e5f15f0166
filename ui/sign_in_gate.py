"""Puts the sign-in screen and the idle lock in front of the shell's pages (issue 10).

:class:`SignInGate` is the whole wiring, so the shell needs two lines::

    gate = SignInGate(window, SignInFlow(backend.runtime, StaffSession(idle)), bridge)
    gate.start()           # after the window's pages exist

- it adds the page ``"sign-in"`` (:class:`ui.screens.sign_in.SignInScreen`) and shows it;
- ``signed_in``: the member's name goes into the top bar, the idle lock starts and the
  nurse lands on Home — or, when the same member signs in again after a lock, on the page
  the lock covered (another member never sees it: Home for her);
- ``lock_required`` (:class:`ui.idle_lock.IdleLock`): the sign-in page comes back over the
  work, with the staff list read again; what was typed stays in its drafts;
- ``setup_mode`` (no staff account yet): Home at once, no idle lock — a fresh kiosk works
  until ``kiosk staff add`` creates the first account.

:meth:`may_leave` is kiosk mode's question (:class:`ui.kiosk_mode.KioskMode`): only a signed-in
technician or administrator may take the kiosk out of full screen.
"""

from __future__ import annotations

import logging
from typing import Protocol

from kiosk.security.staff import StaffMember
from kiosk.sign_in_flow import SignInFlow
from ui.bridge import QtBridge
from ui.idle_lock import CHECK_MS, IdleLock
from ui.kiosk_mode import technician_present
from ui.qt import QObject, QWidget
from ui.screens.sign_in import SignInScreen

log = logging.getLogger(__name__)

PAGE = "sign-in"


class Pages(Protocol):
    """What the gate needs of :class:`ui.shell.Shell`."""

    current: str

    def add_page(self, name: str, widget: QWidget) -> None: ...
    def go(self, name: str, *, remember: bool = True) -> None: ...
    def back(self) -> None: ...
    def home(self) -> None: ...
    def set_user(self, name: str | None) -> None: ...


class SignInGate(QObject):
    """The sign-in page, the idle lock, and the shell's answers to both."""

    def __init__(
        self,
        shell: Pages,
        flow: SignInFlow,
        bridge: QtBridge,
        *,
        check_ms: int = CHECK_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.shell = shell
        self.flow = flow
        self.screen = SignInScreen(flow, bridge)
        self.idle = IdleLock(flow, check_ms=check_ms, autostart=False, parent=self)
        self.setup_mode = False
        self._locked_from: str | None = None
        self._member: StaffMember | None = None
        shell.add_page(PAGE, self.screen)
        self.screen.signed_in.connect(self._signed_in)
        self.screen.setup_mode.connect(self._no_staff)
        self.idle.lock_required.connect(self.lock)
        self.may_leave = technician_present(flow.session)

    def start(self) -> None:
        """Show the sign-in page and read the staff list."""
        self.shell.go(PAGE, remember=False)
        self.screen.load()

    def lock(self) -> None:
        """Hide the work behind the sign-in page (the idle lock, or a Lock button)."""
        self.flow.lock()
        self.idle.stop()
        self.shell.set_user(None)
        if self.shell.current != PAGE:
            self._locked_from = self.shell.current
            self.shell.go(PAGE)
        self.screen.load()

    def _signed_in(self, member: StaffMember) -> None:
        same = self._member is not None and self._member.id == member.id
        self._member = member
        self.shell.set_user(member.display_name)
        self.idle.start()
        if self._locked_from is not None and same:
            self.shell.back()  # to the page the lock covered
        else:
            self.shell.home()
        self._locked_from = None

    def _no_staff(self) -> None:
        self.setup_mode = True
        self.shell.home()
