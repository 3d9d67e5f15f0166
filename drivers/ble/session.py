"""A generic :class:`~kiosk.device_api.DeviceSession` for GATT drivers (issue 5).

The BLE counterpart of :mod:`drivers.serial_session`. A driver describes itself with a
:class:`GattProfile` (which services to look for, which characteristics to subscribe to, how
to set the clock per model, its pure :class:`~kiosk.device_api.GattParser`); the session does
the I/O through bleak, created by :mod:`drivers.ble.backend` (so BlueZ on the kiosk, bumble in
tests and ``--demo``, with no hooks here):

1. scan for the device: by address when ``port`` is one, otherwise by the profile's advertised
   service UUIDs or name prefixes (``port`` ``"auto"``, or ``"name:PREFIX"``);
2. connect; on an ATT "insufficient authentication/encryption" error pair once and retry
   (bonded-only BP cuffs, test-peers.md §b);
3. read Device Information 0x180A (manufacturer, model, serial, firmware revision) and
   Battery Level 0x2A19 (devices.md §2) into the DeviceIdentity, so they become provenance;
   where 0x2A19 notifies, subscribe to it: each new level replaces the identity's, so every
   later measurement carries the level the device had when it sent it;
4. set the device clock the way the profile says for this model (CTS 0x2A2B, or Date Time
   0x2A08 inside the service for A&D, devices.md §3) — a failure there is logged, not fatal;
5. read the profile's feature characteristics and subscribe to its notify/indicate ones
   (devices.md §14); every value goes to a parser made fresh for this connection, and each
   complete measurement is reported as soon as it completes, so a backlog dump followed by a
   disconnect keeps every record and a disconnect mid-measurement drops only the partial one;
   then write what the profile's ``after_subscribe`` hook asks for (:class:`GattWrite`: a
   RACP request, a start-streaming command), so its answers find the subscriptions on;
6. wait for the link to drop, report DISCONNECTED with a message key, scan again (the device
   advertises again when it wakes up) until cancelled. Device failures never leave ``run``.

The profile types (:class:`GattProfile`, :class:`ClockTarget`, :class:`GattWrite`) live in
:mod:`drivers.ble.profile` and are re-exported here.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import functools
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from bleak import BleakClient
from bleak.backends.device import BLEDevice
from bleak.backends.scanner import AdvertisementData
from bleak.exc import BleakError, BleakGATTProtocolError, BleakGATTProtocolErrorCode

from drivers.ble import backend, gatt_types
from drivers.ble.profile import (
    CURRENT_TIME_TARGET,
    ClockTarget,
    GattProfile,
    GattWrite,
    no_writes,
)
from kiosk.device_api import (
    ConnectionState,
    DeviceStatus,
    GattParser,
    MeasurementSink,
    StatusSink,
    short_uuid,
)
from kiosk.domain import DeviceIdentity, utc_now

# The profile names are re-exported from drivers.ble.profile.
__all__ = [
    "CONNECT_FAILED",
    "CURRENT_TIME_TARGET",
    "DISCONNECTED",
    "NOT_FOUND",
    "PAIRING_REQUIRED",
    "UNAVAILABLE",
    "BleSession",
    "ClockTarget",
    "GattProfile",
    "GattWrite",
    "is_address",
    "local_now",
    "no_writes",
]

_log = logging.getLogger(__name__)
T = TypeVar("T")

#: DISCONNECTED reasons (message keys, kiosk.i18n).
NOT_FOUND = "device.ble_not_found"
CONNECT_FAILED = "device.ble_connect_failed"
DISCONNECTED = "device.ble_disconnected"
PAIRING_REQUIRED = "device.ble_pairing_required"
UNAVAILABLE = "device.ble_unavailable"

_SECURITY_ERRORS = frozenset(
    {
        BleakGATTProtocolErrorCode.INSUFFICIENT_AUTHENTICATION,
        BleakGATTProtocolErrorCode.INSUFFICIENT_ENCRYPTION,
        BleakGATTProtocolErrorCode.INSUFFICIENT_ENCRYPTION_KEY_SIZE,
    }
)
_ADDRESS = re.compile(r"^([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}$|^[0-9A-Fa-f-]{36}$")


class _PairingRefused(Exception):
    """The device wants a bond and this session may not pair."""


def local_now() -> dt.datetime:
    """The kiosk's wall-clock time without zone, as device clocks keep it."""
    return utc_now().astimezone().replace(tzinfo=None)


