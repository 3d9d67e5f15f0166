"""``kiosk sync`` and ``kiosk encounters export ID --fhir`` (interfaces.md; fhir-mapping.md §5).

``kiosk sync`` pushes the outbox, then pulls the hospital's replies (:mod:`sync.pull`) when
the push was not stopped by AUTH or a busy lock (:mod:`sync.pass_pull`); the pull's result
is in ``--json`` under ``pull`` and does not change the exit code (it is about what is left
to *send*). A pull refused with a message (the server's certificate is not trusted) prints
it on stderr.

Registered through the ``kiosk.commands`` entry point: :func:`register` adds the commands
to the core CLI. ``--json`` prints one JSON document on stdout; human messages go to stderr.
``photos`` in ``--json``: photos (``binary`` items, also in the totals) acked over all
passes, and pending / quarantined now. Exit codes of ``kiosk sync``: 0 when nothing is left
to send, 3 when items remain pending or quarantined, 1 for a user-facing error (no server
configured).
"""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING

import click

from kiosk.cli.context import CliContext, emit_json, pass_cli, say
from kiosk.domain import utc_now
from kiosk.errors import UserFacingError
from kiosk.i18n import translate
from kiosk.security import audit

if TYPE_CHECKING:  # imported when a command runs: `kiosk run` starts without requests & co.
    from sync.engine import SyncEngine, SyncReport
    from sync.pull import PullReport

EXIT_PENDING = 3
#: The loop never sleeps longer than this between passes (the cap of §6 back-off).
MAX_SLEEP_S = 15 * 60.0


@click.command("sync")
@click.option(
    "--server", "server_url", metavar="URL", help="FHIR base URL (else config/KIOSK_SERVER)."
)
@click.option("--once", is_flag=True, help="One pass, then exit.")
@click.option("--json", "as_json", is_flag=True, help="One JSON report on stdout.")
@pass_cli
@click.pass_context
def sync_command(
    click_ctx: click.Context, ctx: CliContext, server_url: str | None, once: bool, as_json: bool
) -> None:
    """Push the outbox to the hospital; exit 0 when nothing is left, 3 when items remain."""
    from sync.engine import SyncEngine
    from sync.pass_pull import pull_after_push

    url = server_url or ctx.config.server_url
    if not url:
        raise UserFacingError("sync.no_server")
    pulled: PullReport | None = None
    with ctx.open_store() as store, SyncEngine(store, ctx.config, server_url=url) as engine:
        report, acked, photos_acked = _run(engine, once)
        pulled = pull_after_push(store, engine, report)
    _tell(report, acked)
    if pulled is not None and pulled.message is not None:
        say(pulled.message)  # e.g. the server's certificate is not trusted
    if as_json:
        document = {**report.to_json(), "acked": acked, "server": url}
        document["photos"] = {**document["photos"], "acked": photos_acked}
        emit_json({**document, "pull": None if pulled is None else pulled.to_json()})
    click_ctx.exit(0 if report.done else EXIT_PENDING)


def _run(engine: SyncEngine, once: bool) -> tuple[SyncReport, int, int]:
    """One pass, or passes until nothing can be sent now or later (or Ctrl-C); returns
    the last report and the items and photos acked over all passes."""
    report = engine.run_once()
    acked, photos_acked = report.acked, report.photos_acked
    while not once and _worth_waiting(report):
        assert report.retry_in is not None
        try:
            time.sleep(min(report.retry_in, MAX_SLEEP_S))
        except KeyboardInterrupt:
            break
        report = engine.run_once()
        acked += report.acked
        photos_acked += report.photos_acked
    return report, acked, photos_acked


def _worth_waiting(report: SyncReport) -> bool:
    from sync.client import SyncErrorKind

    if report.pending == 0 or report.retry_in is None:
        return False
    return report.error in (None, SyncErrorKind.NETWORK, SyncErrorKind.BUSY)


def _tell(report: SyncReport, acked: int) -> None:
    from sync.client import SyncErrorKind

    if report.error is SyncErrorKind.NETWORK:
        say(translate("sync.unreachable", reason="no answer from the server"))
    elif report.error is SyncErrorKind.AUTH:
        say(translate("sync.unreachable", reason="sign-in to the hospital server failed (401)"))
    elif report.error is SyncErrorKind.CONFIG:
        say(translate("sync.unreachable", reason="the server refuses every item: check the URL"))
    if report.done:
        say(translate("sync.all_sent", acked=acked))
    else:
        say(translate("sync.pending_left", pending=report.pending, quarantined=report.quarantined))


@click.command("export")
@click.argument("encounter_id")
@click.option("--fhir", is_flag=True, required=True, help="The FHIR transaction Bundle (JSON).")
@pass_cli
def export_encounter(ctx: CliContext, encounter_id: str, fhir: bool) -> None:
    """The FHIR transaction Bundle one saved encounter becomes (what sync sends)."""
    from sync.bundles import LocalRejection, encounter_bundle_for

    with ctx.open_store() as store:
        try:
            bundle = encounter_bundle_for(store, ctx.config, encounter_id)
        except LocalRejection as error:
            if "missing" in str(error):
                raise UserFacingError("encounter.not_found", encounter_id=encounter_id) from error
            raise click.ClickException(str(error)) from error
        audit.record_encounter_view(store, encounter_id, now=utc_now(), action="exported")
    click.echo(json.dumps(bundle, ensure_ascii=False, indent=2))


def register(cli: click.Group) -> None:
    """Entry point ``kiosk.commands: sync``: add ``sync`` and ``encounters export``."""
    cli.add_command(sync_command)
    encounters = cli.commands.get("encounters")
    if isinstance(encounters, click.Group):
        encounters.add_command(export_encounter)


__all__ = ["register"]
