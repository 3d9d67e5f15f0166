"""The I/O part of ``ble-glucose``: a :class:`~drivers.ble.session.BleSession` for 0x1808.

On connect (reference/devices.md §7, §14): read the Glucose Feature 0x2A51 (encrypted: a
meter requires a bond, so the first "insufficient encryption" answer pairs), set the clock
through the Current Time Service where the meter has it, subscribe to the Measurement 0x2A18
and Context 0x2A34 (notify) and to the RACP 0x2A52 (indicate) — all **before** the request —
then write the RACP request: ``01 01`` (report all) on first contact with a meter, otherwise
``01 03 01 <last + 1>`` (report ≥, by sequence number) with the highest sequence number the
kiosk has already imported from it. That number is kept per device key by a
:class:`~drivers.ble_glucose.memory.SequenceMemory` (a JSON file per meter, so it survives
restarts) and advanced after every record reported, so nothing is imported twice.
"""

from __future__ import annotations

from collections.abc import Sequence

from drivers.ble.session import BleSession, GattProfile, GattWrite
from drivers.ble_glucose.manifest import MANIFEST
from drivers.ble_glucose.memory import SequenceMemory, default_directory
from drivers.ble_glucose.parser import (
    GLUCOSE_CONTEXT,
    GLUCOSE_FEATURE,
    GLUCOSE_MEASUREMENT,
    SERVICE,
    GlucoseParser,
)
from drivers.ble_glucose.racp import RACP, report_after
from kiosk.device_api import GattParser
from kiosk.domain import DeviceIdentity, Measurement


def sequence_of(measurement: Measurement) -> int | None:
    """The sequence number of the 0x2A18 record a reading came from (its ``raw`` value)."""
    raw = measurement.raw
    return int.from_bytes(raw[1:3], "little") if len(raw) >= 3 else None


class ImportingParser:
    """This connection's :class:`GlucoseParser`, remembering every record it reports."""

    def __init__(self, memory: SequenceMemory, device_name: str | None = None) -> None:
        self.memory = memory
        self.device_name = device_name
        self.key: str | None = None
        self.parser = GlucoseParser(device_name=device_name)

    def start(self, identity: DeviceIdentity) -> bytes:
        """The RACP request for this meter; from now on only newer records are reported."""
        self.key = identity.key
        last = self.memory.last_sequence(identity.key)
        feature = self.parser.feature
        self.parser = GlucoseParser(device_name=self.device_name, last_sequence=last)
        self.parser.feature = feature
        return report_after(last)

    def feed_gatt(
        self, characteristic: str, value: bytes, service: str | None = None
    ) -> list[Measurement]:
        readings = self.parser.feed_gatt(characteristic, value, service)
        if self.key is not None:
            for reading in readings:
                sequence = sequence_of(reading)
                if sequence is not None:
                    self.memory.remember(self.key, sequence)
        return readings


def racp_request(parser: GattParser, identity: DeviceIdentity) -> Sequence[GattWrite]:
    """The ``after_subscribe`` hook: one RACP request, written with response."""
    if not isinstance(parser, ImportingParser):
        return ()
    return (GattWrite(SERVICE, RACP, parser.start(identity), response=True),)


def profile(memory: SequenceMemory) -> GattProfile:
    """The glucose profile whose parsers remember imports in ``memory``."""
    return GattProfile(
        driver_id=MANIFEST.id,
        services=MANIFEST.ble_services,
        names=MANIFEST.names,
        reads=((SERVICE, GLUCOSE_FEATURE),),
        subscribe=((SERVICE, GLUCOSE_MEASUREMENT), (SERVICE, GLUCOSE_CONTEXT), (SERVICE, RACP)),
        parser_factory=lambda name: ImportingParser(memory, name),
        after_subscribe=racp_request,
    )


def open_session(
    port: str,
    *,
    allow_pairing: bool = True,
    retry_interval: float = 1.0,
    memory: SequenceMemory | None = None,
) -> BleSession:
    """A session for the glucose meter at ``port``: an address, ``auto`` or ``name:PREFIX``.

    ``memory`` defaults to JSON files in :func:`~drivers.ble_glucose.memory.default_directory`.
    """
    memory = memory if memory is not None else SequenceMemory(default_directory())
    return BleSession(
        profile(memory), port, allow_pairing=allow_pairing, retry_interval=retry_interval
    )
