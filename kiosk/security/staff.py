"""Staff accounts: a PIN per person (argon2id), sign-in with lockout, quick switch.

A PIN is 4–8 digits, hashed with argon2id (argon2-cffi) at parameters measured to keep one
sign-in near 100 ms on a 2-core machine while costing 64 MiB per guess (:data:`HASHER`).
Failed PINs are counted per typed user name in ``staff_lockout`` — in the store, so a restart
does not reset them: the first :data:`FREE_TRIES` are free, then each failure locks the name
for 30 s, doubling up to 15 min. A correct PIN clears the count. An unknown name costs the
same hash as a known one and gives the same answer, so names cannot be probed.

Every account change and every sign-in (granted or refused) is an audit row, written in the
same transaction as the change (:mod:`kiosk.security.audit`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
import sqlite3
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from kiosk.domain import new_id
from kiosk.errors import UserFacingError, ValidationError
from kiosk.security import audit
from kiosk.security.roles import Role, allows
from kiosk.store.db import Store

#: argon2id, 2 passes over 64 MiB, 2 lanes: ~90 ms per verify on the 2-core build machine
#: (3x headroom for a slower kiosk CPU under the ~300 ms goal; docs/security.md).
HASHER = PasswordHasher(time_cost=2, memory_cost=64 * 1024, parallelism=2)
FREE_TRIES = 5
FIRST_LOCK = dt.timedelta(seconds=30)
LONGEST_LOCK = dt.timedelta(minutes=15)
PIN_PATTERN = re.compile(r"[0-9]{4,8}")
USERNAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{1,31}")
DISPLAY_NAME_LIMIT = 80


@functools.cache
def _dummy_hash() -> str:
    """A hash to verify against for an unknown name (same cost, same answer); made on the
    first sign-in, not at import: every ``kiosk`` command and the app's start import this."""
    return HASHER.hash("00000000")


class AccessError(UserFacingError):
    """Who is asking may not do this; the CLI exits with :attr:`exit_code`."""

    exit_code = 5


class AccessDenied(AccessError):
    """The signed-in member's role does not hold the permission."""


class SignInRefused(AccessError):
    """Wrong PIN, unknown or inactive name, or locked out (then ``retry_after`` is set)."""

    def __init__(self, key: str, retry_after: dt.timedelta | None = None, **params: Any) -> None:
        if retry_after is not None:
            params["seconds"] = max(1, int(retry_after.total_seconds() + 0.999))
        super().__init__(key, **params)
        self.retry_after = retry_after


@dataclasses.dataclass(frozen=True)
class StaffMember:
    id: str
    username: str
    display_name: str
    role: Role
    active: bool


def _member(row: dict[str, Any]) -> StaffMember:
    return StaffMember(
        id=row["id"],
        username=row["username"],
        display_name=row["display_name"],
        role=Role(row["role"]),
        active=bool(row["active"]),
    )


def _check_pin(pin: str) -> None:
    if not PIN_PATTERN.fullmatch(pin or ""):
        raise ValidationError("staff.bad_pin")


def _check_username(username: str) -> str:
    name = (username or "").strip().lower()
    if not USERNAME_PATTERN.fullmatch(name):
        raise ValidationError("staff.bad_username")
    return name


def _require(by: StaffMember | None, permission: str) -> None:
    if by is None or not by.active or not allows(by.role, permission):
        raise AccessDenied("access.denied")


def has_staff(store: Store) -> bool:
    """Whether any active account exists (none: the store is in setup mode)."""
    if not store.has_table("staff"):  # a store from before schema 9 (`kiosk init` migrates it)
        return False
    return bool(store.scalar("SELECT EXISTS (SELECT 1 FROM staff WHERE active = 1)"))


def list_staff(store: Store) -> list[StaffMember]:
    rows = store.query("SELECT * FROM staff ORDER BY active DESC, username")
    return [_member(row) for row in rows]


