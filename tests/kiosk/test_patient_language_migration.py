"""Migration 11 on a version-10 store with patients: nothing changes, the new column is
NULL for them, and only kk / ru / en (or NULL) can be stored in it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kiosk import registry
from kiosk.errors import StoreError
from kiosk.registry import PatientDraft
from kiosk.store import Store, migrate
from kiosk.store.migrations import current_version

T0 = dt.datetime(2026, 11, 28, 6, 0, tzinfo=dt.UTC)


def _seed_v10(store: Store) -> None:
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO patients (id, family, given, patronymic, birth_date, sex, created_at, "
            "updated_at, phone, address) VALUES ('p-1', 'Қасымов', 'Ерлан', 'Сәкенұлы', "
            "'1985-03-14', 'male', ?, ?, '+7 701 123 45 67', 'Жалтыр')",
            (T0.isoformat(), T0.isoformat()),
        )


def test_version_10_patients_keep_everything_and_have_no_language(tmp_path: Path) -> None:
    with Store(tmp_path / "kiosk.sqlite3") as store:
        migrate(store, target=10)
        _seed_v10(store)
        before = store.query("SELECT * FROM patients")
        assert "language" not in before[0]
        migrate(store, target=11)
        assert current_version(store) == 11
        after = store.query("SELECT * FROM patients")
        assert after[0].pop("language") is None  # never guessed
        assert after == before
        assert store.integrity_check() == []


def test_only_kk_ru_en_or_null_can_be_stored(tmp_path: Path) -> None:
    with Store(tmp_path / "kiosk.sqlite3") as store:
        migrate(store, target=10)
        _seed_v10(store)
        migrate(store, target=11)
        for code in ("kk", "ru", "en", None):
            with store.transaction() as conn:
                conn.execute("UPDATE patients SET language = ? WHERE id = 'p-1'", (code,))
            assert store.scalar("SELECT language FROM patients WHERE id = 'p-1'") == code
        for bad in ("de", "KK", ""):
            with pytest.raises(StoreError), store.transaction() as conn:
                conn.execute("UPDATE patients SET language = ? WHERE id = 'p-1'", (bad,))
        assert store.scalar("SELECT language FROM patients WHERE id = 'p-1'") is None


def test_a_patient_registered_after_the_migration_keeps_the_language(tmp_path: Path) -> None:
    with Store(tmp_path / "kiosk.sqlite3") as store:
        migrate(store)
        draft = PatientDraft(family="Әлиева", given="Дана", language="kk")
        pid = registry.register(store, draft, now=T0).patient_id
        assert store.scalar("SELECT language FROM patients WHERE id = ?", (pid,)) == "kk"
