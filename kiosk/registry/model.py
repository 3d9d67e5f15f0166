"""What the registry works with: a draft as typed, a checked patient, stored records.

Pure data and small pure helpers (phone digits, age → estimated birth date, index tokens).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re

from kiosk.domain import Sex
from kiosk.names import PATRONYMIC_SUFFIXES, name_tokens

#: Longest accepted name part, phone, address or free identifier (characters).
MAX_NAME = 100
MAX_PHONE = 40
MAX_ADDRESS = 300
MAX_OTHER_ID = 64
#: Oldest age accepted from an age in years.
MAX_AGE_YEARS = 130

NAME_USES = ("usual", "official")
#: Languages a patient can read (BCP 47): the summary is printed in one of them.
PATIENT_LANGUAGES = ("kk", "ru", "en")
FIELDS = ("family", "given", "patronymic")


@dataclasses.dataclass(frozen=True, slots=True)
class NameEntry:
    """One spelling of a patient's name as typed (any script)."""

    family: str
    given: str
    patronymic: str = ""
    use: str = "usual"


@dataclasses.dataclass(frozen=True, slots=True)
class OtherIdentifier:
    """A document that is neither an IIN nor a SNILS (passport, birth certificate...)."""

    value: str
    label: str | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class PatientDraft:
    """What the nurse typed, unchecked. ``age`` is ``"42"``, ``"42y"`` or ``"8m"``; give it
    or ``birth_date`` (or neither when an IIN carries the date)."""

    family: str
    given: str
    patronymic: str = ""
    sex: Sex = Sex.UNKNOWN
    birth_date: dt.date | None = None
    age: str | None = None
    iin: str | None = None
    snils: str | None = None
    other_ids: tuple[OtherIdentifier, ...] = ()
    phone: str | None = None
    address: str | None = None
    #: More spellings, e.g. the Latin name from the ID card (``use="official"``).
    other_names: tuple[NameEntry, ...] = ()
    #: The language the patient reads: ``kk``, ``ru`` or ``en``; None when not asked.
    language: str | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class CheckedPatient:
    """A draft that passed validation: normalised, ready to store."""

    names: tuple[NameEntry, ...]
    sex: Sex
    birth_date: dt.date | None
    birth_date_estimated: bool
    identifiers: tuple[tuple[str, str, str | None], ...]  # (system, value, label)
    phone: str | None
    phone_digits: str | None
    address: str | None
    language: str | None = None

    @property
    def primary(self) -> NameEntry:
        return self.names[0]


@dataclasses.dataclass(frozen=True, slots=True)
class Candidate:
    """A stored patient that may be the same person (a search hit or a duplicate)."""

    patient_id: str
    family: str
    given: str
    patronymic: str
    birth_date: str | None
    sex: str
    score: float
    matched: int = 0
    reasons: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return dataclasses.asdict(self)


def normalise_phone(text: str) -> str:
    """Digits of a phone number; Kazakh/Russian ``8 7xx ...`` and 10-digit national forms
    become ``7`` + 10 digits, so ``+7 701 123 45 67`` = ``8 (701) 1234567`` = ``7011234567``."""
    digits = re.sub(r"\D", "", text)
    if len(digits) == 11 and digits[0] == "8":
        return "7" + digits[1:]
    if len(digits) == 10 and digits[0] in "3479":
        return "7" + digits
    return digits


_AGE = re.compile(r"^\s*(\d{1,3})\s*([ymгжлм]?)\s*$", re.IGNORECASE)


def parse_age(text: str) -> tuple[int, str] | None:
    """``"42"`` / ``"42y"`` → (42, "y"); ``"8m"`` → (8, "m"); None when unreadable.
    Cyrillic г (год) / ж (жыл) mean years and м (месяц) months."""
    match = _AGE.match(text)
    if match is None:
        return None
    unit = match.group(2).lower()
    return int(match.group(1)), ("m" if unit in ("m", "м") else "y")


def birth_date_from_age(amount: int, unit: str, today: dt.date) -> dt.date:
    """The estimated birth date of someone ``amount`` years (or months) old today.

    Years: the middle of the possible range, half a year before the date ``amount`` years
    ago. Months: the same day ``amount`` months ago (the 1st when that day does not exist)."""
    if unit == "m":
        year, month = divmod(today.year * 12 + today.month - 1 - amount, 12)
        try:
            return dt.date(year, month + 1, today.day)
        except ValueError:
            return dt.date(year, month + 1, 1)
    try:
        anniversary = today.replace(year=today.year - amount)
    except ValueError:  # 29 February
        anniversary = dt.date(today.year - amount, 3, 1)
    return anniversary - dt.timedelta(days=182)


@functools.lru_cache(maxsize=65_536)
def index_tokens(text: str) -> tuple[str, ...]:
    """The search tokens of a name part: §7.2 keys per word, patronymic suffixes dropped
    (-ұлы, -ович... tell almost no one apart) unless nothing else is left, no repeats.
    Cached: names repeat a lot."""
    tokens = list(dict.fromkeys(token for token in name_tokens(text) if token))
    roots = [token for token in tokens if token not in PATRONYMIC_SUFFIXES]
    return tuple(roots or tokens)  # a name that is nothing but a suffix stays findable


def name_rows(
    patient_id: str, names: tuple[NameEntry, ...]
) -> list[tuple[str, str, str]]:  # (token, patient_id, field)
    """Rows of ``patient_tokens`` for every spelling of a patient's name."""
    rows: set[tuple[str, str, str]] = set()
    for name in names:
        for field, text in zip(FIELDS, (name.family, name.given, name.patronymic), strict=True):
            rows.update((token, patient_id, field) for token in index_tokens(text))
    return sorted(rows)
