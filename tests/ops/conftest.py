"""Fixtures of the operations tests: a data folder after a short headless demo."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kiosk import logging_setup
from kiosk.cli import cli
from kiosk.store import Store

ENV_NAMES = (
    "KIOSK_SERVER",
    "KIOSK_SITE",
    "KIOSK_LANG",
    "KIOSK_IDENTIFIER_BASE",
    "KIOSK_SERVER_TOKEN",
    "KIOSK_DATA_DIR",
    "KIOSK_LOG_LEVEL",
    "KIOSK_SYNC_INTERVAL",
)


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in ENV_NAMES:
        monkeypatch.delenv(name, raising=False)
    yield
    logging_setup.shutdown()
    logging.getLogger().setLevel(logging.WARNING)


def kiosk(data_dir: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--data-dir", str(data_dir), "--lang", "en", *args])


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder after `kiosk demo --headless --encounters 3` (the real CLI)."""
    data_dir = tmp_path_factory.mktemp("demo") / "data"
    result = kiosk(data_dir, "demo", "--headless", "--encounters", "3")
    assert result.exit_code == 0, result.output
    logging_setup.shutdown()
    return data_dir


def patient_secrets(data_dir: Path) -> list[str]:
    """What must never leave the kiosk: names, birth dates, ids of the registry."""
    with Store(data_dir / "kiosk.sqlite3", must_exist=True) as store:
        rows = store.query("SELECT id, family, given, birth_date FROM patients")
    assert rows
    return [str(value) for row in rows for value in row.values() if value]
