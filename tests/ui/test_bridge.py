"""QtBridge: core events from other threads arrive on the GUI thread, readings throttled."""

from __future__ import annotations

import concurrent.futures
import threading
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from kiosk.device_api import ConnectionState, DeviceStatus
from kiosk.domain import DeviceIdentity, Measurement
from kiosk.errors import ValidationError
from kiosk.events import Events, OutboxChanged, ReadingArrived
from ui.bridge import QtBridge

OXIMETER = DeviceIdentity(driver_id="contec-v7", key="contec-v7-port-/dev/pts/3")


def reading(kind: str, value: int) -> ReadingArrived:
    return ReadingArrived(Measurement("contec-v7", kind, value, "%"), OXIMETER)


def in_thread(action: object) -> None:
    worker = threading.Thread(target=action, name="core-emitter")  # type: ignore[arg-type]
    worker.start()
    worker.join(timeout=10)


@pytest.fixture
def events() -> Events:
    return Events()


@pytest.fixture
def bridge(events: Events) -> Iterator[QtBridge]:
    created = QtBridge(events, reading_interval_ms=50)
    yield created
    created.detach()


def test_a_burst_of_readings_arrives_as_the_newest_values_only(
    qtbot: QtBot, events: Events, bridge: QtBridge
) -> None:
    received: list[tuple[str, object, str]] = []
    bridge.reading_arrived.connect(
        lambda r: received.append(
            (r.measurement.type, r.measurement.value, threading.current_thread().name)
        )
    )

    def burst() -> None:
        for value in range(120):
            events.reading_did_arrive.emit(reading("spo2", value))
            events.reading_did_arrive.emit(reading("pulse_rate", 1000 + value))

    in_thread(burst)

    qtbot.waitUntil(lambda: ("spo2", 119) in [(k, v) for k, v, _ in received])
    qtbot.waitUntil(lambda: ("pulse_rate", 1119) in [(k, v) for k, v, _ in received])
    assert len(received) < 20
    assert {name for _, _, name in received} == {threading.main_thread().name}


def test_other_events_are_re_emitted_on_the_gui_thread(
    qtbot: QtBot, events: Events, bridge: QtBridge
) -> None:
    status = DeviceStatus("contec-v7", "/dev/pts/3", ConnectionState.CONNECTED)
    seen: list[tuple[object, str]] = []
    for signal in (bridge.device_status_changed, bridge.outbox_changed):
        signal.connect(lambda payload: seen.append((payload, threading.current_thread().name)))

    in_thread(lambda: events.device_status_did_change.emit(status))
    in_thread(lambda: events.outbox_did_change.emit(OutboxChanged(1, 0)))

    qtbot.waitUntil(lambda: len(seen) == 2)
    main = threading.main_thread().name
    assert seen == [(status, main), (OutboxChanged(1, 0), main)]


def test_after_detach_nothing_is_re_emitted(qtbot: QtBot, events: Events, bridge: QtBridge) -> None:
    bridge.detach()
    with qtbot.assertNotEmitted(bridge.outbox_changed, wait=100):
        events.outbox_did_change.emit(OutboxChanged(1, 0))


def test_when_done_delivers_results_and_errors_on_the_gui_thread(
    qtbot: QtBot, bridge: QtBridge
) -> None:
    outcomes: list[tuple[str, object, str]] = []

    def record(kind: str) -> object:
        return lambda value: outcomes.append((kind, value, threading.current_thread().name))

    error = ValidationError("encounter.empty")
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        bridge.when_done(pool.submit(lambda: 42), record("ok"), record("failed"))
        failing = pool.submit(lambda: (_ for _ in ()).throw(error))
        bridge.when_done(failing, record("ok"), record("failed"))

    qtbot.waitUntil(lambda: len(outcomes) == 2)
    main = threading.main_thread().name
    assert sorted(outcomes, key=lambda o: o[0]) == [("failed", error, main), ("ok", 42, main)]


def test_a_lost_devices_waiting_readings_never_follow_its_loss(
    qtbot: QtBot, events: Events
) -> None:
    slow = QtBridge(events, reading_interval_ms=300)  # the readings wait for the flush
    order: list[str] = []
    slow.reading_arrived.connect(lambda r: order.append(f"reading {r.measurement.value}"))
    slow.device_status_changed.connect(lambda s: order.append(f"status {s.state}"))
    lost = DeviceStatus("contec-v7", "/dev/pts/3", ConnectionState.DISCONNECTED)

    def reading_then_loss() -> None:
        events.reading_did_arrive.emit(reading("spo2", 94))
        events.device_status_did_change.emit(lost)

    try:
        in_thread(reading_then_loss)
        qtbot.waitUntil(lambda: "status disconnected" in order)
        qtbot.wait(500)  # past the flush
        assert order == ["status disconnected"]
        in_thread(lambda: events.reading_did_arrive.emit(reading("spo2", 95)))
        qtbot.waitUntil(lambda: "reading 95" in order)  # a new reading still comes through
    finally:
        slow.detach()
