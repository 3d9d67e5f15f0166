"""The view model of "find or register a patient", Qt-free.

- Search as you type: :func:`search_patients` runs the registry's cross-script search
  (:func:`kiosk.registry.search`: any script, IIN, phone, birth year) and adds what a
  nurse needs to tell people apart: age, village (the address), last visit. The screen
  asks for each keystroke through :class:`FinderModel`; :class:`LatestOnly` numbers the
  requests so an answer that arrives after a newer question is dropped.
- Registration: :class:`RegistrationForm` is what the form holds; :func:`check_form`
  gives live feedback while typing (IIN validity, IIN ↔ sex / birth date, the estimated
  birth date of "about 45 years"); the patient's language (kk / ru / en, for the printed
  summary) comes along; :func:`register_form` stores through
  :func:`kiosk.registry.register`, which flags the estimated date in the record and
  refuses duplicates. Duplicate warnings come back as a :class:`RegisterOutcome` with the
  look-alike patients, so the nurse can pick one of them or confirm a new record.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import datetime as dt
import itertools
import re
import threading
from collections.abc import Collection
from typing import Any

from kiosk import identifiers, registry
from kiosk.domain import Sex, utc_now
from kiosk.errors import ValidationError
from kiosk.events import OutboxChanged
from kiosk.registry.model import MAX_AGE_YEARS, PatientDraft, birth_date_from_age, parse_age
from kiosk.registry.search import survivor_of
from kiosk.runtime import Runtime
from kiosk.store import outbox
from kiosk.store.db import Store

#: Words around an age that only say it is approximate or in years, in kk / ru / en.
_AGE_WORDS = re.compile(
    r"\b(about|approx(?:imately)?|around|circa|ca|years?|yrs?|old|примерно|около|лет|год[а]?|"
    r"шамамен|жас(?:та)?|жыл)\b\.?|[~≈±]",
    re.IGNORECASE,
)
_MONTH_WORDS = re.compile(r"\b(months?|mo|мес(?:яц(?:ев|а)?)?|ай)\b\.?", re.IGNORECASE)
_DOTTED_DATE = re.compile(r"^\s*(\d{1,2})[./](\d{1,2})[./](\d{4})\s*$")


@dataclasses.dataclass(frozen=True, slots=True)
class FinderRow:
    """One patient as a result row (a search hit or a look-alike on registration)."""

    patient_id: str
    name: str
    birth_date: dt.date | None
    birth_date_estimated: bool
    age_years: int | None
    sex: str
    village: str | None
    last_visit: dt.datetime | None
    reasons: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True, slots=True)
class RegistrationForm:
    """The registration form as typed; ``age`` is used only when ``birth_date`` is empty."""

    family: str = ""
    given: str = ""
    patronymic: str = ""
    sex: Sex = Sex.UNKNOWN
    birth_date: str = ""
    age: str = ""
    iin: str = ""
    address: str = ""
    phone: str = ""
    #: The language the patient reads (``kk``/``ru``/``en``; empty: not asked).
    language: str = ""


@dataclasses.dataclass(frozen=True, slots=True)
class Feedback:
    """A live remark on the form: ``level`` is ``error``, ``warning`` or ``note``."""

    level: str
    key: str
    params: tuple[tuple[str, Any], ...] = ()


@dataclasses.dataclass(frozen=True, slots=True)
class RegisterOutcome:
    """Stored (``patient_id``), or stopped for a person to decide (``warnings``)."""

    patient_id: str | None
    warnings: tuple[str, ...] = ()
    candidates: tuple[FinderRow, ...] = ()
    duplicate_identifier: bool = False


def age_in_years(birth: dt.date, today: dt.date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def parse_estimated_age(text: str) -> tuple[int, str] | None:
    """ "about 45 years" / "~45" / "примерно 45 лет" / "шамамен 45 жас" / "8m" → (amount,
    unit); None when no age can be read or it is beyond :data:`MAX_AGE_YEARS`."""
    cleaned = _AGE_WORDS.sub(" ", _MONTH_WORDS.sub("m", text.strip().lower()))
    parsed = parse_age(" ".join(cleaned.split()).replace(" ", ""))
    if parsed is None:
        return None
    amount, unit = parsed
    limit = MAX_AGE_YEARS if unit == "y" else MAX_AGE_YEARS * 12
    return (amount, unit) if amount <= limit else None


def parse_birth_date(text: str) -> dt.date | None:
    """``YYYY-MM-DD`` or ``DD.MM.YYYY`` (also with ``/``); None when not a real date."""
    text = text.strip()
    try:
        match = _DOTTED_DATE.match(text)
        if match:
            return dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _birth(form: RegistrationForm, today: dt.date, feedback: list[Feedback]) -> dt.date | None:
    if form.birth_date.strip():
        birth = parse_birth_date(form.birth_date)
        if birth is None:
            feedback.append(Feedback("error", "screens.birth.unreadable"))
        return birth
    if form.age.strip():
        age = parse_estimated_age(form.age)
        if age is None:
            feedback.append(Feedback("error", "screens.age.unreadable"))
            return None
        estimate = birth_date_from_age(*age, today)
        feedback.append(Feedback("note", "screens.age.estimated", (("birth_date", estimate),)))
        return estimate
    return None


def check_form(form: RegistrationForm, today: dt.date) -> list[Feedback]:
    """Live remarks while the nurse types (nothing is stored; the registry re-checks)."""
    feedback: list[Feedback] = []
    birth = _birth(form, today, feedback)
    if not form.iin.strip():
        return feedback
    try:
        info = identifiers.validate_iin(form.iin)
    except identifiers.InvalidIdentifier as error:
        feedback.append(Feedback("error", f"screens.iin.{error.reason.value}"))
        return feedback
    params = (("birth_date", info.birth_date), ("sex", info.sex))
    feedback.append(Feedback("note", "screens.iin.ok", params))
    estimated = not form.birth_date.strip()
    compare = None if estimated else birth
    sex = str(form.sex) if form.sex in (Sex.MALE, Sex.FEMALE) else None
    for warning in identifiers.iin_consistency(info, compare, sex):
        feedback.append(Feedback("warning", f"patient.iin_{warning}"))
    if estimated and birth is not None and abs((birth - info.birth_date).days) > 366 + 182:
        feedback.append(Feedback("warning", "patient.iin_birth_date_mismatch"))
    return feedback


def to_draft(form: RegistrationForm) -> PatientDraft:
    """The registry's draft; an age becomes ``"45"`` / ``"8m"`` (the registry estimates)."""
    birth = parse_birth_date(form.birth_date) if form.birth_date.strip() else None
    if birth is None and form.birth_date.strip():  # refused, never guessed
        raise ValidationError("patient.bad_birth_date", value=form.birth_date.strip()[:20])
    age: str | None = None
    if birth is None and form.age.strip():
        parsed = parse_estimated_age(form.age)  # unreadable: the registry refuses it
        age = f"{parsed[0]}{parsed[1]}" if parsed else form.age.strip()
    return PatientDraft(
        family=form.family,
        given=form.given,
        patronymic=form.patronymic,
        sex=form.sex,
        birth_date=birth,
        age=age,
        iin=form.iin.strip() or None,
        phone=form.phone.strip() or None,
        address=form.address.strip() or None,
        language=form.language.strip() or None,
    )