def find(store: Store, username: str) -> StaffMember | None:
    rows = store.query("SELECT * FROM staff WHERE username = ?", (username.strip().lower(),))
    return _member(rows[0]) if rows else None


def add_staff(
    store: Store,
    *,
    username: str,
    display_name: str,
    role: Role | str,
    pin: str,
    now: dt.datetime,
    by: StaffMember | None,
) -> StaffMember:
    """A new account. The first one (setup mode) must be an administrator; later ones need
    a member allowed ``staff.manage``."""
    name, role = _check_username(username), Role(role)
    display = (display_name or "").strip()
    if not display or len(display) > DISPLAY_NAME_LIMIT:
        raise ValidationError("staff.bad_display_name", limit=DISPLAY_NAME_LIMIT)
    _check_pin(pin)
    if has_staff(store):
        _require(by, "staff.manage")
    elif role is not Role.ADMINISTRATOR:
        raise ValidationError("staff.first_must_be_admin")
    member = StaffMember(new_id(), name, display, role, True)
    pin_hash, stamp = HASHER.hash(pin), now.astimezone(dt.UTC).isoformat()
    with store.transaction() as conn:
        if conn.execute("SELECT 1 FROM staff WHERE username = ?", (name,)).fetchone():
            raise ValidationError("staff.username_taken", username=name)
        conn.execute(
            "INSERT INTO staff (id, username, display_name, role, pin_hash, active,"
            " created_at, created_by, pin_changed_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)",
            (member.id, name, display, role.value, pin_hash, stamp, by and by.id, stamp),
        )
        actor = audit.Actor.staff(by.id) if by else audit.SETUP
        audit.record(
            conn, "created", "StaffMember", member.id, now=now, detail=(role,), actor=actor
        )
    return member


def _locked_for(conn: sqlite3.Connection, username: str, now: dt.datetime) -> dt.timedelta:
    row = conn.execute(
        "SELECT locked_until FROM staff_lockout WHERE username = ?", (username,)
    ).fetchone()
    if row is None or row[0] is None:
        return dt.timedelta(0)
    return max(dt.timedelta(0), dt.datetime.fromisoformat(row[0]) - now)


def lock_duration(failures: int) -> dt.timedelta:
    """How long a name is locked after ``failures`` consecutive wrong PINs."""
    if failures < FREE_TRIES:
        return dt.timedelta(0)
    doublings: int = min(failures - FREE_TRIES, 16)
    return min(LONGEST_LOCK, FIRST_LOCK * (1 << doublings))


def _count_failure(conn: sqlite3.Connection, username: str, now: dt.datetime) -> dt.timedelta:
    conn.execute(
        "INSERT INTO staff_lockout (username, failures) VALUES (?, 1) "
        "ON CONFLICT (username) DO UPDATE SET failures = failures + 1",
        (username,),
    )
    failures = int(
        conn.execute(
            "SELECT failures FROM staff_lockout WHERE username = ?", (username,)
        ).fetchone()[0]
    )
    lock = lock_duration(failures)
    until = (now + lock).astimezone(dt.UTC).isoformat() if lock else None
    conn.execute("UPDATE staff_lockout SET locked_until = ? WHERE username = ?", (until, username))
    return lock


def _verified(pin_hash: str, pin: str) -> bool:
    try:
        return HASHER.verify(pin_hash, pin)
    except (VerificationError, InvalidHashError):
        return False


