"""The view model of a patient's history, Qt-free: visits with their vitals, trend series.

:func:`load_history` reads, in one go on the reader thread, the patient's header (name,
birth date and whether it is estimated, sex, IIN, village), every saved visit of the
patient *and of the records merged into it* (:func:`kiosk.registry.merge.history_ids`),
newest first, only the current version of a corrected visit, each with the newest value of
each vital, its score and complaints; and one :class:`Series` per vital for the trend
plots, oldest first, in the vital's canonical unit (a value typed in °F is plotted in °C;
the stored value is never changed).

Looking at a history and printing a summary leave rows in the audit trail (``viewed``
Patient, ``exported`` Encounter) when :mod:`kiosk.security.audit` is installed.

Normal ranges drawn behind the plots are the ranges that score 0 in NEWS2 (clinical.md
§1.1), shown for adults only (NEWS2 applies from 16 years); the kiosk draws no band where
the reference gives none.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import datetime as dt
import logging
from pathlib import Path

from kiosk.clinical.units import UnsupportedConversion, display_value, to_canonical
from kiosk.domain import Reading, utc_now
from kiosk.errors import UserFacingError
from kiosk.identifiers import IIN
from kiosk.patient_finder import age_in_years
from kiosk.registry.merge import history_ids
from kiosk.runtime import Runtime
from kiosk.store import encounter_records as er
from kiosk.store import records
from kiosk.store.db import Store
from kiosk.visit_summary import VisitSummary, build_summary

log = logging.getLogger(__name__)

#: Vitals shown in the history, in this order (one trend plot each).
VITALS: tuple[str, ...] = (
    "spo2",
    "pulse_rate",
    "systolic_bp",
    "diastolic_bp",
    "resp_rate",
    "body_temp",
    "body_weight",
    "glucose",
)
#: NEWS2's 0-point ranges (clinical.md §1.1), inclusive, for adults.
NORMAL_RANGES: dict[str, tuple[float, float]] = {
    "resp_rate": (12, 20),
    "spo2": (96, 100),
    "systolic_bp": (111, 219),
    "pulse_rate": (51, 90),
    "body_temp": (36.1, 38.0),
}
ADULT_YEARS = 16


@dataclasses.dataclass(frozen=True, slots=True)
class PatientHeader:
    patient_id: str
    name: str
    birth_date: dt.date | None
    birth_date_estimated: bool
    age_years: int | None
    sex: str
    iin: str | None
    village: str | None


@dataclasses.dataclass(frozen=True, slots=True)
class Value:
    """A stored value ready to show: ``number`` rounded for display with ``places``."""

    reading_type: str
    number: float
    places: int
    unit: str
    manual: bool


@dataclasses.dataclass(frozen=True, slots=True)
class VisitEntry:
    encounter_id: str
    number: str
    started_at: dt.datetime
    values: tuple[Value, ...]
    score_kind: str | None
    score_total: int | None
    score_band: str | None
    complaints: tuple[str, ...]
    complaint_text: str


@dataclasses.dataclass(frozen=True, slots=True)
class Series:
    reading_type: str
    unit: str
    points: tuple[tuple[dt.datetime, float], ...]
    normal: tuple[float, float] | None


@dataclasses.dataclass(frozen=True, slots=True)
class PatientHistory:
    header: PatientHeader
    visits: tuple[VisitEntry, ...]
    series: tuple[Series, ...]


def shown_value(reading: Reading) -> Value | None:
    """A reading as the screen shows it (rounded per clinical.md §5); None if not numeric."""
    if reading.value is None:
        return None
    unit = reading.unit or ""
    text = display_value(float(reading.value), unit)
    places = len(text.split(".", 1)[1]) if "." in text else 0
    return Value(reading.type, float(text), places, unit, str(reading.source) == "manual")


def header(store: Store, patient_id: str, today: dt.date) -> PatientHeader:
    rows = store.query(
        "SELECT id, family, given, patronymic, birth_date, birth_date_estimated, sex, address "
        "FROM patients WHERE id = ?",
        (patient_id,),
    )
    if not rows:
        raise UserFacingError("patient.not_found", patient_id=patient_id)
    row = rows[0]
    birth = dt.date.fromisoformat(row["birth_date"]) if row["birth_date"] else None
    iin = store.scalar(
        "SELECT value FROM patient_identifiers WHERE patient_id = ? AND system = ?",
        (patient_id, IIN),
    )
    return PatientHeader(
        patient_id=row["id"],
        name=" ".join(p for p in (row["family"], row["given"], row["patronymic"]) if p),
        birth_date=birth,
        birth_date_estimated=bool(row["birth_date_estimated"]),
        age_years=None if birth is None else age_in_years(birth, today),
        sex=row["sex"],
        iin=None if iin is None else str(iin),
        village=row["address"],
    )


def _visit_ids(store: Store, patient_id: str) -> list[str]:
    ids = history_ids(store, patient_id)
    marks = ", ".join("?" * len(ids))
    rows = store.conn.execute(
        f"SELECT e.id FROM encounters e WHERE e.patient_id IN ({marks}) AND e.status = 'finished' "
        "AND NOT EXISTS (SELECT 1 FROM encounters n WHERE n.supersedes = e.id) "
        "ORDER BY e.started_at DESC, e.id",
        tuple(ids),
    )
    return [str(row[0]) for row in rows]


def _entry(store: Store, encounter_id: str) -> VisitEntry:
    encounter = records.get_encounter(store, encounter_id)
    assert encounter is not None
    latest = encounter.latest()
    values = [shown_value(latest[t]) for t in VITALS if t in latest]
    values += [shown_value(r) for t, r in sorted(latest.items()) if t not in VITALS]
    score = er.get_score(store.conn, encounter_id)
    details = er.get_details(store.conn, encounter_id)
    return VisitEntry(
        encounter_id=encounter.id,
        number=encounter.number,
        started_at=encounter.started_at,
        values=tuple(v for v in values if v is not None),
        score_kind=None if score is None else score.kind,
        score_total=None if score is None else score.total,
        score_band=None if score is None else score.band,
        complaints=details.complaints,
        complaint_text=details.complaint_text,
    )


def _series(store: Store, visits: list[VisitEntry], adult: bool) -> list[Series]:
    points: dict[str, list[tuple[dt.datetime, float]]] = {t: [] for t in VITALS}
    units: dict[str, str] = {}
    for visit in reversed(visits):  # oldest first
        encounter = records.get_encounter(store, visit.encounter_id)
        assert encounter is not None
        for reading_type, reading in encounter.latest().items():
            if reading_type not in points or reading.value is None or not reading.unit:
                continue
            try:
                value, unit = to_canonical(reading_type, float(reading.value), reading.unit)
            except UnsupportedConversion:
                continue  # shown in the visit as stored; not plotted against other units
            points[reading_type].append((visit.started_at, value))
            units[reading_type] = unit
    return [
        Series(t, units[t], tuple(points[t]), NORMAL_RANGES.get(t) if adult else None)
        for t in VITALS
        if points[t]
    ]


def load_history(store: Store, patient_id: str, today: dt.date) -> PatientHistory:
    """The whole history screen's content (reader thread)."""
    top = header(store, patient_id, today)
    visits = [_entry(store, encounter_id) for encounter_id in _visit_ids(store, patient_id)]
    adult = top.age_years is not None and top.age_years >= ADULT_YEARS
    return PatientHistory(top, tuple(visits), tuple(_series(store, visits, adult)))


