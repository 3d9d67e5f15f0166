"""Core commands: ``init``, ``status``, ``demo``, ``encounters``."""

from __future__ import annotations

import click

from kiosk import services
from kiosk.cli import store_commands
from kiosk.cli.context import CliContext, emit_json, pass_cli, say
from kiosk.demo import run_headless_demo
from kiosk.i18n import translate
from kiosk.startup import prepare_store
from kiosk.store import migrations


@click.command()
@pass_cli
def init(ctx: CliContext) -> None:
    """Create or migrate the store and reconcile the photo folder with it; idempotent."""
    prepared = prepare_store(ctx.config)
    say(translate("init.done", path=str(ctx.config.store_path), version=prepared.schema_version))


@click.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON document on stdout.")
@pass_cli
def status(ctx: CliContext, as_json: bool) -> None:
    """Counts: patients, encounters, outbox by state, media, last sync."""
    with ctx.open_store() as store:
        summary = services.status_summary(store)
        summary["schema_version"] = migrations.current_version(store)
    summary["data_dir"] = str(ctx.config.data_dir)
    if as_json:
        emit_json(summary)
        return
    outbox = summary["outbox"]
    click.echo(f"patients:   {summary['patients']}")
    click.echo(
        f"encounters: {summary['encounters']['finished']} saved, "
        f"{summary['encounters']['draft']} draft"
    )
    click.echo(
        f"outbox:     {outbox['pending'] + outbox['sending']} pending, {outbox['acked']} acked, "
        f"{outbox['quarantined']} quarantined"
    )
    media = summary["media"]
    click.echo(
        f"photos:     {media['ready']} stored, {media['missing']} missing; "
        f"{media['pending']} to send ({media['held']} in drafts), {media['acked']} sent"
    )
    click.echo(f"last sync:  {summary['last_sync'] or '-'}")


@click.command()
@click.option("--headless", is_flag=True, required=True, help="No screen (required for now).")
@click.option(
    "--encounters",
    "count",
    type=click.IntRange(1, 100_000),
    required=True,
    help="How many encounters to save.",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the synthetic data.")
@click.option(
    "--consults",
    "consult_count",
    type=click.IntRange(0, 100_000),
    default=0,
    show_default=True,
    help="How many of the encounters ask a remote specialist (kiosk consults list).",
)
@pass_cli
def demo(ctx: CliContext, headless: bool, count: int, seed: int, consult_count: int) -> None:
    """The whole pipeline without a screen: simulated devices on real ports → drivers →
    store; N encounters for synthetic patients, K of them asking for a consultation."""
    saved = run_headless_demo(
        ctx.config,
        encounters=count,
        seed=seed,
        progress=lambda n, _id: say(f"encounter {n}/{count} saved"),
        consults=consult_count,
    )
    say(translate("demo.done", count=len(saved), path=str(ctx.config.store_path)))


@click.group()
def encounters() -> None:
    """Saved encounters."""


@encounters.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON document on stdout.")
@click.option("--limit", type=click.IntRange(1, 10_000), default=100, show_default=True)
@pass_cli
def list_encounters(ctx: CliContext, as_json: bool, limit: int) -> None:
    """Saved and draft encounters, newest first: status, version, NEWS2."""
    rows = store_commands.encounter_rows(ctx, limit)
    if as_json:
        emit_json(rows)
        return
    store_commands.print_encounter_rows(rows)


@encounters.command("show")
@click.argument("encounter_id")
@click.option("--json", "as_json", is_flag=True, help="One JSON document on stdout.")
@pass_cli
def show_encounter(ctx: CliContext, encounter_id: str, as_json: bool) -> None:
    """One encounter: complaints, notes, readings with provenance and plausibility, score,
    versions."""
    document = store_commands.encounter_document(ctx, encounter_id)
    if as_json:
        emit_json(document)
        return
    store_commands.print_encounter(document)
