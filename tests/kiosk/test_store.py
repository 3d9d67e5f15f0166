"""The store: durability settings, migrations from every earlier version, transactions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kiosk.errors import StoreError
from kiosk.registry import search
from kiosk.security.encrypted_store import open_file
from kiosk.store import LATEST_VERSION, Store, migrate
from kiosk.store.migrations import MIGRATIONS, current_version

T0 = "2026-11-26T04:24:00.000000+00:00"


def test_pragmas_are_durable(store: Store) -> None:
    assert store.scalar("PRAGMA journal_mode") == "wal"
    assert store.scalar("PRAGMA synchronous") == 2  # FULL
    assert store.scalar("PRAGMA foreign_keys") == 1


def test_init_is_idempotent(tmp_path: Path) -> None:
    with Store(tmp_path / "k.sqlite3") as store:
        assert migrate(store) == [m.version for m in MIGRATIONS]
        assert migrate(store) == []
        assert current_version(store) == LATEST_VERSION
        assert store.scalar("PRAGMA user_version") == LATEST_VERSION


def _schema(store: Store) -> dict[str, str]:
    return {
        row["name"]: row["sql"]
        for row in store.query(
            "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'"
        )
    }


def _seed_v1(store: Store) -> None:
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO patients (id, family, given, birth_date, sex, created_at) "
            "VALUES ('p1', 'Қасымов', 'Ерлан', '1985-03-14', 'male', ?)",
            (T0,),
        )
        conn.execute(
            "INSERT INTO encounters (id, patient_id, number, status, started_at, ended_at) "
            "VALUES ('e1', 'p1', 'KZ-0001-000001', 'finished', ?, ?)",
            (T0, T0),
        )
        conn.execute(
            "INSERT INTO readings (id, encounter_id, type, value, unit, source, driver_id, "
            "device_key, raw, kiosk_time) VALUES ('r1', 'e1', 'spo2', 97, '%', 'device', "
            "'contec-v7', 'contec-v7-KIOSK01', x'01', ?)",
            (T0,),
        )


def _seed_v3(store: Store) -> None:
    """A v3 store: a saved encounter and a draft holding an implausible SpO2."""
    _seed_v1(store)
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO encounters (id, patient_id, number, status, started_at) "
            "VALUES ('e2', 'p1', 'KZ-0001-000002', 'draft', ?)",
            (T0,),
        )
        conn.execute(
            "INSERT INTO readings (id, encounter_id, type, value, unit, source, kiosk_time) "
            "VALUES ('r2', 'e2', 'spo2', 65, '%', 'manual', ?)",
            (T0,),
        )


def _seed_v6(store: Store) -> None:
    """A v6 store: a known device with a reading in a draft (saved ones take no readings)."""
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO patients (id, family, given, birth_date, sex, created_at, updated_at) "
            "VALUES ('p1', 'Қасымов', 'Ерлан', '1985-03-14', 'male', ?, ?)",
            (T0, T0),
        )
        conn.execute(
            "INSERT INTO encounters (id, patient_id, number, status, started_at) "
            "VALUES ('e1', 'p1', 'KZ-0001-000001', 'draft', ?)",
            (T0,),
        )
        conn.execute(
            "INSERT INTO readings (id, encounter_id, type, value, unit, source, driver_id, "
            "device_key, raw, kiosk_time) VALUES ('r1', 'e1', 'spo2', 97, '%', 'device', "
            "'contec-v7', 'contec-v7-KIOSK01', x'01', ?)",
            (T0,),
        )
        conn.execute(
            "INSERT INTO devices (key, driver_id, manufacturer, model, serial, first_seen) "
            "VALUES ('contec-v7-KIOSK01', 'contec-v7', 'Contec', 'CMS50D+', 'KIOSK01', ?)",
            (T0,),
        )


@pytest.mark.parametrize("start", [m.version for m in MIGRATIONS[:-1]])
def test_migrates_from_every_earlier_version(tmp_path: Path, start: int) -> None:
    with Store(tmp_path / "old.sqlite3") as old:
        migrate(old, target=start)
        assert current_version(old) == start
        if start in (1, 2):
            _seed_v1(old)  # the v1 tables are unchanged in v2
        if start == 3:
            _seed_v3(old)
        if start == 6:
            _seed_v6(old)
        migrate(old)
        assert current_version(old) == LATEST_VERSION
        assert old.integrity_check() == []
        with Store(tmp_path / "fresh.sqlite3") as fresh:
            migrate(fresh)
            assert _schema(old) == _schema(fresh)
        if start == 1:
            # nothing saved before the outbox existed may be lost: it is queued now
            assert old.scalar("SELECT count(*) FROM readings") == 1
            kinds = {r["kind"]: r["state"] for r in old.query("SELECT kind, state FROM outbox")}
            assert kinds == {
                "register-patient": "pending",
                "register-device": "pending",
                "encounter": "pending",
            }
            assert old.scalar("SELECT count(*) FROM outbox_deps") == 2
        if start in (1, 3):
            # v4: every earlier reading got its verdict (unconfirmed), every encounter its
            # details row and version 1; saved ones stay unscored, the draft must confirm
            checks = {r["reading_id"]: r for r in old.query("SELECT * FROM reading_checks")}
            assert checks["r1"]["verdict"] == "ok"
            assert old.scalar("SELECT count(*) FROM encounter_details") == (2 if start == 3 else 1)
            assert old.scalar("SELECT count(*) FROM encounters WHERE version != 1") == 0
            assert old.scalar("SELECT count(*) FROM encounter_scores") == 0
        if start in (1, 2):
            # v3: patients saved before the registry got their name and search index
            names = old.query("SELECT patient_id, use, family, given FROM patient_names")
            assert names == [
                {"patient_id": "p1", "use": "usual", "family": "Қасымов", "given": "Ерлан"}
            ]
            assert old.scalar("SELECT updated_at FROM patients WHERE id = 'p1'") == T0
            assert [hit.patient_id for hit in search(old, "Kassymov Yerlan")] == ["p1"]
            assert [hit.patient_id for hit in search(old, "Qasymof")] == ["p1"]
        if start == 3:
            assert checks["r2"]["verdict"] == "implausible" and checks["r2"]["confirmed_by"] is None
        if start in (1, 2, 3, 6):
            # v7: earlier readings and devices know no firmware or battery level
            assert old.query("SELECT device_battery FROM readings WHERE id = 'r1'") == [
                {"device_battery": None}
            ]
        if start in (1, 6):  # v1: the device row is backfilled by v2
            devices = old.query("SELECT key, firmware, battery_level, battery_at FROM devices")
            assert devices == [
                {
                    "key": "contec-v7-KIOSK01",
                    "firmware": None,
                    "battery_level": None,
                    "battery_at": None,
                }
            ]


def test_store_newer_than_program_is_refused(tmp_path: Path) -> None:
    with Store(tmp_path / "k.sqlite3") as store:
        migrate(store)
        with store.transaction() as conn:
            conn.execute(
                "INSERT INTO _kiosk_migrations VALUES (?, 'future', ?)", (LATEST_VERSION + 1, T0)
            )
        with pytest.raises(StoreError) as caught:
            migrate(store)
        assert caught.value.key == "store.too_new"


def test_failed_transaction_leaves_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction() as conn:
        conn.execute("INSERT INTO settings (key, value) VALUES ('half', 'written')")
        raise RuntimeError("power cut in the middle")
    assert store.scalar("SELECT count(*) FROM settings WHERE key = 'half'") == 0


def test_sqlite_errors_become_store_errors_with_rollback(store: Store) -> None:
    with pytest.raises(StoreError) as caught, store.transaction() as conn:
        conn.execute("INSERT INTO settings (key, value) VALUES ('a', '1')")
        conn.execute(
            "INSERT INTO encounters (id, patient_id, number, status, started_at) "
            "VALUES ('e', 'no-such-patient', 'n', 'draft', 'x')"
        )
    assert caught.value.key == "store.failed"
    assert store.scalar("SELECT count(*) FROM settings WHERE key = 'a'") == 0


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as caught:
        Store(tmp_path / "absent.sqlite3", must_exist=True)
    assert caught.value.key == "store.not_initialised"
    assert "kiosk init" in str(caught.value)


def test_read_only_store_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "k.sqlite3"
    with Store(path) as store:
        migrate(store)
    conn = open_file(path, read_only=True).conn
    store = Store.__new__(Store)
    store.path, store.conn, store._depth, store._owner = path, conn, 0, None
    with pytest.raises(StoreError) as caught, store.transaction() as c:
        c.execute("INSERT INTO settings (key, value) VALUES ('x', 'y')")
    assert caught.value.key == "store.read_only"
    conn.close()


def test_times_are_stored_in_utc() -> None:
    from kiosk.store.records import from_db_time, to_db_time

    almaty = dt.timezone(dt.timedelta(hours=5))
    moment = dt.datetime(2026, 11, 26, 9, 24, tzinfo=almaty)
    assert to_db_time(moment) == "2026-11-26T04:24:00.000000+00:00"
    assert from_db_time(to_db_time(moment)) == moment
    with pytest.raises(ValueError):
        to_db_time(dt.datetime(2026, 11, 26, 9, 24))
