"""``kiosk review --server URL``: the remote specialist's console (desktop, mouse and keyboard).

Registered by :func:`ui.cli.register` through :func:`register`. Qt is imported only when the
command runs. The token comes from ``--token-file`` or the environment variable
``KIOSK_REVIEW_TOKEN`` and is never printed or logged.
"""

from __future__ import annotations

import logging
import os
import stat
import sys
from pathlib import Path

import click

from kiosk import i18n
from kiosk.errors import UserFacingError
from sync.specialist_model import SPECIALTIES, Specialist

TOKEN_ENV = "KIOSK_REVIEW_TOKEN"


def read_token(token_file: Path | None, environ: dict[str, str] | None = None) -> str:
    """The bearer token: the file's first line (a file only its owner may read: 0600), else
    ``KIOSK_REVIEW_TOKEN``."""
    env = os.environ if environ is None else environ
    if token_file is not None:
        try:
            mode = stat.S_IMODE(token_file.stat().st_mode)
        except OSError:
            raise UserFacingError("review.token_unreadable", path=str(token_file)) from None
        if mode & (stat.S_IRWXG | stat.S_IRWXO):  # a bearer token others may read: refused
            raise UserFacingError("security.secret_file_open", path=str(token_file), mode=oct(mode))
        try:
            token = token_file.read_text(encoding="utf-8").strip().splitlines()
        except (OSError, UnicodeDecodeError):
            raise UserFacingError("review.token_unreadable", path=str(token_file)) from None
        if token and token[0].strip():
            return token[0].strip()
        raise UserFacingError("review.token_unreadable", path=str(token_file))
    token_text = env.get(TOKEN_ENV, "").strip()
    if not token_text:
        raise UserFacingError("review.no_token")
    return token_text


def check_practitioner(reference: str) -> str:
    kind, _, ident = reference.partition("/")
    if kind not in ("Practitioner", "PractitionerRole") or not ident or "/" in ident:
        raise UserFacingError("review.bad_practitioner", value=reference)
    return reference


@click.command()
@click.option(
    "--server",
    required=True,
    envvar="KIOSK_REVIEW_SERVER",
    metavar="URL",
    help="Base URL of the hospital's FHIR R4 server (env KIOSK_REVIEW_SERVER).",
)
@click.option(
    "--token-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help=f"File holding the bearer token (else env {TOKEN_ENV}).",
)
@click.option(
    "--practitioner",
    required=True,
    envvar="KIOSK_REVIEW_PRACTITIONER",
    metavar="Practitioner/ID",
    help="Your Practitioner on the server (the Task owner).",
)
@click.option(
    "--name",
    "display",
    envvar="KIOSK_REVIEW_NAME",
    help="Your name as the nurse sees it (default: the practitioner reference).",
)
@click.option(
    "--specialty",
    "specialties",
    multiple=True,
    type=click.Choice(SPECIALTIES),
    help="Only requests for this specialty (repeatable; default: all).",
)
@click.option(
    "--ca-bundle",
    envvar="KIOSK_CA_BUNDLE",
    type=click.Path(dir_okay=False),
    help="CA certificates to trust for the server (TLS is always verified).",
)
@click.option(
    "--poll",
    type=click.FloatRange(min=2),
    default=15.0,
    show_default=True,
    metavar="SECONDS",
    help="How often the worklist is refreshed.",
)
def review(
    server: str,
    token_file: Path | None,
    practitioner: str,
    display: str | None,
    specialties: tuple[str, ...],
    ca_bundle: str | None,
    poll: float,
) -> None:
    """Open the remote specialist's console: claim and answer the kiosks' requests."""
    try:
        token = read_token(token_file)
        specialist = Specialist(
            check_practitioner(practitioner), display or practitioner, specialties
        )
    except UserFacingError as error:
        raise click.UsageError(str(error)) from None
    from ui.review.app import run_console

    code = run_console(
        server, token, specialist, ca_bundle, int(poll * 1000), i18n.current_language()
    )
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)  # PySide6 may crash while the interpreter finalises (see ui/cli.py)


def register(cli: click.Group) -> None:
    cli.add_command(review)
