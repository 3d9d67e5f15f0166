"""``kiosk consults list|request`` (interfaces.md "consults"; kiosk/consults.py).

``list`` shows every teleconsultation request, newest first: state, specialty, urgency,
deadline, overdue, the specialist's questions and the nurse's replies, and the specialist's
answer once it has come. ``request`` asks for one
from a saved visit (for technicians and tests; the nurse asks from the visit screen).
Labels are translated; the specialist's words are printed as written.
"""

from __future__ import annotations

import click

from kiosk import consults
from kiosk.cli.context import CliContext, emit_json, pass_cli, say
from kiosk.consults import ConsultRequest, ConsultView, label
from kiosk.domain import utc_now
from kiosk.i18n import translate


@click.group("consults")
def consults_group() -> None:
    """Teleconsultation requests to remote specialists."""


@consults_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON document on stdout.")
@click.option("--patient", "patient_id", metavar="ID", help="Only this patient's requests.")
@pass_cli
def list_command(ctx: CliContext, as_json: bool, patient_id: str | None) -> None:
    """Requests, newest first, with their state and the answer once it has come."""
    with ctx.open_store() as store:
        found = consults.list_consults(store, now=utc_now(), patient_id=patient_id)
    if as_json:
        emit_json({"consults": [view.to_json() for view in found]})
        return
    if not found:
        say(translate("consult.none"))
    for view in found:
        _print(view)


def _print(view: ConsultView) -> None:
    flag = f"  [{translate('consult.overdue_flag')}]" if view.overdue else ""
    click.echo(
        f"{view.id}  {label('state', view.state)}  {label('specialty', view.specialty)}  "
        f"{label('urgency', view.urgency)}  {view.deadline.isoformat(timespec='minutes')}{flag}"
    )
    if view.owner_display:
        click.echo(f"    {view.owner_display}")
    if view.status_reason:
        click.echo(f"    {view.status_reason}")
    for message in view.messages:  # the specialist's questions and the nurse's replies
        key = "consult.cli.asked" if message.direction == "question" else "consult.cli.replied"
        who = message.sender_display or ""
        moment = message.sent_at.isoformat(timespec="minutes")
        click.echo(f"    {translate(key, who=who, at=moment)}: {message.text}")
    if view.answer_text:
        click.echo(f"    {translate('consult.answer_label')}: {view.answer_text}")
    extras = [label("decision", view.answer_decision)] if view.answer_decision else []
    extras += list(view.answer_codes)
    if view.follow_up is not None:
        extras.append(view.follow_up.isoformat())
    if extras:
        click.echo(f"    {', '.join(extras)}")


@consults_group.command("request")
@click.argument("encounter_id")
@click.option(
    "--specialty", required=True, type=click.Choice(consults.SPECIALTIES), help="Who to ask."
)
@click.option(
    "--urgency",
    required=True,
    type=click.Choice(tuple(consults.URGENCIES)),
    help="routine 24 h, urgent 4 h, emergency 1 h to answer.",
)
@click.option("--question", required=True, help="The question for the specialist.")
@click.option("--reading", "reading_ids", multiple=True, metavar="ID", help="A reading to send.")
@click.option("--photo", "media_ids", multiple=True, metavar="ID", help="A photo to send.")
@click.option("--all", "include_all", is_flag=True, help="Send every reading and photo.")
@click.option("--json", "as_json", is_flag=True, help="The new request as JSON on stdout.")
@pass_cli
def request_command(
    ctx: CliContext,
    encounter_id: str,
    specialty: str,
    urgency: str,
    question: str,
    reading_ids: tuple[str, ...],
    media_ids: tuple[str, ...],
    include_all: bool,
    as_json: bool,
) -> None:
    """Ask a remote specialist about a saved visit; sent with the next sync."""
    now = utc_now()
    with ctx.open_store() as store:
        if include_all:
            reading_ids, media_ids = consults.attachments_of(store, encounter_id)
        request = ConsultRequest(encounter_id, specialty, urgency, question, media_ids, reading_ids)
        consult_id = consults.request_consult(store, request, now=now)
        view = consults.get_consult(store, consult_id, now=now)
    say(translate("consult.requested", consult_id=consult_id, deadline=view.deadline.isoformat()))
    if as_json:
        emit_json(view.to_json())
