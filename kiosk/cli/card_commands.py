"""``kiosk patients card / scan`` and ``kiosk media check``: patient cards and the photo gate.

``card`` and ``scan`` attach themselves to the ``patients`` group when this module is
imported (kiosk/cli/__init__.py imports it and adds the ``media`` group).

Exit codes: 0 done; 1 refused: no card in the picture, a damaged code, a patient this kiosk
does not know, an unreadable image (one translated line on stderr). ``media check`` exits 0
whatever the verdict: the verdict is its output.
"""

from __future__ import annotations

from pathlib import Path

import click

from kiosk import registry
from kiosk.cli.context import CliContext, emit_json, pass_cli, say
from kiosk.cli.patient_commands import _print_record, patients
from kiosk.domain import utc_now
from kiosk.errors import UserFacingError
from kiosk.i18n import translate
from kiosk.media import cards, jpeg, quality
from kiosk.registry.search import survivor_of
from kiosk.security import audit

_CARD_ERRORS = {
    "no-card": "card.not_found",
    "bad-check": "card.bad_check",
    "not-ours": "card.not_ours",
}


def _read_image(path: Path) -> quality.Image:
    import cv2

    image = cv2.imread(str(path), cv2.IMREAD_COLOR)
    if image is None:
        raise UserFacingError("media.bad_image", path=path.name)
    found: quality.Image = image
    return found


@patients.command(name="card")
@click.argument("patient_id")
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the card: FILE.png or FILE.pdf (300 dpi, ID-1 card size).",
)
@pass_cli
def card_(ctx: CliContext, patient_id: str, out: Path) -> None:
    """Print a patient card: the name and a QR code with the patient id and a check value."""
    with ctx.open_store() as store:
        record = registry.patient_details(store, survivor_of(store, patient_id))
    names = [
        record["family"] or "",
        " ".join(p for p in (record["given"], record["patronymic"]) if p),
    ]
    details = [translate("card.born", date=record["birth_date"])] if record["birth_date"] else []
    written = cards.make_card(
        record["id"], names, out, details=details, title=translate("card.title")
    )
    with ctx.open_store() as store:  # the card carries the name off the kiosk
        audit.record_view(store, "Patient", record["id"], now=utc_now(), action="exported")
    say(translate("card.written", path=str(written)))
    click.echo(str(written))


@patients.command(name="scan")
@click.argument("image", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON document on stdout.")
@pass_cli
def scan_(ctx: CliContext, image: Path, as_json: bool) -> None:
    """Find the patient from a photo of their card (exit 1: no card, or unknown patient)."""
    found = cards.read_card(_read_image(image))
    if found.patient_id is None:
        raise UserFacingError(_CARD_ERRORS[found.status])
    with ctx.open_store() as store:
        current = survivor_of(store, found.patient_id)
        try:
            record = registry.patient_details(store, current)
        except UserFacingError:
            raise UserFacingError("card.unknown_patient", patient_id=found.patient_id) from None
    if as_json:
        emit_json({"card_patient_id": found.patient_id, "patient_id": current, "patient": record})
        return
    _print_record(record)


@click.group()
def media() -> None:
    """Photos: the quality gate."""


@media.command(name="check")
@click.argument("image", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON document on stdout.")
def check_(image: Path, as_json: bool) -> None:
    """The photo quality gate on a file: sharpness, exposure, size and the verdict
    (ok / blurry / too-dark / too-bright)."""
    measured = quality.assess(_read_image(image))
    data = image.read_bytes()
    metadata = jpeg.metadata_segments(data) if data[:2] == b"\xff\xd8" else []
    message = translate(measured.verdict.message_key)
    if as_json:
        emit_json(
            measured.to_json()
            | {"file": str(image), "bytes": len(data), "metadata": metadata, "message": message}
        )
        return
    click.echo(measured.verdict.value)
    say(message)
    say(
        translate(
            "media.check_line",
            sharpness=f"{measured.sharpness:.0f}",
            min_sharpness=f"{quality.MIN_SHARPNESS:.0f}",
            mean=f"{measured.mean:.0f}",
            min_mean=f"{quality.MIN_MEAN:.0f}",
            max_mean=f"{quality.MAX_MEAN:.0f}",
            width=measured.width,
            height=measured.height,
        )
    )
