"""``contec-ble`` end to end through the production bleak path (test-peers.md §b): an
emulated CMS50D-BT that streams only after ``9B 01 1C`` is written to 0xFF01, and the real
:class:`~drivers.ble.session.BleSession` writing it once subscribed to 0xFF02."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from drivers.ble.session import BleSession, GattProfile
from drivers.ble.simulator import Room
from drivers.contec_ble import plugin
from drivers.contec_ble.io import PROFILE
from drivers.contec_ble.parser import START_STREAMING
from drivers.contec_ble.simulator import ContecBleSimulator, ContecPeripheral
from kiosk.device_api import DeviceStatus
from kiosk.domain import DeviceIdentity, Measurement

Got = list[tuple[Measurement, DeviceIdentity]]


async def stop(task: asyncio.Task[None]) -> None:
    """Cancel the session and wait for it; cancel again if Python 3.11's ``wait_for`` lost the
    cancellation (it does when the awaited operation completes at the same moment)."""
    while not task.done():
        task.cancel()
        await asyncio.wait({task}, timeout=0.5)
    with contextlib.suppress(asyncio.CancelledError):
        task.result()


def run_session(
    peripheral: ContecPeripheral,
    until: Callable[[Got, list[DeviceStatus]], bool],
    profile: GattProfile = PROFILE,
    timeout: float = 15.0,
) -> tuple[Got, list[DeviceStatus]]:
    got: Got = []
    statuses: list[DeviceStatus] = []

    async def main() -> None:
        async with Room([peripheral]) as room:
            with pytest.MonkeyPatch.context() as patch:
                patch.setenv("KIOSK_BLE_BACKEND", "bumble")
                patch.setenv("BLEAK_BUMBLE_TRANSPORT", room.link_transport)
                session = BleSession(profile, peripheral.address_text, retry_interval=0.05)
                task = asyncio.create_task(
                    session.run(lambda m, i: got.append((m, i)), statuses.append)
                )
                deadline = time.monotonic() + timeout
                try:
                    while not until(got, statuses) and time.monotonic() < deadline:
                        await asyncio.sleep(0.01)
                finally:
                    await stop(task)
                    await asyncio.sleep(0.05)

    asyncio.run(main())
    return got, statuses


def test_streams_after_the_start_command_with_identity() -> None:
    oximeter = ContecPeripheral("normal", interval=0.02)
    got, _ = run_session(oximeter, lambda g, _s: len(g) >= 10)
    assert oximeter.commands[0] == START_STREAMING
    assert [m.type for m, _ in got[:10]] == ["spo2", "pulse_rate"] * 5  # 06 and 04 frames alike
    assert all(96 <= m.value <= 99 for m, _ in got if m.type == "spo2")  # type: ignore[operator]
    identity = got[0][1]
    assert (identity.manufacturer, identity.model, identity.serial) == (
        "Dala Simulators",
        "CMS50D-SIM",
        "SIM-CMS-normal",
    )


def test_nothing_streams_without_the_start_command() -> None:
    oximeter = ContecPeripheral("normal", interval=0.02)
    silent = dataclasses.replace(PROFILE, after_subscribe=lambda _p, _i: ())
    got, statuses = run_session(oximeter, lambda _g, _s: False, silent, timeout=0.6)
    assert got == [] and oximeter.commands == []
    assert "connected" in [s.state for s in statuses]


def test_frame_cut_by_a_lost_link_is_dropped() -> None:
    oximeter = ContecPeripheral("disconnect", interval=0.02, pause=0.05)
    got, statuses = run_session(
        oximeter, lambda g, _s: oximeter.connections_seen >= 2 and len(g) >= 10
    )
    assert "device.ble_disconnected" in [s.reason for s in statuses]
    assert oximeter.commands.count(START_STREAMING) >= 2  # written again on the new link
    assert not [m for m, _ in got if m.value in (88, 111)]


def test_malformed_frames_give_no_reading_and_no_crash() -> None:
    oximeter = ContecPeripheral("malformed", pause=0.05)
    got, _ = run_session(oximeter, lambda _g, s: [x.state for x in s].count("connected") >= 2)
    assert got == []


def test_replay_contec_capture(tmp_path: Path) -> None:
    from kiosk.cli import cli

    capture = tmp_path / "capture.jsonl"
    notify = "0000ff02-0000-1000-8000-00805f9b34fb"
    lines = [
        {"characteristic": notify, "value": "eb0106 4e617f0020".replace(" ", "")},
        {"characteristic": notify, "value": "eb000230053f"},
    ]
    capture.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["drivers", "replay", "contec-ble", str(capture), "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["type"], r["value"]) for r in rows] == [("spo2", 97), ("pulse_rate", 78)]


def test_simulator_starts_and_stops() -> None:
    simulator = plugin.start_simulator("normal")
    try:
        assert isinstance(simulator, ContecBleSimulator)
        assert simulator.port == simulator.peripheral.address_text
    finally:
        simulator.stop()
