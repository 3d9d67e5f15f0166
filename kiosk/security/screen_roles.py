"""What each role may open and use on the touchscreen, as one table (issue 10).

The commands have :data:`kiosk.security.roles.COMMAND_PERMISSIONS`; the screens have these
two tables, over the same permissions and grants:

- :data:`PAGE_PERMISSIONS`: every page of the kiosk window ("home", "finder", "visit"…) → the
  permission it needs. A page that is not listed needs an administrator (fail closed), and
  ``tests/ui/test_screen_roles.py`` walks the real window's pages and fails on any that is
  missing here or open to other roles than its own, independently written rules say.
- :data:`CONTROL_PERMISSIONS`: controls inside a page that need more than their page (today's
  visits on Home show patients' names; printing takes a record off the kiosk).

The window refuses a page with :func:`refusal` (the roles that may, in the nurse's
language) and hides a control the member may not use (``ui/screen_access.py``). Until the
first administrator exists (setup mode, see ``docs/security.md``) everything is open.
"""

from __future__ import annotations

from kiosk.i18n import translate
from kiosk.security.roles import PUBLIC, roles_with

#: What an unlisted page or control needs: only an administrator holds it.
FAIL_CLOSED = "staff.manage"

PAGE_PERMISSIONS: dict[str, str] = {
    "sign_in": PUBLIC,  # who is there (names and a PIN pad, nothing else)
    "home": "app.run",  # sync state and device alerts; its patient rows are a control below
    "finder": "patients.view",
    "history": "patients.view",
    "consults": "patients.view",  # the kiosk's consultation requests and their answers
    "visit": "visits.record",
    "review": "visits.record",
    "camera": "visits.record",
    "resume": "visits.record",  # an unfinished visit offered again
    "consult": "consults.request",  # the review step's request to a specialist
}

CONTROL_PERMISSIONS: dict[str, str] = {
    "home.visits": "patients.view",  # today's visits, with the patients' names
    "home.new_visit": "visits.record",
    "home.consults": "patients.view",
    "finder.register": "patients.edit",
    "history.print": "records.export",  # the summary PDF leaves the kiosk
    "review.consult": "consults.request",
    "kiosk.leave": "store.admin",  # leave kiosk mode for the desktop (technician, admin)
}


def page_permission(page: str) -> str:
    return PAGE_PERMISSIONS.get(page, FAIL_CLOSED)


def control_permission(control: str) -> str:
    return CONTROL_PERMISSIONS.get(control, FAIL_CLOSED)


def refusal(permission: str, language: str) -> str:
    """The translated "only … may open this" for a page or control needing ``permission``."""
    names = ", ".join(
        translate(f"access.role.{role.value}", language) for role in roles_with(permission)
    )
    return translate("access.denied_screen", language, roles=names)
