"""Live sessions ask oximeters for their pleth samples only when the screen wants them: over a
real pty, the contec-v7 simulator's waveform reaches the event bus with ``waveform=True`` and
never without it; a driver without waveforms ignores the request."""

from __future__ import annotations

import threading
import time

from kiosk.config import KioskConfig
from kiosk.events import ReadingArrived
from kiosk.live import LiveDevices
from kiosk.plugins import load_drivers
from kiosk.runtime import Runtime

WAIT_S = 8.0


def _types_seen(config: KioskConfig, *, waveform: bool, driver: str = "contec-v7") -> set[str]:
    plugin = load_drivers().drivers[driver]
    simulator = plugin.start_simulator("normal", seed=5)
    runtime = Runtime(config.store_path).start()
    seen: set[str] = set()
    got_spo2 = threading.Event()

    def on_reading(reading: ReadingArrived) -> None:
        seen.add(reading.measurement.type)
        if reading.measurement.type == "spo2":
            got_spo2.set()

    runtime.events.reading_did_arrive.connect(on_reading)
    live = LiveDevices(runtime, waveform=waveform)
    try:
        live.start(plugin, simulator.port)
        assert got_spo2.wait(WAIT_S), "no SpO2 from the simulator"
        time.sleep(0.5)  # a few more frames
    finally:
        live.stop_all()
        simulator.stop()
        runtime.stop()
    return seen


def test_pleth_arrives_when_the_screen_asks(kiosk_config: KioskConfig) -> None:
    assert "pleth" in _types_seen(kiosk_config, waveform=True)


def test_no_pleth_by_default(kiosk_config: KioskConfig) -> None:
    assert "pleth" not in _types_seen(kiosk_config, waveform=False)


def test_a_driver_without_waveforms_ignores_the_request(kiosk_config: KioskConfig) -> None:
    assert "pleth" not in _types_seen(kiosk_config, waveform=True, driver="masimo-ascii")