def rows_for(store: Store, ids: list[str], today: dt.date) -> dict[str, FinderRow]:
    """Result rows of these (surviving) patients: age, village, last visit of the merged set."""
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    found = store.query(
        "SELECT p.id, p.family, p.given, p.patronymic, p.birth_date, p.birth_date_estimated, "
        "p.sex, p.address, (SELECT max(e.started_at) FROM encounters e WHERE e.patient_id = p.id "
        " OR e.patient_id IN (SELECT m.id FROM patients m WHERE m.merged_into = p.id)) AS last "
        f"FROM patients p WHERE p.id IN ({marks})",
        tuple(ids),
    )
    rows: dict[str, FinderRow] = {}
    for row in found:
        birth = dt.date.fromisoformat(row["birth_date"]) if row["birth_date"] else None
        rows[row["id"]] = FinderRow(
            patient_id=row["id"],
            name=" ".join(p for p in (row["family"], row["given"], row["patronymic"]) if p),
            birth_date=birth,
            birth_date_estimated=bool(row["birth_date_estimated"]),
            age_years=None if birth is None else age_in_years(birth, today),
            sex=row["sex"],
            village=row["address"],
            last_visit=dt.datetime.fromisoformat(row["last"]) if row["last"] else None,
        )
    return rows


def search_patients(store: Store, text: str, today: dt.date, limit: int = 20) -> list[FinderRow]:
    """The best matches for what was typed, best first (empty for an empty query)."""
    if len(text.strip()) < 2:
        return []
    hits = registry.search(store, text, limit=limit)
    rows = rows_for(store, [hit.patient_id for hit in hits], today)
    return [
        dataclasses.replace(rows[hit.patient_id], reasons=hit.reasons)
        for hit in hits
        if hit.patient_id in rows
    ]


