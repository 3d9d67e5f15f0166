"""Core commands: ``init``, ``status``, ``demo``, ``encounters``."""

from __future__ import annotations

import click

from kiosk import services
from kiosk.cli.context import CliContext, emit_json, pass_cli, say
from kiosk.demo import init_store, run_headless_demo
from kiosk.errors import UserFacingError
from kiosk.i18n import translate
from kiosk.store import migrations, records


@click.command()
@pass_cli
def init(ctx: CliContext) -> None:
    """Create or migrate the store; idempotent."""
    version = init_store(ctx.config)
    say(translate("init.done", path=str(ctx.config.store_path), version=version))


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
@pass_cli
def demo(ctx: CliContext, headless: bool, count: int, seed: int) -> None:
    """The whole pipeline without a screen: simulated devices on real ports → drivers →
    store; N encounters for synthetic patients."""
    saved = run_headless_demo(
        ctx.config,
        encounters=count,
        seed=seed,
        progress=lambda n, _id: say(f"encounter {n}/{count} saved"),
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
    """Saved and draft encounters, newest first."""
    with ctx.open_store() as store:
        rows = records.list_encounters(store, limit)
    if as_json:
        emit_json(rows)
        return
    for row in rows:
        click.echo(
            f"{row['number']}  {row['status']:8}  {row['started_at'][:16]}  "
            f"{row['readings']} reading(s)  {row['id']}"
        )


@encounters.command("show")
@click.argument("encounter_id")
@pass_cli
def show_encounter(ctx: CliContext, encounter_id: str) -> None:
    """One encounter with its readings and their provenance (JSON)."""
    with ctx.open_store() as store:
        encounter = records.get_encounter(store, encounter_id)
    if encounter is None:
        raise UserFacingError("encounter.not_found", encounter_id=encounter_id)
    emit_json(
        {
            "id": encounter.id,
            "number": encounter.number,
            "patient_id": encounter.patient_id,
            "status": str(encounter.status),
            "started_at": encounter.started_at.isoformat(),
            "ended_at": encounter.ended_at.isoformat() if encounter.ended_at else None,
            "readings": [
                {
                    "type": r.type,
                    "value": r.value,
                    "unit": r.unit,
                    "source": str(r.source),
                    "flags": list(r.flags),
                    "driver": r.driver_id,
                    "device": r.device_key,
                    "device_time": r.device_time,
                    "kiosk_time": r.kiosk_time.isoformat(),
                    "raw": r.raw.hex(" "),
                }
                for r in encounter.readings
            ],
        }
    )
