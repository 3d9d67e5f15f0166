"""Pure decoder of BerryMed BM1000-family oximeters over BLE (reference/devices.md §9, §10.1).

The oximeter streams the BCI 5-byte protocol through the Microchip transparent-UART service:
notifications on ``49535343-1e4d-4bd9-ba61-23c647249616``. A notification carries several
packets, and a packet may straddle two notifications, so every notification is fed to one
resynchronising BCI stream parser (:class:`drivers.bci.parser.BciParser`, the serial ``bci``
driver's own) and its readings are re-labelled ``berrymed-ble``. Field meanings and flags are
those of §10.1 / §16 (``finger-out``, ``searching``; SpO2 0x7F and PR 0xFF give no reading).
"""

from __future__ import annotations

from drivers.bci.parser import BciParser
from drivers.berrymed_ble.manifest import UART_SERVICE
from kiosk.device_api import short_uuid
from kiosk.domain import Measurement

DRIVER_ID = "berrymed-ble"

SERVICE = UART_SERVICE
NOTIFY = "49535343-1e4d-4bd9-ba61-23c647249616"
WRITE = "49535343-8841-43f4-a8d4-ecbe34729bb3"


class BerryMedParser:
    """:class:`~kiosk.device_api.GattParser` of ``berrymed-ble``."""

    def __init__(self, *, waveform: bool = False, device_name: str | None = None) -> None:
        self.device_name = device_name
        self._stream = BciParser(waveform=waveform)

    def feed_gatt(
        self, characteristic: str, value: bytes, service: str | None = None
    ) -> list[Measurement]:
        if short_uuid(characteristic) != NOTIFY:
            return []
        return [
            Measurement(DRIVER_ID, m.type, m.value, m.unit, m.time, m.flags, m.code, m.raw)
            for m in self._stream.feed(bytes(value))
        ]


def create_parser(*, waveform: bool = False, device_name: str | None = None) -> BerryMedParser:
    """The ``parser`` entry of the plugin (drivers/plugin.py)."""
    return BerryMedParser(waveform=waveform, device_name=device_name)
