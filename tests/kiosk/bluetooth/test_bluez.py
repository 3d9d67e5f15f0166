"""The BlueZ client and the technician's workflow against the fake BlueZ on a real D-Bus."""

from __future__ import annotations

import asyncio
import datetime as dt
import stat
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest

from kiosk.bluetooth.agent import AgentEventKind, PairingAgent
from kiosk.bluetooth.api import BluezError
from kiosk.bluetooth.bluez import BluezClient
from kiosk.bluetooth.pairings import Pairing, load_pairings, pairings_path, save_pairings
from kiosk.bluetooth.workflow import PairOutcome, forget_device, pair_device, scan_devices
from kiosk.device_api import DriverManifest, Transport
from kiosk.errors import UserFacingError
from tests.kiosk.bluetooth.fake_bluez import FakeBluezThread, FakeDevice

MANIFESTS = [
    DriverManifest("ble-bp", "BP", Transport.BLE, ble_services=("1810",), names=("BM59",)),
    DriverManifest("ble-thermometer", "T", Transport.BLE, ble_services=("1809",)),
    DriverManifest("ble-scale", "S", Transport.BLE, ble_services=("181d",), names=("UC-352",)),
]
BP, THERMO, SCALE, BAND, HIDDEN = (f"A4:C1:38:00:00:0{n}" for n in range(1, 6))
T0 = dt.datetime(2026, 11, 26, 4, 24, tzinfo=dt.UTC)

Start = Callable[..., FakeBluezThread]


def devices() -> list[FakeDevice]:
    return [
        FakeDevice(BP, "BM59", ("1810",), rssi=-50),
        FakeDevice(THERMO, "FT95", ("1809",), pairing="passkey", passkey=246810, known=True),
        FakeDevice(SCALE, "UC-352BLE", (), pairing="authorize", rssi=-70),
        FakeDevice(BAND, "Mi Band", ("fee0",), rssi=-40),
        FakeDevice(HIDDEN, None, (), gatt_uuids=("1810", "180a"), rssi=-80),
    ]


def run(address: str, work: Callable[[BluezClient], Coroutine[Any, Any, Any]]) -> Any:
    async def main() -> Any:
        async with BluezClient(bus_address=address) as bluez:
            return await work(bluez)

    return asyncio.run(main())


def pair(
    address: str, device: str, data: Path, agent: PairingAgent | None = None, **options: Any
) -> PairOutcome:
    agent = agent or PairingAgent()
    options.setdefault("discover_seconds", 2.0)

    async def work(bluez: BluezClient) -> PairOutcome:
        return await pair_device(bluez, device, MANIFESTS, data, agent, now=lambda: T0, **options)

    outcome: PairOutcome = run(address, work)
    return outcome


def error_key(call: Callable[[], object]) -> str:
    with pytest.raises(UserFacingError) as caught:
        call()
    return caught.value.key


def test_scan_finds_devices_and_matches_drivers(dbus_address: str, start_bluez: Start) -> None:
    fake = start_bluez(devices()).fake
    found = run(dbus_address, lambda bluez: scan_devices(bluez, 0.5, MANIFESTS))
    by_address = {device.address: device for device in found}
    assert set(by_address) == {BP, THERMO, SCALE, BAND, HIDDEN}
    assert by_address[BP].drivers == ("ble-bp",)  # by service 0x1810
    assert by_address[THERMO].drivers == ("ble-thermometer",)
    assert by_address[SCALE].drivers == ("ble-scale",)  # by name
    assert by_address[BAND].drivers == by_address[HIDDEN].drivers == ()
    assert by_address[BP].name == "BM59" and by_address[HIDDEN].name is None
    assert by_address[BP].rssi == -50 and by_address[BP].service_uuids == ("1810",)
    assert [d.address for d in found] == [BP, THERMO, SCALE, BAND, HIDDEN]  # fitting first
    assert ("SetDiscoveryFilter", "le") in fake.log
    assert fake.log.index(("StartDiscovery",)) < fake.log.index(("StopDiscovery",))


def test_scan_powers_the_adapter_on(dbus_address: str, start_bluez: Start) -> None:
    fake = start_bluez(devices(), powered=False).fake
    assert len(run(dbus_address, lambda bluez: bluez.scan(0.2))) == 5
    assert ("Powered", True) in fake.log


def test_adapter_that_stays_off(dbus_address: str, start_bluez: Start) -> None:
    start_bluez(devices(), powered=False, power_fails=True)
    assert error_key(lambda: run(dbus_address, lambda bluez: bluez.scan(0.2))) == "ble.adapter_off"


