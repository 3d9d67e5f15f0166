"""National patient identifiers: the Kazakhstan IIN and the Russian SNILS.

Pure functions, no I/O. Every rule here comes from ``reference/clinical.md`` §6:

- IIN (§6.1): 12 digits ``YYMMDD C NNNN K``; ``C`` gives century and sex; the check digit is
  ``sum(i * d_i) mod 11`` with weights 1..11, and when that is 10 a second pass with weights
  ``3 4 5 6 7 8 9 10 11 1 2``; when the second pass is 10 too, *no* 12th digit is valid (it is
  never taken as 0). Validation order: 12 digits, century digit 1-6, a real calendar date,
  check digit.
- SNILS (§6.2): 9 digits plus a two-digit checksum from weights 9..1 (mod 101, with 100 and 101
  giving 00). Numbers not above 001-001-998 have no defined checksum: they are accepted
  unchecked and flagged by :func:`snils_is_unchecked`.

Errors never carry the identifier itself (errors end up in logs): only the system and a machine
reason.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from typing import Literal

from kiosk.errors import KioskError

#: Identifier system names, as stored next to the identifier.
IIN = "kz-iin"
SNILS = "ru-snils"
OTHER = "other"
SYSTEMS: frozenset[str] = frozenset({IIN, SNILS, OTHER})

_DIGITS = frozenset("0123456789")
_IIN_WEIGHTS_1 = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
_IIN_WEIGHTS_2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
#: Century digit -> (first year of the century, sex), clinical.md §6.1.
_IIN_CENTURY: dict[str, tuple[int, Literal["male", "female"]]] = {
    "1": (1800, "male"),
    "2": (1800, "female"),
    "3": (1900, "male"),
    "4": (1900, "female"),
    "5": (2000, "male"),
    "6": (2000, "female"),
}
#: The highest SNILS number (first nine digits) without a defined checksum: 001-001-998.
SNILS_LAST_UNCHECKED = 1_001_998


class InvalidReason(enum.StrEnum):
    """Why an identifier was refused (machine-readable; the UI translates it)."""

    LENGTH = "length"
    NOT_DIGITS = "not_digits"
    CENTURY = "century"
    DATE = "date"
    CHECKSUM = "checksum"
    NO_VALID_CHECK_DIGIT = "no_valid_check_digit"


class InvalidIdentifier(KioskError, ValueError):
    """An identifier that fails validation; ``reason`` says which rule failed."""

    def __init__(self, system: str, reason: InvalidReason) -> None:
        super().__init__(f"invalid {system}: {reason.value}")
        self.system = system
        self.reason = reason


@dataclasses.dataclass(frozen=True, slots=True)
class IinInfo:
    """A valid IIN and what it says about its holder."""

    value: str
    birth_date: dt.date
    sex: Literal["male", "female"]


def _digits_only(system: str, text: str, length: int, separators: str = " ") -> str:
    """``text`` without surrounding whitespace and ``separators``, checked to be ``length``
    ASCII digits (digits are checked first, then the length)."""
    value = text.strip()
    for sep in separators:
        value = value.replace(sep, "")
    if not value or not set(value) <= _DIGITS:
        raise InvalidIdentifier(system, InvalidReason.NOT_DIGITS)
    if len(value) != length:
        raise InvalidIdentifier(system, InvalidReason.LENGTH)
    return value


# --- Kazakhstan IIN -------------------------------------------------------------------------


def iin_check_digit(first11: str) -> int | None:
    """The check digit for the first eleven digits, or None when both passes give 10
    (then no 12th digit makes a valid IIN)."""
    digits = [int(c) for c in _digits_only(IIN, first11, 11, separators="")]
    for weights in (_IIN_WEIGHTS_1, _IIN_WEIGHTS_2):
        r = sum(w * d for w, d in zip(weights, digits, strict=True)) % 11
        if r != 10:
            return r
    return None


def validate_iin(text: str) -> IinInfo:
    """Validate an IIN in the order of clinical.md §6.1, or raise :class:`InvalidIdentifier`.

    Surrounding whitespace and spaces between digit groups are ignored.
    """
    value = _digits_only(IIN, text, 12)
    century = _IIN_CENTURY.get(value[6])
    if century is None:
        raise InvalidIdentifier(IIN, InvalidReason.CENTURY)
    first_year, sex = century
    try:
        birth = dt.date(first_year + int(value[0:2]), int(value[2:4]), int(value[4:6]))
    except ValueError:
        raise InvalidIdentifier(IIN, InvalidReason.DATE) from None
    check = iin_check_digit(value[:11])
    if check is None:
        raise InvalidIdentifier(IIN, InvalidReason.NO_VALID_CHECK_DIGIT)
    if check != int(value[11]):
        raise InvalidIdentifier(IIN, InvalidReason.CHECKSUM)
    return IinInfo(value=value, birth_date=birth, sex=sex)


def iin_consistency(info: IinInfo, birth_date: dt.date | None, sex: str | None) -> list[str]:
    """Warnings for the nurse when the IIN disagrees with what was typed (§6.1).

    ``birth_date_mismatch`` and ``sex_mismatch``; a missing value, or a sex other than
    ``male``/``female`` (``other``, ``unknown``), is not compared.
    """
    warnings: list[str] = []
    if birth_date is not None and birth_date != info.birth_date:
        warnings.append("birth_date_mismatch")
    if sex in ("male", "female") and sex != info.sex:
        warnings.append("sex_mismatch")
    return warnings


# --- Russian SNILS --------------------------------------------------------------------------


def snils_checksum(first9: str) -> int:
    """The two-digit checksum (0-99) of a nine-digit SNILS number, clinical.md §6.2."""
    digits = [int(c) for c in _digits_only(SNILS, first9, 9, separators="- ")]
    s = sum(w * d for w, d in zip(range(9, 0, -1), digits, strict=True))
    if s < 100:
        return s
    if s in (100, 101):
        return 0
    r = s % 101
    return 0 if r == 100 else r


def snils_is_unchecked(value: str) -> bool:
    """True when the number is not above 001-001-998, so it has no defined checksum.

    ``value`` is a SNILS in any accepted form (11 digits, or just the nine-digit number).
    """
    stripped = value.strip().replace("-", "").replace(" ", "")
    digits = _digits_only(SNILS, stripped, 9 if len(stripped) == 9 else 11)
    return int(digits[:9]) <= SNILS_LAST_UNCHECKED


def validate_snils(text: str) -> str:
    """Validate a SNILS typed with or without dashes and space; return its 11 digits.

    Raises :class:`InvalidIdentifier` (``not_digits``, ``length``, ``checksum``). Numbers not
    above 001-001-998 are accepted without a check (see :func:`snils_is_unchecked`).
    """
    value = _digits_only(SNILS, text, 11, separators="- ")
    if int(value[:9]) > SNILS_LAST_UNCHECKED and snils_checksum(value[:9]) != int(value[9:]):
        raise InvalidIdentifier(SNILS, InvalidReason.CHECKSUM)
    return value


def format_snils(value: str) -> str:
    """Display form ``XXX-XXX-XXX YY`` (the checksum is not verified here)."""
    d = _digits_only(SNILS, value, 11, separators="- ")
    return f"{d[0:3]}-{d[3:6]}-{d[6:9]} {d[9:11]}"


# --- Any system -----------------------------------------------------------------------------


def normalise_identifier(system: str, text: str) -> str:
    """The stored form of an identifier: 12 digits for an IIN, 11 for a SNILS, the trimmed
    text for ``other``. IIN and SNILS are validated (raises :class:`InvalidIdentifier`)."""
    if system == IIN:
        return validate_iin(text).value
    if system == SNILS:
        return validate_snils(text)
    if system == OTHER:
        return " ".join(text.split())
    raise ValueError(f"unknown identifier system {system!r}")
