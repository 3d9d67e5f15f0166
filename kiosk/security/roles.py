"""Roles, permissions, and the one table that says what each command needs.

Four staff roles share a kiosk (issue 10). A permission is a short dotted name; a role holds
a fixed set of them (:data:`GRANTS`). :data:`COMMAND_PERMISSIONS` maps every path of the
``kiosk`` command tree ("patients search", "drivers probe", "security rotate-key") to the
permission it needs; ``tests/kiosk/security/test_cli_roles.py`` walks the real click tree
(core and plugin commands) and fails when a command is missing here. An entry ending in
``" *"`` covers every subcommand of a group whose commands all need the same permission
(the technician's groups).

Two principals are not people:

* :data:`PUBLIC` commands need nobody (``--help``-like information without patient data);
* the *service* (the systemd units that run the kiosk unattended) may use only
  :data:`SERVICE_PERMISSIONS`: create or migrate the store (``kiosk init`` before the app
  starts), start the app (which then shows the lock screen), push the outbox to the
  hospital, the automatic USB backup, counts and self-tests (``status``, ``doctor``). None
  of these shows patient data to whoever starts them.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    NURSE = "nurse"
    SENIOR_NURSE = "senior-nurse"
    TECHNICIAN = "technician"
    ADMINISTRATOR = "administrator"


#: A command that needs no principal at all.
PUBLIC = "public"

PERMISSIONS: frozenset[str] = frozenset(
    {
        "patients.view",  # see a patient's record (search, show, card, visits)
        "patients.edit",  # register, import, merge patients
        "visits.record",  # record and save a visit (readings, photos)
        "consults.request",  # ask a remote specialist
        "records.export",  # take a record off the kiosk (FHIR export, printed card)
        "devices.manage",  # drivers, Bluetooth pairing, captures, simulators
        "staff.manage",  # add staff, reset PINs, deactivate
        "audit.view",  # read and verify the audit trail
        "store.admin",  # init, backup, restore, config, keys, support bundles, benchmarks
        "sync.run",  # push the outbox to the hospital
        "app.run",  # start the touchscreen app (it then asks who is there)
        "system.view",  # counts and self-tests without patient data
        "backup.auto",  # the hourly USB backup of the (encrypted) store
        "store.migrate",  # create or migrate the store (`kiosk init`, before the app starts)
    }
)

_CLINICAL = frozenset(
    {"patients.view", "patients.edit", "visits.record", "consults.request", "system.view"}
)
_TECHNICAL = frozenset(
    {"devices.manage", "store.admin", "store.migrate", "sync.run", "app.run", "system.view"}
).union({"backup.auto"})

#: What each role may do. Technicians keep the kiosk running but do not read records;
#: administrators may do everything.
GRANTS: dict[Role, frozenset[str]] = {
    Role.NURSE: _CLINICAL | {"sync.run", "app.run"},
    Role.SENIOR_NURSE: _CLINICAL | {"records.export", "sync.run", "app.run", "audit.view"},
    Role.TECHNICIAN: _TECHNICAL,
    Role.ADMINISTRATOR: PERMISSIONS,
}

#: What the unattended service may do without a person (never a patient-data read).
SERVICE_PERMISSIONS: frozenset[str] = frozenset(
    {"app.run", "sync.run", "backup.auto", "store.migrate", "system.view"}
)

#: What may run while the store cannot be opened (damaged, or no key opens it), so that it
#: can be diagnosed and repaired: self-tests, config, keys, restore, support bundles.
REPAIR_PERMISSIONS: frozenset[str] = frozenset({"system.view", "store.admin", "store.migrate"})

#: Every command path -> the permission it needs (PUBLIC: none).
COMMAND_PERMISSIONS: dict[str, str] = {
    # the store and the running kiosk
    "init": "store.migrate",
    "status": "system.view",
    "run": "app.run",
    "demo": "store.admin",
    "screenshots": "store.admin",  # runs on a temporary folder of synthetic patients
    "sync": "sync.run",
    "backup": "store.admin",  # `--auto` needs only backup.auto (see permission_for)
    "restore": "store.admin",
    "doctor": "system.view",
    "support-bundle": "store.admin",
    "bench": "store.admin",
    "config *": "store.admin",
    "security *": "store.admin",
    # devices: the technician's
    "drivers *": "devices.manage",
    "ble *": "devices.manage",
    "media check": "devices.manage",
    # the registry and visits
    "patients add": "patients.edit",
    "patients import": "patients.edit",
    "patients merge": "patients.edit",
    "patients search": "patients.view",
    "patients show": "patients.view",
    "patients scan": "patients.view",
    "patients card": "records.export",
    "encounters list": "patients.view",
    "encounters show": "patients.view",
    "encounters export": "records.export",
    "consults list": "patients.view",
    "consults request": "consults.request",
    # the specialist's console reads no local store: the hospital server checks its token
    "review": PUBLIC,
    # staff and audit
    "staff add": "staff.manage",
    "staff list": "staff.manage",
    "staff set-pin": "staff.manage",
    "staff deactivate": "staff.manage",
    "audit list": "audit.view",
    "audit verify": "audit.view",
}


def allows(role: Role, permission: str) -> bool:
    """Whether ``role`` holds ``permission`` (PUBLIC is everybody's)."""
    if permission == PUBLIC:
        return True
    if permission not in PERMISSIONS:
        raise ValueError(f"unknown permission {permission!r}")
    return permission in GRANTS[Role(role)]


def service_allows(permission: str) -> bool:
    """Whether the unattended service may use ``permission`` without a person."""
    return permission == PUBLIC or permission in SERVICE_PERMISSIONS


def command_permission(path: str) -> str | None:
    """The table's entry for a command path (exact, else its group's ``" *"``), or None."""
    if path in COMMAND_PERMISSIONS:
        return COMMAND_PERMISSIONS[path]
    words = path.split()
    for size in range(len(words) - 1, 0, -1):
        wildcard = " ".join(words[:size]) + " *"
        if wildcard in COMMAND_PERMISSIONS:
            return COMMAND_PERMISSIONS[wildcard]
    return None


def permission_for(path: str, params: dict[str, object] | None = None) -> str:
    """What running ``path`` with these parameters needs; an unknown command needs an
    administrator (fail closed)."""
    if path == "backup" and params and params.get("auto") and not params.get("target"):
        return "backup.auto"
    return command_permission(path) or "store.admin"


def roles_with(permission: str) -> list[Role]:
    """The roles that hold ``permission`` (for messages and the docs' table)."""
    return [role for role in Role if allows(role, permission)]
