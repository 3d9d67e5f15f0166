"""``berrymed-ble`` end to end through the production bleak path (test-peers.md §b): an
emulated BerryMed oximeter streaming BCI packets over the transparent-UART service (several
per notification, some straddling two) and the real :class:`~drivers.ble.session.BleSession`."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from drivers.berrymed_ble import plugin
from drivers.berrymed_ble.io import open_session
from drivers.berrymed_ble.simulator import BerryMedPeripheral, BerryMedSimulator
from drivers.ble.simulator import Room
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
    peripheral: BerryMedPeripheral, until: Callable[[Got, list[DeviceStatus]], bool]
) -> tuple[Got, list[DeviceStatus]]:
    got: Got = []
    statuses: list[DeviceStatus] = []

    async def main() -> None:
        async with Room([peripheral]) as room:
            with pytest.MonkeyPatch.context() as patch:
                patch.setenv("KIOSK_BLE_BACKEND", "bumble")
                patch.setenv("BLEAK_BUMBLE_TRANSPORT", room.link_transport)
                session = open_session(peripheral.address_text, retry_interval=0.05)
                task = asyncio.create_task(
                    session.run(lambda m, i: got.append((m, i)), statuses.append)
                )
                deadline = time.monotonic() + 15
                try:
                    while not until(got, statuses) and time.monotonic() < deadline:
                        await asyncio.sleep(0.01)
                finally:
                    await stop(task)
                    await asyncio.sleep(0.05)

    asyncio.run(main())
    return got, statuses


def test_packets_across_notifications_all_decode_with_identity() -> None:
    oximeter = BerryMedPeripheral("normal", interval=0.01)
    got, _ = run_session(oximeter, lambda g, _s: len(g) >= 60)
    assert any(len(n) % 5 for n in oximeter.notifications)  # packets did straddle
    pairs = [m.type for m, _ in got[:60]]
    assert pairs == ["spo2", "pulse_rate"] * 30
    assert all(96 <= m.value <= 99 for m, _ in got if m.type == "spo2")  # type: ignore[operator]
    assert all(66 <= m.value <= 78 for m, _ in got if m.type == "pulse_rate")  # type: ignore[operator]
    assert {m.driver for m, _ in got} == {"berrymed-ble"}
    identity = got[0][1]
    assert (identity.manufacturer, identity.model, identity.serial) == (
        "Dala Simulators",
        "BM1000-SIM",
        "SIM-BM-normal",
    )
    sent = b"".join(oximeter.notifications)
    assert got[0][0].raw == sent[:5]


def test_finger_out_gives_status_readings() -> None:
    oximeter = BerryMedPeripheral("finger-out", interval=0.01)
    got, _ = run_session(oximeter, lambda g, _s: any(m.type == "status" for m, _ in g))
    status = next(m for m, _ in got if m.type == "status")
    assert status.flags == ("finger-out",) and status.value is None


def test_packet_cut_by_a_lost_link_is_dropped() -> None:
    oximeter = BerryMedPeripheral("disconnect", interval=0.01, pause=0.05)
    got, statuses = run_session(
        oximeter, lambda g, _s: oximeter.connections_seen >= 2 and len(g) >= 60
    )
    assert "device.ble_disconnected" in [s.reason for s in statuses]
    assert not [m for m, _ in got if m.value in (88, 111)]  # the cut packet left nothing
    assert all(96 <= m.value <= 99 for m, _ in got if m.type == "spo2")  # type: ignore[operator]


def test_malformed_bytes_give_no_reading_and_no_crash() -> None:
    oximeter = BerryMedPeripheral("malformed", pause=0.05)
    got, _ = run_session(oximeter, lambda _g, s: [x.state for x in s].count("connected") >= 2)
    assert got == []


def test_replay_berrymed_capture(tmp_path: Path) -> None:
    from kiosk.cli import cli  # the CLI only here: the other tests need none of it

    capture = tmp_path / "capture.jsonl"
    notify = "49535343-1e4d-4bd9-ba61-23c647249616"
    values = ["c533064861844047", "0a60"]  # §9's notification, cut in two
    lines = [{"characteristic": notify, "value": value} for value in values]
    capture.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["drivers", "replay", "berrymed-ble", str(capture), "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["driver"], r["type"], r["value"]) for r in rows] == [
        ("berrymed-ble", "spo2", 97),
        ("berrymed-ble", "pulse_rate", 72),
        ("berrymed-ble", "spo2", 96),
        ("berrymed-ble", "pulse_rate", 138),
    ]


def test_simulator_starts_and_stops() -> None:
    simulator = plugin.start_simulator("normal")
    try:
        assert isinstance(simulator, BerryMedSimulator)
        assert simulator.port == simulator.peripheral.address_text
    finally:
        simulator.stop()
