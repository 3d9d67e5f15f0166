"""The printable visit summary's content, Qt-free, in the *patient's* language.

:func:`build_summary` reads one saved visit and returns a :class:`VisitSummary`: a title,
sections of labelled lines and a footer, every word already translated into the language
of the summary (the patient's language from the record, ``patients.language``: ``kk``,
``ru`` or ``en``, that of the surviving record after a merge when the visit's own record has
none; else Russian, :data:`FALLBACK_LANGUAGE`; or the language asked for). Values stay
typed (:class:`Quantity`, dates, date-times) so the printer formats them in the locale's
own form (``ui/visit_pdf.py`` uses QLocale); :func:`as_text` renders them plainly (ISO
dates) for tests and logs-free command-line use.

The summary holds the patient, the visit's number and time, the newest value of each vital
with its unit, the score (NEWS2 total, band and the advice of clinical.md §1.2, or IMCI /
not scored), the complaints (the checklist in the summary's language, free text as typed),
the number of photos (and their thumbnails, given the media folder) and a specialist's
answer when :mod:`kiosk.consults` has one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from pathlib import Path
from typing import Any

from kiosk import complaints
from kiosk.clinical.units import display_value
from kiosk.domain import Reading
from kiosk.errors import UserFacingError
from kiosk.i18n import LANGUAGES, MESSAGES, translate
from kiosk.identifiers import IIN
from kiosk.store import encounter_records as er
from kiosk.store import records
from kiosk.store.db import Store

log = logging.getLogger(__name__)

FALLBACK_LANGUAGE = "ru"
MAX_THUMBNAILS = 6
PATIENT_LANGUAGES = ("kk", "ru", "en")
#: NEWS2 parameter → the label key of its line (kiosk.clinical.news2.Parameter values).
PARAMETER_LABELS = {
    "resp_rate": "screens.vital.resp_rate",
    "spo2": "screens.vital.spo2",
    "air_or_oxygen": "screens.param.air_or_oxygen",
    "systolic_bp": "screens.vital.systolic_bp",
    "pulse": "screens.vital.pulse_rate",
    "consciousness": "screens.param.consciousness",
    "temperature": "screens.vital.body_temp",
}
SUMMARY_VITALS = (
    "spo2",
    "pulse_rate",
    "heart_rate",
    "systolic_bp",
    "diastolic_bp",
    "mean_bp",
    "resp_rate",
    "body_temp",
    "body_weight",
    "body_height",
    "bmi",
    "glucose",
)


@dataclasses.dataclass(frozen=True, slots=True)
class Quantity:
    """A measured value rounded for display (``places`` decimals) with its unit's symbol."""

    number: float
    places: int
    unit: str


Shown = str | dt.date | dt.datetime | Quantity


@dataclasses.dataclass(frozen=True, slots=True)
class Line:
    label: str
    value: Shown
    note: str = ""