def test_no_adapter(dbus_address: str, start_bluez: Start) -> None:
    start_bluez([], with_adapter=False)
    assert error_key(lambda: run(dbus_address, lambda bluez: bluez.scan(0.2))) == "ble.no_adapter"


def test_bluez_absent_from_the_bus(dbus_address: str) -> None:
    assert error_key(lambda: run(dbus_address, BluezClient.adapters)) == "ble.not_running"


def test_no_system_bus_at_all(tmp_path: Path) -> None:
    address = f"unix:path={tmp_path}/no-socket"
    assert error_key(lambda: run(address, BluezClient.adapters)) == "ble.not_running"


def test_just_works_pairing_trusts_and_records(
    dbus_address: str, start_bluez: Start, tmp_path: Path
) -> None:
    fake = start_bluez(devices()).fake
    agent = PairingAgent()
    started = time.monotonic()
    # not yet known: discovered, and the discovery stops as soon as it appears, well
    # before its 10 s window (wide, so a loaded machine cannot make the test fail)
    outcome = pair(dbus_address, BP.lower(), tmp_path, agent, discover_seconds=10.0)
    assert time.monotonic() - started < 5
    assert outcome.pairing == Pairing(BP, "BM59", "ble-bp", T0)
    assert outcome.device.paired and outcome.device.trusted and not outcome.already_paired
    spec = fake.device(BP)
    assert spec.paired and spec.trusted and not spec.connected  # left to the driver session
    assert [e.kind for e in agent.events] == [AgentEventKind.CONFIRM_PASSKEY]
    names = [entry[0] for entry in fake.log]
    assert names.index("RegisterAgent") < names.index("Pair") < names.index("Trusted")
    assert names.index("Trusted") < names.index("UnregisterAgent")
    assert ("RegisterAgent", "/org/dala/kiosk/agent", "KeyboardDisplay") in fake.log
    assert load_pairings(tmp_path) == [outcome.pairing]
    assert stat.S_IMODE(pairings_path(tmp_path).stat().st_mode) == 0o600


def test_authorization_pairing(dbus_address: str, start_bluez: Start, tmp_path: Path) -> None:
    start_bluez(devices())
    assert pair(dbus_address, SCALE, tmp_path).pairing.driver == "ble-scale"


def test_passkey_pairing(dbus_address: str, start_bluez: Start, tmp_path: Path) -> None:
    fake = start_bluez(devices()).fake
    asked: list[str] = []

    def source(address: str) -> int:
        asked.append(address)
        return 246810

    outcome = pair(dbus_address, THERMO, tmp_path, PairingAgent(passkey_source=source))
    assert outcome.pairing.driver == "ble-thermometer"
    assert asked == [THERMO]
    assert ("passkey", THERMO, 246810) in fake.log


def test_wrong_passkey(dbus_address: str, start_bluez: Start, tmp_path: Path) -> None:
    fake = start_bluez(devices()).fake
    agent = PairingAgent(passkey_source=lambda _a: 111111)
    key = error_key(lambda: pair(dbus_address, THERMO, tmp_path, agent))
    assert key == "ble.pair_auth_failed"
    assert not fake.device(THERMO).paired and not fake.device(THERMO).trusted
    assert load_pairings(tmp_path) == []
    assert fake.agents == {}  # the agent was unregistered all the same


def test_passkey_not_given(dbus_address: str, start_bluez: Start, tmp_path: Path) -> None:
    start_bluez(devices())
    assert error_key(lambda: pair(dbus_address, THERMO, tmp_path)) == "ble.pair_cancelled"


def test_unreachable_device(dbus_address: str, start_bluez: Start, tmp_path: Path) -> None:
    start_bluez([FakeDevice(BP, "BM59", ("1810",), pairing="unreachable", known=True)])
    assert error_key(lambda: pair(dbus_address, BP, tmp_path)) == "ble.pair_unreachable"
    assert not pairings_path(tmp_path).exists()


def test_device_that_never_shows_up(dbus_address: str, start_bluez: Start, tmp_path: Path) -> None:
    start_bluez(devices())
    key = error_key(lambda: pair(dbus_address, "66:66:66:66:66:66", tmp_path, discover_seconds=0.3))
    assert key == "ble.device_not_found"


