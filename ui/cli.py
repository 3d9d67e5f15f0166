"""``kiosk run`` (the touchscreen) and ``kiosk screenshots`` (every screen as PNG files),
added to the core CLI through ``kiosk.commands``.

Qt is imported only when the command runs, so ``kiosk --help`` and every other command
stay fast and work on a machine without a screen.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import sys
from pathlib import Path

import click

from kiosk import i18n
from kiosk.cli.context import CliContext, pass_cli
from kiosk.cli.lazy_group import LazyGroup


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


def _leave(code: int) -> None:
    """Exit without finalising the interpreter (see ``run``): PySide6 may crash there."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def parse_size(text: str) -> tuple[int, int]:
    """``1024x600`` → ``(1024, 600)``; ValueError for anything else."""
    width, sep, height = text.lower().partition("x")
    if not (sep and width.isdigit() and height.isdigit() and int(width) and int(height)):
        raise ValueError(f"not a size WIDTHxHEIGHT: {text!r}")
    return int(width), int(height)


def _sizes(
    _ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]
) -> tuple[tuple[int, int], ...]:
    try:
        return tuple(parse_size(value) for value in values)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


@click.command()
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the PNG files into (created when missing).",
)
@click.option(
    "--lang",
    "languages",
    multiple=True,
    type=click.Choice(i18n.LANGUAGES),
    help="Only this language (repeatable; default: every language).",
)
@click.option(
    "--size",
    "sizes",
    multiple=True,
    callback=_sizes,
    metavar="WxH",
    help="Only this window size, e.g. 1024x600 (repeatable; default: 1024x600 and 1920x1080).",
)
@click.option(
    "--screen",
    "screens",
    multiple=True,
    metavar="NAME",
    help="Only this screen, e.g. sign-in (repeatable; default: every screen).",
)
@click.option(
    "--demo-wait",
    type=click.FloatRange(min=0),
    metavar="SECONDS",
    default=40.0,
    show_default=True,
    help="Seconds to wait for the demo Bluetooth devices' first measurement.",
)
@pass_cli
def screenshots(
    ctx: CliContext,
    out: Path,
    languages: tuple[str, ...],
    sizes: tuple[tuple[int, int], ...],
    screens: tuple[str, ...],
    demo_wait: float,
) -> None:
    """Grab every screen in every language and size, in demo mode, as PNG files."""
    from ui.screenshots import SCREENS, SIZES, Plan, ScreenshotError, take_screenshots

    unknown = sorted(set(screens) - set(SCREENS))
    if unknown:
        raise click.BadParameter(
            f"unknown screen {', '.join(unknown)}; the screens: {', '.join(SCREENS)}",
            param_hint="--screen",
        )
    plan = Plan(
        out=out,
        screens=screens or SCREENS,
        languages=languages or i18n.LANGUAGES,
        sizes=sizes or SIZES,
        demo_wait=demo_wait,
    )
    try:
        written = take_screenshots(ctx.config, plan, lambda path: click.echo(str(path)))
    except ScreenshotError as error:
        click.echo(f"kiosk screenshots: {error}", err=True)
        _leave(1)
    except Exception as error:  # any failure: a clear message and exit 1
        logging.getLogger(__name__).debug("screenshots failed", exc_info=True)
        click.echo(f"kiosk screenshots: failed: {type(error).__name__}: {error}", err=True)
        _leave(1)
    click.echo(f"{written} screenshots written to {out}", err=True)
    _leave(0)


def register(cli: click.Group) -> None:
    cli.add_command(run)
    cli.add_command(screenshots)
    if isinstance(cli, LazyGroup):  # imported when used: `kiosk run` does not pay for it
        cli.add_lazy_command("review", "ui.review.cli:review")
    else:
        from ui.review.cli import register as register_review

        register_review(cli)  # kiosk review: the specialist console (ui/review/cli.py)
