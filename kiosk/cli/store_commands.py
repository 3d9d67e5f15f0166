"""``kiosk backup``, ``kiosk restore``, ``kiosk doctor`` (interfaces.md) and the encounter
record views used by ``kiosk encounters list/show``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from kiosk import doctor as doctor_checks
from kiosk import encounters as encounter_records
from kiosk.cli.context import CliContext, emit_json, pass_cli, say
from kiosk.domain import utc_now
from kiosk.i18n import translate
from kiosk.security import audit
from kiosk.store import backup as store_backup
from kiosk.store import encounter_records as er


@click.command()
@click.option(
    "--to",
    "target",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the backup file, its manifest and a copy of the media.",
)
@click.option(
    "--auto",
    is_flag=True,
    help="To the USB stick if one is mounted (or backup.usb_path); keep the newest backup.keep.",
)
@click.option("--json", "as_json", is_flag=True, help="The manifest as one JSON document.")
@pass_cli
def backup(ctx: CliContext, target: Path | None, auto: bool, as_json: bool) -> None:
    """Online backup of the store and media (safe while the kiosk runs)."""
    if auto and target is None:
        from kiosk.cli.ops_commands import auto_backup

        auto_backup(ctx, as_json)
        return
    if target is None:
        raise click.UsageError(translate("backup.target_required"))
    done = store_backup.backup(ctx.config.store_path, ctx.config.media_dir, target, utc_now())
    if as_json:
        emit_json(
            done.manifest | {"path": str(done.path), "manifest_path": str(done.manifest_path)}
        )
    say(translate("backup.done", path=str(done.path)))


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="What was restored, as JSON.")
@pass_cli
def restore(ctx: CliContext, file: Path, as_json: bool) -> None:
    """Replace the store with a verified backup FILE; the current store is kept aside.

    Close the kiosk first: a store in use is refused. Run `kiosk init` afterwards when the
    backup comes from an older version."""
    done = store_backup.restore(file, ctx.config.store_path, ctx.config.media_dir, utc_now())
    if as_json:
        emit_json(done)
    say(translate("restore.done", path=str(file), safety=done["safety_copy"] or "-"))


@click.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON document on stdout.")
@pass_cli
def doctor(ctx: CliContext, as_json: bool) -> None:
    """Self-test: store integrity, schema version, free disk space, outbox, configuration,
    server and clock, serial ports, Bluetooth, camera, permissions; each with a fix.
    Exit code 1 when a check failed."""
    report = doctor_checks.run(ctx.config, doctor_checks.all_checks())
    if as_json:
        emit_json(report)
    else:
        for check in report["checks"]:
            click.echo(f"[{check['status']:4}] {check['name']:16} {check['message']}")
            if check["status"] != "ok":
                click.echo(f"       → {check['fix']}")
        click.echo(report["summary"])
    if not report["ok"]:
        raise SystemExit(1)


# --- views for `kiosk encounters list / show` --------------------------------------------


def encounter_rows(ctx: CliContext, limit: int) -> list[dict[str, Any]]:
    with ctx.open_store() as store:
        return er.list_rows(store.conn, limit)


def print_encounter_rows(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        news2 = row["news2"]
        score = "-"
        if news2 is not None:
            score = (
                f"NEWS2 {news2['total']} {news2['band']}"
                if news2["total"] is not None
                else ("NEWS2 incomplete")
            )
        elif row["score"] == "imci":
            score = f"IMCI {row['priority']}"
        current = "" if row["current"] else " (superseded)"
        click.echo(
            f"{row['number']:22} v{row['version']} {row['status']:8}{current} "
            f"{row['started_at'][:16]}  {row['readings']} reading(s)  {score}  {row['id']}"
        )


def encounter_document(ctx: CliContext, encounter_id: str) -> dict[str, Any]:
    with ctx.open_store() as store:
        document = encounter_records.load(store, encounter_id).to_json()
        audit.record_encounter_view(store, encounter_id, now=utc_now())
        return document


def print_encounter(doc: dict[str, Any]) -> None:
    click.echo(f"{doc['number']}  v{doc['version']}  {doc['status']}  {doc['started_at']}")
    codes = ", ".join(c["display"] for c in doc["complaints"]) or "-"
    click.echo(
        f"complaints: {codes}" + (f" — {doc['complaint_text']}" if doc["complaint_text"] else "")
    )
    if doc["notes"]:
        click.echo(f"notes: {doc['notes']}")
    for r in doc["readings"]:
        check = r["plausibility"]
        flag = (
            ""
            if check["verdict"] == "ok"
            else f"  [{check['verdict']}: {', '.join(check['reasons'])}"
        )
        if flag and check["confirmed_by"]:
            flag += f"; confirmed by {check['confirmed_by']}"
        click.echo(
            f"  {r['type']:14} {r['value']} {r['unit']} ({r['source']}){flag}{']' if flag else ''}"
        )
    score = doc["score"]
    if score is None:
        click.echo("score: not scored")
    elif score["kind"] == "news2":
        total = (
            score["total"]
            if score["complete"]
            else "incomplete: missing " + ", ".join(score["missing"])
        )
        click.echo(f"NEWS2: {total} {score['band'] or ''} (priority {score['priority']})")
    else:
        click.echo(f"score: {score['kind']} (priority {score['priority']})")
    for v in doc["versions"]:
        why = (
            f" by {v['corrected_by']} at {v['corrected_at']}: {v['correction_reason']}"
            if v["supersedes"]
            else ""
        )
        click.echo(
            f"  version {v['version']} {v['id']}{why}{'' if v['current'] else ' (superseded)'}"
        )