def test_pairing_timeout_cancels(dbus_address: str, start_bluez: Start, tmp_path: Path) -> None:
    fake = start_bluez([FakeDevice(BP, "BM59", ("1810",), pairing="slow", known=True)]).fake
    assert error_key(lambda: pair(dbus_address, BP, tmp_path, timeout=0.3)) == "ble.pair_timeout"
    assert ("CancelPairing", BP) in fake.log


def test_already_paired_is_success(dbus_address: str, start_bluez: Start, tmp_path: Path) -> None:
    fake = start_bluez([FakeDevice(BP, "BM59", ("1810",), paired=True)]).fake
    outcome = pair(dbus_address, BP, tmp_path)
    assert outcome.already_paired
    assert fake.device(BP).trusted
    assert load_pairings(tmp_path)[0].driver == "ble-bp"


def test_driver_found_once_connected(dbus_address: str, start_bluez: Start, tmp_path: Path) -> None:
    start_bluez(devices())
    assert pair(dbus_address, HIDDEN, tmp_path).pairing.driver == "ble-bp"  # GATT 0x1810


def test_no_driver_fits(dbus_address: str, start_bluez: Start, tmp_path: Path) -> None:
    fake = start_bluez(devices()).fake
    assert error_key(lambda: pair(dbus_address, BAND, tmp_path)) == "ble.no_driver"
    assert fake.device(BAND).paired  # the bond stays: `pair --driver ID` finishes the job
    assert load_pairings(tmp_path) == []
    assert pair(dbus_address, BAND, tmp_path, driver="ble-bp").already_paired


def test_ambiguous_driver_changes_nothing(
    dbus_address: str, start_bluez: Start, tmp_path: Path
) -> None:
    fake = start_bluez([FakeDevice(BP, "BM59", ("1810", "1809"), known=True)]).fake
    assert error_key(lambda: pair(dbus_address, BP, tmp_path)) == "ble.ambiguous_driver"
    assert not any(entry[0] == "Pair" for entry in fake.log)


def test_agent_rejects_another_device_during_pairing(
    dbus_address: str, start_bluez: Start, tmp_path: Path
) -> None:
    fake = start_bluez(devices()).fake
    rogue = "/org/bluez/hci0/dev_66_66_66_66_66_66"
    fake.rogue_requests.append(rogue)
    pair(dbus_address, BP, tmp_path)
    assert ("rogue", rogue, "org.bluez.Error.Rejected") in fake.log
    assert fake.device(BP).paired


def test_forget_removes_bond_and_record(
    dbus_address: str, start_bluez: Start, tmp_path: Path
) -> None:
    fake = start_bluez([FakeDevice(BP, "BM59", ("1810",), paired=True, trusted=True)]).fake
    save_pairings(tmp_path, [Pairing(BP, "BM59", "ble-bp", T0)])
    outcome = run(dbus_address, lambda bluez: forget_device(bluez, BP, tmp_path))
    assert outcome.removed_from_bluez and outcome.record is not None
    assert ("RemoveDevice", BP) in fake.log
    assert load_pairings(tmp_path) == []
    missing = run(dbus_address, lambda bluez: bluez.find(BP))[1]
    assert missing is None
    key = error_key(lambda: run(dbus_address, lambda bluez: forget_device(bluez, BP, tmp_path)))
    assert key == "ble.not_paired"


def test_forget_a_record_bluez_already_lost(
    dbus_address: str, start_bluez: Start, tmp_path: Path
) -> None:
    start_bluez([])
    save_pairings(tmp_path, [Pairing(BP, "BM59", "ble-bp", T0)])
    outcome = run(dbus_address, lambda bluez: forget_device(bluez, BP, tmp_path))
    assert not outcome.removed_from_bluez and outcome.record is not None
    assert load_pairings(tmp_path) == []


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("org.bluez.Error.AuthenticationFailed", "ble.pair_auth_failed"),
        ("org.bluez.Error.AuthenticationCanceled", "ble.pair_cancelled"),
        ("org.bluez.Error.AuthenticationRejected", "ble.pair_rejected"),
        ("org.bluez.Error.ConnectionAttemptFailed", "ble.pair_unreachable"),
        ("org.freedesktop.DBus.Error.ServiceUnknown", "ble.not_running"),
        ("org.freedesktop.DBus.Error.Spawn.ChildExited", "ble.not_running"),
        ("org.bluez.Error.Failed", "ble.bluez_error"),
    ],
)
def test_bluez_errors_become_message_keys(name: str, key: str) -> None:
    error = BluezError(name, "text").user_error(BP)
    assert error.key == key
    assert "Traceback" not in str(error) and str(error) != key  # translated
