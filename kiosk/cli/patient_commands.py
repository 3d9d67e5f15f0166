"""``kiosk patients add / import / search / show / merge``: the registry from the shell.

Output: the command's result on stdout (the new id, the hits, the record; one JSON
document with ``--json``); warnings, notes and the import report's human lines on stderr.
Nothing is logged: patient data never reaches a log file.

Exit codes: 0 done; 1 refused (a user-facing error: bad input, duplicate identifier,
unconfirmed warnings) or, for ``import``, when some rows were rejected while the good ones
were imported (the report lists every rejected line).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from kiosk import registry
from kiosk.cli.context import CliContext, emit_json, pass_cli, say
from kiosk.domain import Sex, utc_now
from kiosk.errors import ValidationError
from kiosk.i18n import translate
from kiosk.registry import Candidate, OtherIdentifier, PatientDraft
from kiosk.registry.register import DUPLICATE_WARNINGS
from kiosk.registry.validation import IIN_WARNINGS


@click.group()
def patients() -> None:
    """The patient registry: add, import, search, show, merge."""


def _birth_date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError("patient.bad_birth_date", value=text[:20]) from None


def _candidate_line(candidate: Candidate) -> str:
    name = " ".join(p for p in (candidate.family, candidate.given, candidate.patronymic) if p)
    return f"{candidate.patient_id}  {name}  {candidate.birth_date or '-'}  {candidate.sex}"


@patients.command()
@click.option("--family", required=True, help="Family name as typed (any script).")
@click.option("--given", required=True, help="Given name as typed.")
@click.option("--patronymic", default="", help="Patronymic (-ұлы/-қызы, -ович/-овна...).")
@click.option("--sex", type=click.Choice([s.value for s in Sex]), default=Sex.UNKNOWN.value)
@click.option("--birth-date", help="Exact birth date, YYYY-MM-DD.")
@click.option("--age", help="Age when the date is unknown: 42, 42y or 8m (estimated date).")
@click.option("--iin", help="Kazakhstan IIN, 12 digits.")
@click.option("--snils", help="Russian SNILS, with or without dashes.")
@click.option("--other-id", help="Another document's number (free text).")
@click.option("--family-latin", default="", help="Latin family name from the ID card.")
@click.option("--given-latin", default="", help="Latin given name from the ID card.")
@click.option("--phone", help="Phone number as given.")
@click.option("--address", help="Village / address.")
@click.option(
    "--language",
    type=click.Choice(["kk", "ru", "en"]),
    help="The language the patient reads (the visit summary is printed in it).",
)
@click.option("--force-duplicate", is_flag=True, help="Register despite duplicate warnings.")
@click.option(
    "--accept-iin-mismatch", is_flag=True, help="Register although the IIN disagrees with the form."
)
@click.option("--json", "as_json", is_flag=True, help="One JSON document on stdout.")
@pass_cli
def add(
    ctx: CliContext,
    family: str,
    given: str,
    patronymic: str,
    sex: str,
    birth_date: str | None,
    age: str | None,
    iin: str | None,
    snils: str | None,
    other_id: str | None,
    family_latin: str,
    given_latin: str,
    phone: str | None,
    address: str | None,
    language: str | None,
    force_duplicate: bool,
    accept_iin_mismatch: bool,
    as_json: bool,
) -> None:
    """Register a patient; prints the new id. Duplicate and IIN warnings stop it unless
    confirmed with --force-duplicate / --accept-iin-mismatch."""
    official = (
        (registry.NameEntry(family_latin, given_latin, "", "official"),)
        if family_latin.strip() or given_latin.strip()
        else ()
    )
    draft = PatientDraft(
        family=family,
        given=given,
        patronymic=patronymic,
        sex=Sex(sex),
        birth_date=_birth_date(birth_date),
        age=age,
        iin=iin,
        snils=snils,
        other_ids=(OtherIdentifier(other_id),) if other_id else (),
        phone=phone,
        address=address,
        other_names=official,
        language=language,
    )
    acknowledge = (*(DUPLICATE_WARNINGS if force_duplicate else ()),) + (
        IIN_WARNINGS if accept_iin_mismatch else ()
    )
    with ctx.open_store() as store:
        try:
            done = registry.register(store, draft, now=utc_now(), acknowledge=acknowledge)
        except registry.NeedsConfirmation as refused:
            _explain(refused.warnings, refused.notes, refused.candidates, as_json)
            raise
        except registry.DuplicateIdentifier as refused:
            _explain([], [], refused.candidates, as_json)
            raise
    for key in (*done.warnings, *done.notes):
        say(translate(key))
    if as_json:
        emit_json(
            {
                "id": done.patient_id,
                "warnings": list(done.warnings),
                "notes": list(done.notes),
                "candidates": [c.to_json() for c in done.candidates],
            }
        )
    else:
        click.echo(done.patient_id)
        say(translate("patient.registered", patient_id=done.patient_id))


def _explain(
    warnings: list[str], notes: list[str], candidates: list[Candidate], as_json: bool
) -> None:
    for key in (*warnings, *notes):
        say(translate(key))
    if as_json:
        emit_json(
            {
                "id": None,
                "warnings": warnings,
                "notes": notes,
                "candidates": [c.to_json() for c in candidates],
            }
        )
    else:
        for candidate in candidates:
            say("  " + _candidate_line(candidate))
    if warnings:
        say(translate("patient.confirm_hint"))


@patients.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="The report as one JSON document.")
@pass_cli
def import_(ctx: CliContext, file: Path, as_json: bool) -> None:
    """Import patients from a UTF-8 CSV (header: family,given,patronymic,sex,birth_date,age,
    iin,snils,phone,address,...). Good rows are imported, bad ones listed with their line
    numbers; exit 0 when every row was imported, 1 when some were rejected."""
    with ctx.open_store() as store:
        report = registry.import_csv(store, file, utc_now())
    if as_json:
        emit_json(report.to_json())
    else:
        for problem in report.rejected:
            message = problem.to_json()["message"]
            click.echo(translate("import.row_rejected", line=problem.line, message=message))
    say(translate("import.done", imported=len(report.imported), rejected=len(report.rejected)))
    if not report.complete:
        raise SystemExit(1)


@patients.command(name="search")
@click.argument("query")
@click.option("--limit", type=click.IntRange(1, 500), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="JSON: a list of hits, best first.")
@pass_cli
def search_(ctx: CliContext, query: str, limit: int, as_json: bool) -> None:
    """Find patients by name in any script (typos allowed), IIN, SNILS, phone or birth
    year, best match first."""
    with ctx.open_store() as store:
        hits = registry.search(store, query, limit)
    if as_json:
        emit_json([hit.to_json() for hit in hits])
        return
    if not hits:
        say(translate("patient.no_results"))
    for hit in hits:
        click.echo(_candidate_line(hit))


@patients.command()
@click.argument("patient_id")
@click.option("--json", "as_json", is_flag=True, help="One JSON document on stdout.")
@pass_cli
def show(ctx: CliContext, patient_id: str, as_json: bool) -> None:
    """Everything stored about one patient: names, identifiers, merges, encounters."""
    with ctx.open_store() as store:
        record = registry.patient_details(store, patient_id)
    if as_json:
        emit_json(record)
        return
    _print_record(record)


def _print_record(record: dict[str, Any]) -> None:
    estimated = " (~)" if record["birth_date_estimated"] else ""
    click.echo(f"id:          {record['id']}")
    for name in record["names"]:
        parts = " ".join(p for p in (name["family"], name["given"], name["patronymic"]) if p)
        click.echo(f"name:        {parts}  [{name['use']}]")
    click.echo(f"sex:         {record['sex']}")
    click.echo(f"birth date:  {record['birth_date'] or '-'}{estimated}")
    for ident in record["identifiers"]:
        click.echo(f"{ident['system'] + ':':12} {ident.get('display') or ident['value']}")
    click.echo(f"phone:       {record['phone'] or '-'}")
    click.echo(f"address:     {record['address'] or '-'}")
    click.echo(f"language:    {record['language'] or '-'}")
    if record["merged_into"]:
        click.echo(f"merged into: {record['merged_into']} ({record['merged_at']})")
    for replaced in record["replaced"]:
        click.echo(f"replaced:    {replaced['id']} ({replaced['merged_at']})")
    click.echo(f"encounters:  {len(record['encounters'])}")


@patients.command(name="merge")
@click.argument("keep_id")
@click.argument("replaced_id")
@click.option("--reason", required=True, help="Why the two records are the same person.")
@click.option("--json", "as_json", is_flag=True, help="One JSON document on stdout.")
@pass_cli
def merge_(ctx: CliContext, keep_id: str, replaced_id: str, reason: str, as_json: bool) -> None:
    """Merge REPLACED_ID into KEEP_ID: both histories kept, the replacement recorded."""
    with ctx.open_store() as store:
        result = registry.merge(store, keep_id, replaced_id, reason, utc_now())
    if as_json:
        emit_json(
            {"keep": result.keep_id, "replaced": result.replaced_id, "merged_at": result.merged_at}
        )
    say(translate("patient.merged", keep_id=keep_id, replaced_id=replaced_id))
