"""Two staff members in a real store and a sign-in flow for them (screens to walk and shoot)."""

from __future__ import annotations

import datetime as dt

from kiosk.domain import utc_now
from kiosk.security import staff
from kiosk.security.roles import Role
from kiosk.security.session import StaffSession
from kiosk.security.staff import StaffMember
from kiosk.sign_in_flow import SignInFlow
from kiosk.store.db import Store
from ui.app import Backend

STAFF = (
    ("aigerim", "Әйгерім Серікбаева", Role.ADMINISTRATOR, "482916"),
    ("dana", "Дана Омарова", Role.NURSE, "7351"),
)


def add_staff(store: Store) -> list[StaffMember]:
    added: list[StaffMember] = []
    for username, name, role, pin in STAFF:
        added.append(
            staff.add_staff(
                store, username=username, display_name=name, role=role, pin=pin,
                now=utc_now(), by=added[0] if added else None,
            )
        )  # fmt: skip
    return added


def staffed_flow(backend: Backend) -> SignInFlow:
    backend.runtime.write(add_staff).result(timeout=10)
    return SignInFlow(backend.runtime, StaffSession(dt.timedelta(minutes=5)))
