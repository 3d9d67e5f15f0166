"""Hot-plug: matching recorded ports to drivers, and the watcher over real pseudo-terminals.

A pty cannot emulate USB enumeration (test-peers.md §c), so the matcher is tested on
recorded ``ListPortInfo`` objects (as pyserial builds them from sysfs) and the watcher on an
injected lister over real ptys that appear and disappear through the simulator's symlink.
The drivers are reached through entry points only, like the core reaches them.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from serial.tools.list_ports_common import ListPortInfo

from kiosk.device_api import DriverManifest, DriverPlugin, SerialFraming, Transport, UsbMatcher
from kiosk.events import ReadingArrived
from kiosk.hotplug import (
    PortEvent,
    PortInfo,
    PortWatcher,
    by_id_links,
    candidates,
    list_serial_ports,
    load_port_assignments,
)
from kiosk.live import LiveDevices
from kiosk.plugins import load_drivers
from kiosk.runtime import Runtime

CP2102 = (0x10C4, 0xEA60)
FTDI = (0x0403, 0x6001)
# Recorded from `python -m serial.tools.list_ports -v` on health-post laptops (serials changed).
RECORDED = [
    ("/dev/ttyUSB0", CP2102, "0001", "CP2102 USB to UART Bridge Controller"),
    ("/dev/ttyUSB1", FTDI, "A50285BI", "FT232R USB UART"),
    ("/dev/ttyACM0", (0x0483, 0x5740), "205F3395", "STM32 Virtual ComPort"),
    ("/dev/ttyS0", None, None, "ttyS0"),
]


def recorded_ports() -> list[ListPortInfo]:
    ports = []
    for device, usb, serial_number, description in RECORDED:
        info = ListPortInfo(device, skip_link_detection=True)
        info.description = description
        if usb is not None:
            info.vid, info.pid = usb
            info.serial_number = serial_number
            info.hwid = f"USB VID:PID={usb[0]:04X}:{usb[1]:04X} SER={serial_number} LOCATION=1-1"
        ports.append(info)
    return ports


def manifest(driver_id: str, *usb: tuple[int, int]) -> DriverManifest:
    return DriverManifest(
        id=driver_id,
        name=driver_id,
        transport=Transport.SERIAL,
        serial=SerialFraming(9600),
        usb=tuple(UsbMatcher(vid, pid) for vid, pid in usb),
    )


MANIFESTS = [
    manifest("oximeter", CP2102, FTDI),
    manifest("scale", CP2102),
    manifest("lab", (0x067B, 0x2303)),
    DriverManifest("ble-thing", "ble", Transport.BLE, usb=(UsbMatcher(*CP2102),)),
]


def test_ports_from_recorded_list_port_info() -> None:
    links = {"/dev/ttyUSB0": ["/dev/serial/by-id/usb-Silicon_Labs_CP2102_0001-if00-port0"]}
    ports = [PortInfo.from_list_port_info(info, links) for info in recorded_ports()]
    assert ports[0].path == "/dev/serial/by-id/usb-Silicon_Labs_CP2102_0001-if00-port0"
    assert (ports[0].usb, ports[0].serial_number) == ("10c4:ea60", "0001")
    assert "VID:PID=10C4:EA60" in ports[0].hwid
    assert ports[1].path == "/dev/ttyUSB1" and ports[1].usb == "0403:6001"
    assert ports[3].usb is None and ports[3].to_json()["usb"] is None


def test_matcher_candidates_and_ambiguity() -> None:
    usb0, usb1, acm0, ttys0 = (PortInfo.from_list_port_info(i) for i in recorded_ports())
    assert candidates(usb0, MANIFESTS, {}) == ["oximeter", "scale"]  # ambiguous: both
    assert candidates(usb1, MANIFESTS, {}) == ["oximeter"]
    assert candidates(acm0, MANIFESTS, {}) == []
    assert candidates(ttys0, MANIFESTS, {}) == []  # no VID/PID: nothing to match


@pytest.mark.parametrize(
    "key",
    ["/dev/ttyUSB0", "/dev/serial/by-id/usb-Silicon_Labs_CP2102_0001-if00-port0", "0001"],
)
def test_configured_assignment_wins(key: str) -> None:
    links = {"/dev/ttyUSB0": ["/dev/serial/by-id/usb-Silicon_Labs_CP2102_0001-if00-port0"]}
    usb0 = PortInfo.from_list_port_info(recorded_ports()[0], links)
    assert candidates(usb0, MANIFESTS, {key: "scale"}) == ["scale"]
    ttys0 = PortInfo.from_list_port_info(recorded_ports()[3])
    assert candidates(ttys0, MANIFESTS, {"/dev/ttyS0": "lab"}) == ["lab"]


def test_port_assignments_from_config(tmp_path: Path) -> None:
    assert load_port_assignments(tmp_path) == {}
    (tmp_path / "config.toml").write_text(
        'site = "X"\n[ports]\n"/dev/ttyUSB0" = "contec-v7"\n"0001" = "and-scale"\nbad = 3\n',
        encoding="utf-8",
    )
    assert load_port_assignments(tmp_path) == {"/dev/ttyUSB0": "contec-v7", "0001": "and-scale"}
    (tmp_path / "config.toml").write_text("[ports\n", encoding="utf-8")
    assert load_port_assignments(tmp_path) == {}  # a broken file: no assignments, no crash


def test_by_id_links_and_the_real_lister(tmp_path: Path) -> None:
    (tmp_path / "dev").mkdir()
    target = tmp_path / "dev" / "ttyUSB9"
    target.touch()
    (tmp_path / "usb-FTDI_FT232R_A50285BI-if00-port0").symlink_to(target)
    assert by_id_links(str(tmp_path)) == {
        str(target): [str(tmp_path / "usb-FTDI_FT232R_A50285BI-if00-port0")]
    }
    assert all(isinstance(port, PortInfo) for port in list_serial_ports())  # no USB here


class FakeHost:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def start(self, plugin: DriverPlugin, port: str) -> None:
        self.calls.append(("start", f"{plugin.manifest.id}@{port}"))

    def stop(self, port: str) -> None:
        self.calls.append(("stop", port))


class FakePlugin:
    def __init__(self, m: DriverManifest) -> None:
        self.manifest = m


def test_watcher_appear_disappear_ambiguity_and_probe_memory() -> None:
    plugins: dict[str, DriverPlugin] = {m.id: FakePlugin(m) for m in MANIFESTS}  # type: ignore[misc]
    usb0, usb1, _, ttys0 = (PortInfo.from_list_port_info(i) for i in recorded_ports())
    present: list[PortInfo] = []
    probed: list[tuple[str, tuple[str, ...]]] = []
    events: list[PortEvent] = []

    async def prober(port: str, usable: Sequence[str]) -> str | None:
        probed.append((port, tuple(usable)))
        return "scale"

    host = FakeHost()
    watcher = PortWatcher(
        plugins, host, lister=lambda: list(present), prober=prober, on_event=events.append
    )

    async def scenario() -> None:
        present.extend([usb1, ttys0])
        await watcher.poll()
        assert host.calls == [("start", "oximeter@/dev/ttyUSB1")]
        present.append(usb0)
        await watcher.poll()
        await asyncio.sleep(0.01)  # the probe task
        assert probed == [("/dev/ttyUSB0", ("oximeter", "scale"))]
        assert host.calls[-1] == ("start", "scale@/dev/ttyUSB0")
        present.remove(usb0)
        await watcher.poll()
        assert host.calls[-1] == ("stop", "/dev/ttyUSB0")
        present.append(usb0)  # replugged: the probe's answer is remembered
        await watcher.poll()
        assert host.calls[-1] == ("start", "scale@/dev/ttyUSB0") and len(probed) == 1
        assert watcher.running == {"/dev/ttyUSB1": "oximeter", "/dev/ttyUSB0": "scale"}

    asyncio.run(scenario())
    kinds = [(e.kind, e.port) for e in events]
    assert ("added", "/dev/ttyS0") in kinds and ("removed", "/dev/ttyUSB0") in kinds
    no_prober = PortWatcher(plugins, FakeHost(), lister=lambda: [usb0], on_event=events.append)
    asyncio.run(no_prober.poll())
    assert events[-1] == PortEvent("ambiguous", "/dev/ttyUSB0", None, ("oximeter", "scale"))


def test_a_failing_lister_keeps_the_last_state() -> None:
    host = FakeHost()
    calls = 0

    def lister() -> list[PortInfo]:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise OSError("sysfs went away for a moment")
        return [PortInfo("/dev/ttyUSB1", *FTDI)]

    plugins: dict[str, DriverPlugin] = {"oximeter": FakePlugin(MANIFESTS[0])}  # type: ignore[dict-item]
    watcher = PortWatcher(plugins, host, lister=lister)
    for _ in range(3):
        asyncio.run(watcher.poll())
    assert host.calls == [("start", "oximeter@/dev/ttyUSB1")]


def test_watcher_over_real_ptys_reconnects_after_a_replug(tmp_path: Path) -> None:
    """The contec-v7 simulator's symlink is the "by-id" port; unplug removes it."""
    plugin = load_drivers().get("contec-v7")
    assert plugin is not None
    link = tmp_path / "usb-Contec_CMS50D_KIOSK01-if00-port0"
    simulator: Any = plugin.start_simulator("normal", seed=3, link_path=str(link))  # a PtySimulator

    def lister() -> list[PortInfo]:
        if not os.path.lexists(link):
            return []
        return [PortInfo(os.path.realpath(link), *CP2102, "KIOSK01", by_id=(str(link),))]

    runtime = Runtime(tmp_path / "unused.sqlite").start()
    live = LiveDevices(runtime)
    arrivals: list[tuple[float, ReadingArrived]] = []
    runtime.events.reading_did_arrive.connect(lambda r: arrivals.append((time.monotonic(), r)))
    watcher = PortWatcher(
        {"contec-v7": plugin}, live, lister=lister, assignments={"KIOSK01": "contec-v7"},
        interval=0.2,
    )  # fmt: skip
    watching = runtime.run_io(watcher.run())
    try:
        wait_until(lambda: len(arrivals) >= 10)
        assert live.ports() == [str(link)]
        simulator.unplug(bytes.fromhex("01 A8 C6 D8"))  # half a frame, then the line dies
        wait_until(lambda: live.ports() == [])
        replugged = time.monotonic()
        simulator.replug(bytes.fromhex("83 8A E0 D2 80"))  # ... and its other half
        wait_until(lambda: any(t > replugged for t, _ in arrivals))
        first = min(t for t, _ in arrivals if t > replugged)
        assert first - replugged < 5.0
        assert live.ports() == [str(link)]
        values = {r.measurement.value for _, r in arrivals if r.measurement.type == "pulse_rate"}
        assert 138 not in values  # the torn frame was never spliced into a reading
    finally:
        watching.cancel()
        with contextlib.suppress(BaseException):
            watching.result(timeout=5)
        live.stop_all()
        runtime.stop()
        simulator.stop()
    assert watcher.running == {}


def wait_until(condition: object, timeout: float = 8.0) -> None:
    assert callable(condition)
    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.02)
