"""The scanner of :mod:`drivers.ble.bumble_backend`: bumble advertising reports as bleak's.

:class:`BumbleScanner` listens on the shared adapter (:mod:`drivers.ble.bumble_adapter`)
and hands every advertising report, as an ``AdvertisementData``, to bleak's callbacks.
"""

from __future__ import annotations

import contextlib
from typing import Any

from bleak.backends.scanner import AdvertisementData, BaseBleakScanner
from bleak.uuids import normalize_uuid_str
from bumble import core
from bumble.device import Advertisement, Device

from drivers.ble.bumble_adapter import (
    _Adapter,
    _bleak_errors,
    _transport_spec,
    _uuid_text,
    acquire_adapter,
    release_adapter,
)


def _advertisement_data(advertisement: Advertisement) -> AdvertisementData:
    data: Any = advertisement.data  # get_all's overloads need literal kinds
    names = data.get_all(core.AdvertisingData.COMPLETE_LOCAL_NAME) or data.get_all(
        core.AdvertisingData.SHORTENED_LOCAL_NAME
    )
    uuids: list[str] = []
    for kind in (
        core.AdvertisingData.COMPLETE_LIST_OF_16_BIT_SERVICE_CLASS_UUIDS,
        core.AdvertisingData.INCOMPLETE_LIST_OF_16_BIT_SERVICE_CLASS_UUIDS,
        core.AdvertisingData.COMPLETE_LIST_OF_32_BIT_SERVICE_CLASS_UUIDS,
        core.AdvertisingData.INCOMPLETE_LIST_OF_32_BIT_SERVICE_CLASS_UUIDS,
        core.AdvertisingData.COMPLETE_LIST_OF_128_BIT_SERVICE_CLASS_UUIDS,
        core.AdvertisingData.INCOMPLETE_LIST_OF_128_BIT_SERVICE_CLASS_UUIDS,
    ):
        for group in data.get_all(kind):
            uuids.extend(_uuid_text(uuid) for uuid in group)
    service_data: dict[str, bytes] = {}
    for kind in (
        core.AdvertisingData.SERVICE_DATA_16_BIT_UUID,
        core.AdvertisingData.SERVICE_DATA_32_BIT_UUID,
        core.AdvertisingData.SERVICE_DATA_128_BIT_UUID,
    ):
        for uuid, payload in data.get_all(kind):
            service_data[_uuid_text(uuid)] = bytes(payload)
    manufacturer: dict[int, bytes] = {}
    for company, payload in data.get_all(core.AdvertisingData.MANUFACTURER_SPECIFIC_DATA):
        manufacturer[int(company)] = bytes(payload)
    tx_power = data.get(core.AdvertisingData.TX_POWER_LEVEL)
    return AdvertisementData(
        local_name=str(names[0]) if names else None,
        manufacturer_data=manufacturer,
        service_data=service_data,
        service_uuids=uuids,
        tx_power=None if tx_power is None else int(tx_power),
        rssi=advertisement.rssi,
        platform_data=(advertisement,),
    )


class BumbleScanner(BaseBleakScanner):
    """``BaseBleakScanner`` over bumble: every advertising report goes to the callbacks."""

    def __init__(
        self,
        detection_callback: Any,
        service_uuids: list[str] | None,
        scanning_mode: str = "active",
        **kwargs: Any,
    ) -> None:
        # bleak documents 128-bit UUIDs here; accept the short form too, as the OS backends do
        uuids = None if service_uuids is None else [normalize_uuid_str(u) for u in service_uuids]
        super().__init__(detection_callback, uuids)
        self._spec = _transport_spec(kwargs)
        self._active = scanning_mode != "passive"
        self._adapter: _Adapter | None = None

    async def start(self) -> None:
        self.seen_devices = {}
        adapter = self._adapter = await acquire_adapter(self._spec)
        adapter.device.on(Device.EVENT_ADVERTISEMENT, self._on_advertisement)
        adapter.scanners += 1
        if adapter.scanners == 1:
            with _bleak_errors():
                await adapter.device.start_scanning(active=self._active, filter_duplicates=False)

    async def stop(self) -> None:
        adapter, self._adapter = self._adapter, None
        if adapter is None:
            return
        adapter.device.remove_listener(Device.EVENT_ADVERTISEMENT, self._on_advertisement)
        adapter.scanners -= 1
        try:
            if adapter.scanners == 0:
                with contextlib.suppress(Exception):
                    await adapter.device.stop_scanning()
        finally:
            await release_adapter(adapter)

    def _on_advertisement(self, advertisement: Advertisement) -> None:
        data = _advertisement_data(advertisement)
        if not self.is_allowed_uuid(data.service_uuids):
            return
        address = advertisement.address.to_string(with_type_qualifier=False)
        device = self.create_or_update_device(
            str(advertisement.address), address, data.local_name, advertisement.address, data
        )
        self.call_detection_callbacks(device, data)
