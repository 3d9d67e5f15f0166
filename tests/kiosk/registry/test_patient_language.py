"""The patient's language (kk / ru / en): registration, details, CLI, CSV import, merge."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kiosk import registry
from kiosk.cli import cli
from kiosk.errors import ValidationError
from kiosk.i18n import translate
from kiosk.registry import PatientDraft
from kiosk.store import Store


def _register(store: Store, now: dt.datetime, family: str, language: str | None = None) -> str:
    draft = PatientDraft(family=family, given="Дана", language=language)
    return registry.register(store, draft, now=now, acknowledge=registry.ALL_WARNINGS).patient_id


@pytest.mark.parametrize(("typed", "stored"), [("kk", "kk"), (" RU ", "ru"), ("en", "en")])
def test_language_is_stored_and_shown(
    store: Store, now: dt.datetime, typed: str, stored: str
) -> None:
    pid = _register(store, now, "Әлиева", language=typed)
    assert registry.patient_details(store, pid)["language"] == stored


@pytest.mark.parametrize("empty", [None, "", "  "])
def test_no_language_is_stored_as_unknown(
    store: Store, now: dt.datetime, empty: str | None
) -> None:
    pid = _register(store, now, "Әлиева", language=empty)
    assert registry.patient_details(store, pid)["language"] is None


@pytest.mark.parametrize("language", ["de", "kz", "русский"])
def test_another_language_is_refused_with_a_translated_message(
    store: Store, now: dt.datetime, language: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        _register(store, now, "Әлиева", language=language)
    assert refused.value.key == "patient.bad_language"
    assert store.scalar("SELECT count(*) FROM patients") == 0  # nothing stored
    texts = [translate(refused.value.key, lang, **refused.value.params) for lang in ("kk", "ru")]
    assert "тілі" in texts[0] and "язык" in texts[1] and language in texts[1]


def test_a_merge_keeps_the_replaced_records_language(store: Store, now: dt.datetime) -> None:
    keep = _register(store, now, "Оспанов")
    replaced = _register(store, now, "Оспанова", language="kk")
    registry.merge(store, keep, replaced, "the same person", now)
    assert registry.patient_details(store, keep)["language"] == "kk"
    known = _register(store, now, "Жұмабаев", language="ru")
    other = _register(store, now, "Жумабаев", language="en")
    registry.merge(store, known, other, "the same person", now)
    assert registry.patient_details(store, known)["language"] == "ru"  # never overwritten


def test_csv_language_column_is_optional_and_checked(
    store: Store, now: dt.datetime, tmp_path: Path
) -> None:
    path = tmp_path / "patients.csv"
    path.write_text(
        "family,given,language\nҚасымов,Ерлан,kk\nИванова,Ольга,\nSmith,John,EN\nMüller,Hans,de\n",
        encoding="utf-8",
    )
    report = registry.import_csv(store, path, now)
    assert [(p.line, p.key) for p in report.rejected] == [(5, "patient.bad_language")]
    assert report.ignored_columns == []
    languages = [registry.patient_details(store, pid)["language"] for _line, pid in report.imported]
    assert languages == ["kk", None, "en"]


def test_cli_add_with_language(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    runner = CliRunner()
    assert runner.invoke(cli, ["--data-dir", data, "init"]).exit_code == 0
    base = ["--data-dir", data, "patients", "add", "--family", "Әлиева", "--given", "Дана"]
    added = runner.invoke(cli, [*base, "--language", "kk"])
    assert added.exit_code == 0, added.stderr
    patient = added.stdout.strip()
    shown = runner.invoke(cli, ["--data-dir", data, "patients", "show", patient, "--json"])
    assert json.loads(shown.stdout)["language"] == "kk"
    text = runner.invoke(cli, ["--data-dir", data, "patients", "show", patient])
    assert "language:    kk" in text.stdout
    refused = runner.invoke(cli, [*base, "--language", "de"])
    assert refused.exit_code != 0
    helped = runner.invoke(cli, ["patients", "add", "--help"])
    assert "--language" in helped.stdout