def sign_in(store: Store, *, username: str, pin: str, now: dt.datetime) -> StaffMember:
    """The member whose name and PIN these are, or :class:`SignInRefused`."""
    name = (username or "").strip().lower()[:64]
    rows = store.query("SELECT * FROM staff WHERE username = ?", (name,))
    row = rows[0] if rows else None
    who = audit.Actor.staff(row["id"]) if row else audit.UNKNOWN
    entity = row["id"] if row else "unknown"
    with store.transaction() as conn:
        waiting = _locked_for(conn, name, now)
        if waiting:
            audit.record(
                conn,
                "sign-in-refused",
                "StaffMember",
                entity,
                now=now,
                detail=("locked-out",),
                actor=who,
            )
    if waiting:  # refused without spending a hash on it
        raise SignInRefused("access.locked_out", retry_after=waiting)
    good = _verified(row["pin_hash"] if row else _dummy_hash(), pin or "") and bool(row)
    with store.transaction() as conn:
        if good and row and row["active"]:
            conn.execute("DELETE FROM staff_lockout WHERE username = ?", (name,))
            audit.record(conn, "signed-in", "StaffMember", entity, now=now, actor=who)
            refusal: tuple[str, dt.timedelta | None] | None = None
        else:
            lock = _count_failure(conn, name, now)
            code = "inactive" if good else "wrong-pin"
            audit.record(
                conn,
                "sign-in-refused",
                "StaffMember",
                entity,
                now=now,
                detail=(code,),
                actor=who,
            )
            refusal = ("access.locked_out" if lock else "access.wrong_pin", lock or None)
    if refusal is not None:
        raise SignInRefused(refusal[0], retry_after=refusal[1])
    assert row is not None
    _rehash_if_weaker(store, row, pin)
    return _member(row)


def _rehash_if_weaker(store: Store, row: dict[str, Any], pin: str) -> None:
    if HASHER.check_needs_rehash(row["pin_hash"]):
        with store.transaction() as conn:
            conn.execute(
                "UPDATE staff SET pin_hash = ? WHERE id = ?", (HASHER.hash(pin), row["id"])
            )


def set_pin(
    store: Store, *, username: str, pin: str, now: dt.datetime, by: StaffMember | None
) -> StaffMember:
    """A new PIN: one's own, or anyone's for a member allowed ``staff.manage``."""
    _check_pin(pin)
    member = find(store, username)
    if member is None:
        raise ValidationError("staff.not_found", username=username.strip().lower()[:32])
    if by is None or by.id != member.id:
        _require(by, "staff.manage")
    with store.transaction() as conn:
        conn.execute(
            "UPDATE staff SET pin_hash = ?, pin_changed_at = ? WHERE id = ?",
            (HASHER.hash(pin), now.astimezone(dt.UTC).isoformat(), member.id),
        )
        conn.execute("DELETE FROM staff_lockout WHERE username = ?", (member.username,))
        audit.record(
            conn,
            "changed",
            "StaffMember",
            member.id,
            now=now,
            detail=("pin",),
            actor=audit.Actor.staff(by.id) if by else audit.current_actor(),
        )
    return member


def deactivate(
    store: Store, *, username: str, now: dt.datetime, by: StaffMember | None
) -> StaffMember:
    """Close an account (kept for the audit trail). The last administrator stays."""
    _require(by, "staff.manage")
    assert by is not None
    member = find(store, username)
    if member is None:
        raise ValidationError("staff.not_found", username=username.strip().lower()[:32])
    with store.transaction() as conn:
        admins = conn.execute(
            "SELECT count(*) FROM staff WHERE active = 1 AND role = 'administrator' AND id != ?",
            (member.id,),
        ).fetchone()[0]
        if member.role is Role.ADMINISTRATOR and member.active and not admins:
            raise ValidationError("staff.last_admin")
        conn.execute("UPDATE staff SET active = 0 WHERE id = ?", (member.id,))
        audit.record(
            conn,
            "changed",
            "StaffMember",
            member.id,
            now=now,
            detail=("deactivated",),
            actor=audit.Actor.staff(by.id),
        )
    return dataclasses.replace(member, active=False)


def record_sign_out(store: Store, member: StaffMember, now: dt.datetime) -> None:
    """The audit row for a member who signed out (or was switched away from)."""
    with store.transaction() as conn:
        audit.record(
            conn,
            "signed-out",
            "StaffMember",
            member.id,
            now=now,
            actor=audit.Actor.staff(member.id),
        )
