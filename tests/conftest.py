"""Fixtures shared by every test package.

``KIOSK_BLOCK_QT=1`` makes PySide6 impossible to import in this process: the test command
runs the core, driver and sync tests once that way, to prove they need no Qt.
"""

from __future__ import annotations

import datetime as dt
import importlib.abc
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest


class _QtBlocker(importlib.abc.MetaPathFinder):
    blocked = ("PySide6", "shiboken6", "pytestqt")

    def find_spec(self, fullname: str, path: object, target: object = None) -> None:
        if fullname.split(".", maxsplit=1)[0] in self.blocked:
            raise ImportError(f"{fullname} is blocked in this run (KIOSK_BLOCK_QT=1)")


if os.environ.get("KIOSK_BLOCK_QT") == "1":
    sys.meta_path.insert(0, _QtBlocker())

from kiosk import i18n, services  # noqa: E402
from kiosk.config import KioskConfig, load_config  # noqa: E402
from kiosk.demo import init_store  # noqa: E402
from kiosk.runtime import Runtime  # noqa: E402
from kiosk.store import Store  # noqa: E402

T0 = dt.datetime(2026, 11, 26, 4, 24, tzinfo=dt.UTC)


@pytest.fixture(scope="session", autouse=True)
def _kiosk_key_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Store keys of this test session live in a private temporary folder (KIOSK_KEY_DIR),
    never in the machine's /etc/dala-kiosk/keys; subprocesses inherit it."""
    folder = tmp_path_factory.mktemp("keys")
    folder.chmod(0o700)
    previous = os.environ.get("KIOSK_KEY_DIR")
    os.environ["KIOSK_KEY_DIR"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("KIOSK_KEY_DIR", None)
    else:
        os.environ["KIOSK_KEY_DIR"] = previous


@pytest.fixture(autouse=True)
def _message_language_restored() -> Iterator[None]:
    """A command run with ``--lang ru`` sets the process's message language: give the next
    test the language this one started with."""
    before = i18n._language
    yield
    i18n._language = before


@pytest.fixture
def kiosk_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> KioskConfig:
    """A fresh, initialised data folder with the demo configuration."""
    for name in ("KIOSK_SERVER", "KIOSK_SITE", "KIOSK_LANG", "KIOSK_IDENTIFIER_BASE"):
        monkeypatch.delenv(name, raising=False)
    config = load_config(tmp_path / "data")
    init_store(config)
    return config


@pytest.fixture
def store(kiosk_config: KioskConfig) -> Iterator[Store]:
    with Store(kiosk_config.store_path) as opened:
        yield opened


@pytest.fixture
def runtime(kiosk_config: KioskConfig) -> Iterator[Runtime]:
    """The kiosk's runtime (reader and writer threads) on ``kiosk_config``'s store."""
    with Runtime(kiosk_config.store_path) as started:
        yield started


@pytest.fixture
def now() -> dt.datetime:
    return T0


def make_patient(store: Store, now: dt.datetime, family: str = "Қасымов") -> str:
    patient = services.register_patient(
        store, family=family, given="Ерлан", birth_date=dt.date(1985, 3, 14), now=now
    )
    return patient.id