@dataclasses.dataclass(frozen=True, slots=True)
class Section:
    heading: str
    lines: tuple[Line, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class VisitSummary:
    language: str
    title: str
    encounter_number: str
    sections: tuple[Section, ...]
    footer: Line
    #: JPEG thumbnails of the visit's photos (at most :data:`MAX_THUMBNAILS`), oldest first
    thumbnails: tuple[bytes, ...] = ()


def patient_language(store: Store, patient_id: str) -> str:
    """The patient's language when the record (or its merge survivor) has one, else ``ru``."""
    value = store.scalar(
        "SELECT coalesce(p.language, s.language) FROM patients p "
        "LEFT JOIN patients s ON s.id = p.merged_into WHERE p.id = ?",
        (patient_id,),
    )
    return str(value) if value in PATIENT_LANGUAGES else FALLBACK_LANGUAGE


#: UCUM codes whose symbol is the same in every language.
UNIT_SYMBOLS = {"Cel": "°C", "[degF]": "°F", "%": "%"}


def unit_symbol(unit: str, language: str) -> str:
    """The unit as a reader writes it in ``language`` (``mm[Hg]`` → ``мм рт. ст.``)."""
    key = f"screens.unit.{unit}"
    return translate(key, language) if key in MESSAGES else UNIT_SYMBOLS.get(unit, unit)


def quantity(reading: Reading, language: str) -> Quantity | None:
    if reading.value is None:
        return None
    unit = reading.unit or ""
    text = display_value(float(reading.value), unit)
    places = len(text.split(".", 1)[1]) if "." in text else 0
    return Quantity(float(text), places, unit_symbol(unit, language))


def _patient_section(store: Store, patient_id: str, day: dt.date, lang: str) -> Section:
    row = store.query(
        "SELECT family, given, patronymic, birth_date, birth_date_estimated, sex FROM patients "
        "WHERE id = ?",
        (patient_id,),
    )[0]
    t = _translator(lang)
    name = " ".join(p for p in (row["family"], row["given"], row["patronymic"]) if p)
    lines = [Line(t("name"), name)]
    if row["birth_date"]:
        birth = dt.date.fromisoformat(row["birth_date"])
        note = t("estimated") if row["birth_date_estimated"] else ""
        lines.append(Line(t("birth_date"), birth, note))
        years = day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
        lines.append(Line(t("age"), str(years)))
    lines.append(Line(t("sex"), translate(f"screens.sex.{row['sex']}", lang)))
    iin = store.scalar(
        "SELECT value FROM patient_identifiers WHERE patient_id = ? AND system = ?",
        (patient_id, IIN),
    )
    if iin is not None:
        lines.append(Line(t("iin"), str(iin)))
    return Section(t("patient"), tuple(lines))


def _translator(language: str) -> Any:
    return lambda name: translate(f"screens.summary.{name}", language)


def _vitals_section(latest: dict[str, Reading], lang: str) -> Section:
    t = _translator(lang)
    lines = []
    for reading_type in SUMMARY_VITALS:
        reading = latest.get(reading_type)
        shown = None if reading is None else quantity(reading, lang)
        if reading is not None and shown is not None:
            note = t("manual") if str(reading.source) == "manual" else ""
            lines.append(Line(translate(f"screens.vital.{reading_type}", lang), shown, note))
    if not lines:
        lines.append(Line(t("vitals"), t("none")))
    return Section(t("vitals"), tuple(lines))


def score_lines(score: er.Score | None, lang: str) -> tuple[Line, ...]:
    """The score as words: NEWS2 total and band with its advice, or what applies instead."""
    other = translate("screens.summary.assessment", lang)
    if score is None or score.kind == "none":
        return (Line(other, translate("screens.band.none", lang)),)
    if score.kind == "imci":
        return (Line(other, translate("screens.band.imci", lang)), *_imci_lines(score, lang))
    label = translate("screens.summary.score", lang)
    if score.total is None or score.band is None:
        missing = ", ".join(
            translate(PARAMETER_LABELS.get(p, p), lang) if p in PARAMETER_LABELS else p
            for p in score.missing
        )
        return (Line(label, translate("screens.summary.score_missing", lang, missing=missing)),)
    band = translate(f"screens.band.{score.band}", lang)
    value = translate("screens.summary.score_value", lang, total=score.total, band=band)
    return (Line(label, value), Line("", translate(f"screens.advice.{score.band}", lang)))


def _imci_lines(score: er.Score, lang: str) -> tuple[Line, ...]:
    """What IMCI found (clinical.md §2): urgent referral, fast breathing, or neither."""
    lines = []
    if score.detail.get("urgent_referral"):
        lines.append(Line("", translate("screens.imci.urgent_referral", lang)))
    if score.detail.get("fast_breathing"):
        threshold = score.detail.get("threshold")
        lines.append(Line("", translate("screens.imci.fast_breathing", lang, threshold=threshold)))
    if not lines and not score.missing:
        lines.append(Line("", translate("screens.imci.no_signs", lang)))
    return tuple(lines)


def _complaint_lines(details: er.Details, lang: str) -> tuple[Line, ...]:
    t = _translator(lang)
    chosen = "; ".join(complaints.display(code, lang) for code in details.complaints)
    lines = [Line(t("complaints"), chosen or t("none"))]
    if details.complaint_text:
        lines.append(Line("", details.complaint_text))  # as typed, in its own language
    return tuple(lines)


def _consult_lines(
    store: Store, encounter_id: str, patient_id: str, now: dt.datetime, lang: str
) -> tuple[Line, ...]:
    try:
        from kiosk import consults
    except ImportError:
        return ()
    try:
        views = consults.list_consults(store, now=now, patient_id=patient_id)
    except Exception as error:  # a peer that is not ready must not stop the print
        log.warning("consultations could not be read for a summary: %s", type(error).__name__)
        return ()
    label = translate("screens.summary.consult", lang)
    return tuple(
        Line(f"{label} ({translate(f'consult.specialty.{v.specialty}', lang)})", v.answer_text)
        for v in views
        if v.encounter_id == encounter_id and v.answer_text
    )


def _thumbnails(store: Store, encounter_id: str, media_dir: Path | None) -> tuple[bytes, ...]:
    """The photos' thumbnails as plain JPEG bytes; a file that cannot be read is left out."""
    if media_dir is None:
        return ()
    from kiosk.media import photos  # it imports the services, which import much

    found: list[bytes] = []
    for photo in photos.photos_of(store, encounter_id)[:MAX_THUMBNAILS]:
        try:
            found.append(photos.read_file(store, media_dir, photo.thumb_path))
        except (OSError, UserFacingError) as error:
            log.warning("a photo thumbnail was left out of a summary: %s", type(error).__name__)
    return tuple(found)


def _photo_count(store: Store, encounter_id: str) -> int:
    return int(
        store.scalar("SELECT count(*) FROM media WHERE encounter_id = ?", (encounter_id,)) or 0
    )


def build_summary(
    store: Store,
    encounter_id: str,
    *,
    language: str | None = None,
    now: dt.datetime,
    site: str = "",
    media_dir: Path | None = None,
) -> VisitSummary:
    """The summary of one visit (reader thread); ``language`` overrides the patient's;
    with ``media_dir`` the photos' thumbnails come along."""
    encounter = records.get_encounter(store, encounter_id)
    if encounter is None:
        raise UserFacingError("encounter.not_found", encounter_id=encounter_id)
    lang = language if language in LANGUAGES else patient_language(store, encounter.patient_id)
    assert lang is not None
    t = _translator(lang)
    day = encounter.started_at.astimezone().date()
    visit = Section(
        t("visit"),
        (Line(t("number"), encounter.number), Line(t("date"), encounter.started_at)),
    )
    details = er.get_details(store.conn, encounter_id)
    score = er.get_score(store.conn, encounter_id)
    extra = [*_complaint_lines(details, lang)]
    extra += _consult_lines(store, encounter_id, encounter.patient_id, now, lang)
    photos = _photo_count(store, encounter_id)
    if photos:
        extra.append(Line(t("photos"), str(photos)))
    sections = (
        _patient_section(store, encounter.patient_id, day, lang),
        visit,
        _vitals_section(dict(encounter.latest()), lang),
        Section(t("assessment"), score_lines(score, lang)),
        Section(t("reason"), tuple(extra)),
    )
    where = f"Dala Kiosk · {site}" if site else "Dala Kiosk"
    footer = Line(f"{where} · {translate('screens.summary.footer', lang)}", now)
    thumbnails = _thumbnails(store, encounter_id, media_dir)
    return VisitSummary(lang, t("title"), encounter.number, sections, footer, thumbnails)


def plain(value: Shown) -> str:
    """A value in a locale-neutral form (ISO dates, a point for decimals)."""
    if isinstance(value, Quantity):
        return f"{value.number:.{value.places}f} {value.unit}".strip()
    if isinstance(value, dt.datetime):
        return value.astimezone().strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def as_text(summary: VisitSummary) -> str:
    """The whole summary as plain text (one line per value)."""
    out = [summary.title]
    for section in summary.sections:
        out.append("")
        out.append(section.heading)
        for line in section.lines:
            note = f" ({line.note})" if line.note else ""
            out.append(
                f"  {line.label}: {plain(line.value)}{note}"
                if line.label
                else f"  {plain(line.value)}{note}"
            )
    out.append("")
    out.append(f"{summary.footer.label} {plain(summary.footer.value)}")
    return "\n".join(out)
