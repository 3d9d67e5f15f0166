"""Stored records, the device clock and the record download of contec-v7.

Vectors: reference/devices.md §10.2 (0x0F = 3 × (SpO2, PR), 0x0C "free") and the Contec
V7.0 document it cites (padding of a short last packet, B1/B2 layout, 0x0B feedback). The
download and the clock run end to end against the simulator on a real pty.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from drivers.contec_v7.io import ClockSetter, open_session
from drivers.contec_v7.parser import (
    ASK_STORED,
    REASON_DONE,
    SET_DATE,
    SET_TIME,
    STOP_STORED,
    ContecV7Parser,
    clock_commands,
    command,
)
from drivers.contec_v7.records import download_records, main
from drivers.contec_v7.simulator import ContecV7Simulator, stored_packets
from tests.drivers.contec_v7.test_session import (  # noqa: F401 (an autouse fixture)
    Recorder,
    no_leaks,
    run_session,
)

STORED_VECTORS: list[dict[str, Any]] = json.loads(
    (Path(__file__).parent / "vectors" / "contec_v7_stored.json").read_text(encoding="utf-8")
)["vectors"]


def stored_expected(vector: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"driver": "contec-v7", "type": kind, "value": value, "unit": unit, "time": None,
         "flags": ["from-storage"], "code": None}
        for spo2, pr in vector["records"]
        for kind, value, unit in (("spo2", spo2, "%"), ("pulse_rate", pr, "/min"))
    ]  # fmt: skip


def pairs(readings: list[Any]) -> list[tuple[str, object]]:
    return [(m.type, m.value) for m in readings]


def record_pairs(records: list[tuple[int, int]]) -> list[tuple[str, object]]:
    return [item for s, p in records for item in (("spo2", s), ("pulse_rate", p))]


@pytest.mark.parametrize("vector", STORED_VECTORS, ids=[v["name"] for v in STORED_VECTORS])
def test_stored_vector(vector: dict[str, Any]) -> None:
    frame = bytes.fromhex(vector["hex"])
    parser = ContecV7Parser()
    readings = parser.feed(frame)
    assert [m.to_json() for m in readings] == stored_expected(vector)
    assert all(m.raw == frame and type(m.value) is int for m in readings)
    assert (parser.stored_count, parser.free_count) == ((1, 0) if frame[0] == 0x0F else (0, 1))


def test_stored_stream_split_anywhere_equals_one_block() -> None:
    stream = b"".join(bytes.fromhex(v["hex"]) for v in STORED_VECTORS) * 2
    whole = [m.to_json() for m in ContecV7Parser().feed(stream)]
    assert len(whole) == 2 * sum(2 * len(v["records"]) for v in STORED_VECTORS)
    rng = random.Random(3)
    for _ in range(100):
        parser, got, rest = ContecV7Parser(), [], stream
        while rest:
            size = rng.randint(1, 11)
            got += [m.to_json() for m in parser.feed(rest[:size])]
            rest = rest[size:]
        assert got == whole


def test_simulator_packs_records_three_per_packet_and_pads() -> None:
    records = [(97, 72), (96, 70), (95, 69), (98, 138)]
    packets = stored_packets(records)
    assert packets[0] == bytes.fromhex("0F 80 E1 C8 E0 C6 DF C5")
    assert packets[1] == bytes.fromhex("0F 82 E2 8A 80 80 80 80")
    assert pairs(ContecV7Parser().feed(b"".join(packets))) == record_pairs(records)


def test_clock_commands_layout() -> None:
    # Friday 2010-07-09 13:05:59: B2 20, 10, 7, 9, weekday 5; then B1 13, 5, 59.
    wire = clock_commands(dt.datetime(2010, 7, 9, 13, 5, 59))
    assert wire[:9] == command(SET_DATE, 20, 10, 7, 9, 5)
    assert wire[9:] == command(SET_TIME, 13, 5, 59)
    assert wire.hex(" ") == "7d 81 b2 94 8a 87 89 85 80 7d 81 b1 8d 85 bb 80 80 80"
    assert clock_commands(dt.datetime(2024, 3, 3))[:9] == command(SET_DATE, 20, 24, 3, 3, 0)


def test_clock_setter_answers_once_per_connection() -> None:
    setter = ClockSetter(lambda: dt.datetime(2024, 2, 29, 23, 59, 58))
    first, second = ContecV7Parser(), ContecV7Parser()
    assert setter(first) == clock_commands(dt.datetime(2024, 2, 29, 23, 59, 58))
    assert setter(first) == b""
    assert setter(second) != b""


def test_download_returns_the_simulator_records() -> None:
    with ContecV7Simulator(seed=8) as simulator:
        simulator.on_input(command(0xA1), 0.0)  # streaming when the download starts
        readings = download_records(simulator.port, quiet=0.3)
        assert pairs(readings) == record_pairs(simulator.stored)
        assert len(simulator.stored) == 50
        assert all(m.flags == ("from-storage",) and m.time is None for m in readings)


def test_download_of_a_short_odd_store_and_an_empty_one() -> None:
    records = [(99, 61), (91, 140)]
    with ContecV7Simulator(seed=8, stored=records) as simulator:
        assert pairs(download_records(simulator.port, quiet=0.3)) == record_pairs(records)
    with ContecV7Simulator(seed=8, stored=[]) as simulator:
        assert download_records(simulator.port, first_reply=0.3) == []


def test_simulator_stops_the_download_on_a7_with_free() -> None:
    simulator = ContecV7Simulator(seed=1, stored=[(97, 72)] * 30)
    simulator.on_power_on()
    simulator.on_input(command(ASK_STORED, 0, 0), 0.0)
    assert simulator.next_output(0.0)[:1] == b"\x0f"
    assert simulator.on_input(command(STOP_STORED), 0.0) == bytes.fromhex("0C 80")
    assert simulator.next_output(0.0) == b""


def test_download_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    records = [(97, 72), (96, 70)]
    with ContecV7Simulator(seed=2, stored=records) as simulator:
        assert main([simulator.port]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["type"], r["value"]) for r in lines] == record_pairs(records)
    assert main(["/nonexistent/ttyUSB9"]) == 1


@pytest.fixture
def simulator() -> Iterator[ContecV7Simulator]:
    with ContecV7Simulator(seed=4) as running:
        yield running


def test_session_sets_the_device_clock_on_connect(simulator: ContecV7Simulator) -> None:
    async def body(rec: Recorder) -> None:
        await rec.until(lambda: simulator.clock is not None and len(rec.readings) > 5)

    before = dt.datetime.now().replace(microsecond=0)
    run_session(open_session(simulator.port), body)
    after = dt.datetime.now()
    assert simulator.clock is not None and before <= simulator.clock <= after
    assert [raw[2] for raw in simulator.clock_commands] == [SET_DATE, SET_TIME]  # date first


def test_feedback_packets_are_kept_by_command() -> None:
    parser = ContecV7Parser()
    replies = ContecV7Simulator(seed=1).on_input(clock_commands(dt.datetime(2024, 1, 2)), 0.0)
    assert replies == bytes.fromhex("0B 81 B2 80 0B 81 B1 80")
    assert parser.feed(replies + bytes.fromhex("0B 81 AE 85")) == []
    assert parser.feedback == {SET_DATE: REASON_DONE, SET_TIME: REASON_DONE, 0xAE: 0x05}


def test_session_clock_comes_from_the_given_clock(simulator: ContecV7Simulator) -> None:
    moment = dt.datetime(2031, 12, 31, 23, 58, 7)

    async def body(rec: Recorder) -> None:
        await rec.until(lambda: simulator.clock is not None)

    run_session(open_session(simulator.port, clock=lambda: moment), body)
    assert simulator.clock == moment


def test_no_clock_when_disabled(simulator: ContecV7Simulator) -> None:
    async def body(rec: Recorder) -> None:
        await rec.until(lambda: len(rec.readings) >= 20)
        await asyncio.sleep(0.1)

    run_session(open_session(simulator.port, set_clock=False), body)
    assert simulator.clock is None and simulator.clock_commands == []
