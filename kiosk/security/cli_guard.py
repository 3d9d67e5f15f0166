"""Roles on the command line: who runs a command, and whether their role allows it.

:func:`guard` wraps the callback of every command in the finished ``kiosk`` tree (core and
plugin commands), so the check runs after the global options are read and before the
command does anything. What a command needs comes from the one table in
:mod:`kiosk.security.roles`.

Who is asking:

* **setup mode** — the store has no staff accounts yet (or does not exist): everything is
  allowed until the first administrator is added (``kiosk staff add --role
  administrator``); every command says so in one line on stderr when stderr is a terminal
  (and in the log file always: scripts, CI and tests read stderr), and ``kiosk doctor``
  warns;
* **a person** — ``--user NAME`` (env ``KIOSK_USER``) and the PIN, asked for without echo on
  a terminal, else read from env ``KIOSK_PIN`` or one line of standard input;
* **the service** — no ``--user``: allowed only what
  :data:`~kiosk.security.roles.SERVICE_PERMISSIONS` holds (start the app, push the
  outbox, the automatic USB backup), none of which shows patient data to whoever started
  it.

Refusals (wrong PIN, locked out, role not allowed, nobody signed in) are one translated line
and exit code 5 (:attr:`~kiosk.security.staff.AccessError.exit_code`).
"""

from __future__ import annotations

import functools
import logging
import os
import sys
from collections.abc import Callable, Iterator
from typing import Any

import click

from kiosk.domain import utc_now
from kiosk.errors import StoreError
from kiosk.i18n import translate
from kiosk.security import audit, roles, staff
from kiosk.store.db import Store

log = logging.getLogger(__name__)

USER_META = "kiosk.security.user"
MEMBER_META = "kiosk.security.member"
GUARDED = "__kiosk_guarded__"


def user_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    """The global ``--user NAME`` option (env ``KIOSK_USER``), kept in ``ctx.meta``."""

    def remember(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
        ctx.meta[USER_META] = value

    return click.option(
        "--user",
        envvar="KIOSK_USER",
        expose_value=False,
        callback=remember,
        help="Staff user name to run the command as (env KIOSK_USER); the PIN is asked for.",
    )(fn)


def walk(group: click.Group, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, click.Command]]:
    """Every leaf command of the tree with its path ("patients search")."""
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            yield from walk(command, (*prefix, name))
        else:
            yield " ".join((*prefix, name)), command


def guard(root: click.Group) -> None:
    """Make every leaf command check its permission before it runs (idempotent)."""
    for path, command in walk(root):
        if command.callback is None or getattr(command.callback, GUARDED, False):
            continue
        command.callback = _guarded(path, command.callback)


def _guarded(path: str, callback: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(callback)
    def checked(*args: Any, **kwargs: Any) -> Any:
        authorize(click.get_current_context(), path, kwargs)
        return callback(*args, **kwargs)

    setattr(checked, GUARDED, True)
    return checked


def authorize(ctx: click.Context, path: str, params: dict[str, Any]) -> audit.Actor:
    """Decide who runs ``path`` and whether they may; sets the audit trail's actor."""
    permission = roles.permission_for(path, params)
    if permission == roles.PUBLIC:
        return audit.current_actor()
    config = getattr(ctx.find_root().obj, "config", None)
    actor = _decide(ctx, path, permission, getattr(config, "store_path", None))
    previous = audit.current_actor()
    audit.set_actor(actor)
    ctx.find_root().call_on_close(lambda: audit.set_actor(previous))
    return actor


def _decide(ctx: click.Context, path: str, permission: str, store_path: Any) -> audit.Actor:
    if store_path is None or not store_path.exists():
        return _setup_mode()
    try:
        store = Store(store_path, must_exist=True)
    except StoreError:  # damaged, or no key opens it: only the repair tools may run
        if permission not in roles.REPAIR_PERMISSIONS:
            raise
        log.warning("the store cannot be opened: %s runs without a sign-in to repair it", path)
        return audit.SETUP
    with store:
        if not staff.has_staff(store):
            return _setup_mode()
        username = ctx.find_root().meta.get(USER_META) or os.environ.get("KIOSK_USER")
        if not username:
            if roles.service_allows(permission):
                return audit.SERVICE
            raise staff.AccessError("access.sign_in_required", command=path)
        member = staff.sign_in(store, username=username, pin=read_pin(), now=utc_now())
    if not roles.allows(member.role, permission):
        names = ", ".join(role.value for role in roles.roles_with(permission))
        raise staff.AccessDenied("access.denied_command", command=path, roles=names)
    ctx.find_root().meta[MEMBER_META] = member
    return audit.Actor.staff(member.id)


def operator(ctx: click.Context) -> staff.StaffMember | None:
    """The staff member who signed in for this command (None: setup mode or the service)."""
    member = ctx.find_root().meta.get(MEMBER_META)
    return member if isinstance(member, staff.StaffMember) else None


def _setup_mode() -> audit.Actor:
    log.info("setup mode: no staff accounts, every command is allowed")
    if _stderr_is_terminal():  # scripts, CI and tests parse stderr: the log file has it
        click.echo(f"kiosk: {translate('access.setup_mode')}", err=True)
    return audit.SETUP


def _stderr_is_terminal() -> bool:
    stream = sys.stderr
    return stream is not None and stream.isatty()


def read_pin(env: str = "KIOSK_PIN", prompt_key: str = "access.pin_prompt") -> str:
    """A PIN from ``env``, a hidden prompt on a terminal, or one line of standard input."""
    pin = os.environ.get(env)
    if pin is None:
        if sys.stdin is not None and sys.stdin.isatty():
            pin = str(click.prompt(translate(prompt_key), hide_input=True, err=True))
        elif sys.stdin is not None:
            pin = sys.stdin.readline().strip()
    if not pin:  # nothing to check: do not spend one of the free tries on it
        raise staff.AccessError("access.pin_unavailable")
    return pin


def check_staff_accounts(ctx: Any) -> Any:
    """``kiosk doctor``: warn while the store is in setup mode (no staff accounts)."""
    from kiosk.doctor import CheckResult

    if ctx.store is not None and staff.has_staff(ctx.store):
        count = len([member for member in staff.list_staff(ctx.store) if member.active])
        return CheckResult(
            "staff_accounts",
            "ok",
            translate("doctor.staff_ok", count=count),
            translate("doctor.nothing_to_do"),
            {"setup_mode": False, "active": count},
        )
    return CheckResult(
        "staff_accounts",
        "warn",
        translate("doctor.setup_mode"),
        translate("doctor.setup_mode_fix"),
        {"setup_mode": True},
    )