def register_form(
    store: Store,
    form: RegistrationForm,
    *,
    now: dt.datetime,
    acknowledge: Collection[str] = (),
) -> RegisterOutcome:
    """Store the patient, or say which warnings a person must see first (writer thread)."""
    today = now.astimezone().date()
    try:
        done = registry.register(store, to_draft(form), now=now, acknowledge=acknowledge)
    except registry.DuplicateIdentifier as error:
        return RegisterOutcome(
            None, (error.key,), _candidates(store, error.candidates, today), True
        )
    except registry.NeedsConfirmation as error:
        found = _candidates(store, error.candidates, today)
        return RegisterOutcome(None, tuple(error.warnings), found)
    return RegisterOutcome(done.patient_id, done.warnings)


def _candidates(store: Store, candidates: list[Any], today: dt.date) -> tuple[FinderRow, ...]:
    ids = list(dict.fromkeys(survivor_of(store, c.patient_id) for c in candidates))
    rows = rows_for(store, ids, today)
    return tuple(rows[i] for i in ids if i in rows)


class LatestOnly:
    """Numbers requests; only the newest one's answer is still wanted (thread-safe)."""

    def __init__(self) -> None:
        self._counter = itertools.count(1)
        self._latest = 0
        self._lock = threading.Lock()

    def next(self) -> int:
        with self._lock:
            self._latest = next(self._counter)
            return self._latest

    def is_current(self, ticket: int) -> bool:
        with self._lock:
            return ticket == self._latest


class FinderModel:
    """Futures for the finder screen: searches on the reader, registration on the writer."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self.requests = LatestOnly()
        #: The reader's page cache filled with the search index before the first search
        #: (queued ahead of it on the same thread, so a search never waits longer for it).
        self.warmed = runtime.read(registry.warm_search_index)

    def search(self, text: str, today: dt.date | None = None) -> concurrent.futures.Future[Any]:
        """A future of ``(ticket, rows)``; drop it unless ``requests.is_current(ticket)``."""
        ticket = self.requests.next()
        day = today or utc_now().astimezone().date()
        return self.runtime.read(lambda store: (ticket, search_patients(store, text, day)))

    def register(
        self, form: RegistrationForm, acknowledge: Collection[str] = ()
    ) -> concurrent.futures.Future[RegisterOutcome]:
        events = self.runtime.events

        def write(store: Store) -> RegisterOutcome:
            outcome = register_form(store, form, now=utc_now(), acknowledge=acknowledge)
            if outcome.patient_id is not None:
                counts = outbox.counts(store)
                pending = counts["pending"] + counts["sending"]
                events.outbox_did_change.emit(OutboxChanged(pending, counts["quarantined"]))
            return outcome

        return self.runtime.write(write)
