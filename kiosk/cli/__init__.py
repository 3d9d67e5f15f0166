"""The ``kiosk`` command line (interfaces.md). Core commands live here; ``drivers/``,
``sync/`` and ``ui/`` add theirs through the ``kiosk.commands`` entry points.

Conventions: ``--json`` output is one JSON document (or JSON Lines where documented) on
stdout; human messages go to stderr in the chosen language. A user-facing error prints one
line and exits 1; no traceback reaches a technician for an expected failure.
"""

from __future__ import annotations

import logging
from typing import Any

import click

from kiosk import i18n, logging_setup
from kiosk.cli.bench_commands import bench
from kiosk.cli.ble_commands import ble
from kiosk.cli.card_commands import media  # also adds `patients card` / `patients scan`
from kiosk.cli.config_commands import config
from kiosk.cli.consult_commands import consults_group
from kiosk.cli.context import CliContext, pass_cli
from kiosk.cli.core_commands import demo, encounters, init, status
from kiosk.cli.driver_commands import drivers
from kiosk.cli.ops_commands import support_bundle
from kiosk.cli.patient_commands import patients
from kiosk.cli.security_commands import security
from kiosk.cli.staff_commands import audit_group, staff_group
from kiosk.cli.store_commands import backup, doctor, restore
from kiosk.config import KioskConfig, resolve_data_dir
from kiosk.errors import UserFacingError, ValidationError
from kiosk.plugins import command_entry_points
from kiosk.security import cli_guard

log = logging.getLogger(__name__)


#: Commands that still run when config.toml has an error, so it can be seen and repaired.
REPAIR_COMMANDS = frozenset({"config", "doctor", "support-bundle"})


class KioskGroup(click.Group):
    """Turns user-facing errors into one translated line and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UserFacingError as error:
            click.echo(f"kiosk: {error}", err=True)
            ctx.exit(getattr(error, "exit_code", 1))  # 5: access refused (security.md)


@click.group(cls=KioskGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False),
    envvar="KIOSK_DATA_DIR",
    help="Folder of the store, media and config.toml (env KIOSK_DATA_DIR).",
)
@click.option("--lang", type=click.Choice(i18n.LANGUAGES), help="Language of messages.")
@click.option("-v", "--verbose", count=True, help="More log output on stderr.")
@click.version_option(package_name="dala-kiosk", prog_name="kiosk")
@cli_guard.user_option
@click.pass_context
def cli(ctx: click.Context, data_dir: str | None, lang: str | None, verbose: int) -> None:
    """Dala Kiosk: telemedicine kiosk for rural health posts."""
    logging_setup.configure(None, verbose)
    try:
        context = CliContext.create(data_dir)
    except ValidationError:  # a broken config.toml: these commands show and repair it
        if ctx.invoked_subcommand not in REPAIR_COMMANDS:
            raise
        context = CliContext(KioskConfig(resolve_data_dir(data_dir)))
    # JSON-lines log file in DATA_DIR/logs (kiosk/logging_setup.py); closed after the command
    logging_setup.configure(context.config, verbose, to_file=ctx.invoked_subcommand != "config")
    ctx.call_on_close(logging_setup.shutdown)
    log.info("command started", extra={"command": ctx.invoked_subcommand or ""})
    i18n.set_language(
        lang
        or (
            context.config.language
            if context.config.language in i18n.LANGUAGES
            else i18n.DEFAULT_LANGUAGE
        )
    )
    ctx.obj = context


cli.add_command(init)
cli.add_command(status)
cli.add_command(demo)
cli.add_command(encounters)
cli.add_command(drivers)
cli.add_command(bench)
cli.add_command(patients)
cli.add_command(media)
cli.add_command(backup)
cli.add_command(restore)
cli.add_command(doctor)
cli.add_command(config)
cli.add_command(support_bundle)
cli.add_command(ble)
cli.add_command(staff_group)
cli.add_command(audit_group)
cli.add_command(consults_group)
cli.add_command(security)


def _load_plugin_commands() -> None:
    for entry in command_entry_points():
        try:
            entry.load()(cli)
        except Exception as error:  # the core CLI must work without a broken plugin
            log.warning("command plugin %s failed to load: %s", entry.name, error)


_load_plugin_commands()
cli_guard.guard(cli)  # roles: every command checks its permission (kiosk/security/roles.py)


def main() -> None:
    cli(prog_name="kiosk")


__all__ = ["CliContext", "cli", "main", "pass_cli"]
