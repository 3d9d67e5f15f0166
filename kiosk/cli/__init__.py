"""The ``kiosk`` command line (interfaces.md). Core commands live here; ``drivers/``,
``sync/`` and ``ui/`` add theirs through the ``kiosk.commands`` entry points.

Commands are imported only when needed (:mod:`kiosk.cli.lazy_group`): ``kiosk run`` does not
pay for every other command's libraries. A core command is one line in
:data:`CORE_COMMANDS` (``name -> "module:attribute"``); importing :mod:`kiosk.cli` imports
no command module.

Conventions: ``--json`` output is one JSON document (or JSON Lines where documented) on
stdout; human messages go to stderr in the chosen language. A user-facing error prints one
line and exits 1; no traceback reaches a technician for an expected failure.
"""

from __future__ import annotations

import logging
from typing import Any

import click

from kiosk import i18n, logging_setup
from kiosk.cli.context import CliContext, pass_cli
from kiosk.cli.lazy_group import LazyGroup
from kiosk.config import KioskConfig, resolve_data_dir
from kiosk.errors import UserFacingError, ValidationError
from kiosk.plugins import command_entry_points
from kiosk.security import cli_guard

log = logging.getLogger(__name__)


#: Commands that still run when config.toml has an error, so it can be seen and repaired.
REPAIR_COMMANDS = frozenset({"config", "doctor", "support-bundle"})

#: The core's commands: name -> ``module:attribute``, imported when looked up (LazyGroup).
CORE_COMMANDS = {
    "init": "kiosk.cli.core_commands:init",
    "status": "kiosk.cli.core_commands:status",
    "demo": "kiosk.cli.core_commands:demo",
    "encounters": "kiosk.cli.core_commands:encounters",
    "drivers": "kiosk.cli.driver_commands:drivers",
    "bench": "kiosk.cli.bench_commands:bench",
    "patients": "kiosk.cli.patient_commands:patients",
    "media": "kiosk.cli.card_commands:media",
    "backup": "kiosk.cli.store_commands:backup",
    "restore": "kiosk.cli.store_commands:restore",
    "doctor": "kiosk.cli.store_commands:doctor",
    "config": "kiosk.cli.config_commands:config",
    "support-bundle": "kiosk.cli.ops_commands:support_bundle",
    "ble": "kiosk.cli.ble_commands:ble",
    "staff": "kiosk.cli.staff_commands:staff_group",
    "audit": "kiosk.cli.staff_commands:audit_group",
    "consults": "kiosk.cli.consult_commands:consults_group",
    "security": "kiosk.cli.security_commands:security",
}
#: Modules that add subcommands to a core group when imported, imported with that group.
CORE_EXTENSIONS = {"patients": ("kiosk.cli.card_commands",)}  # `patients card` / `scan`


class KioskGroup(LazyGroup):
    """Turns user-facing errors into one translated line and exit code 1; its commands are
    imported when needed (:mod:`kiosk.cli.lazy_group`)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UserFacingError as error:
            click.echo(f"kiosk: {error}", err=True)
            ctx.exit(getattr(error, "exit_code", 1))  # 5: access refused (security.md)


def _load_plugin_commands() -> None:
    """The ``kiosk.commands`` entry points' registration functions (before the first command
    is looked up: a plugin adds commands and may extend a core group)."""
    for entry in command_entry_points():
        try:
            entry.load()(cli)
        except Exception as error:  # the core CLI must work without a broken plugin
            log.warning("command plugin %s failed to load: %s", entry.name, error)


def _guard(name: str, command: click.Command) -> None:
    """Roles: every command checks its permission (kiosk/security/roles.py); idempotent."""
    cli_guard.guard(click.Group(commands={name: command}))


@click.group(
    cls=KioskGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    lazy_commands=CORE_COMMANDS,
    extensions=CORE_EXTENSIONS,
    prepare=_load_plugin_commands,
    on_load=_guard,
)
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


def main() -> None:
    cli(prog_name="kiosk")


__all__ = ["CliContext", "cli", "main", "pass_cli"]
