"""The backend factory and our bleak backend over bumble, at bleak's public API
(test-peers.md §b): scan, connect, discovery, MTU, ATT errors, pairing, disconnects."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import Awaitable, Callable

import pytest
from bleak.exc import BleakError, BleakGATTProtocolError, BleakGATTProtocolErrorCode

from drivers.ble import backend
from drivers.ble.simulator import Room
from drivers.ble_bp.simulator import BpPeripheral


def test_production_default_never_imports_bumble() -> None:
    code = (
        "import sys; from drivers.ble import backend; c = backend.make_client('AA:BB:CC:DD:EE:FF');"
        "s = backend.make_scanner(); assert 'bumble' not in sys.modules, 'bumble imported';"
        "print(c.backend_id, backend.describe())"
    )
    env = {"PATH": "/usr/bin:/bin", "KIOSK_BLE_BACKEND": ""}
    done = subprocess.run(
        [sys.executable, "-c", code], check=False, capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr
    assert "Bumble" not in done.stdout and "system" in done.stdout


def test_configuration_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    assert backend.backend_name({"KIOSK_BLE_BACKEND": "Bumble"}) == "bumble"
    assert backend.backend_name({}) == "system"
    with pytest.raises(ValueError, match="KIOSK_BLE_BACKEND"):
        backend.backend_name({"KIOSK_BLE_BACKEND": "bluetooth-please"})
    monkeypatch.setenv("KIOSK_BLE_BACKEND", "bumble")
    monkeypatch.setenv("BLEAK_BUMBLE_TRANSPORT", "link:nowhere")
    assert backend.make_client("AA:BB:CC:DD:EE:FF").backend_id == "BumbleClient"
    assert backend.make_scanner().backend_id == "BumbleScanner"
    assert backend.describe() == "bumble (link:nowhere)"

    async def connect() -> None:
        await backend.make_client("AA:BB:CC:DD:EE:FF").connect()

    with pytest.raises(BleakError, match="no in-process bumble room"):
        asyncio.run(connect())


def in_room(
    monkeypatch: pytest.MonkeyPatch, cuff: BpPeripheral, body: Callable[[], Awaitable[None]]
) -> None:
    async def main() -> None:
        async with Room([cuff]) as room:
            monkeypatch.setenv("KIOSK_BLE_BACKEND", "bumble")
            monkeypatch.setenv("BLEAK_BUMBLE_TRANSPORT", room.link_transport)
            await asyncio.wait_for(body(), 10)

    asyncio.run(main())


def test_scan_connect_discover_mtu_and_att_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    cuff = BpPeripheral("pairing")

    async def body() -> None:
        async with backend.make_scanner(service_uuids=["1810"]) as scanner:
            async for found, advertisement in scanner.advertisement_data():  # noqa: B007
                if found.address == cuff.address_text:
                    break
        assert found.name == cuff.name and advertisement.local_name == cuff.name
        assert advertisement.service_uuids == ["00001810-0000-1000-8000-00805f9b34fb"]
        async with backend.make_client(found) as client:
            assert client.mtu_size > 23  # the backend asks for a larger MTU, as BlueZ does
            names = {c.uuid[4:8] for c in client.services.characteristics.values()}
            assert {"2a35", "2a36", "2a49", "2a29", "2a19"} <= names
            assert await client.read_gatt_char("2a24") == bytearray(b"BP-1")
            with pytest.raises(BleakGATTProtocolError) as refused:
                await client.read_gatt_char("2a49")
            assert refused.value.code == BleakGATTProtocolErrorCode.INSUFFICIENT_ENCRYPTION
            await client.pair()
            assert await client.read_gatt_char("2a49") == bytearray(b"\x07\x00")
        async with backend.make_client(cuff.address_text, pair=True) as client:
            assert await client.read_gatt_char("2a49") == bytearray(b"\x07\x00")
        assert not client.is_connected

    in_room(monkeypatch, cuff, body)


def test_peripheral_disconnect_fires_the_callback(monkeypatch: pytest.MonkeyPatch) -> None:
    cuff = BpPeripheral("normal")

    async def body() -> None:
        lost = asyncio.Event()
        client = backend.make_client(cuff.address_text, disconnected_callback=lambda _c: lost.set())
        await client.connect()
        values: list[bytes] = []
        await client.start_notify("2a35", lambda _c, value: values.append(bytes(value)))
        await asyncio.wait_for(lost.wait(), 5)  # the cuff sends, then drops the link
        assert values and values[0][1:3] == b"\x78\x00"
        assert not client.is_connected
        await client.disconnect()  # harmless after the device left

    in_room(monkeypatch, cuff, body)
