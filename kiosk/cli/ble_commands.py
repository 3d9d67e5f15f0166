"""``kiosk ble scan / pair / forget / list``: the technician's Bluetooth pairing, through
BlueZ on the system D-Bus (see docs/bluetooth.md).

Exit codes, as every ``kiosk`` command: 0 done; 1 one clear line on stderr (Bluetooth service
not running, no adapter, device not found, wrong passkey, no driver fits...); 2 wrong usage.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import click

from kiosk.bluetooth.api import DEFAULT_PAIR_TIMEOUT
from kiosk.bluetooth.matching import ScannedDevice, check_driver, normalise_address
from kiosk.bluetooth.pairings import load_pairings
from kiosk.cli.context import CliContext, emit_json, pass_cli, say
from kiosk.device_api import DriverManifest
from kiosk.i18n import translate
from kiosk.plugins import load_drivers

if TYPE_CHECKING:
    from kiosk.bluetooth.agent import AgentEvent

# kiosk.bluetooth.bluez / agent / workflow import dbus-fast: only the commands that talk to
# BlueZ load them, so `kiosk --help` and `kiosk ble list` stay cheap.

EXIT_CODES = """
\b
Exit codes: 0 done; 1 a clear one-line error (Bluetooth service not
running, no adapter, device not found, wrong passkey, ...); 2 wrong usage.
"""


def _manifests() -> list[DriverManifest]:
    return [plugin.manifest for plugin in load_drivers().drivers.values()]


@click.group(epilog=EXIT_CODES)
def ble() -> None:
    """Bluetooth pairing for the technician: scan, pair, forget, list.

    Pair each Bluetooth device once; BlueZ keeps the bond across restarts and the kiosk
    connects to every paired device by itself whenever it wakes up.
    """


@ble.command(epilog=EXIT_CODES)
@click.option(
    "--seconds",
    type=click.FloatRange(0.5, 300),
    default=8.0,
    show_default=True,
    help="How long to scan.",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON document on stdout.")
def scan(seconds: float, as_json: bool) -> None:
    """Devices nearby: address, signal (RSSI), name, advertised services, matching drivers.

    Wake the device up first (press its button or start a measurement).
    """
    manifests = _manifests()
    say(translate("ble.scanning", seconds=f"{seconds:g}"))

    from kiosk.bluetooth.bluez import BluezClient
    from kiosk.bluetooth.workflow import scan_devices

    async def run() -> list[ScannedDevice]:
        async with BluezClient() as bluez:
            return await scan_devices(bluez, seconds, manifests)

    devices = asyncio.run(run())
    if as_json:
        emit_json({"devices": [device.to_json() for device in devices]})
        return
    for device in devices:
        rssi = "-" if device.rssi is None else str(device.rssi)
        drivers = ", ".join(device.drivers) or "-"
        click.echo(f"{device.address}  {rssi:>4}  {device.name or '-':24}  {drivers}")
    say(translate("ble.scan_result", count=len(devices)))


def _notify(event: AgentEvent) -> None:
    if event.kind in ("display-passkey", "display-pincode"):
        say(translate("ble.passkey_show", address=event.address, passkey=event.value))
    elif event.kind == "confirm-passkey":
        say(translate("ble.passkey_confirm", address=event.address, passkey=event.value))


def _ask_passkey(address: str) -> int:
    """Blocking; the agent calls it from its own thread."""
    answer: int = click.prompt(
        translate("ble.passkey_prompt", address=address),
        type=click.IntRange(0, 999_999),
        err=True,
    )
    return answer


@ble.command(epilog=EXIT_CODES)
@click.argument("address")
@click.option("--driver", "driver_id", metavar="ID", help="The driver (default: by advertisement).")
@click.option(
    "--passkey",
    type=click.IntRange(0, 999_999),
    help="The 6-digit code the device shows (default: asked when needed).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(1, 600),
    default=DEFAULT_PAIR_TIMEOUT,
    show_default=True,
    help="Seconds to wait for the pairing.",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON document on stdout.")
@pass_cli
def pair(
    cli: CliContext,
    address: str,
    driver_id: str | None,
    passkey: int | None,
    timeout: float,
    as_json: bool,
) -> None:
    """Pair with ADDRESS (Just Works or passkey), trust it, and remember it with its driver.

    A device that shows a 6-digit code asks for it: give --passkey or type it when asked.
    The kiosk then reconnects to the device by itself whenever it wakes up.
    """
    from kiosk.bluetooth.agent import PairingAgent
    from kiosk.bluetooth.bluez import BluezClient
    from kiosk.bluetooth.workflow import pair_device

    wanted = normalise_address(address)
    manifests = _manifests()
    if driver_id is not None:
        check_driver(driver_id, manifests)
    agent = PairingAgent(
        passkey_source=(lambda _address: passkey) if passkey is not None else _ask_passkey,
        notify=_notify,
    )
    say(translate("ble.pairing", address=wanted))

    async def run() -> dict[str, object]:
        async with BluezClient() as bluez:
            outcome = await pair_device(
                bluez,
                wanted,
                manifests,
                cli.config.data_dir,
                agent,
                driver=driver_id,
                timeout=timeout,
            )
            return outcome.to_json()

    result = asyncio.run(run())
    if as_json:
        emit_json(result)
    say(
        translate("ble.paired", address=wanted, name=result["name"] or "-", driver=result["driver"])
    )


@ble.command(epilog=EXIT_CODES)
@click.argument("address")
@click.option("--json", "as_json", is_flag=True, help="One JSON document on stdout.")
@pass_cli
def forget(cli: CliContext, address: str, as_json: bool) -> None:
    """Remove ADDRESS's bond from BlueZ and from the kiosk's paired devices."""
    from kiosk.bluetooth.bluez import BluezClient
    from kiosk.bluetooth.workflow import forget_device

    wanted = normalise_address(address)

    async def run() -> dict[str, object]:
        async with BluezClient() as bluez:
            return (await forget_device(bluez, wanted, cli.config.data_dir)).to_json()

    result = asyncio.run(run())
    if as_json:
        emit_json(result)
    say(translate("ble.forgotten", address=wanted))


@ble.command("list", epilog=EXIT_CODES)
@click.option("--json", "as_json", is_flag=True, help="One JSON document on stdout.")
@pass_cli
def list_pairings(cli: CliContext, as_json: bool) -> None:
    """The kiosk's paired devices: address, driver, name, when paired. Needs no Bluetooth."""
    pairings = load_pairings(cli.config.data_dir)
    if as_json:
        emit_json({"devices": [pairing.to_json() for pairing in pairings]})
        return
    if not pairings:
        say(translate("ble.none_paired"))
    for p in pairings:
        click.echo(f"{p.address}  {p.driver:16}  {p.name or '-':24}  {p.paired_at:%Y-%m-%d %H:%M}")
