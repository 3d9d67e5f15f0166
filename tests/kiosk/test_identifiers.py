"""IIN and SNILS: every row of clinical.md §6 plus properties of the checksum schemes.

What the properties found (and the tests below pin down):

- IIN: the first pass gives d11 the weight 11, which is 0 mod 11, so changing the 11th digit
  is *never* detected while the first pass decides the check digit. Among the first ten digits a
  change is always detected when neither the original nor the changed number needs the second
  pass; when one of them does, some changes slip through. The 12th digit is always checked.
- SNILS: a change in the nine-digit number slips through exactly when the weighted sum moves
  between the residues 0 and 100 (mod 101), both of which give 00, or when the changed number
  falls to 001-001-998 or below (unchecked). Checksum digits of a checked number are always
  checked.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kiosk.domain import Sex
from kiosk.identifiers import (
    IIN,
    OTHER,
    SNILS,
    IinInfo,
    InvalidIdentifier,
    InvalidReason,
    format_snils,
    iin_check_digit,
    iin_consistency,
    normalise_identifier,
    snils_checksum,
    snils_is_unchecked,
    validate_iin,
    validate_snils,
)

# --- IIN: the table of §6.1 -----------------------------------------------------------------

IIN_VALID = [
    ("850314301234", dt.date(1985, 3, 14), "male"),
    ("921130447113", dt.date(1992, 11, 30), "female"),
    ("040229500055", dt.date(2004, 2, 29), "male"),
    ("120701690505", dt.date(2012, 7, 1), "female"),
    ("991231200017", dt.date(1899, 12, 31), "female"),
    ("850314300400", dt.date(1985, 3, 14), "male"),
]
IIN_INVALID = [
    ("850314301235", "checksum"),
    ("921130747113", "century"),
    ("85023031234", "length"),
    ("040220500055", "checksum"),
    ("120701695005", "checksum"),
    ("850314300450", "no_valid_check_digit"),
    ("850230301233", "date"),
]


@pytest.mark.parametrize(("iin", "birth", "sex"), IIN_VALID)
def test_iin_table_valid(iin: str, birth: dt.date, sex: str) -> None:
    info = validate_iin(iin)
    assert (info.value, info.birth_date, info.sex) == (iin, birth, sex)
    assert isinstance(info, IinInfo)


@pytest.mark.parametrize(("iin", "reason"), IIN_INVALID)
def test_iin_table_invalid(iin: str, reason: str) -> None:
    with pytest.raises(InvalidIdentifier) as caught:
        validate_iin(iin)
    assert caught.value.reason == reason
    assert caught.value.system == IIN
    assert iin not in str(caught.value)  # never log the number itself
    assert isinstance(caught.value, ValueError)


def test_iin_passes_of_the_table() -> None:
    assert iin_check_digit("85031430040") == 0  # first pass 10, second pass 0
    assert iin_check_digit("85031430045") is None  # both passes 10
    assert iin_check_digit("85031430123") == 4
    assert iin_check_digit("85023030123") == 3  # right digit, impossible date


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "not_digits"),
        ("85031430123X", "not_digits"),
        ("８５０３１４３０１２３４", "not_digits"),
        ("8503143012345", "length"),
        ("850314-301234", "not_digits"),
    ],
)
def test_iin_malformed(text: str, reason: str) -> None:
    with pytest.raises(InvalidIdentifier) as caught:
        validate_iin(text)
    assert caught.value.reason == reason


def test_iin_spaces_are_ignored_and_century_zero_rejected() -> None:
    assert validate_iin(" 850314 301234 ").value == "850314301234"
    with pytest.raises(InvalidIdentifier, match="century"):
        validate_iin("850314001234")


def test_iin_consistency() -> None:
    info = validate_iin("921130447113")
    assert iin_consistency(info, dt.date(1992, 11, 30), "female") == []
    assert iin_consistency(info, dt.date(1992, 11, 30), Sex.FEMALE) == []
    assert iin_consistency(info, dt.date(1992, 11, 29), "female") == ["birth_date_mismatch"]
    assert iin_consistency(info, None, Sex.MALE) == ["sex_mismatch"]
    assert iin_consistency(info, dt.date(1990, 1, 1), "male") == [
        "birth_date_mismatch",
        "sex_mismatch",
    ]
    assert iin_consistency(info, None, None) == []
    assert iin_consistency(info, None, Sex.UNKNOWN) == []


# --- IIN: properties ------------------------------------------------------------------------

_CENTURY_BASE = {1800: ("1", "2"), 1900: ("3", "4"), 2000: ("5", "6")}


@st.composite
def iin_prefixes(draw: st.DrawFn) -> str:
    """Eleven digits with a real date and a century digit 1-6."""
    birth = draw(st.dates(dt.date(1800, 1, 1), dt.date(2099, 12, 31)))
    century = draw(st.sampled_from(_CENTURY_BASE[birth.year // 100 * 100]))
    serial = draw(st.integers(0, 9999))
    return f"{birth:%y%m%d}{century}{serial:04d}"


def _is_valid_iin(text: str) -> bool:
    try:
        validate_iin(text)
    except InvalidIdentifier:
        return False
    return True


def _first_pass(first11: str) -> int:
    return sum(w * int(d) for w, d in zip(range(1, 12), first11, strict=True)) % 11


@given(iin_prefixes())
def test_iin_at_most_one_check_digit(prefix: str) -> None:
    good = [k for k in "0123456789" if _is_valid_iin(prefix + k)]
    check = iin_check_digit(prefix)
    assert good == ([] if check is None else [str(check)])


def test_iin_prefix_without_check_digit_exists() -> None:
    # Not vacuous: the None branch above is real, and no 12th digit is valid for it.
    assert iin_check_digit("85031430045") is None
    assert not any(_is_valid_iin("85031430045" + k) for k in "0123456789")


@given(iin_prefixes(), st.integers(0, 11), st.integers(1, 9))
def test_iin_single_digit_change(prefix: str, position: int, step: int) -> None:
    check = iin_check_digit(prefix)
    assume(check is not None)
    valid = prefix + str(check)
    changed = valid[:position] + str((int(valid[position]) + step) % 10) + valid[position + 1 :]
    if position == 11:
        assert not _is_valid_iin(changed)
        return
    single_pass = _first_pass(valid[:11]) != 10 and _first_pass(changed[:11]) != 10
    assume(single_pass)
    # Weight 11 is 0 mod 11: the 11th digit is invisible to the first pass.
    assert _is_valid_iin(changed) == (position == 10)


def test_iin_changes_that_slip_through() -> None:
    assert _is_valid_iin("921130447113")
    assert _is_valid_iin("921130447103")  # 11th digit changed, first pass unchanged
    assert _is_valid_iin("480321141791")
    assert _is_valid_iin("480821141791")  # month 03 -> 08: first pass 10 -> not 10


# --- SNILS: the table of §6.2 ---------------------------------------------------------------

SNILS_VALID = [
    ("112-233-445 95", 95),
    ("123-456-789 64", 64),
    ("987-654-321 83", 83),
    ("701-112-342 07", 7),
    ("001-326-679 00", 0),
    ("002-999-989 00", 0),
    ("001-001-999 65", 65),
]
SNILS_INVALID = ["112-233-445 96", "123-456-789 00", "987-654-321 00", "112-233-445 59"]


@pytest.mark.parametrize(("snils", "checksum"), SNILS_VALID)
def test_snils_table_valid(snils: str, checksum: int) -> None:
    digits = snils.replace("-", "").replace(" ", "")
    assert validate_snils(snils) == digits
    assert validate_snils(digits) == digits
    assert snils_checksum(digits[:9]) == checksum
    assert not snils_is_unchecked(digits)
    assert format_snils(digits) == snils


@pytest.mark.parametrize("snils", SNILS_INVALID)
def test_snils_table_invalid(snils: str) -> None:
    with pytest.raises(InvalidIdentifier) as caught:
        validate_snils(snils)
    assert caught.value.reason == InvalidReason.CHECKSUM
    assert caught.value.system == SNILS


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "not_digits"),
        ("112-233-445 9", "length"),
        ("112-233-445 9a", "not_digits"),
        ("112-233-445 955", "length"),
        ("112.233.445 95", "not_digits"),
    ],
)
def test_snils_malformed(text: str, reason: str) -> None:
    with pytest.raises(InvalidIdentifier) as caught:
        validate_snils(text)
    assert caught.value.reason == reason


def test_snils_unchecked_numbers_are_accepted_and_flagged() -> None:
    assert validate_snils("001-001-998 42") == "00100199842"
    assert snils_is_unchecked("001-001-998 42")
    assert snils_is_unchecked("001001998")
    assert snils_is_unchecked("000-000-000 00")
    assert not snils_is_unchecked("001-001-999 65")
    with pytest.raises(InvalidIdentifier):
        validate_snils("001-001-999 66")


@st.composite
def valid_snils(draw: st.DrawFn, low: int = 0) -> str:
    number = f"{draw(st.integers(low, 999_999_999)):09d}"
    return number + f"{snils_checksum(number):02d}"


@given(valid_snils())
def test_snils_format_round_trip(value: str) -> None:
    shown = format_snils(value)
    assert len(shown) == 14
    assert shown[3] == shown[7] == "-"
    assert shown[11] == " "
    assert validate_snils(shown) == value
    assert format_snils(shown) == shown


def _weighted(number: str) -> int:
    return sum(w * int(d) for w, d in zip(range(9, 0, -1), number, strict=True))


@given(valid_snils(low=1_001_999), st.integers(0, 10), st.integers(1, 9))
def test_snils_single_digit_change(value: str, position: int, step: int) -> None:
    changed = value[:position] + str((int(value[position]) + step) % 10) + value[position + 1 :]
    assume(not snils_is_unchecked(changed))
    try:
        validate_snils(changed)
        accepted = True
    except InvalidIdentifier:
        accepted = False
    residues = {_weighted(value[:9]) % 101, _weighted(changed[:9]) % 101}
    assert accepted == (position < 9 and residues == {0, 100})


def test_snils_changes_that_slip_through() -> None:
    assert validate_snils("63169091600")  # weighted sum = 100 (mod 101) -> 00
    assert validate_snils("63169091700")  # +1 on the last digit: 0 (mod 101) -> 00
    assert validate_snils("30051537307")
    assert snils_is_unchecked(validate_snils("00051537307"))  # first digit 3 -> 0


# --- Any system -----------------------------------------------------------------------------


def test_normalise_identifier() -> None:
    assert normalise_identifier(IIN, " 850314301234 ") == "850314301234"
    assert normalise_identifier(SNILS, "112-233-445 95") == "11223344595"
    assert normalise_identifier(OTHER, "  AB  1234 ") == "AB 1234"
    with pytest.raises(InvalidIdentifier):
        normalise_identifier(IIN, "850314301235")
    with pytest.raises(ValueError, match="unknown identifier system"):
        normalise_identifier("passport", "N123")
