"""Checking a :class:`PatientDraft`: errors stop registration, warnings need a person.

Errors (:class:`~kiosk.errors.ValidationError`, nothing is stored): a missing family or
given name, an over-long field, a birth date in the future or before 1880, both a birth
date and an age, an unreadable age, an IIN or SNILS that fails its checks (clinical.md §6:
length, century digit, calendar date, checksum), a phone without digits, a language other
than kk / ru / en (``patient.bad_language``).

Warnings (the nurse must acknowledge them, see :mod:`kiosk.registry.register`): the IIN's
embedded birth date or sex disagrees with the form (``patient.iin_birth_date_mismatch``,
``patient.iin_sex_mismatch``). clinical.md asks to *warn* here, not to refuse: a typo in
the date is as likely as one in the IIN, and the person at the desk can tell which.

Notes (shown, nothing to acknowledge): a SNILS too low to carry a checksum
(``patient.snils_unchecked``); birth date or sex taken from the IIN because the form had
none (``patient.from_iin``).

When the form gives an age and an IIN, the IIN's exact date is stored; the age only
raises a warning when it is more than a year away from it.
"""

from __future__ import annotations

import datetime as dt

from kiosk import identifiers
from kiosk.domain import Sex
from kiosk.errors import ValidationError
from kiosk.registry.model import (
    MAX_ADDRESS,
    MAX_AGE_YEARS,
    MAX_NAME,
    MAX_OTHER_ID,
    MAX_PHONE,
    NAME_USES,
    PATIENT_LANGUAGES,
    CheckedPatient,
    NameEntry,
    PatientDraft,
    birth_date_from_age,
    normalise_phone,
    parse_age,
)

IIN_WARNINGS = ("patient.iin_birth_date_mismatch", "patient.iin_sex_mismatch")


def _clean(text: str | None, limit: int, field: str) -> str:
    value = " ".join((text or "").split())
    if len(value) > limit:
        raise ValidationError("patient.field_too_long", field=field, limit=limit)
    return value


def _name(entry: NameEntry) -> NameEntry:
    family = _clean(entry.family, MAX_NAME, "family")
    given = _clean(entry.given, MAX_NAME, "given")
    if not family or not given:
        raise ValidationError("patient.name_required")
    if entry.use not in NAME_USES:
        raise ValidationError("patient.bad_name_use", use=entry.use)
    return NameEntry(family, given, _clean(entry.patronymic, MAX_NAME, "patronymic"), entry.use)


def _birth(draft: PatientDraft, today: dt.date) -> tuple[dt.date | None, bool]:
    if draft.birth_date is not None and draft.age:
        raise ValidationError("patient.birth_date_or_age")
    if draft.birth_date is not None:
        if draft.birth_date > today or draft.birth_date.year < 1880:
            raise ValidationError("patient.bad_birth_date", value=draft.birth_date.isoformat())
        return draft.birth_date, False
    if draft.age:
        parsed = parse_age(draft.age)
        if parsed is None:
            raise ValidationError("patient.bad_age", value=draft.age[:20])
        amount, unit = parsed
        if amount > (MAX_AGE_YEARS if unit == "y" else MAX_AGE_YEARS * 12):
            raise ValidationError("patient.bad_age", value=draft.age[:20])
        return birth_date_from_age(amount, unit, today), True
    return None, False


def check_language(language: str | None) -> str | None:
    """``kk`` / ``ru`` / ``en`` (case and spaces forgiven), None when empty; else an error."""
    value = (language or "").strip().lower()
    if not value:
        return None
    if value not in PATIENT_LANGUAGES:
        raise ValidationError("patient.bad_language", value=(language or "").strip()[:20])
    return value


def _invalid(system: str, error: identifiers.InvalidIdentifier) -> ValidationError:
    key = "patient.bad_iin" if system == identifiers.IIN else "patient.bad_snils"
    return ValidationError(key, reason=error.reason.value)


def check_draft(draft: PatientDraft, today: dt.date) -> tuple[CheckedPatient, list[str], list[str]]:
    """Validate and normalise a draft: (patient, warnings, notes). Raises on errors."""
    names: tuple[NameEntry, ...] = (
        _name(NameEntry(draft.family, draft.given, draft.patronymic, "usual")),
    )
    names += tuple(_name(entry) for entry in draft.other_names)
    birth_date, estimated = _birth(draft, today)
    language = check_language(draft.language)
    sex = draft.sex
    warnings: list[str] = []
    notes: list[str] = []
    found: list[tuple[str, str, str | None]] = []
    if draft.iin and draft.iin.strip():
        try:
            info = identifiers.validate_iin(draft.iin)
        except identifiers.InvalidIdentifier as error:
            raise _invalid(identifiers.IIN, error) from None
        if info.birth_date > today:
            raise ValidationError("patient.bad_iin", reason="date")
        found.append((identifiers.IIN, info.value, None))
        if birth_date is None or estimated:
            if birth_date is not None and abs((birth_date - info.birth_date).days) > 366 + 182:
                warnings.append("patient.iin_birth_date_mismatch")
            if birth_date is None:
                notes.append("patient.from_iin")
            birth_date, estimated = info.birth_date, False
        elif birth_date != info.birth_date:
            warnings.append("patient.iin_birth_date_mismatch")
        if sex in (Sex.UNKNOWN,):
            sex = Sex(info.sex)
            notes.append("patient.from_iin")
        elif sex in (Sex.MALE, Sex.FEMALE) and str(sex) != info.sex:
            warnings.append("patient.iin_sex_mismatch")
    if draft.snils and draft.snils.strip():
        try:
            snils = identifiers.validate_snils(draft.snils)
        except identifiers.InvalidIdentifier as error:
            raise _invalid(identifiers.SNILS, error) from None
        if identifiers.snils_is_unchecked(snils):
            notes.append("patient.snils_unchecked")
        found.append((identifiers.SNILS, snils, None))
    for other in draft.other_ids:
        value = _clean(other.value, MAX_OTHER_ID, "other_id")
        if value:
            found.append((identifiers.OTHER, value, _clean(other.label, MAX_NAME, "label") or None))
    phone = _clean(draft.phone, MAX_PHONE, "phone") or None
    phone_digits = normalise_phone(phone) if phone else None
    if phone and not phone_digits:
        raise ValidationError("patient.bad_phone")
    checked = CheckedPatient(
        names=names,
        sex=sex,
        birth_date=birth_date,
        birth_date_estimated=estimated,
        identifiers=tuple(found),
        phone=phone,
        phone_digits=phone_digits,
        address=_clean(draft.address, MAX_ADDRESS, "address") or None,
        language=language,
    )
    return checked, warnings, sorted(set(notes))
