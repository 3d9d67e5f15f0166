"""The role table itself: permissions, wildcards, the service's narrow set."""

from __future__ import annotations

import pytest

from kiosk.security import roles
from kiosk.security.roles import Role


def test_roles_are_the_contracts_strings() -> None:
    assert [r.value for r in Role] == ["nurse", "senior-nurse", "technician", "administrator"]
    assert Role("senior-nurse") is Role.SENIOR_NURSE


def test_administrators_hold_everything_technicians_no_patient_data() -> None:
    assert all(roles.allows(Role.ADMINISTRATOR, p) for p in roles.PERMISSIONS)
    for permission in ("patients.view", "patients.edit", "records.export", "visits.record"):
        assert not roles.allows(Role.TECHNICIAN, permission)
    assert roles.allows(Role.TECHNICIAN, "devices.manage")
    assert not roles.allows(Role.NURSE, "devices.manage")
    assert roles.roles_with("records.export") == [Role.SENIOR_NURSE, Role.ADMINISTRATOR]


def test_unknown_permissions_are_an_error_not_a_yes() -> None:
    with pytest.raises(ValueError):
        roles.allows(Role.ADMINISTRATOR, "patients.delete")
    assert roles.allows(Role.NURSE, roles.PUBLIC)


def test_group_wildcards_and_exact_entries() -> None:
    assert roles.command_permission("drivers probe") == "devices.manage"
    assert roles.command_permission("security rotate-key") == "store.admin"
    assert roles.command_permission("patients search") == "patients.view"
    assert roles.command_permission("patients") is None
    assert roles.command_permission("nothing here") is None


def test_the_service_reads_no_patient_data() -> None:
    reading = {"patients.view", "patients.edit", "records.export", "audit.view", "staff.manage"}
    assert not roles.SERVICE_PERMISSIONS & reading
    assert roles.SERVICE_PERMISSIONS <= roles.PERMISSIONS
    assert roles.REPAIR_PERMISSIONS.isdisjoint(reading)
