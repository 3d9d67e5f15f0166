"""``kiosk config show [--json]``, ``kiosk config set KEY VALUE``, ``kiosk config check``.

``show`` prints every setting's effective value and where it comes from (``default``,
``file``, ``env:NAME``), secrets masked; ``set`` validates one value and rewrites only its
line of ``config.toml`` (atomically, mode 0600). These commands work even when the file has
an error, so the technician can see and repair it.
"""

from __future__ import annotations

import click

from kiosk.cli.context import CliContext, emit_json, pass_cli, say
from kiosk.i18n import translate
from kiosk.settings_file import Resolved, resolve, set_value, shown


def _document(resolved: Resolved) -> dict[str, object]:
    return {
        "path": str(resolved.path),
        "exists": resolved.path.exists(),
        "settings": [item.to_json() for item in resolved.values.values()],
        "problems": [problem.to_json() for problem in resolved.problems],
    }


@click.group()
def config() -> None:
    """The one TOML configuration file, config.toml in the data folder."""


@config.command("show")
@click.option("--json", "as_json", is_flag=True, help="One JSON document on stdout.")
@pass_cli
def show(ctx: CliContext, as_json: bool) -> None:
    """Effective values and where each comes from (default / file / env); secrets masked.
    Exit code 1 when the file has an error."""
    resolved = resolve(ctx.config.data_dir)
    if as_json:
        emit_json(_document(resolved))
    else:
        click.echo(f"# {resolved.path}{'' if resolved.path.exists() else ' (absent)'}")
        for item in resolved.values.values():
            click.echo(f"{item.key:20} = {shown(item)!r}  ({item.source})")
    for problem in resolved.problems:
        say(problem.message())
    if any(problem.fatal for problem in resolved.problems):
        raise SystemExit(1)


@config.command("set")
@click.argument("key")
@click.argument("value")
@pass_cli
def set_(ctx: CliContext, key: str, value: str) -> None:
    """Validate KEY = VALUE and write it into config.toml (comments are kept).

    Lists take commas (languages kk,ru); map entries take the table and the key
    (ports./dev/ttyUSB0 contec-v7). An environment variable still wins over the file."""
    done = set_value(ctx.config.data_dir, key, value)
    say(translate("config.set_done", setting=key, value=shown(done)))


@config.command("check")
@pass_cli
def check(ctx: CliContext) -> None:
    """Only the problems of config.toml; exit code 1 when one is an error."""
    resolved = resolve(ctx.config.data_dir)
    for problem in resolved.problems:
        say(problem.message())
    if any(problem.fatal for problem in resolved.problems):
        raise SystemExit(1)
