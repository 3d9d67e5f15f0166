"""``kiosk ble scan / pair / forget / list`` end to end: the installed drivers, the fake BlueZ
on a private D-Bus daemon standing in for the system bus (``DBUS_SYSTEM_BUS_ADDRESS``)."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kiosk.cli import cli
from tests.kiosk.bluetooth.fake_bluez import FakeBluezThread, FakeDevice

BP, THERMO = "A4:C1:38:00:00:01", "A4:C1:38:00:00:02"
Start = Callable[..., FakeBluezThread]


def devices() -> list[FakeDevice]:
    return [
        FakeDevice(BP, "BM59", ("1810",), rssi=-50),
        FakeDevice(THERMO, "FT95", ("1809",), pairing="passkey", passkey=246810, rssi=-55),
    ]


def kiosk(data: Path, *args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, ["--data-dir", str(data), "--lang", "en", *args], input=input)


def test_scan_lists_devices_with_their_drivers(
    system_bus: str, start_bluez: Start, tmp_path: Path
) -> None:
    start_bluez(devices())
    result = kiosk(tmp_path, "ble", "scan", "--seconds", "0.5", "--json")
    assert result.exit_code == 0, result.output
    found = {d["address"]: d for d in json.loads(result.stdout)["devices"]}
    assert found[BP]["drivers"] == ["ble-bp"]  # by service 0x1810, with the installed drivers
    assert found[THERMO]["drivers"] == ["ble-thermometer"]
    assert found[BP]["rssi"] == -50 and found[BP]["name"] == "BM59"
    human = kiosk(tmp_path, "ble", "scan", "--seconds", "0.5")
    assert human.exit_code == 0
    assert f"{BP}   -51  BM59" in human.stdout and "ble-bp" in human.stdout
    assert "Devices found: 2." in human.stderr


def test_pair_just_works_then_list(system_bus: str, start_bluez: Start, tmp_path: Path) -> None:
    fake = start_bluez(devices()).fake
    result = kiosk(tmp_path, "ble", "pair", BP.lower(), "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["address"] == BP and document["driver"] == "ble-bp"
    assert document["paired"] is True and document["trusted"] is True
    assert "is paired and trusted; driver: ble-bp" in result.stderr
    assert fake.device(BP).paired and fake.device(BP).trusted
    record = tmp_path / "ble_pairings.json"
    assert stat.S_IMODE(record.stat().st_mode) == 0o600
    listed = kiosk(tmp_path, "ble", "list", "--json")
    assert [d["address"] for d in json.loads(listed.stdout)["devices"]] == [BP]
    assert BP in kiosk(tmp_path, "ble", "list").stdout


def test_pair_with_passkey_option(system_bus: str, start_bluez: Start, tmp_path: Path) -> None:
    fake = start_bluez(devices()).fake
    result = kiosk(tmp_path, "ble", "pair", THERMO, "--passkey", "246810")
    assert result.exit_code == 0, result.output
    assert ("passkey", THERMO, 246810) in fake.log
    assert "driver: ble-thermometer" in result.stderr


def test_pair_asks_for_the_passkey(system_bus: str, start_bluez: Start, tmp_path: Path) -> None:
    start_bluez(devices())
    result = kiosk(tmp_path, "ble", "pair", THERMO, input="246810\n")
    assert result.exit_code == 0, result.output
    assert f"Enter the 6-digit code shown on {THERMO}" in result.stderr


def test_wrong_passkey_is_one_clear_line(
    system_bus: str, start_bluez: Start, tmp_path: Path
) -> None:
    start_bluez(devices())
    result = kiosk(tmp_path, "ble", "pair", THERMO, "--passkey", "111111")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"kiosk: {THERMO} not paired: wrong passkey. "
        "Check the 6-digit code on the device and try again."
    )
    assert "Traceback" not in result.output
    assert not (tmp_path / "ble_pairings.json").exists()


def test_forget(system_bus: str, start_bluez: Start, tmp_path: Path) -> None:
    fake = start_bluez(devices()).fake
    assert kiosk(tmp_path, "ble", "pair", BP).exit_code == 0
    result = kiosk(tmp_path, "ble", "forget", BP, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "address": BP,
        "removed_from_bluez": True,
        "removed_from_kiosk": True,
    }
    assert ("RemoveDevice", BP) in fake.log
    assert json.loads(kiosk(tmp_path, "ble", "list", "--json").stdout) == {"devices": []}
    again = kiosk(tmp_path, "ble", "forget", BP)
    assert again.exit_code == 1
    assert again.stderr.strip() == f"kiosk: {BP} is not paired: nothing to forget."


@pytest.mark.parametrize(
    "args", [("scan", "--seconds", "0.5"), ("pair", BP), ("forget", BP)], ids=lambda a: a[0]
)
def test_bluez_absent_is_one_line_and_exit_1(
    system_bus: str, tmp_path: Path, args: tuple[str, ...]
) -> None:
    result = kiosk(tmp_path, "ble", *args)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "kiosk: Bluetooth service not running (no BlueZ on the system D-Bus). "
        "Run `systemctl start bluetooth`."
    )
    assert "Traceback" not in result.output


def test_no_system_bus_in_russian(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", f"unix:path={tmp_path}/none")
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path), "--lang", "ru", "ble", "scan"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1].startswith("kiosk: Служба Bluetooth не запущена")


def test_usage_errors_need_no_bluetooth(tmp_path: Path) -> None:
    bad_driver = kiosk(tmp_path, "ble", "pair", BP, "--driver", "contec-v7")
    assert bad_driver.exit_code == 1
    assert "No such Bluetooth driver: contec-v7" in bad_driver.stderr
    bad_address = kiosk(tmp_path, "ble", "forget", "not-an-address")
    assert bad_address.exit_code == 1 and "Not a Bluetooth address" in bad_address.stderr
    assert kiosk(tmp_path, "ble", "pair", BP, "--passkey", "1234567").exit_code == 2


@pytest.mark.parametrize("command", ["scan", "pair", "forget", "list"])
def test_every_command_has_help_with_exit_codes(tmp_path: Path, command: str) -> None:
    result = kiosk(tmp_path, "ble", command, "--help")
    assert result.exit_code == 0
    assert "Exit codes: 0 done; 1" in result.stdout
