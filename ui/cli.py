"""``kiosk run``: the touchscreen, added to the core CLI through ``kiosk.commands``.

Qt is imported only when the command runs, so ``kiosk --help`` and every other command
stay fast and work on a machine without a screen.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import sys

import click

from kiosk import i18n
from kiosk.cli.context import CliContext, pass_cli


@click.command()
@click.option(
    "--demo",
    is_flag=True,
    help="Use a simulated pulse oximeter on a pseudo-terminal (no hardware needed).",
)
@click.option("--fullscreen", is_flag=True, help="Fill the whole screen (normal on a kiosk).")
@pass_cli
def run(ctx: CliContext, demo: bool, fullscreen: bool) -> None:
    """Start the touchscreen kiosk: register a patient, measure, save."""
    from ui.app import run_app

    config = dataclasses.replace(ctx.config, language=i18n.current_language())
    code = run_app(config, demo=demo, fullscreen=fullscreen)
    # run_app has stopped the devices, the runtime and closed the store. PySide6 6.12 can
    # then crash while the interpreter finalises ("bool_dealloc", a refcount bug in the C
    # extension), which would turn a clean quit into an abort: leave without finalising.
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def register(cli: click.Group) -> None:
    cli.add_command(run)