def is_address(port: str) -> bool:
    return bool(_ADDRESS.match(port.strip()))


class BleSession:
    """The I/O part of a GATT driver for one device; see the module docstring."""

    def __init__(
        self,
        profile: GattProfile,
        port: str,
        *,
        allow_pairing: bool = True,
        scan_timeout: float = 10.0,
        connect_timeout: float = 10.0,
        retry_interval: float = 1.0,
        clock: Callable[[], dt.datetime] = local_now,
    ) -> None:
        self.profile = profile
        self.port = port
        self.allow_pairing = allow_pairing
        self.scan_timeout = scan_timeout
        self.connect_timeout = connect_timeout
        self.retry_interval = retry_interval
        self._clock = clock
        self.device_name: str | None = None
        self.device_information = gatt_types.DeviceInformation()
        self.battery_level: int | None = None
        self.clock_set_to: dt.datetime | None = None
        self._identity = self._default_identity(port)
        self._last_status: DeviceStatus | None = None
        self._on_status: StatusSink | None = None

    @property
    def identity(self) -> DeviceIdentity:
        return self._identity

    async def run(self, on_measurement: MeasurementSink, on_status: StatusSink) -> None:
        """Find, connect, decode and reconnect until cancelled; never raises for device faults."""
        self._on_status = on_status
        self._report(ConnectionState.CONNECTING)
        while True:
            try:
                found = await self._find()
                reason = NOT_FOUND if found is None else await self._serve(found, on_measurement)
            except (BleakError, OSError, ValueError) as error:  # no adapter, bad config
                _log.info("%s: Bluetooth unavailable: %s", self.profile.driver_id, error)
                reason = UNAVAILABLE
            self._report(ConnectionState.DISCONNECTED, reason)
            await asyncio.sleep(self.retry_interval)

    def _matches(self, device: BLEDevice, advertisement: AdvertisementData) -> bool:
        port = self.port.strip()
        if is_address(port):
            return device.address.upper() == port.upper()
        name = advertisement.local_name or device.name or ""
        if port.startswith("name:"):
            return name.startswith(port.removeprefix("name:"))
        advertised = {short_uuid(uuid) for uuid in advertisement.service_uuids}
        return bool(advertised & set(self.profile.services)) or any(
            name.startswith(prefix) for prefix in self.profile.names
        )

    async def _find(self) -> tuple[BLEDevice, AdvertisementData] | None:
        found: asyncio.Future[tuple[BLEDevice, AdvertisementData]]
        found = asyncio.get_running_loop().create_future()

        def on_detection(device: BLEDevice, advertisement: AdvertisementData) -> None:
            if not found.done() and self._matches(device, advertisement):
                found.set_result((device, advertisement))

        async with backend.make_scanner(detection_callback=on_detection):
            with contextlib.suppress(TimeoutError):
                return await asyncio.wait_for(found, self.scan_timeout)
        return None

    async def _serve(
        self, found: tuple[BLEDevice, AdvertisementData], on_measurement: MeasurementSink
    ) -> str:
        device, advertisement = found
        self.device_name = advertisement.local_name or device.name
        lost = asyncio.Event()
        client = backend.make_client(
            device, disconnected_callback=lambda _c: lost.set(), timeout=self.connect_timeout
        )
        try:
            await client.connect()
        except (BleakError, TimeoutError, OSError) as error:
            _log.info("%s: cannot connect to %s: %s", self.profile.driver_id, device, error)
            return CONNECT_FAILED
        try:
            parser = self.profile.parser_factory(self.device_name)
            await self._learn_identity(client, device.address)
            await self._watch_battery(client)
            await self._set_clock(client)

            def deliver(characteristic: str, service: str, value: bytes) -> None:
                try:
                    measurements = parser.feed_gatt(characteristic, bytes(value), service)
                except Exception:  # a parser must never raise; keep the session alive
                    _log.exception("%s: parser failed on %s", self.profile.driver_id, value)
                    return
                for measurement in measurements:
                    on_measurement(measurement, self._identity)

            for service, characteristic in self.profile.reads:
                gatt_char = _find_char(client, service, characteristic)
                if gatt_char is not None:
                    value = await self._secure(
                        client, functools.partial(client.read_gatt_char, gatt_char)
                    )
                    deliver(characteristic, service, bytes(value))
            for service, characteristic in self.profile.subscribe:
                gatt_char = _find_char(client, service, characteristic)
                if gatt_char is None:
                    continue
                callback = _notify_callback(deliver, characteristic, service)
                await self._secure(
                    client, functools.partial(client.start_notify, gatt_char, callback)
                )
            await self._write_after_subscribe(client, parser)
            self._report(ConnectionState.CONNECTED)
            await lost.wait()
            return DISCONNECTED
        except _PairingRefused:
            return PAIRING_REQUIRED
        except (BleakError, TimeoutError, OSError) as error:
            _log.info("%s: link to %s failed: %s", self.profile.driver_id, device, error)
            return DISCONNECTED
        finally:
            with contextlib.suppress(BleakError, TimeoutError, OSError):
                await asyncio.shield(client.disconnect())

    async def _write_after_subscribe(self, client: BleakClient, parser: GattParser) -> None:
        """Write what the profile asks for now; a refused write is logged, not fatal."""
        driver = self.profile.driver_id
        try:
            writes = tuple(self.profile.after_subscribe(parser, self._identity))
        except Exception:  # a driver hook must not end the session
            _log.exception("%s: after_subscribe failed", driver)
            return
        for write in writes:
            gatt_char = _find_char(client, write.service, write.characteristic)
            if gatt_char is None:
                _log.info("%s: no characteristic %s to write", driver, write.characteristic)
                continue
            response = write.response
            if response is None:
                response = "write" in gatt_char.properties
            operation = functools.partial(client.write_gatt_char, gatt_char, write.value, response)
            try:
                await self._secure(client, operation)
            except BleakGATTProtocolError as error:
                _log.info("%s: write to %s refused: %s", driver, write.characteristic, error)

    async def _secure(self, client: BleakClient, operation: Callable[[], Awaitable[T]]) -> T:
        """Run a GATT operation; if the device wants a bond, pair once and run it again."""
        try:
            return await operation()
        except BleakGATTProtocolError as error:
            if error.code not in _SECURITY_ERRORS:
                raise
            if not self.allow_pairing:
                raise _PairingRefused from error
            _log.info("%s: device needs pairing (%s); pairing", self.profile.driver_id, error)
            await client.pair()
            return await operation()

    async def _read_optional(self, client: BleakClient, service: str, char: str) -> bytes | None:
        gatt_char = _find_char(client, service, char)
        if gatt_char is None or "read" not in gatt_char.properties:
            return None
        try:
            return bytes(await self._secure(client, lambda: client.read_gatt_char(gatt_char)))
        except BleakGATTProtocolError as error:
            _log.debug("%s: cannot read %s: %s", self.profile.driver_id, char, error)
            return None

    async def _learn_identity(self, client: BleakClient, address: str) -> None:
        values: dict[str, bytes] = {}
        for char in gatt_types.DEVICE_INFORMATION_STRINGS:
            value = await self._read_optional(client, gatt_types.DEVICE_INFORMATION_SERVICE, char)
            if value is not None:
                values[char] = value
        info = self.device_information = gatt_types.DeviceInformation.from_values(values)
        battery = await self._read_optional(
            client, gatt_types.BATTERY_SERVICE, gatt_types.BATTERY_LEVEL
        )
        self.battery_level = None if battery is None else gatt_types.decode_battery_level(battery)
        driver = self.profile.driver_id
        self._identity = DeviceIdentity(
            driver_id=driver,
            key=f"{driver}-{info.serial}" if info.serial else f"{driver}-ble-{address.upper()}",
            manufacturer=info.manufacturer,
            model=info.model or self.device_name,
            serial=info.serial,
            port=address,
            firmware=info.firmware_revision,
            battery_level=self.battery_level,
        )
        _log.info(
            "%s: %s firmware %s battery %s%%",
            driver,
            self._identity,
            info.firmware_revision,
            self.battery_level,
        )

    async def _watch_battery(self, client: BleakClient) -> None:
        """Follow Battery Level notifications where 0x2A19 has notify (else the level read on
        connect stays); a refused subscription is logged, not fatal."""
        gatt_char = _find_char(client, gatt_types.BATTERY_SERVICE, gatt_types.BATTERY_LEVEL)
        if gatt_char is None or "notify" not in gatt_char.properties:
            return

        def on_level(_sender: Any, value: bytearray) -> None:
            self._battery_changed(gatt_types.decode_battery_level(bytes(value)))

        try:
            await self._secure(client, functools.partial(client.start_notify, gatt_char, on_level))
        except BleakGATTProtocolError as error:
            _log.info("%s: battery level not followed: %s", self.profile.driver_id, error)

    def _battery_changed(self, level: int | None) -> None:
        """A new Battery Level: later measurements carry it (an invalid value is ignored)."""
        if level is None or level == self.battery_level:
            return
        _log.info("%s: battery %s%% → %s%%", self.profile.driver_id, self.battery_level, level)
        self.battery_level = level
        self._identity = dataclasses.replace(self._identity, battery_level=level)

    async def _set_clock(self, client: BleakClient) -> None:
        for target in self.profile.clock(self.device_name):
            gatt_char = _find_char(client, target.service, target.characteristic)
            if gatt_char is None or not {"write", "write-without-response"} & set(
                gatt_char.properties
            ):
                continue
            now = self._clock()
            payload = target.encode(now)
            response = "write" in gatt_char.properties
            try:
                await self._secure(
                    client,
                    functools.partial(client.write_gatt_char, gatt_char, payload, response),
                )
            except BleakGATTProtocolError as error:
                _log.info("%s: clock not set: %s", self.profile.driver_id, error)
                continue
            self.clock_set_to = now
            return

    def _default_identity(self, port: str) -> DeviceIdentity:
        driver = self.profile.driver_id
        return DeviceIdentity(driver_id=driver, key=f"{driver}-ble-{port.upper()}", port=port)

    def _report(self, state: ConnectionState, reason: str | None = None) -> None:
        """Report a status once; repeats (a device that stays away) are not reported."""
        status = DeviceStatus(self.profile.driver_id, self.port, state, reason, self._identity)
        if status == self._last_status or self._on_status is None:
            return
        self._last_status = status
        _log.info("%s on %s: %s %s", self.profile.driver_id, self.port, state, reason or "")
        self._on_status(status)


def _find_char(client: BleakClient, service: str, characteristic: str) -> Any:
    """The characteristic ``characteristic`` inside ``service`` (short or full UUIDs; ``""``:
    any service), or None."""
    for gatt_service in client.services:
        if service and short_uuid(gatt_service.uuid) != short_uuid(service):
            continue
        for gatt_char in gatt_service.characteristics:
            if short_uuid(gatt_char.uuid) == short_uuid(characteristic):
                return gatt_char
    return None


def _notify_callback(
    deliver: Callable[[str, str, bytes], None], characteristic: str, service: str
) -> Callable[[Any, bytearray], None]:
    def on_value(_sender: Any, value: bytearray) -> None:
        deliver(short_uuid(characteristic), short_uuid(service), bytes(value))

    return on_value
