"""An emulated Bluetooth glucose meter in a bumble room (reference/devices.md §7, §14,
test-peers.md §b).

The meter offers 0x1808 (0x2A18 and 0x2A34 notify, 0x2A51 read, 0x2A52 write + indicate),
Device Information, Battery and the Current Time Service. It is bonded-only: the feature
and the RACP need an encrypted link. It sends nothing by itself; the kiosk asks through the
Record Access Control Point and the meter answers as §7 says:

- report stored records (``01``) with operator all, first, last, ≤ / ≥ / range by sequence
  number (filter type 1): each record as a 0x2A18 notification (then its 0x2A34 context),
  then the response code ``06 00 01 <code>`` (1 success, 6 no records found);
- report number of records (``04``): ``05 00 <count u16>``; abort (``03``): ``06 00 03 01``;
  other op codes ``… 02`` (not supported), bad operators ``03``, unsupported operators ``04``,
  bad operands ``05``, other filter types ``09``;
- a request written before the central enabled RACP indications gets the ATT error "CCCD
  improperly configured" (0xFD).

Every request is kept in :attr:`GlucosePeripheral.requests` (refused ones counted in
:attr:`~GlucosePeripheral.refused`). After a procedure the meter
drops the link and advertises again after ``pause`` seconds. :meth:`GlucosePeripheral.add_record`
stores a new measurement (the next sequence number), as a patient testing at home does.
Scenarios (the manifest's):

- ``normal``: three stored records (the first with a "before meal" context);
- ``backlog``: ``records`` stored records over the last days;
- ``disconnect``: the first time, the link drops after two records of the transfer;
- ``malformed``: stored values too short for their flags, random bytes, an orphan context
  and a cut RACP indication, then the success response code.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import random

from bumble import att, gatt
from bumble.att import AttributeValue
from bumble.device import Connection

from drivers.ble.gatt_types import date_time_at, encode_date_time
from drivers.ble.sfloat import encode_sfloat
from drivers.ble.simulator import (
    ENCRYPTED_READ,
    READABLE,
    WRITEABLE,
    EmulatedPeripheral,
    OneDeviceSimulator,
    Props,
    battery_service,
    device_information_service,
)
from drivers.ble_glucose.manifest import MANIFEST
from drivers.ble_glucose.parser import (
    FLAG_CONCENTRATION,
    FLAG_CONTEXT_FOLLOWS,
    FLAG_TIME_OFFSET,
)
from drivers.ble_glucose.racp import FILTER_SEQUENCE_NUMBER, OpCode, Operator, ResponseCode

NAME = "DALA-GLUCO-SIM"
CAPILLARY_PLASMA_FINGER = 0x12  # type 2 (low nibble), location 1 finger (high nibble)
BEFORE_MEAL = 1
_START = dt.datetime(2024, 9, 1, 7, 30, 0)
_ENCRYPTED_WRITE = WRITEABLE | gatt.Characteristic.WRITE_REQUIRES_ENCRYPTION


@dataclasses.dataclass(frozen=True, slots=True)
class StoredRecord:
    """One record in the meter: its 0x2A18 value and, maybe, its 0x2A34 context."""

    sequence: int
    measurement: bytes
    context: bytes | None = None


def measurement_frame(
    sequence: int, when: dt.datetime, mg_dl: int, *, offset: int = 0, context: bool = False
) -> bytes:
    """A 0x2A18 value: base time + offset (minutes), ``mg_dl`` as kg/L, capillary plasma."""
    flags = FLAG_TIME_OFFSET | FLAG_CONCENTRATION | (FLAG_CONTEXT_FOLLOWS if context else 0)
    return (
        bytes([flags])
        + sequence.to_bytes(2, "little")
        + encode_date_time(when)
        + offset.to_bytes(2, "little", signed=True)
        + encode_sfloat(mg_dl, -5)
        + bytes([CAPILLARY_PLASMA_FINGER])
    )


def context_frame(sequence: int, meal: int) -> bytes:
    """A 0x2A34 value carrying only the meal field."""
    return b"\x02" + sequence.to_bytes(2, "little") + bytes([meal])


class GlucosePeripheral(EmulatedPeripheral):
    """One emulated glucose meter; see the module docstring."""

    def __init__(
        self, scenario: str = "normal", *, seed: int = 0, records: int = 12, pause: float = 0.5
    ) -> None:
        super().__init__(NAME, services=MANIFEST.ble_services)
        self.scenario = scenario
        self.pause = pause
        self.rng = random.Random(seed)
        self.device_clock = _START + dt.timedelta(days=3)
        self.written_times: list[dt.datetime | None] = []
        self.requests: list[bytes] = []
        self.refused = 0  # requests written before RACP indications were enabled
        self.connections_seen = 0
        self.stored: list[StoredRecord] = []
        self.measurement = gatt.Characteristic("2A18", Props.NOTIFY, READABLE, b"")
        self.context = gatt.Characteristic("2A34", Props.NOTIFY, READABLE, b"")
        self.feature = gatt.Characteristic("2A51", Props.READ, ENCRYPTED_READ, b"\x7f\x04")
        racp: AttributeValue[bytes] = AttributeValue(write=self._write_racp)
        self.racp: gatt.Characteristic[bytes] = gatt.Characteristic(
            "2A52", Props.WRITE | Props.INDICATE, _ENCRYPTED_WRITE, racp
        )
        if scenario == "malformed":
            self._store_malformed()
        else:
            for index in range(records if scenario == "backlog" else 3):
                when = _START + dt.timedelta(hours=9 * index)
                self.add_record(92 + self.rng.randint(-8, 40), when, meal=index == 0)

    def add_record(
        self, mg_dl: int, when: dt.datetime | None = None, *, meal: bool = False
    ) -> StoredRecord:
        """Store a new measurement under the next sequence number (default time: the clock)."""
        sequence = self.stored[-1].sequence + 1 if self.stored else 1
        frame = measurement_frame(sequence, when or self.device_clock, mg_dl, context=meal)
        record = StoredRecord(
            sequence, frame, context_frame(sequence, BEFORE_MEAL) if meal else None
        )
        self.stored.append(record)
        return record

    def _store_malformed(self) -> None:
        whole = measurement_frame(1, _START, 101)
        self.stored = [
            StoredRecord(1, whole[:9]),  # cut inside its base time
            StoredRecord(2, whole[:14]),  # flags promise a concentration it does not carry
            StoredRecord(3, self.rng.randbytes(self.rng.randint(0, 9))),
            StoredRecord(4, b"", context_frame(77, BEFORE_MEAL)),  # a context for no record
        ]

    def build_services(self) -> list[gatt.Service]:
        value: AttributeValue[bytes] = AttributeValue(self._read_cts, self._write_clock)
        cts: gatt.Characteristic[bytes] = gatt.Characteristic(
            "2A2B", Props.READ | Props.WRITE | Props.NOTIFY, READABLE | WRITEABLE, value
        )
        return [
            gatt.Service("1808", [self.measurement, self.context, self.feature, self.racp]),
            device_information_service("Dala Simulators", "GL-1", f"SIM-GL-{self.scenario}"),
            battery_service(64),
            gatt.Service("1805", [cts]),
        ]

    def _read_cts(self, _connection: Connection | None) -> bytes:
        return encode_date_time(self.device_clock) + bytes([self.device_clock.isoweekday(), 0, 0])

    def _write_clock(self, _connection: Connection | None, value: bytes) -> None:
        moment = date_time_at(bytes(value))
        self.written_times.append(moment)
        if moment is not None:
            self.device_clock = moment

    async def on_connected(self, connection: Connection) -> None:
        self.connections_seen += 1

    def _write_racp(self, connection: Connection, value: bytes) -> None:
        cccd = (
            self.device_checked().gatt_server.subscribers.get(connection, {}).get(self.racp.handle)
        )
        if not cccd or not cccd[0] & 0x02:  # indications must be on before a request (§7)
            self.refused += 1
            raise att.ATT_Error(att.ErrorCode.CCCD_IMPROPERLY_CONFIGURED, self.racp.handle)
        self.requests.append(bytes(value))
        self.spawn(self._procedure(connection, bytes(value)))

    def select(self, operator: int, operand: bytes) -> tuple[list[StoredRecord], int]:
        """The records a report/count request names, or a §7 response code."""
        records = self.stored
        if operator == Operator.ALL:
            return (
                (records, ResponseCode.SUCCESS)
                if not operand
                else ([], ResponseCode.INVALID_OPERAND)
            )
        if operator in (Operator.FIRST, Operator.LAST):
            picked = records[:1] if operator == Operator.FIRST else records[-1:]
            return (
                (picked, ResponseCode.SUCCESS)
                if not operand
                else ([], ResponseCode.INVALID_OPERAND)
            )
        if operator not in (
            Operator.LESS_OR_EQUAL,
            Operator.GREATER_OR_EQUAL,
            Operator.WITHIN_RANGE,
        ):
            return [], ResponseCode.INVALID_OPERATOR
        if not operand:
            return [], ResponseCode.INVALID_OPERAND
        if operand[0] != FILTER_SEQUENCE_NUMBER:
            return [], ResponseCode.OPERAND_NOT_SUPPORTED
        size = 5 if operator == Operator.WITHIN_RANGE else 3
        if len(operand) != size:
            return [], ResponseCode.INVALID_OPERAND
        low, high = 0, 0xFFFF
        first = int.from_bytes(operand[1:3], "little")
        if operator == Operator.LESS_OR_EQUAL:
            high = first
        elif operator == Operator.GREATER_OR_EQUAL:
            low = first
        else:
            low, high = first, int.from_bytes(operand[3:5], "little")
        return [r for r in records if low <= r.sequence <= high], ResponseCode.SUCCESS

    async def _procedure(self, connection: Connection, request: bytes) -> None:
        await asyncio.sleep(0.01)  # the write response goes out first
        device = self.device_checked()
        op = request[0] if request else 0

        async def respond(code: int) -> None:
            frame = bytes([OpCode.RESPONSE_CODE, Operator.NULL, op, code])
            await device.indicate_subscriber(connection, self.racp, frame)

        if op == OpCode.ABORT_OPERATION:
            await respond(ResponseCode.SUCCESS)
            return
        if op not in (OpCode.REPORT_STORED_RECORDS, OpCode.REPORT_NUMBER_OF_RECORDS):
            await respond(ResponseCode.OP_CODE_NOT_SUPPORTED)
            return
        chosen, code = self.select(request[1] if len(request) > 1 else 0, request[2:])
        if code != ResponseCode.SUCCESS:
            await respond(code)
        elif op == OpCode.REPORT_NUMBER_OF_RECORDS:
            count = bytes([OpCode.NUMBER_OF_RECORDS_RESPONSE, Operator.NULL])
            await device.indicate_subscriber(
                connection, self.racp, count + len(chosen).to_bytes(2, "little")
            )
        elif not chosen:
            await respond(ResponseCode.NO_RECORDS_FOUND)
        else:
            for sent, record in enumerate(chosen):
                if self.scenario == "disconnect" and self.connections_seen == 1 and sent == 2:
                    await connection.disconnect()
                    return
                if record.measurement:
                    await device.notify_subscriber(connection, self.measurement, record.measurement)
                if record.context is not None:
                    await device.notify_subscriber(connection, self.context, record.context)
            if self.scenario == "malformed":
                await device.indicate_subscriber(connection, self.racp, b"\x06\x00\x01")
            await respond(ResponseCode.SUCCESS)
        if op == OpCode.REPORT_STORED_RECORDS:
            await asyncio.sleep(0.05)
            await self.go_quiet(connection, self.pause)


class GlucoseSimulator(OneDeviceSimulator):
    """``kiosk drivers simulate ble-glucose``: one emulated meter in a room over TCP."""

    manifest = MANIFEST
    peripheral_class = GlucosePeripheral
