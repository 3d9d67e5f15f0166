"""Automatic backups to a USB stick (a temporary folder stands in for the mount point)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from kiosk import services, usb_backup
from kiosk.config import KioskConfig
from kiosk.store import Store
from tests.ops.conftest import kiosk

T0 = dt.datetime(2026, 11, 26, 4, 0, tzinfo=dt.UTC)


def _patients(config: KioskConfig) -> int:
    with Store(config.store_path, must_exist=True) as store:
        return int(store.scalar("SELECT count(*) FROM patients"))


def _add_patient(config: KioskConfig, family: str) -> None:
    with Store(config.store_path, must_exist=True) as store:
        services.register_patient(store, family=family, given="Test", birth_date=None,
                                  sex="unknown", now=T0)  # fmt: skip


def test_keeps_the_newest_n_and_restores(kiosk_config: KioskConfig, tmp_path: Path) -> None:
    stick = tmp_path / "media" / "KIOSK-USB"
    stick.mkdir(parents=True)
    config = dataclasses.replace(kiosk_config, backup_usb_path=str(stick), backup_keep=3,
                                 site="KZ-AKM-0042")  # fmt: skip
    for hour in range(5):
        _add_patient(config, f"Patient{hour}")
        done = usb_backup.auto_backup(config, T0 + dt.timedelta(hours=hour))
        assert done.status == "done"
    folder = stick / usb_backup.BACKUP_DIRNAME / "KZ-AKM-0042"
    kept = usb_backup.list_backups(folder)
    assert [p.name for p in kept] == list(done.kept) and len(kept) == 3
    assert kept[0].name.startswith("kiosk-20261126T0600")  # hours 0 and 1 were pruned
    assert len(list(folder.glob("*.json"))) == 3
    _add_patient(config, "AfterTheLastBackup")
    assert _patients(config) == 6
    latest = usb_backup.latest(folder)
    assert latest is not None
    result = kiosk(config.data_dir, "restore", str(latest), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["counts"]["patients"] == 5
    assert _patients(config) == 5


def test_no_stick_is_not_an_error(kiosk_config: KioskConfig, tmp_path: Path) -> None:
    config = dataclasses.replace(kiosk_config, backup_usb_path=str(tmp_path / "absent"))
    assert usb_backup.auto_backup(config, T0).status == "no-target"
    assert (
        usb_backup.auto_backup(dataclasses.replace(config, backup_auto=False), T0).status == "off"
    )
    assert (
        usb_backup.find_target(
            dataclasses.replace(config, backup_usb_path=None), patterns=[str(tmp_path / "m" / "*")]
        )
        is None
    ), "a plain folder is not a mount point"


def test_cli_backup_auto(kiosk_config: KioskConfig, tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    assert (
        kiosk(kiosk_config.data_dir, "config", "set", "backup.usb_path", str(stick)).exit_code == 0
    )
    result = kiosk(kiosk_config.data_dir, "backup", "--auto", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["status"] == "done" and Path(report["path"]).is_file()
    assert "Backup written to the USB stick" in result.stderr
    log = (kiosk_config.data_dir / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "usb backup: done" in log
    assert kiosk(kiosk_config.data_dir, "backup").exit_code == 2  # neither --to nor --auto


@pytest.mark.parametrize("keep", [1, 2])
def test_prune_removes_media_too(tmp_path: Path, keep: int) -> None:
    for stamp in ("1", "2", "3"):
        (tmp_path / f"kiosk-{stamp}.sqlite3").write_bytes(b"x")
        (tmp_path / f"kiosk-{stamp}.json").write_text("{}", encoding="utf-8")
        (tmp_path / f"kiosk-{stamp}-media").mkdir()
    removed = usb_backup.prune(tmp_path, keep)
    assert len(removed) == 3 - keep
    assert sorted(p.name for p in tmp_path.iterdir())[-2:] == ["kiosk-3.json", "kiosk-3.sqlite3"]
    assert not (tmp_path / "kiosk-1-media").exists()
