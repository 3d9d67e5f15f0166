"""``ble-heart-rate`` end to end through the production bleak path (test-peers.md §b): an
emulated chest strap in an in-process bumble room and the real
:class:`~drivers.ble.session.BleSession`."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from drivers.ble.simulator import Room
from drivers.ble_heart_rate import plugin
from drivers.ble_heart_rate.io import open_session
from drivers.ble_heart_rate.parser import HeartRateParser
from drivers.ble_heart_rate.simulator import HeartRatePeripheral, HeartRateSimulator
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
    peripheral: HeartRatePeripheral, until: Callable[[Got, list[DeviceStatus]], bool]
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


def test_heart_rate_with_rr_intervals_and_identity() -> None:
    strap = HeartRatePeripheral("normal", interval=0.02)
    got, _ = run_session(strap, lambda g, _s: len(g) >= 12)
    assert all(m.type == "heart_rate" and m.unit == "/min" for m, _ in got)
    assert all(68 <= m.value <= 76 and m.flags == () for m, _ in got)  # type: ignore[operator]
    parser = HeartRateParser()
    for measurement, _ in got:
        parser.feed_gatt("2a37", measurement.raw)
        assert parser.rr_intervals and all(700 < rr < 950 for rr in parser.rr_intervals)
    assert parser.energy_expended == 121  # the tenth value carried the energy expended
    identity = got[0][1]
    assert (identity.manufacturer, identity.model, identity.serial) == (
        "Dala Simulators",
        "HR-1",
        "SIM-HR-normal",
    )


def test_no_contact_is_flagged() -> None:
    strap = HeartRatePeripheral("no-contact", interval=0.02)
    got, _ = run_session(strap, lambda g, _s: len(g) >= 3)
    assert all(m.flags == ("no-contact",) for m, _ in got)


def test_disconnect_mid_stream_then_the_stream_resumes() -> None:
    strap = HeartRatePeripheral("disconnect", interval=0.02, pause=0.05)
    got, statuses = run_session(strap, lambda g, _s: len(g) >= 6)
    assert strap.connections_seen >= 2
    assert "device.ble_disconnected" in [s.reason for s in statuses]
    assert len({m.raw for m, _ in got}) >= 1 and len(got) >= 6


def test_malformed_values_give_no_reading_and_no_crash() -> None:
    strap = HeartRatePeripheral("malformed", pause=0.05)
    got, _ = run_session(strap, lambda _g, s: [x.state for x in s].count("connected") >= 2)
    assert got == []


def test_replay_heart_rate_capture(tmp_path: Path) -> None:
    from kiosk.cli import cli  # the CLI only here: the other tests need none of it

    capture = tmp_path / "capture.jsonl"
    values = ["0055", "04ff", "1e553200210 0", "1f01013201010002 01ffff", "170101"]
    lines = [{"characteristic": "2a37", "value": v.replace(" ", "")} for v in values]
    capture.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["drivers", "replay", "ble-heart-rate", str(capture), "--json"]
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["type"], r["value"], r["flags"]) for r in rows] == [
        ("heart_rate", 85, []),
        ("heart_rate", 255, ["no-contact"]),
        ("heart_rate", 85, []),
        ("heart_rate", 257, []),
    ]


def test_simulator_starts_and_stops() -> None:
    simulator = plugin.start_simulator("normal")
    try:
        assert isinstance(simulator, HeartRateSimulator)
        assert simulator.port == simulator.peripheral.address_text
    finally:
        simulator.stop()
