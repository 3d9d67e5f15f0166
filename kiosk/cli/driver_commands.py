"""``kiosk drivers list / probe / monitor / replay / simulate / capture``: generic over the
plugin API, so a third-party driver gets the same technician tools as a built-in one."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import threading
import time
from pathlib import Path
from typing import Any

import click

from kiosk import probe as probing
from kiosk.capture import GattRecord, is_ble_capture, read_ble_capture, read_serial_capture
from kiosk.cli.context import CliContext, emit_json, say
from kiosk.device_api import DeviceStatus, DriverPlugin
from kiosk.domain import DeviceIdentity, Measurement
from kiosk.errors import UserFacingError
from kiosk.hotplug import PortInfo, list_serial_ports, load_port_assignments
from kiosk.i18n import current_language, translate
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
    """Device drivers: list, probe ports, monitor, decode and record captures, simulate."""


@drivers.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON document on stdout.")
def list_drivers(as_json: bool) -> None:
    """Installed drivers (built-in and third-party): id, name, transport, matchers.

    The human list names each driver in the CLI's language (``--lang``, its manifest's
    ``titles``, else its ``name``); ``--json`` gives ``name`` and ``titles`` as they are.
    """
    registry = load_drivers()
    rows = []
    for driver_id, plugin in registry.drivers.items():
        row = plugin.manifest.to_json()
        row["distribution"] = registry.distributions.get(driver_id, "")
        rows.append(row)
    if as_json:
        emit_json({"drivers": rows, "failed": [f.__dict__ for f in registry.failures]})
        return
    language = current_language()
    for plugin in registry.drivers.values():
        manifest = plugin.manifest
        usb = ", ".join(str(matcher) for matcher in manifest.usb) or "-"
        title = manifest.title(language) or manifest.id
        click.echo(f"{manifest.id:16} {manifest.transport!s:7} {title}  (usb: {usb})")
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
    """Decode a capture file (.bin / .hex serial, .jsonl BLE) offline."""
    plugin = _plugin(driver_id)
    if is_ble_capture(capture):
        records = read_ble_capture(capture)
        measurements = _replay_gatt(plugin, records, waveform, device_name, str(capture))
    else:
        data = read_serial_capture(capture)
        parser = plugin.create_parser(waveform=waveform, device_name=device_name)
        if not hasattr(parser, "feed"):  # a BLE driver reads .jsonl captures
            raise UserFacingError("capture.unreadable", path=str(capture), reason="not .jsonl")
        measurements = parser.feed(data)
    for measurement in measurements:
        if as_json:
            emit_json(measurement.to_json())
        else:
            click.echo(_human(measurement))


def _replay_gatt(
    plugin: DriverPlugin,
    records: list[GattRecord],
    waveform: bool,
    device_name: str | None,
    source: str,
) -> list[Measurement]:
    """Feed BLE records to the driver's GattParser; a line's ``device_name`` (or else
    ``--device-name``) picks the per-model quirks, with one parser per name."""
    parsers: dict[str | None, Any] = {}
    out: list[Measurement] = []
    for record in records:
        name = record.device_name or device_name
        if name not in parsers:
            parsers[name] = plugin.create_parser(waveform=waveform, device_name=name)
            if not hasattr(parsers[name], "feed_gatt"):
                raise UserFacingError("capture.unreadable", path=source, reason="not a BLE driver")
        out += parsers[name].feed_gatt(record.characteristic, record.value, record.service)
    return out


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
    environment = getattr(simulator, "environment", None)  # BLE rooms: how to reach them
    if isinstance(environment, dict):
        env = " ".join(f"{key}={value}" for key, value in environment.items())
        click.echo(env)
        say(f"{env} kiosk drivers monitor {driver_id} --port {port}")
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
        if done.is_set() or (measurement.type == "pleth" and not waveform):
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


@drivers.command()
@click.option("--port", "ports", multiple=True, help="A port or pyserial URL (repeatable).")
@click.option(
    "--seconds",
    type=click.FloatRange(0.1),
    default=3.0,
    show_default=True,
    help="Longest time to listen with each driver.",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON document on stdout.")
@click.pass_obj
def probe(ctx: CliContext, ports: tuple[str, ...], seconds: float, as_json: bool) -> None:
    """Which device sits on which port: try each candidate driver's handshake there."""
    registry = load_drivers()
    assignments = load_port_assignments(ctx.config.data_dir)
    if ports:
        listed = {k: i for i in _listed_ports_quietly() for k in (i.device, *i.by_id)}
        targets: list[tuple[str, PortInfo | None]] = [(p, listed.get(p)) for p in ports]
    else:
        targets = [(info.path, info) for info in list_serial_ports()]
    if not targets:
        if as_json:
            emit_json({"ports": []})
        say(translate("probe.no_ports"))
        return
    say(translate("probe.scanning", count=len(targets), seconds=seconds))
    results = asyncio.run(
        probing.probe_ports(targets, registry.drivers, seconds=seconds, assignments=assignments)
    )
    if as_json:
        emit_json({"ports": [result.to_json() for result in results]})
        return
    for result in results:
        tried = ", ".join(a.driver for a in result.attempts) or "-"
        if result.driver is not None:
            line = translate(
                "probe.found",
                port=result.port,
                driver=result.driver,
                confidence=result.confidence,
            )
        elif any(a.state == "unavailable" for a in result.attempts):
            line = translate("probe.unavailable", port=result.port)
        else:
            line = translate("probe.nothing", port=result.port, tried=tried)
        click.echo(line)


def _listed_ports_quietly() -> list[PortInfo]:
    try:
        return list_serial_ports()
    except (OSError, ImportError):
        return []


@drivers.command()
@click.argument("driver_id", metavar="DRIVER")
@click.option("--port", required=True, help="Device path or pyserial URL (socket://, rfc2217://).")
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Capture file to write: FILE.bin (raw bytes) or FILE.hex (hex text).",
)
@click.option(
    "--seconds",
    type=click.FloatRange(0.1),
    default=10.0,
    show_default=True,
    help="How long to record.",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON document on stdout.")
def capture(driver_id: str, port: str, out: Path, seconds: float, as_json: bool) -> None:
    """Record the raw bytes of a device (sending its handshake) for `replay`."""
    plugin = _plugin(driver_id)
    probing.check_capture_path(out)
    result = asyncio.run(_capture(plugin, port, out, seconds))
    if as_json:
        emit_json(result.to_json())
    summary = result.to_json()
    say(translate("capture.done", path=out, bytes=result.byte_count, readings=summary["readings"]))
    if result.byte_count == 0:
        say(translate("capture.empty", port=port))
        raise SystemExit(1)


async def _capture(
    plugin: DriverPlugin, port: str, out: Path, seconds: float
) -> probing.CaptureResult:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    return await probing.capture(plugin, port, out, seconds=seconds, stop=stop)
