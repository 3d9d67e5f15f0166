"""``kiosk drivers list / replay / simulate / monitor``: generic over the plugin API, so a
third-party driver gets the same technician tools as a built-in one."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import threading
import time
from pathlib import Path

import click

from kiosk.capture import read_serial_capture
from kiosk.cli.context import emit_json, say
from kiosk.device_api import DeviceStatus, DriverPlugin
from kiosk.domain import DeviceIdentity, Measurement
from kiosk.errors import UserFacingError
from kiosk.i18n import translate
from kiosk.plugins import load_drivers


def _plugin(driver_id: str) -> DriverPlugin:
    plugin = load_drivers().get(driver_id)
    if plugin is None:
        raise UserFacingError("driver.unknown", driver=driver_id)
    return plugin


def _human(measurement: Measurement) -> str:
    value = "-" if measurement.value is None else f"{measurement.value}"
    unit = measurement.unit or ""
    flags = f" [{', '.join(measurement.flags)}]" if measurement.flags else ""
    code = f" {measurement.code}" if measurement.code else ""
    when = f" @{measurement.time}" if measurement.time else ""
    return f"{measurement.type}{code}: {value} {unit}{flags}{when}".rstrip()


@click.group()
def drivers() -> None:
    """Device drivers: list, decode captures, simulate, monitor."""


@drivers.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON document on stdout.")
def list_drivers(as_json: bool) -> None:
    """Installed drivers (built-in and third-party): id, name, transport, matchers."""
    registry = load_drivers()
    rows = []
    for driver_id, plugin in registry.drivers.items():
        row = plugin.manifest.to_json()
        row["distribution"] = registry.distributions.get(driver_id, "")
        rows.append(row)
    if as_json:
        emit_json({"drivers": rows, "failed": [f.__dict__ for f in registry.failures]})
        return
    for row in rows:
        matchers = row["matchers"]
        assert isinstance(matchers, dict)
        usb = ", ".join(matchers["usb"]) or "-"
        click.echo(f"{row['id']:16} {row['transport']:7} {row['name']}  (usb: {usb})")
    for failure in registry.failures:
        say(f"failed to load {failure.name}: {failure.error}")


@drivers.command()
@click.argument("driver_id", metavar="DRIVER")
@click.argument("capture", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one reading per line.")
@click.option("--device-name", help="Advertised name, for per-model quirks.")
@click.option("--waveform", is_flag=True, help="Also print waveform samples (pleth).")
def replay(
    driver_id: str, capture: Path, as_json: bool, device_name: str | None, waveform: bool
) -> None:
    """Decode a capture file (.bin / .hex) offline."""
    plugin = _plugin(driver_id)
    data = read_serial_capture(capture)
    parser = plugin.create_parser(waveform=waveform, device_name=device_name)
    for measurement in parser.feed(data):
        if as_json:
            emit_json(measurement.to_json())
        else:
            click.echo(_human(measurement))


@drivers.command()
@click.argument("driver_id", metavar="DRIVER")
@click.option("--scenario", default="normal", show_default=True, help="Behaviour to simulate.")
@click.option("--seconds", type=float, help="Stop after this long (default: until Ctrl-C).")
@click.option("--seed", type=int, default=0, show_default=True)
def simulate(driver_id: str, scenario: str, seconds: float | None, seed: int) -> None:
    """Run a device simulator on a real port; prints the port it listens on."""
    plugin = _plugin(driver_id)
    if scenario not in plugin.manifest.scenarios:
        raise UserFacingError(
            "driver.no_scenario",
            driver=driver_id,
            scenario=scenario,
            known=", ".join(plugin.manifest.scenarios),
        )
    simulator = plugin.start_simulator(scenario, seed=seed)
    port = simulator.start()
    click.echo(port)
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    try:
        stop.wait(timeout=seconds)
    finally:
        simulator.stop()


@drivers.command()
@click.argument("driver_id", metavar="DRIVER")
@click.option("--port", required=True, help="Device path or pyserial URL (socket://, rfc2217://).")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one reading per line.")
@click.option("--waveform", is_flag=True, help="Also print waveform samples (pleth).")
@click.option("--count", type=click.IntRange(1), help="Stop after this many readings.")
@click.option("--seconds", type=float, help="Stop after this long.")
def monitor(
    driver_id: str,
    port: str,
    as_json: bool,
    waveform: bool,
    count: int | None,
    seconds: float | None,
) -> None:
    """Live decoded readings from a real or simulated device."""
    plugin = _plugin(driver_id)
    asyncio.run(_monitor(plugin, port, as_json, waveform, count, seconds))


async def _monitor(
    plugin: DriverPlugin,
    port: str,
    as_json: bool,
    waveform: bool,
    count: int | None,
    seconds: float | None,
) -> None:
    done = asyncio.Event()
    printed = 0

    def on_measurement(measurement: Measurement, identity: DeviceIdentity) -> None:
        nonlocal printed
        if measurement.type == "pleth" and not waveform:
            return
        if as_json:
            emit_json(measurement.to_json())
        else:
            click.echo(_human(measurement))
        printed += 1
        if count is not None and printed >= count:
            done.set()

    def on_status(status: DeviceStatus) -> None:
        reason = f": {translate(status.reason, port=status.port)}" if status.reason else ""
        say(f"[{status.driver_id}] {status.state}{reason}")

    session = plugin.open_session(port)
    task = asyncio.create_task(session.run(on_measurement, on_status))
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, done.set)
    started = time.monotonic()
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(done.wait(), timeout=seconds)
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    if seconds is not None and count is not None and printed < count:
        say(translate("device.no_data", seconds=round(time.monotonic() - started)))
        raise SystemExit(1)
