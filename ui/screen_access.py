"""The signed-in member's role applied to the kiosk window (issue 10).

The tables are Qt-free (:mod:`kiosk.security.screen_roles`); this module applies them:

- :meth:`ScreenAccess.may_open` is asked by :meth:`ui.shell.Shell.go` before every page
  change; a page the role may not open stays closed and the footer says which roles may
  (in the nurse's language, again after a language switch);
- :meth:`ScreenAccess.apply` hides the controls the role may not use (today's visits and
  "New visit" on Home for a technician, "Print summary" for a nurse…) whenever the member
  changes, and shows them again for a member who may. A control hidden for another reason
  (the consultation button when consultations are not installed) is left alone.

Setup mode (no staff account yet) opens everything, as the command line does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kiosk.security.roles import PUBLIC
from kiosk.security.screen_roles import (
    CONTROL_PERMISSIONS,
    control_permission,
    page_permission,
    refusal,
)
from ui.qt import QWidget

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class ScreenAccess:
    """Pages and controls of ``window`` for whoever ``allows`` answers for."""

    def __init__(self, window: MainWindow, allows: Callable[[str], bool]) -> None:
        self.window = window
        self._allows = allows
        self.setup_mode = False
        self._hidden: set[QWidget] = set()

    def may(self, permission: str) -> bool:
        """PUBLIC pages (the sign-in screen) need nobody; the rest need the member's role."""
        return permission == PUBLIC or self.setup_mode or self._allows(permission)

    def may_open(self, page: str) -> bool:
        return self.may(page_permission(page))

    def refuse(self, page: str) -> None:
        """Say which roles may open ``page`` — unless the sign-in screen is up: then the
        refusal came from work finishing in the background, and nobody is there to read it
        (it would greet the next member instead)."""
        window = self.window
        if window.current == "sign_in":
            return
        permission = page_permission(page)
        window.show_message(lambda: refusal(permission, window.language))

    def apply(self) -> None:
        """Hide what the member may not use; show again what an earlier member could not."""
        for control, widgets in self.controls().items():
            allowed = self.may(control_permission(control))
            for widget in widgets:
                if not allowed and not widget.isHidden():
                    widget.hide()
                    self._hidden.add(widget)
                elif allowed and widget in self._hidden:
                    widget.show()
                    self._hidden.discard(widget)

    def controls(self) -> dict[str, list[QWidget]]:
        """Each controlled part of the window → its widgets (none when not installed)."""
        window = self.window
        optional = window.optional
        home = optional.home
        parts: dict[str, list[Any]] = {
            "home.visits": [
                getattr(home, "visits_title", None),
                home.findChild(QWidget, "visitList"),
            ],
            "home.new_visit": [getattr(home, "new_visit_button", None)],
            "home.consults": [getattr(optional, "consults_button", None)],
            "finder.register": [getattr(optional.finder, "register_new_button", None)],
            "history.print": [getattr(optional.history, "print_button", None)],
            "review.consult": [window.review.consult_button],
        }
        unknown = set(parts) - set(CONTROL_PERMISSIONS)
        if unknown:
            raise KeyError(f"controls missing from CONTROL_PERMISSIONS: {sorted(unknown)}")
        return {name: [w for w in found if isinstance(w, QWidget)] for name, found in parts.items()}
