"""``kiosk staff`` (accounts, PINs) and ``kiosk audit`` (the tamper-evident trail).

``kiosk staff add USERNAME --name NAME --role ROLE``: the first account of a store in setup
mode must be an administrator; later ones need an operator with ``staff.manage`` (``--user``).
A new PIN is asked for twice without echo on a terminal, else read from env ``KIOSK_NEW_PIN``
or a line of standard input (after the operator's own PIN, when one is asked for).

``kiosk audit verify``: exit 0 when the chain is intact, 6 naming the first broken row.
``kiosk audit list [--json]``: the rows (ids and codes only; JSON Lines with ``--json``).
"""

from __future__ import annotations

import os
import sys

import click

from kiosk.cli.context import CliContext, emit_json, pass_cli, say
from kiosk.domain import utc_now
from kiosk.errors import ValidationError
from kiosk.i18n import translate
from kiosk.security import audit, cli_guard, staff
from kiosk.security.roles import Role

#: ``kiosk audit verify`` found a broken chain.
EXIT_AUDIT_BROKEN = 6


@click.group("staff")
def staff_group() -> None:
    """Staff accounts: add, list, set a PIN, deactivate."""


def _new_pin() -> str:
    if "KIOSK_NEW_PIN" not in os.environ and sys.stdin is not None and sys.stdin.isatty():
        pin = click.prompt(translate("access.new_pin_prompt"), hide_input=True, err=True)
        again = click.prompt(translate("access.new_pin_repeat"), hide_input=True, err=True)
        if str(pin) != str(again):
            raise ValidationError("staff.pins_differ")
        return str(pin)
    return cli_guard.read_pin("KIOSK_NEW_PIN", "access.new_pin_prompt")


@staff_group.command("add")
@click.argument("username")
@click.option("--name", "display_name", required=True, help="Name shown on the sign-in screen.")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@pass_cli
def add(ctx: CliContext, username: str, display_name: str, role: str) -> None:
    """Add a staff member with a PIN (4-8 digits)."""
    by = cli_guard.operator(click.get_current_context())
    with ctx.open_store() as store:
        member = staff.add_staff(
            store,
            username=username,
            display_name=display_name,
            role=role,
            pin=_new_pin(),
            now=utc_now(),
            by=by,
        )
    click.echo(member.id)
    say(translate("staff.added", username=member.username, role=member.role.value))


@staff_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON document on stdout.")
@pass_cli
def list_(ctx: CliContext, as_json: bool) -> None:
    """Staff accounts: id, user name, role, active."""
    with ctx.open_store() as store:
        members = staff.list_staff(store)
    if as_json:
        emit_json(
            [
                {
                    "id": m.id,
                    "username": m.username,
                    "display_name": m.display_name,
                    "role": m.role.value,
                    "active": m.active,
                }
                for m in members
            ]
        )
        return
    for m in members:
        state = "active" if m.active else "inactive"
        click.echo(f"{m.id}  {m.username}  {m.role.value}  {state}  {m.display_name}")


@staff_group.command("set-pin")
@click.argument("username")
@pass_cli
def set_pin(ctx: CliContext, username: str) -> None:
    """Give USERNAME a new PIN (your own, or anyone's with staff.manage)."""
    by = cli_guard.operator(click.get_current_context())
    with ctx.open_store() as store:
        member = staff.set_pin(store, username=username, pin=_new_pin(), now=utc_now(), by=by)
    say(translate("staff.pin_set", username=member.username))


@staff_group.command("deactivate")
@click.argument("username")
@pass_cli
def deactivate(ctx: CliContext, username: str) -> None:
    """Close USERNAME's account (kept for the audit trail)."""
    by = cli_guard.operator(click.get_current_context())
    with ctx.open_store() as store:
        member = staff.deactivate(store, username=username, now=utc_now(), by=by)
    say(translate("staff.deactivated", username=member.username))


@click.group("audit")
def audit_group() -> None:
    """The audit trail: list it, verify its hash chain."""


@audit_group.command("list")
@click.option("--after", type=int, default=0, help="Only rows after this sequence number.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many rows.")
@click.option("--patient", "patient_id", help="Only rows about this patient id.")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one row per line.")
@pass_cli
def list_audit(
    ctx: CliContext, after: int, limit: int | None, patient_id: str | None, as_json: bool
) -> None:
    """Audit rows, oldest first: when, who, what, which record (ids only)."""
    with ctx.open_store() as store:
        if patient_id:
            found = [r for r in audit.rows_about_patient(store, patient_id) if r.seq > after]
            found = found[:limit] if limit else found
        else:
            found = audit.rows(store, after=after, limit=limit)
    for row in found:
        if as_json:
            emit_json(row.to_json())
        else:
            detail = ",".join(row.detail)
            click.echo(
                f"{row.seq}  {row.at}  {row.actor_kind}:{row.actor_id}  {row.action}  "
                f"{row.entity_type}/{row.entity_id}  {detail}".rstrip()
            )


@audit_group.command("verify")
@click.option("--json", "as_json", is_flag=True, help="The verdict as one JSON document.")
@pass_cli
def verify(ctx: CliContext, as_json: bool) -> None:
    """Recompute the hash chain; exit 6 naming the first broken row."""
    with ctx.open_store() as store:
        verdict = audit.verify(store)
    if as_json:
        emit_json(
            {
                "ok": verdict.ok,
                "rows": verdict.rows,
                "broken_at": verdict.broken_at,
                "reason": verdict.reason,
            }
        )
    if verdict.ok:
        say(translate("audit.intact", rows=verdict.rows))
        return
    say(translate("audit.broken", seq=verdict.broken_at, reason=verdict.reason, rows=verdict.rows))
    click.get_current_context().exit(EXIT_AUDIT_BROKEN)
