"""Search cards (``patients.search_tokens`` under the ``patients_search_card`` index): what
they hold, that every write keeps them equal to the patient's tokens (registration, merge,
migration 12 of an older store), and the warm-up of the search's indexes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kiosk import registry
from kiosk.cli import cli
from kiosk.config import KioskConfig
from kiosk.patient_finder import FinderModel
from kiosk.registry import PatientDraft
from kiosk.registry.index import card_tokens, write_index_rows
from kiosk.registry.model import NameEntry
from kiosk.runtime import Runtime
from kiosk.store import Store, migrate
from kiosk.store.migrations import current_version


def _add(store: Store, now: dt.datetime, family: str, given: str, patronymic: str = "") -> str:
    draft = PatientDraft(family, given, patronymic=patronymic)
    return registry.register(store, draft, now=now, acknowledge=registry.ALL_WARNINGS).patient_id


def _card(store: Store, patient_id: str) -> str:
    return str(store.scalar("SELECT search_tokens FROM patients WHERE id = ?", (patient_id,)))


def _card_from_tokens(store: Store, patient_id: str) -> str:
    rows = store.conn.execute(
        "SELECT token, field FROM patient_tokens WHERE patient_id = ?", (patient_id,)
    ).fetchall()
    return card_tokens(rows)


def test_a_card_lists_each_token_once_and_marks_patronymic_only_ones() -> None:
    rows = [
        ("kasimov", "family"),
        ("erlan", "given"),
        ("serik", "patronymic"),
        ("erlan", "patronymic"),  # also a given name: not patronymic-only
    ]
    assert card_tokens(rows) == "erlan kasimov ~serik"
    assert card_tokens([]) == ""


def test_registration_writes_the_card(store: Store, now: dt.datetime) -> None:
    patient = _add(store, now, "Қасымов", "Ерлан", "Серікұлы")
    assert _card(store, patient) == "erlan kasimov ~serik"


def test_a_merge_adds_the_replaced_names_to_the_survivors_card(
    store: Store, now: dt.datetime
) -> None:
    keep = _add(store, now, "Иванова", "Анна")
    gone = _add(store, now, "Петрова", "Анна")  # her name before marriage
    registry.merge(store, keep, gone, "same person, name changed", now)
    assert _card(store, keep) == _card_from_tokens(store, keep)
    assert "petrova" in _card(store, keep).split()
    hits = registry.search(store, "Petrova Anna")
    assert [h.patient_id for h in hits] == [keep]
    assert hits[0].score == 0  # ranked by the card, which knows the old name


def _seed_version_11(store: Store, now: dt.datetime) -> list[str]:
    people = [
        ("p-1", NameEntry("Қасымов", "Ерлан", "Сәкенұлы")),
        ("p-2", NameEntry("Smirnova", "Natalia")),
        ("p-3", NameEntry("Әбенова", "Ерлан", "Ерланқызы")),
    ]
    with store.transaction() as conn:
        for patient_id, name in people:
            conn.execute(
                "INSERT INTO patients (id, family, given, patronymic, sex, created_at, "
                "updated_at) VALUES (?, ?, ?, ?, 'unknown', ?, ?)",
                (
                    patient_id,
                    name.family,
                    name.given,
                    name.patronymic,
                    now.isoformat(),
                    now.isoformat(),
                ),
            )
            conn.execute(
                "INSERT INTO patient_names (patient_id, use, family, given, patronymic) "
                "VALUES (?, 'usual', ?, ?, ?)",
                (patient_id, name.family, name.given, name.patronymic),
            )
            write_index_rows(conn, patient_id, (name,))
    return [patient_id for patient_id, _ in people]


def test_migration_12_gives_existing_patients_their_cards(tmp_path: Path, now: dt.datetime) -> None:
    with Store(tmp_path / "kiosk.sqlite3") as store:
        migrate(store, target=11)
        ids = _seed_version_11(store, now)
        migrate(store)
        assert current_version(store) >= 12
        for patient_id in ids:
            assert _card(store, patient_id) == _card_from_tokens(store, patient_id) != ""
        assert _card(store, "p-3") == "abenova erlan"  # Ерланқызы: a suffix, not indexed
        assert registry.search(store, "Abenova Erlan")[0].patient_id == "p-3"
        assert store.integrity_check() == []


def test_warming_reads_every_entry_of_the_search_indexes(store: Store, now: dt.datetime) -> None:
    assert registry.warm_search_index(store) == 0  # an empty registry: nothing to read
    for family in ("Қасымов", "Kassymov", "Смирнова", "Нұрсұлтанов"):
        _add(store, now, family, "Ерлан")
    counts = {
        table: int(store.scalar(f"SELECT count(*) FROM {table}"))
        for table in ("patients", "patient_pairs", "patient_tokens", "name_vocab_deletes")
    }
    vocabulary = int(store.scalar("SELECT count(*) FROM name_vocab"))
    assert registry.warm_search_index(store) == sum(counts.values()) + 2 * vocabulary


def test_the_finder_warms_the_readers_connection_at_start(kiosk_config: KioskConfig) -> None:
    with Runtime(kiosk_config.store_path) as runtime:
        model = FinderModel(runtime)
        assert model.warmed.result(timeout=10) == 0  # done (a fresh store has no patients)


def test_bench_search_quick_reports_both_modes_and_the_warm_up() -> None:
    """`kiosk bench search --quick`: the figures of interfaces.md's benchmark output, the
    plain store's beside them, the warm-up's cost, and a search that finds its targets."""
    result = CliRunner().invoke(cli, ["bench", "search", "--quick", "--json"])
    assert result.exit_code in (0, 4), result.stderr  # 4: a goal missed (a quick run is no verdict)
    figures = json.loads(result.stdout)
    assert figures["name"] == "search" and figures["unit"] == "ms"
    assert figures["ratio"] == pytest.approx(figures["value"] / figures["baseline_value"], rel=1e-2)
    details = figures["details"]
    assert details["patients"] == 5000 and details["queries"] == 60
    assert details["hit_rate"] >= 0.9
    assert details["warm_ms"] > 0 and details["warm_ms_encryption_off"] > 0
    assert details["p95_ms_encryption_off"] > 0 and details["baseline_p95_ms_encryption_off"] > 0
