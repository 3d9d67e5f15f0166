"""The kiosk's record of paired devices: 0600, atomic, and what the live manager watches."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import stat
from pathlib import Path

import pytest

from kiosk.bluetooth import pairings
from kiosk.bluetooth.pairings import (
    Pairing,
    load_pairings,
    pairings_path,
    record_pairing,
    remove_pairing,
    save_pairings,
    start_paired_sessions,
    watched_devices,
)
from kiosk.device_api import DriverPlugin
from kiosk.errors import ValidationError

T0 = dt.datetime(2026, 11, 26, 4, 24, tzinfo=dt.UTC)
BP = Pairing("A4:C1:38:00:00:01", "BM59", "ble-bp", T0)
THERMO = Pairing("A4:C1:38:00:00:02", None, "ble-thermometer", T0 + dt.timedelta(minutes=1))


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_no_file_means_no_pairings(tmp_path: Path) -> None:
    assert load_pairings(tmp_path / "missing") == []


def test_record_round_trips_and_is_private(tmp_path: Path) -> None:
    old_umask = os.umask(0)  # even a permissive umask gives 0600
    try:
        record_pairing(tmp_path / "data", THERMO)
        record_pairing(tmp_path / "data", BP)
    finally:
        os.umask(old_umask)
    path = pairings_path(tmp_path / "data")
    assert mode(path) == 0o600
    assert load_pairings(tmp_path / "data") == [BP, THERMO]
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["version"] == 1
    assert document["devices"][0] == {
        "address": "A4:C1:38:00:00:01",
        "name": "BM59",
        "driver": "ble-bp",
        "paired_at": "2026-11-26T04:24:00+00:00",
    }
    assert [p.name for p in tmp_path.joinpath("data").iterdir()] == ["ble_pairings.json"]


def test_pairing_again_replaces_the_entry(tmp_path: Path) -> None:
    record_pairing(tmp_path, BP)
    again = Pairing(BP.address, "BM59", "ble-scale", T0 + dt.timedelta(days=1))
    assert record_pairing(tmp_path, again) == [again]


def test_remove(tmp_path: Path) -> None:
    save_pairings(tmp_path, [BP, THERMO])
    assert remove_pairing(tmp_path, "a4-c1-38-00-00-01") == BP
    assert remove_pairing(tmp_path, BP.address) is None
    assert load_pairings(tmp_path) == [THERMO]
    assert mode(pairings_path(tmp_path)) == 0o600


def test_write_is_atomic_fsync_then_rename(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    save_pairings(tmp_path, [BP])
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append("fsync")
        real_fsync(fd)

    def replace(src: str, dst: Path) -> None:
        events.append("replace")
        real_replace(src, dst)

    monkeypatch.setattr(pairings.os, "fsync", fsync)
    monkeypatch.setattr(pairings.os, "replace", replace)
    save_pairings(tmp_path, [BP, THERMO])
    assert events == ["fsync", "replace", "fsync"]  # file, rename, folder

    def crash(src: str, dst: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pairings.os, "replace", crash)
    with pytest.raises(OSError):
        save_pairings(tmp_path, [])
    assert load_pairings(tmp_path) == [BP, THERMO]  # the old record is whole
    assert [p.name for p in tmp_path.iterdir()] == ["ble_pairings.json"]  # no temp left


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        '{"devices": {}}',
        '{"devices": [{"address": "nonsense", "driver": "x", "paired_at": "2026-01-01"}]}',
        '{"devices": [{"address": "A4:C1:38:00:00:01"}]}',
    ],
)
def test_a_damaged_record_is_a_clear_error(tmp_path: Path, content: str) -> None:
    pairings_path(tmp_path).write_text(content, encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        load_pairings(tmp_path)
    assert caught.value.key == "ble.pairings_invalid"


def test_watched_devices_are_the_paired_ones_with_an_installed_driver(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    save_pairings(tmp_path, [BP, THERMO])
    with caplog.at_level(logging.WARNING):
        assert watched_devices(tmp_path, ["ble-bp", "contec-v7"]) == [("ble-bp", BP.address)]
    assert "ble-thermometer" in caplog.text
    assert watched_devices(tmp_path, ["ble-bp", "ble-thermometer"]) == [
        ("ble-bp", BP.address),
        ("ble-thermometer", THERMO.address),
    ]


def test_a_damaged_record_never_stops_the_kiosk(tmp_path: Path) -> None:
    pairings_path(tmp_path).write_text("{", encoding="utf-8")
    assert watched_devices(tmp_path, ["ble-bp"]) == []


class Host:
    def __init__(self) -> None:
        self.started: list[tuple[DriverPlugin, str]] = []

    def start(self, plugin: DriverPlugin, port: str) -> object:
        self.started.append((plugin, port))
        return None


def test_the_live_manager_starts_one_session_per_paired_device(tmp_path: Path) -> None:
    save_pairings(tmp_path, [BP, THERMO])
    plugin = object()
    host = Host()
    started = start_paired_sessions(host, {"ble-bp": plugin}, tmp_path)  # type: ignore[dict-item]
    assert started == [("ble-bp", BP.address)]
    assert host.started == [(plugin, BP.address)]
