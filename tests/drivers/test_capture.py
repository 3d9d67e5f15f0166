"""``kiosk drivers capture`` → ``kiosk drivers replay``: the bytes a driver's session read
from a real pty (with its handshake and keep-alive sent) decode to the same readings later."""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import serial
from click.testing import CliRunner

from drivers.contec_v7 import plugin
from drivers.contec_v7.parser import ContecV7Parser
from drivers.contec_v7.simulator import ContecV7Simulator
from kiosk import probe, protocol_tap
from kiosk.capture import read_serial_capture
from kiosk.cli import cli
from kiosk.device_api import DriverManifest, Transport
from kiosk.errors import UserFacingError


@pytest.fixture
def simulator() -> Iterator[ContecV7Simulator]:
    with ContecV7Simulator("garbage", seed=11, spo2=95, pulse=88) as running:
        yield running


def replay_json(driver: str, path: Path) -> list[dict[str, object]]:
    result = CliRunner().invoke(cli, ["drivers", "replay", driver, str(path), "--json"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.mark.parametrize("suffix", [".bin", ".hex"])
def test_capture_then_replay_gives_the_same_readings(
    simulator: ContecV7Simulator, tmp_path: Path, suffix: str
) -> None:
    out = tmp_path / f"oximeter{suffix}"
    result = asyncio.run(probe.capture(plugin, simulator.port, out, seconds=1.5))
    live = [m.to_json() for m in result.measurements]
    replayed = replay_json("contec-v7", out)
    assert len(live) >= 60  # ~1.5 s of a 60 Hz stream, handshake answered
    assert replayed[: len(live)] == live  # at most a last chunk read as the session stopped
    assert len(replayed) - len(live) <= 10
    assert {r["value"] for r in replayed if r["type"] == "spo2"} <= {94, 95, 96}
    data = read_serial_capture(out)
    assert len(data) == result.byte_count
    assert data[0] == 0x04  # the answer to the session's "ask device id" was recorded too
    parser = ContecV7Parser()
    parser.feed(data)
    assert parser.device_id == "KIOSK01"
    if suffix == ".hex":
        assert out.read_text(encoding="utf-8").startswith("# kiosk drivers capture contec-v7")


def test_capture_command(simulator: ContecV7Simulator, tmp_path: Path) -> None:
    out = tmp_path / "cap.hex"
    result = CliRunner().invoke(
        cli,
        ["--lang", "en", "drivers", "capture", "contec-v7", "--port", simulator.port,
         "--out", str(out), "--seconds", "1", "--json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["path"] == str(out) and summary["bytes"] > 9 * 40
    assert summary["readings"] >= 40 and "Captured" in result.stderr
    assert len(replay_json("contec-v7", out)) >= summary["readings"]


def test_capture_refuses_other_suffixes_and_reports_silence(tmp_path: Path) -> None:
    bad = CliRunner().invoke(
        cli, ["drivers", "capture", "contec-v7", "--port", "loop://", "--out", str(tmp_path / "x")]
    )
    assert bad.exit_code == 1 and ".bin or .hex" in bad.stderr
    master, slave = os.openpty()  # a port where nobody answers
    try:
        silent = CliRunner().invoke(
            cli,
            ["--lang", "en", "drivers", "capture", "contec-v7", "--port", os.ttyname(slave),
             "--out", str(tmp_path / "none.bin"), "--seconds", "0.5"],
        )  # fmt: skip
    finally:
        os.close(master)
        os.close(slave)
    assert silent.exit_code == 1 and "Nothing came from the device" in silent.stderr
    assert (tmp_path / "none.bin").read_bytes() == b""


def test_capture_needs_a_serial_driver(tmp_path: Path) -> None:
    class BlePlugin:
        manifest = DriverManifest("ble-x", "x", Transport.BLE)

    with pytest.raises(UserFacingError) as caught:
        asyncio.run(probe.capture(BlePlugin(), "x", tmp_path / "a.bin", seconds=0.1))  # type: ignore[arg-type]
    assert caught.value.key == "driver.not_serial"


def test_the_tap_url_handler() -> None:
    protocol_tap.install()
    seen: list[bytes] = []
    token = protocol_tap.register(seen.append)
    try:
        port = serial.serial_for_url(protocol_tap.tap_url(token, "loop://"), timeout=0.2)
        port.write(b"hello")
        assert port.read(5) == b"hello" and seen == [b"hello"]
        assert port.in_waiting == 0
        port.reset_input_buffer()
        port.close()
        with pytest.raises(serial.SerialException):
            serial.serial_for_url("tap://unknown/loop://")
    finally:
        protocol_tap.unregister(token)
