"""``kiosk support-bundle [--out FILE]``: logs, versions, doctor output, masked config and the
driver list in one archive, without patient data (kiosk/support_bundle.py)."""

from __future__ import annotations

from pathlib import Path

import click

from kiosk import support_bundle as bundle
from kiosk.cli.context import CliContext, emit_json, pass_cli, say
from kiosk.domain import utc_now
from kiosk.i18n import translate


@click.command("support-bundle")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Archive to write (default: DATA_DIR/support/kiosk-support-SITE-STAMP.tar.gz).",
)
@click.option("--json", "as_json", is_flag=True, help="The archive's path and size as JSON.")
@pass_cli
def support_bundle(ctx: CliContext, out: Path | None, as_json: bool) -> None:
    """A .tar.gz for support: logs, versions, doctor, config (secrets masked), drivers."""
    path = bundle.build(ctx.config, out, utc_now())
    size = path.stat().st_size
    if as_json:
        emit_json({"path": str(path), "size": size})
    else:
        click.echo(str(path))
    say(translate("bundle.done", path=str(path), size=size))


def auto_backup(ctx: CliContext, as_json: bool) -> None:
    """``kiosk backup --auto`` (kiosk/usb_backup.py); no stick is not an error (exit 0)."""
    from kiosk import usb_backup

    done = usb_backup.auto_backup(ctx.config, utc_now())
    if as_json:
        emit_json(done.to_json())
    if done.status == "done":
        say(translate("backup.auto_done", path=str(done.path), kept=len(done.kept)))
    elif done.status == "no-target":
        say(translate("backup.no_usb"))
    else:
        say(translate("backup.auto_off"))
