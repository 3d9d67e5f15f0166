"""Importing a patient list from CSV: good rows are registered, bad ones reported by line.

The file: UTF-8 (a BOM is accepted), comma- or semicolon-separated (the header decides),
one header row, then one patient per row. Header names are case-insensitive:

``family, given`` (required) and optionally ``patronymic, sex, birth_date, age, iin, snils,
phone, address, other_id, other_id_label, family_latin, given_latin`` (the Latin name from
an ID card, stored as an ``official`` name), ``language`` (kk / ru / en: the language the
patient reads; empty when unknown, anything else rejects the row).
``sex``: male/female/other/unknown, m/f, м/ж, е/ә (ер/әйел). ``birth_date``: YYYY-MM-DD
or DD.MM.YYYY. ``age``: 42, 42y, 8m. Unknown columns are ignored and listed in the report.

Each row goes through the same checks as a registration (:mod:`kiosk.registry.validation`).
A row is rejected, with its line number and reason, when it fails validation, carries a
national id already registered (or earlier in the file), repeats a registered patient's
name key and birth date, or its IIN disagrees with its birth date or sex (no one is at
the desk to acknowledge these warnings; close fuzzy matches are not checked on import).
Good rows are written in batches of :data:`BATCH` per transaction, each row inside its own
savepoint: a row is stored whole (patient, names, identifiers, tokens, outbox item) or not
at all.

Bounds: files over :data:`MAX_BYTES`, more than :data:`MAX_ROWS` rows or
:data:`MAX_COLUMNS` columns, or any field over :data:`MAX_FIELD` characters refuse the
whole file (``import.too_large``) or the row (``patient.field_too_long``). A field holding
a control character (NUL and the like; tab and line breaks are only white space) rejects its
row (``import.control_character``). Nothing is evaluated: a field starting with ``=``, ``+``,
``-`` or ``@`` is a name like any other and is stored as written.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
from pathlib import Path
from typing import Any

from kiosk.domain import Sex
from kiosk.errors import UserFacingError, ValidationError
from kiosk.i18n import translate
from kiosk.registry.model import NameEntry, OtherIdentifier, PatientDraft
from kiosk.registry.register import DuplicateIdentifier, NeedsConfirmation, register
from kiosk.store.db import Store

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
MAX_COLUMNS = 40
MAX_FIELD = 1000
BATCH = 200
#: Control characters a field may hold: white space that validation folds into one space.
_ALLOWED_CONTROLS = frozenset("\t\n\r")
#: Warnings an import accepts without a person: close fuzzy matches only.
FUZZY_ONLY = ("patient.duplicate_similar",)
REQUIRED = ("family", "given")
KNOWN = (
    *REQUIRED, "patronymic", "sex", "birth_date", "age", "iin", "snils", "phone", "address",
    "other_id", "other_id_label", "family_latin", "given_latin", "language",
)  # fmt: skip
_SEX = {
    **dict.fromkeys(("male", "m", "м", "муж", "е", "ер"), Sex.MALE),
    **dict.fromkeys(("female", "f", "ж", "жен", "ә", "әйел"), Sex.FEMALE),
    "other": Sex.OTHER,
    **dict.fromkeys(("unknown", ""), Sex.UNKNOWN),
}


@dataclasses.dataclass(frozen=True, slots=True)
class RowProblem:
    line: int
    key: str
    params: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "reason": self.key,
            "message": translate(self.key, **self.params),
        }


@dataclasses.dataclass
class ImportReport:
    imported: list[tuple[int, str]] = dataclasses.field(default_factory=list)  # (line, id)
    rejected: list[RowProblem] = dataclasses.field(default_factory=list)
    ignored_columns: list[str] = dataclasses.field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.rejected

    def to_json(self) -> dict[str, Any]:
        return {
            "imported": len(self.imported),
            "rejected": [problem.to_json() for problem in self.rejected],
            "ignored_columns": self.ignored_columns,
            "patients": [{"line": line, "id": pid} for line, pid in self.imported],
        }


def _text(path: Path) -> str:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise UserFacingError("import.unreadable", reason=type(error).__name__) from error
    if size > MAX_BYTES:
        raise UserFacingError("import.too_large", limit=f"{MAX_BYTES // (1024 * 1024)} MB")
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise UserFacingError("import.not_utf8", line=line) from error


def _birth_date(text: str) -> dt.date | None:
    text = text.strip()
    if not text:
        return None
    try:
        if "." in text:
            day, month, year = text.split(".")
            return dt.date(int(year), int(month), int(day))
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError("patient.bad_birth_date", value=text[:20]) from None


def _has_control(value: str) -> bool:
    return any(
        (ord(char) < 32 or 127 <= ord(char) < 160) and char not in _ALLOWED_CONTROLS
        for char in value
    )


def _draft(row: dict[str, str]) -> PatientDraft:
    for name, value in row.items():
        if len(value) > MAX_FIELD:
            raise ValidationError("patient.field_too_long", field=name, limit=MAX_FIELD)
        if _has_control(value):
            raise ValidationError("import.control_character", field=name)
    sex = _SEX.get(row.get("sex", "").strip().lower())
    if sex is None:
        raise ValidationError("patient.bad_sex", value=row["sex"][:20])
    latin = NameEntry(row.get("family_latin", ""), row.get("given_latin", ""), "", "official")
    other = row.get("other_id", "").strip()
    return PatientDraft(
        family=row["family"],
        given=row["given"],
        patronymic=row.get("patronymic", ""),
        sex=sex,
        birth_date=_birth_date(row.get("birth_date", "")),
        age=row.get("age", "").strip() or None,
        iin=row.get("iin") or None,
        snils=row.get("snils") or None,
        phone=row.get("phone") or None,
        address=row.get("address") or None,
        other_ids=(OtherIdentifier(other, row.get("other_id_label") or None),) if other else (),
        other_names=(latin,) if (latin.family.strip() or latin.given.strip()) else (),
        language=row.get("language", "").strip() or None,
    )


def _header(reader: Any) -> list[str]:
    try:
        header = [column.strip().lower() for column in next(reader)]
    except StopIteration:
        raise UserFacingError("import.missing_columns", columns=", ".join(REQUIRED)) from None
    if len(header) > MAX_COLUMNS:
        raise UserFacingError("import.too_large", limit=f"{MAX_COLUMNS} columns")
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise UserFacingError("import.missing_columns", columns=", ".join(missing))
    return header


def _rows(text: str, report: ImportReport) -> list[tuple[int, dict[str, str]]]:
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        header = _header(reader)
        report.ignored_columns = [c for c in header if c not in KNOWN and c]
        line = reader.line_num + 1
        for record in reader:
            start, line = line, reader.line_num + 1
            if not any(field.strip() for field in record):
                continue
            if len(rows) >= MAX_ROWS:
                raise UserFacingError("import.too_large", limit=f"{MAX_ROWS} rows")
            values = dict(zip(header, record, strict=False))
            rows.append((start, {c: values.get(c, "") for c in KNOWN}))
    except csv.Error as error:
        raise UserFacingError("import.bad_csv", line=reader.line_num) from error
    return rows


def import_csv(store: Store, path: Path, now: dt.datetime) -> ImportReport:
    """Register every good row of ``path``; report the bad ones with their line numbers."""
    report = ImportReport()
    good: list[tuple[int, PatientDraft]] = []
    for line, row in _rows(_text(path), report):
        try:
            good.append((line, _draft(row)))
        except ValidationError as error:
            report.rejected.append(RowProblem(line, error.key, error.params))
    for start in range(0, len(good), BATCH):
        with store.transaction() as conn:
            for line, draft in good[start : start + BATCH]:
                conn.execute("SAVEPOINT import_row")
                try:
                    done = register(store, draft, now=now, acknowledge=FUZZY_ONLY)
                except NeedsConfirmation as error:
                    conn.execute("ROLLBACK TO import_row")
                    report.rejected.append(RowProblem(line, error.warnings[0], {}))
                except (DuplicateIdentifier, ValidationError) as error:
                    conn.execute("ROLLBACK TO import_row")
                    report.rejected.append(RowProblem(line, error.key, error.params))
                else:
                    report.imported.append((line, done.patient_id))
                conn.execute("RELEASE import_row")
    report.rejected.sort(key=lambda problem: problem.line)
    return report
