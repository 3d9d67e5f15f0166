"""Pure decoder of the Contec CMS50D-BT over BLE (reference/devices.md §9, §16).

Facts come from a user's reverse-engineering report, not a Contec document:

- writing ``9B 01 1C`` to 0xFF01 starts streaming; data arrives on 0xFF02;
- an 8-byte frame ``EB 01 s PR SpO2 x x x`` carries PR (byte 3) and SpO2 (byte 4). Byte 2 was
  guessed to be a finger detector, but a ``04`` frame carried valid values, so readings are
  **not** gated on it; bytes 5-7 are unknown;
- a 6-byte frame ``EB 00 …`` is pleth + bar graph: no reading.

Frames are read one after another within a notification (a notification may hold several);
a byte that does not start a known frame is skipped up to the next ``EB``, and a frame cut off
by the end of a notification is dropped (nothing documents frames straddling notifications).
Like the rest of the family, SpO2 0x7F (or 0, or above 100) and PR 0xFF (or 0) are not
measurements and give no reading.
"""

from __future__ import annotations

from kiosk.device_api import short_uuid
from kiosk.domain import Measurement

DRIVER_ID = "contec-ble"

NOTIFY = "ff02"
WRITE = "ff01"
START_STREAMING = b"\x9b\x01\x1c"

SYNC = 0xEB
VALUES = 0x01
WAVEFORM = 0x00
FRAME_SIZES = {VALUES: 8, WAVEFORM: 6}


def decode_frame(frame: bytes) -> list[Measurement]:
    """Readings of one whole ``EB 01`` frame (``[]`` for any other frame)."""
    if len(frame) != FRAME_SIZES[VALUES] or frame[:2] != bytes([SYNC, VALUES]):
        return []
    pr, spo2 = frame[3], frame[4]
    readings: list[Measurement] = []
    if 0 < spo2 <= 100:
        readings.append(Measurement(DRIVER_ID, "spo2", spo2, "%", raw=frame))
    if 0 < pr < 0xFF:
        readings.append(Measurement(DRIVER_ID, "pulse_rate", pr, "/min", raw=frame))
    return readings


class ContecBleParser:
    """:class:`~kiosk.device_api.GattParser` of ``contec-ble``."""

    def __init__(self, *, waveform: bool = False, device_name: str | None = None) -> None:
        self.device_name = device_name

    def feed_gatt(
        self, characteristic: str, value: bytes, service: str | None = None
    ) -> list[Measurement]:
        if short_uuid(characteristic) != NOTIFY:
            return []
        data, position = bytes(value), 0
        readings: list[Measurement] = []
        while position < len(data) - 1:
            size = FRAME_SIZES.get(data[position + 1]) if data[position] == SYNC else None
            if size is None or position + size > len(data):
                found = data.find(SYNC, position + 1)
                if found < 0:
                    break
                position = found
                continue
            readings.extend(decode_frame(data[position : position + size]))
            position += size
        return readings


def create_parser(*, waveform: bool = False, device_name: str | None = None) -> ContecBleParser:
    """The ``parser`` entry of the plugin (drivers/plugin.py)."""
    return ContecBleParser(waveform=waveform, device_name=device_name)
