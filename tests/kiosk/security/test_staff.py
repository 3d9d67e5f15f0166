"""Staff accounts, PINs, lockout with back-off (persisted), sessions and quick switch."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.errors import ValidationError
from kiosk.security import audit, staff
from kiosk.security.roles import Role
from kiosk.security.session import StaffSession
from kiosk.security.staff import AccessDenied, SignInRefused
from kiosk.store import Store


@pytest.fixture
def admin(store: Store, now: dt.datetime) -> staff.StaffMember:
    return staff.add_staff(
        store, username="Aigerim", display_name="Aigerim S.", role=Role.ADMINISTRATOR,
        pin="4321", now=now, by=None,
    )  # fmt: skip


def test_setup_mode_until_the_first_administrator(store: Store, now: dt.datetime) -> None:
    assert not staff.has_staff(store)
    with pytest.raises(ValidationError) as refused:
        staff.add_staff(
            store, username="nurse1", display_name="N", role=Role.NURSE, pin="1234",
            now=now, by=None,
        )  # fmt: skip
    assert refused.value.key == "staff.first_must_be_admin"
    member = staff.add_staff(
        store, username="boss", display_name="B", role="administrator", pin="1234",
        now=now, by=None,
    )  # fmt: skip
    assert staff.has_staff(store) and member.role is Role.ADMINISTRATOR


def test_pin_is_stored_as_argon2id_only(
    store: Store, admin: staff.StaffMember, now: dt.datetime
) -> None:
    pin_hash = store.scalar("SELECT pin_hash FROM staff WHERE id = ?", (admin.id,))
    assert pin_hash.startswith("$argon2id$v=19$m=65536,t=2,p=2$")
    assert "4321" not in pin_hash
    assert admin.username == "aigerim"


@pytest.mark.parametrize("pin", ["123", "123456789", "12a4", "", " 1234"])
def test_bad_pins_are_refused(
    store: Store, admin: staff.StaffMember, now: dt.datetime, pin: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        staff.add_staff(
            store, username="n2", display_name="N", role=Role.NURSE, pin=pin, now=now, by=admin
        )
    assert refused.value.key == "staff.bad_pin"


def test_adding_needs_staff_manage(
    store: Store, admin: staff.StaffMember, now: dt.datetime
) -> None:
    nurse = staff.add_staff(
        store, username="nurse1", display_name="N", role=Role.NURSE, pin="1111", now=now, by=admin
    )
    with pytest.raises(AccessDenied):
        staff.add_staff(
            store, username="n2", display_name="N", role=Role.NURSE, pin="2222", now=now, by=nurse
        )
    with pytest.raises(AccessDenied):
        staff.add_staff(
            store, username="n3", display_name="N", role=Role.NURSE, pin="2222", now=now, by=None
        )
    with pytest.raises(ValidationError) as taken:
        staff.add_staff(
            store, username="NURSE1", display_name="N", role=Role.NURSE, pin="2222", now=now,
            by=admin,
        )  # fmt: skip
    assert taken.value.key == "staff.username_taken"


def test_sign_in_with_the_right_pin(
    store: Store, admin: staff.StaffMember, now: dt.datetime
) -> None:
    assert staff.sign_in(store, username=" AIGERIM ", pin="4321", now=now) == admin


def test_unknown_name_and_wrong_pin_look_the_same(
    store: Store, admin: staff.StaffMember, now: dt.datetime
) -> None:
    keys = []
    for name in ("aigerim", "nobody"):
        with pytest.raises(SignInRefused) as refused:
            staff.sign_in(store, username=name, pin="0000", now=now)
        keys.append((refused.value.key, refused.value.retry_after))
    assert keys == [("access.wrong_pin", None)] * 2


def test_lockout_backs_off_and_survives_a_restart(
    kiosk_config: object, store: Store, admin: staff.StaffMember, now: dt.datetime
) -> None:
    for _ in range(staff.FREE_TRIES - 1):
        with pytest.raises(SignInRefused) as refused:
            staff.sign_in(store, username="aigerim", pin="0000", now=now)
        assert refused.value.retry_after is None
    with pytest.raises(SignInRefused) as refused:
        staff.sign_in(store, username="aigerim", pin="0000", now=now)
    assert refused.value.key == "access.locked_out"
    assert refused.value.retry_after == dt.timedelta(seconds=30)
    assert refused.value.params == {"seconds": 30}
    reopened = Store(store.path)  # a restart: the count lives in the store
    later = now + dt.timedelta(seconds=10)
    with pytest.raises(SignInRefused) as refused:  # even the right PIN waits
        staff.sign_in(reopened, username="aigerim", pin="4321", now=later)
    assert refused.value.retry_after == dt.timedelta(seconds=20)
    after = now + dt.timedelta(seconds=31)
    with pytest.raises(SignInRefused) as refused:  # the next failure doubles the lock
        staff.sign_in(reopened, username="aigerim", pin="9999", now=after)
    assert refused.value.retry_after == dt.timedelta(seconds=60)
    member = staff.sign_in(
        reopened, username="aigerim", pin="4321", now=after + dt.timedelta(seconds=61)
    )
    assert member == admin
    assert reopened.scalar("SELECT count(*) FROM staff_lockout") == 0
    reopened.close()


def test_lock_durations_double_up_to_fifteen_minutes() -> None:
    durations = [staff.lock_duration(n).total_seconds() for n in range(3, 13)]
    assert durations == [0, 0, 30, 60, 120, 240, 480, 900, 900, 900]
    assert staff.lock_duration(10_000) == dt.timedelta(minutes=15)


def test_deactivated_members_cannot_sign_in_and_the_last_admin_stays(
    store: Store, admin: staff.StaffMember, now: dt.datetime
) -> None:
    nurse = staff.add_staff(
        store, username="nurse1", display_name="N", role=Role.NURSE, pin="1111", now=now, by=admin
    )
    assert not staff.deactivate(store, username="nurse1", now=now, by=admin).active
    with pytest.raises(SignInRefused):
        staff.sign_in(store, username="nurse1", pin="1111", now=now)
    with pytest.raises(ValidationError) as last:
        staff.deactivate(store, username="aigerim", now=now, by=admin)
    assert last.value.key == "staff.last_admin"
    assert [m.username for m in staff.list_staff(store)] == ["aigerim", "nurse1"]
    assert nurse.id in {m.id for m in staff.list_staff(store) if not m.active}


def test_set_pin_own_or_by_a_manager(
    store: Store, admin: staff.StaffMember, now: dt.datetime
) -> None:
    nurse = staff.add_staff(
        store, username="nurse1", display_name="N", role=Role.NURSE, pin="1111", now=now, by=admin
    )
    other = staff.add_staff(
        store, username="nurse2", display_name="N", role=Role.NURSE, pin="2222", now=now, by=admin
    )
    staff.set_pin(store, username="nurse1", pin="5555", now=now, by=nurse)
    with pytest.raises(AccessDenied):
        staff.set_pin(store, username="nurse1", pin="6666", now=now, by=other)
    staff.set_pin(store, username="nurse2", pin="7777", now=now, by=admin)
    assert staff.sign_in(store, username="nurse1", pin="5555", now=now) == nurse
    assert staff.sign_in(store, username="nurse2", pin="7777", now=now) == other


def test_every_sign_in_is_in_the_audit_trail(
    store: Store, admin: staff.StaffMember, now: dt.datetime
) -> None:
    staff.sign_in(store, username="aigerim", pin="4321", now=now)
    with pytest.raises(SignInRefused):
        staff.sign_in(store, username="aigerim", pin="0000", now=now)
    with pytest.raises(SignInRefused):
        staff.sign_in(store, username="ghost", pin="0000", now=now)
    staff.record_sign_out(store, admin, now)
    trail = [(r.actor_id, r.action, r.entity_id, r.detail) for r in audit.rows(store)]
    assert trail == [
        ("setup", "created", admin.id, ("administrator",)),
        (admin.id, "signed-in", admin.id, ()),
        (admin.id, "sign-in-refused", admin.id, ("wrong-pin",)),
        ("unknown", "sign-in-refused", "unknown", ("wrong-pin",)),
        (admin.id, "signed-out", admin.id, ()),
    ]
    assert audit.verify(store).ok


def test_session_idle_lock_quick_switch_and_require(
    store: Store, admin: staff.StaffMember, now: dt.datetime
) -> None:
    nurse = staff.add_staff(
        store, username="nurse1", display_name="N", role=Role.NURSE, pin="1111", now=now, by=admin
    )
    session = StaffSession(idle_lock_after=dt.timedelta(minutes=2))
    assert session.current is None and not session.should_lock(now)
    session.begin(nurse, now)
    assert session.current == nurse and audit.current_actor() == audit.Actor.staff(nurse.id)
    session.require("patients.view")
    with pytest.raises(AccessDenied) as denied:
        session.require("staff.manage")
    assert str(denied.value) == "Your role is not allowed to do this."
    session.touch(now + dt.timedelta(minutes=1))
    assert not session.should_lock(now + dt.timedelta(minutes=2, seconds=59))
    assert session.should_lock(now + dt.timedelta(minutes=3))
    session.lock()
    assert session.current is None and session.locked and audit.current_actor() == audit.SERVICE
    with pytest.raises(AccessDenied):
        session.require("patients.view")
    session.begin(admin, now)  # quick switch: another member signs in over the lock
    assert session.current == admin and not session.locked
    session.require("staff.manage")
    session.end()
    assert session.current is None and audit.current_actor() == audit.SERVICE
