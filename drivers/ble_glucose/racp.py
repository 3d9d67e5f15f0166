"""Record Access Control Point 0x2A52 of the Glucose service (reference/devices.md §7).

A RACP value is op code u8 | operator u8 | operand. The kiosk asks a meter either for every
stored record (``01 01``) or only for the records after the last sequence number it has
imported (``01 03 01 <seq u16>``, "≥ seq" filtered by sequence number), so nothing is imported
twice. The meter streams the records as 0x2A18 (+ 0x2A34) notifications and ends the procedure
with a response-code indication (``06 00 <request op> <code>``); "report number of records"
is answered by ``05 00 <count>``.
"""

from __future__ import annotations

import dataclasses
import enum

RACP = "2a52"


class OpCode(enum.IntEnum):
    REPORT_STORED_RECORDS = 1
    DELETE_STORED_RECORDS = 2
    ABORT_OPERATION = 3
    REPORT_NUMBER_OF_RECORDS = 4
    NUMBER_OF_RECORDS_RESPONSE = 5
    RESPONSE_CODE = 6


class Operator(enum.IntEnum):
    NULL = 0
    ALL = 1
    LESS_OR_EQUAL = 2
    GREATER_OR_EQUAL = 3
    WITHIN_RANGE = 4
    FIRST = 5
    LAST = 6


class ResponseCode(enum.IntEnum):
    SUCCESS = 1
    OP_CODE_NOT_SUPPORTED = 2
    INVALID_OPERATOR = 3
    OPERATOR_NOT_SUPPORTED = 4
    INVALID_OPERAND = 5
    NO_RECORDS_FOUND = 6
    ABORT_UNSUCCESSFUL = 7
    PROCEDURE_NOT_COMPLETED = 8
    OPERAND_NOT_SUPPORTED = 9


#: Filter type of the operand: sequence number (u16).
FILTER_SEQUENCE_NUMBER = 1
MAX_SEQUENCE = 0xFFFF


def _request(op: OpCode, operator: Operator, operand: bytes = b"") -> bytes:
    return bytes([op, operator]) + operand


def report_all() -> bytes:
    """``01 01``: report every stored record."""
    return _request(OpCode.REPORT_STORED_RECORDS, Operator.ALL)


def report_since(sequence: int) -> bytes:
    """``01 03 01 <seq>``: report the records whose sequence number is ≥ ``sequence``."""
    if not 0 <= sequence <= MAX_SEQUENCE:
        raise ValueError(f"a sequence number is a u16, not {sequence}")
    operand = bytes([FILTER_SEQUENCE_NUMBER]) + sequence.to_bytes(2, "little")
    return _request(OpCode.REPORT_STORED_RECORDS, Operator.GREATER_OR_EQUAL, operand)


def report_after(last_sequence: int | None) -> bytes:
    """The request that imports only what is newer than ``last_sequence`` (all when None).

    At the top of the u16 range (65535) nothing newer fits a ≥ filter, so the request asks for
    ≥ 65535 and the parser, created with the same ``last_sequence``, drops that record again
    (:class:`~drivers.ble_glucose.parser.GlucoseParser` never emits a sequence number twice).
    """
    if last_sequence is None:
        return report_all()
    return report_since(min(last_sequence + 1, MAX_SEQUENCE))


def report_last() -> bytes:
    """``01 06``: report the last (most recent) record."""
    return _request(OpCode.REPORT_STORED_RECORDS, Operator.LAST)


def count_all() -> bytes:
    """``04 01``: report the number of stored records."""
    return _request(OpCode.REPORT_NUMBER_OF_RECORDS, Operator.ALL)


def count_since(sequence: int) -> bytes:
    """``04 03 01 <seq>``: the number of records with sequence number ≥ ``sequence``."""
    return bytes([OpCode.REPORT_NUMBER_OF_RECORDS]) + report_since(sequence)[1:]


def abort() -> bytes:
    """``03 00``: abort the running procedure."""
    return _request(OpCode.ABORT_OPERATION, Operator.NULL)


@dataclasses.dataclass(frozen=True, slots=True)
class RacpResponse:
    """``06 00 <request op> <code>``: the end of a procedure."""

    request_op_code: int
    code: int

    @property
    def success(self) -> bool:
        return self.code == ResponseCode.SUCCESS

    @property
    def no_records(self) -> bool:
        return self.code == ResponseCode.NO_RECORDS_FOUND


@dataclasses.dataclass(frozen=True, slots=True)
class RacpCount:
    """``05 00 <count>``: the number of stored records (u8, u16 or u32 little-endian)."""

    count: int


def parse_response(value: bytes) -> RacpResponse | RacpCount | None:
    """Decode a RACP indication; ``None`` for anything else (wrong op/operator, bad length)."""
    if len(value) < 3 or value[1] != Operator.NULL:
        return None
    if value[0] == OpCode.RESPONSE_CODE and len(value) == 4:
        return RacpResponse(value[2], value[3])
    if value[0] == OpCode.NUMBER_OF_RECORDS_RESPONSE and len(value) - 2 in (1, 2, 4):
        return RacpCount(int.from_bytes(value[2:], "little"))
    return None