def audit_access(store: Store, entity_type: str, entity_id: str, action: str) -> None:
    """The audit trail's row for looking at (``viewed``) or printing (``exported``) a record,
    when the audit trail (issue 10, :mod:`kiosk.security.audit`) is installed; writer thread."""
    try:
        from kiosk.security import audit
    except ImportError:
        return
    patient = None
    if entity_type == "Encounter":
        found = store.scalar("SELECT patient_id FROM encounters WHERE id = ?", (entity_id,))
        patient = None if found is None else str(found)
    audit.record_view(store, entity_type, entity_id, now=utc_now(), action=action, patient=patient)


def _log_failure(future: concurrent.futures.Future[None]) -> None:
    error = future.exception()
    if error is not None:  # the record is still shown: an audit row never hides data
        log.error("an audit row could not be written: %s", type(error).__name__)


class HistoryModel:
    """Futures for the history screen, on the runtime's reader."""

    def __init__(self, runtime: Runtime, *, site: str = "") -> None:
        self.runtime = runtime
        self.site = site

    @property
    def data_dir(self) -> Path:
        """Where printed summaries go (next to the store)."""
        return self.runtime.store_path.parent

    def load(self, patient_id: str) -> concurrent.futures.Future[PatientHistory]:
        today = utc_now().astimezone().date()
        audited = self.runtime.write(audit_access, "Patient", patient_id, "viewed")
        audited.add_done_callback(_log_failure)
        return self.runtime.read(load_history, patient_id, today)

    def summary(
        self, encounter_id: str, language: str | None = None
    ) -> concurrent.futures.Future[VisitSummary]:
        """The printable summary, in ``language`` or else the patient's own language."""
        audited = self.runtime.write(audit_access, "Encounter", encounter_id, "exported")
        audited.add_done_callback(_log_failure)
        return self.runtime.read(
            build_summary,
            encounter_id,
            language=language,
            now=utc_now(),
            site=self.site,
            media_dir=self.data_dir / "media",
        )
