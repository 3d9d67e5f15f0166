"""``ble-scale`` end to end through the production bleak path (test-peers.md §b): an emulated
BF788-like scale in an in-process bumble room, the real
:class:`~drivers.ble.session.BleSession`, and the zeroed body-composition placeholders of
devices.md §6 giving no body fat."""

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
from drivers.ble_scale import plugin
from drivers.ble_scale.io import open_session
from drivers.ble_scale.simulator import ScalePeripheral, ScaleSimulator
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
    peripheral: ScalePeripheral, until: Callable[[Got, list[DeviceStatus]], bool]
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


def of_type(got: Got, kind: str) -> list[tuple[float | int | None, str | None]]:
    return [(m.value, m.time) for m, _ in got if m.type == kind]


def test_normal_weighing_with_composition_and_identity() -> None:
    scale = ScalePeripheral("normal", pause=0.05)
    got, _ = run_session(scale, lambda g, _s: any(m.type == "body_fat" for m, _ in g))
    clock = scale.written_times[0]
    assert clock is not None
    when = clock.isoformat()
    assert [(m.type, m.value, m.unit, m.time) for m, _ in got[:5]] == [
        ("body_weight", 72.4, "kg", when),
        ("bmi", 23.6, "kg/m2", when),
        ("body_height", 1.752, "m", when),
        ("body_fat", 21.3, "%", when),
        ("body_weight", 72.4, "kg", when),
    ]
    identity = got[0][1]
    assert (identity.manufacturer, identity.model, identity.serial) == (
        "Dala Simulators",
        "BF-1",
        "SIM-BF-normal",
    )


def test_backlog_with_bf788_placeholders_gives_no_body_fat() -> None:
    scale = ScalePeripheral("backlog", records=4, pause=0.05)
    got, _ = run_session(scale, lambda g, _s: len(of_type(g, "body_fat")) >= 1)
    weights = [v for v, _ in of_type(got, "body_weight")]
    assert weights == [74.0, 73.6, 73.2, 72.8, 72.8]  # the last also in its real composition
    assert of_type(got, "body_fat") == [(21.5, "2024-02-23T07:05:00")]  # stubs gave none


def test_disconnect_mid_backlog_keeps_every_record_once() -> None:
    scale = ScalePeripheral("disconnect", records=4, pause=0.05)
    got, statuses = run_session(scale, lambda g, _s: len(of_type(g, "body_fat")) >= 1)
    times = [t for _, t in of_type(got, "bmi")]  # one BMI per weighing
    assert times == [f"2024-02-{20 + day}T07:05:00" for day in range(4)]
    assert scale.connections_seen >= 2
    assert "device.ble_disconnected" in [s.reason for s in statuses]


def test_malformed_values_give_no_reading_and_no_crash() -> None:
    scale = ScalePeripheral("malformed", pause=0.05)
    got, _ = run_session(scale, lambda _g, s: [x.state for x in s].count("connected") >= 2)
    assert got == []


def test_replay_scale_capture(tmp_path: Path) -> None:
    from kiosk.cli import cli  # the CLI only here: the other tests need none of it

    capture = tmp_path / "capture.jsonl"
    lines = [
        {"characteristic": "2a9d", "value": "0e1027e807021d0705000 3ae00a006"},
        {"characteristic": "2a9c", "value": "0006c200881340 38"},
        {"characteristic": "2a9c", "value": "100000000000"},
        {"characteristic": "2a9d", "value": "00ffff"},
    ]
    for line in lines:
        line["value"] = line["value"].replace(" ", "")
    capture.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["drivers", "replay", "ble-scale", str(capture), "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["type"], r["value"], r["unit"]) for r in rows] == [
        ("body_weight", 50.0, "kg"),
        ("bmi", 17.4, "kg/m2"),
        ("body_height", 1.696, "m"),
        ("body_fat", 19.4, "%"),
        ("body_weight", 72.0, "kg"),
    ]
    assert rows[0]["time"] == "2024-02-29T07:05:00"


def test_simulator_starts_and_stops() -> None:
    simulator = plugin.start_simulator("backlog")
    try:
        assert isinstance(simulator, ScaleSimulator)
        assert simulator.port == simulator.peripheral.address_text
    finally:
        simulator.stop()
