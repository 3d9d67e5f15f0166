"""IEEE 11073-20601 SFLOAT (16-bit) and FLOAT (32-bit) numbers, as GATT health services send them.

Facts from reference/devices.md §1:

- SFLOAT: bits 15-12 exponent (4-bit two's complement), bits 11-0 mantissa (12-bit two's
  complement); FLOAT: byte 3 exponent (int8), bytes 0-2 mantissa (int24); value = mantissa ×
  10^exponent; little-endian on the wire unless a vendor quirk says otherwise.
- Special values (NaN, NRes, ±INF, reserved) exist **only when the exponent is 0**, so the
  exponent is checked first: ``FF F7`` (0xF7FF) is 204.7, not NaN. Every special value means
  "no value" and decodes to ``None``.

Values keep the device's resolution: a non-negative exponent gives an ``int``, a negative one a
``float`` computed as ``mantissa / 10**-exponent`` (so ``BD F0`` is exactly ``18.9``, not
``18.900000000000002``). Nothing here raises on a well-sized input.
"""

from __future__ import annotations

from typing import Literal

Number = int | float
ByteOrder = Literal["little", "big"]

#: Raw SFLOAT special values (exponent 0): NaN, NRes, +INF, -INF, reserved.
SFLOAT_NAN = 0x07FF
SFLOAT_NRES = 0x0800
SFLOAT_POSITIVE_INFINITY = 0x07FE
SFLOAT_NEGATIVE_INFINITY = 0x0802
SFLOAT_RESERVED = 0x0801
_SFLOAT_SPECIAL_MANTISSAS = frozenset({0x7FF, 0x800, 0x7FE, 0x802, 0x801})

#: Raw FLOAT special values (exponent 0).
FLOAT_NAN = 0x007FFFFF
FLOAT_NRES = 0x00800000
FLOAT_POSITIVE_INFINITY = 0x007FFFFE
FLOAT_NEGATIVE_INFINITY = 0x00800002
FLOAT_RESERVED = 0x00800001
_FLOAT_SPECIAL_MANTISSAS = frozenset({0x7FFFFF, 0x800000, 0x7FFFFE, 0x800002, 0x800001})

SFLOAT_SIZE = 2
FLOAT_SIZE = 4


def _scale(mantissa: int, exponent: int) -> Number:
    power: int = 10 ** abs(exponent)
    return mantissa * power if exponent >= 0 else mantissa / power


def decode_sfloat(raw: int) -> Number | None:
    """The value of a raw 16-bit SFLOAT (already assembled from its bytes), ``None`` if special."""
    raw &= 0xFFFF
    exponent = raw >> 12
    if exponent >= 0x8:
        exponent -= 0x10
    mantissa = raw & 0x0FFF
    if exponent == 0 and mantissa in _SFLOAT_SPECIAL_MANTISSAS:
        return None
    if mantissa >= 0x800:
        mantissa -= 0x1000
    return _scale(mantissa, exponent)


def decode_float(raw: int) -> Number | None:
    """The value of a raw 32-bit FLOAT (already assembled from its bytes), ``None`` if special."""
    raw &= 0xFFFFFFFF
    exponent = raw >> 24
    if exponent >= 0x80:
        exponent -= 0x100
    mantissa = raw & 0x00FFFFFF
    if exponent == 0 and mantissa in _FLOAT_SPECIAL_MANTISSAS:
        return None
    if mantissa >= 0x800000:
        mantissa -= 0x1000000
    return _scale(mantissa, exponent)


def sfloat_at(data: bytes, offset: int = 0, byteorder: ByteOrder = "little") -> Number | None:
    """The SFLOAT at ``data[offset:offset+2]``; raises ``IndexError`` if the bytes are missing."""
    if offset < 0 or offset + SFLOAT_SIZE > len(data):
        raise IndexError(f"no SFLOAT at offset {offset} of {len(data)} bytes")
    return decode_sfloat(int.from_bytes(data[offset : offset + SFLOAT_SIZE], byteorder))


def float_at(data: bytes, offset: int = 0, byteorder: ByteOrder = "little") -> Number | None:
    """The FLOAT at ``data[offset:offset+4]``; raises ``IndexError`` if the bytes are missing."""
    if offset < 0 or offset + FLOAT_SIZE > len(data):
        raise IndexError(f"no FLOAT at offset {offset} of {len(data)} bytes")
    return decode_float(int.from_bytes(data[offset : offset + FLOAT_SIZE], byteorder))


def encode_sfloat(mantissa: int, exponent: int = 0, byteorder: ByteOrder = "little") -> bytes:
    """Two wire bytes for ``mantissa × 10^exponent`` (simulators and tests).

    Raises ``ValueError`` when the pair does not fit or would collide with a special value.
    """
    if not (-8 <= exponent <= 7 and -2048 <= mantissa <= 2047):
        raise ValueError(f"SFLOAT cannot hold {mantissa}e{exponent}")
    raw = ((exponent & 0xF) << 12) | (mantissa & 0x0FFF)
    if exponent == 0 and (mantissa & 0x0FFF) in _SFLOAT_SPECIAL_MANTISSAS:
        raise ValueError(f"{mantissa}e0 is an SFLOAT special value")
    return raw.to_bytes(SFLOAT_SIZE, byteorder)


def encode_float(mantissa: int, exponent: int = 0, byteorder: ByteOrder = "little") -> bytes:
    """Four wire bytes for ``mantissa × 10^exponent`` (simulators and tests)."""
    if not (-128 <= exponent <= 127 and -(2**23) <= mantissa < 2**23):
        raise ValueError(f"FLOAT cannot hold {mantissa}e{exponent}")
    raw = ((exponent & 0xFF) << 24) | (mantissa & 0x00FFFFFF)
    if exponent == 0 and (mantissa & 0x00FFFFFF) in _FLOAT_SPECIAL_MANTISSAS:
        raise ValueError(f"{mantissa}e0 is a FLOAT special value")
    return raw.to_bytes(FLOAT_SIZE, byteorder)


#: The wire bytes of an SFLOAT NaN (``FF 07``), e.g. the unused fields of a 0x2A36 frame.
SFLOAT_NAN_BYTES = SFLOAT_NAN.to_bytes(SFLOAT_SIZE, "little")
