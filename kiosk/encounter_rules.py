"""Clinical rules applied where encounters are written (clinical.md §1-4), on a connection.

:mod:`kiosk.services` calls these inside its transactions, so a reading and its verdict, or
an encounter, its score and its outbox row, commit together or not at all.

- :func:`store_checked`: judge a reading (unit confusion, then ranges, with the patient's
  recent weight and the other BP value as context) and store it with its verdict. Outside
  the *possible* range it is not a clinical reading: a device value is kept apart with its
  raw frame for the technician ("device error — measure again"), a typed one is refused.
  An implausible value is stored flagged and must be confirmed or re-measured; a
  re-measurement moves the unconfirmed value out of the draft (kept as ``remeasured``).
  A device unit the kiosk cannot convert is stored ``unchecked`` (kiosk choice: losing a
  device value is worse, and ``sync/`` refuses to send what its profile cannot take).
- :func:`before_save`: every implausible reading confirmed, §3 cross-checks resolved
  (a confirmed reading among those involved resolves one), then the score is computed and
  stored: NEWS2 for 16 and over, IMCI under 5 years, none for 5-15 or an unknown age.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

from kiosk.clinical import imci, news2
from kiosk.clinical.plausibility import CheckContext, Reason, Verdict, check, cross_check
from kiosk.clinical.units import UnsupportedConversion, to_canonical
from kiosk.domain import Encounter, Reading, Source
from kiosk.errors import UserFacingError, ValidationError
from kiosk.store import encounter_records as er
from kiosk.store import records
from kiosk.store.db import Store
from kiosk.store.records import to_db_time

WHOLE_COUNTS = frozenset({"resp_rate", "pulse_rate", "heart_rate"})
#: Which readings a §3 cross-check reason is about.
INVOLVED: dict[str, tuple[str, ...]] = {
    Reason.SYSTOLIC_NOT_ABOVE_DIASTOLIC: ("systolic_bp", "diastolic_bp"),
    Reason.PULSE_PRESSURE_BELOW_10: ("systolic_bp", "diastolic_bp"),
    Reason.MEAN_NOT_BETWEEN: ("systolic_bp", "diastolic_bp", "mean_bp"),
    Reason.PROBABLY_KPA: ("systolic_bp", "diastolic_bp"),
    Reason.BMI_MISMATCH: ("bmi", "body_weight", "body_height"),
}


def _imci_sign_table() -> dict[str, str]:
    derived = {imci.InfantSign.FAST_BREATHING, imci.InfantSign.FEVER, imci.InfantSign.HYPOTHERMIA}
    table = {str(s): "danger" for s in imci.DangerSign}
    table |= {str(s): "severe" for s in imci.SevereSign}
    table |= {str(s): "infant" for s in imci.InfantSign if s not in derived}
    return table


#: The IMCI questions the nurse answers (fast breathing and temperature come from readings).
IMCI_SIGNS = _imci_sign_table()


def canonical(reading: Reading) -> float | None:
    if reading.value is None or reading.unit is None:
        return None
    try:
        return to_canonical(reading.type, float(reading.value), reading.unit, code=reading.code)[0]
    except (UnsupportedConversion, ValueError):
        return None


def _context(conn: sqlite3.Connection, reading: Reading) -> CheckContext:
    bp = {
        row[0]: row[1]
        for row in conn.execute(
            "SELECT type, value FROM readings WHERE encounter_id = ? AND unit = 'mm[Hg]' "
            "AND type IN ('systolic_bp', 'diastolic_bp') ORDER BY kiosk_time, id",
            (reading.encounter_id,),
        )
    }
    weight = None
    if reading.type == "body_weight":
        row = conn.execute(
            "SELECT r.value FROM readings r JOIN encounters e ON e.id = r.encounter_id "
            "WHERE e.patient_id = (SELECT patient_id FROM encounters WHERE id = ?) "
            "AND e.status = 'finished' AND r.type = 'body_weight' AND r.unit = 'kg' "
            "ORDER BY r.kiosk_time DESC LIMIT 1",
            (reading.encounter_id,),
        ).fetchone()
        weight = None if row is None else float(row[0])
    return CheckContext(
        recent_weight_kg=weight,
        systolic_bp=bp.get("systolic_bp"),
        diastolic_bp=bp.get("diastolic_bp"),
    )


def judge(conn: sqlite3.Connection, reading: Reading) -> tuple[str, tuple[str, ...]]:
    """``(verdict, reasons)`` with verdict ``ok``/``implausible``/``unchecked``/``impossible``."""
    if reading.value is None or reading.unit is None:
        return "unchecked", ("no_value",)
    found = check(
        reading.type,
        float(reading.value),
        reading.unit,
        code=reading.code,
        context=_context(conn, reading),
    )
    reasons = tuple(str(r) for r in found.reasons)
    if Reason.UNIT_NOT_CONVERTIBLE in found.reasons:
        return ("unchecked" if reading.source is Source.DEVICE else "impossible"), reasons
    if found.verdict is Verdict.IMPOSSIBLE:
        return "impossible", reasons
    return ("ok" if found.verdict is Verdict.OK else "implausible"), reasons


def _refusal(reading: Reading, reasons: tuple[str, ...]) -> UserFacingError:
    if reading.source is Source.DEVICE:
        return ValidationError("reading.device_error", type=reading.type)
    if str(Reason.UNIT_NOT_CONVERTIBLE) in reasons:
        return ValidationError("reading.bad_unit", type=reading.type, unit=reading.unit)
    return ValidationError("reading.impossible", type=reading.type, value=reading.value)


def store_checked(store: Store, reading: Reading, now: dt.datetime) -> UserFacingError | None:
    """Store ``reading`` with its verdict inside the caller's transaction, or return the
    refusal for the caller to raise after commit (a device error is kept, not lost)."""
    conn = store.conn
    if reading.source is Source.MANUAL and reading.type in WHOLE_COUNTS:
        value = reading.value
        if value is None or float(value) != int(value):
            return ValidationError("reading.whole_count", type=reading.type)
    verdict, reasons = judge(conn, reading)
    if verdict == "impossible":
        if reading.source is Source.DEVICE:  # kept for the technician, not a clinical reading
            er.insert_reject(conn, reading, "impossible", reasons, now)
        return _refusal(reading, reasons)
    _move_remeasured(store, reading, now)
    records.insert_reading(conn, reading)
    er.insert_check(conn, reading.id, er.Check(verdict, reasons))
    return None


def _move_remeasured(store: Store, new: Reading, now: dt.datetime) -> None:
    """A new value of a type replaces that type's unconfirmed implausible values."""
    conn = store.conn
    encounter = records.get_encounter(store, new.encounter_id)
    if encounter is None:
        return
    checks = er.get_checks(conn, new.encounter_id)
    for old in encounter.readings:
        found = checks.get(old.id)
        if old.type == new.type and old.code == new.code and found and found.needs_confirmation:
            er.insert_reject(conn, old, "remeasured", found.reasons, now)
            er.remove_draft_reading(conn, old.id)


# --- saving -----------------------------------------------------------------------------


def _checks_for(conn: sqlite3.Connection, encounter: Encounter) -> dict[str, er.Check]:
    checks = er.get_checks(conn, encounter.id)
    for reading in encounter.readings:
        if reading.id not in checks:  # stored without a verdict (by older code): judge now
            verdict, reasons = judge(conn, reading)
            verdict = "implausible" if verdict == "impossible" else verdict
            checks[reading.id] = er.Check(verdict, reasons)
            er.insert_check(conn, reading.id, checks[reading.id])
    return checks


def before_save(store: Store, encounter: Encounter, now: dt.datetime) -> er.Score:
    """Refuse what needs the nurse first; store and return the score (§1, §2, §3), inside
    the caller's transaction."""
    conn = store.conn
    checks = _checks_for(conn, encounter)
    unconfirmed = sorted({r.type for r in encounter.readings if checks[r.id].needs_confirmation})
    if unconfirmed:
        raise ValidationError("encounter.needs_confirmation", types=", ".join(unconfirmed))
    latest = encounter.latest()
    values = {t: v for t, r in latest.items() if (v := canonical(r)) is not None}
    unresolved = [
        str(reason)
        for reason in cross_check(values)
        if not any(
            (r := latest.get(t)) is not None and checks[r.id].confirmed_by
            for t in INVOLVED.get(reason, ())
        )
    ]
    if unresolved:
        raise ValidationError("encounter.cross_check", reasons=", ".join(unresolved))
    row = conn.execute(
        "SELECT birth_date FROM patients WHERE id = ?", (encounter.patient_id,)
    ).fetchone()
    birth = dt.date.fromisoformat(row[0]) if row and row[0] else None
    score = compute_score(encounter, er.get_details(conn, encounter.id), birth, now)
    er.insert_score(conn, encounter.id, score)
    return score


def _value(
    latest: dict[str, Reading], *types: str, whole: bool = False
) -> tuple[float, str] | None:
    for reading_type in types:
        reading = latest.get(reading_type)
        value = None if reading is None else canonical(reading)
        if reading is not None and value is not None:
            if whole and value != int(value):
                return None  # a fractional count is not scored (news2 input rule)
            return value, reading.id
    return None


def compute_score(
    encounter: Encounter, details: er.Details, birth_date: dt.date | None, now: dt.datetime
) -> er.Score:
    latest = dict(encounter.latest())
    found = {
        "resp_rate": _value(latest, "resp_rate", whole=True),
        "spo2": _value(latest, "spo2"),
        "systolic_bp": _value(latest, "systolic_bp"),
        "pulse": _value(latest, "pulse_rate", "heart_rate", whole=True),
        "temperature": _value(latest, "body_temp"),
    }
    used = sorted(v[1] for v in found.values() if v is not None)
    values = {k: (None if v is None else v[0]) for k, v in found.items()}
    stamp = to_db_time(now)
    day = encounter.started_at.date()
    if birth_date is None or birth_date > day:
        return er.Score("none", None, None, {}, (), None, {"reason": "age_unknown"}, stamp)
    months = imci.completed_months(birth_date, day)
    if months < imci.IMCI_UPPER_MONTHS:
        return _imci(months, details, values, used, stamp)
    if not news2.applies_to(months // 12):
        return er.Score("none", None, None, {}, (), None, {"reason": "age_5_to_15"}, stamp)
    inputs = news2.News2Inputs(
        resp_rate=values["resp_rate"],
        spo2=values["spo2"],
        on_oxygen=details.on_oxygen,
        systolic_bp=values["systolic_bp"],
        pulse=values["pulse"],
        consciousness=None if details.consciousness is None else news2.Acvpu(details.consciousness),
        temperature=values["temperature"],
    )
    result = news2.score(inputs)
    detail: dict[str, Any] = {
        "scale": inputs.spo2_scale,
        "minimum_band": str(result.minimum_band),
        "action": str(result.action),
        "derived_from": used,
    }
    return er.Score(
        kind="news2",
        total=result.total,
        band=None if result.band is None else str(result.band),
        points={str(k): v for k, v in result.points.items()},
        missing=tuple(str(p) for p in result.missing),
        priority=str(result.priority),
        detail=detail,
        computed_at=stamp,
    )


def _imci(
    months: int,
    details: er.Details,
    values: dict[str, float | None],
    used: list[str],
    stamp: str,
) -> er.Score:
    signs = set(details.imci_signs)
    result = imci.assess(
        months,
        danger_signs={imci.DangerSign(s) for s in signs if IMCI_SIGNS.get(s) == "danger"},
        resp_rate=values["resp_rate"],
        temperature_c=values["temperature"],
        infant_signs={imci.InfantSign(s) for s in signs if IMCI_SIGNS.get(s) == "infant"},
        severe_signs={imci.SevereSign(s) for s in signs if IMCI_SIGNS.get(s) == "severe"},
    )
    missing = [] if values["resp_rate"] is not None else ["resp_rate"]
    if result.age_group is imci.AgeGroup.YOUNG_INFANT and values["temperature"] is None:
        missing.append("temperature")
    detail: dict[str, Any] = {
        "age_months": months,
        "age_group": str(result.age_group),
        "fast_breathing": result.fast_breathing,
        "threshold": result.threshold,
        "danger_signs": sorted(str(s) for s in result.danger_signs),
        "severe_signs": sorted(str(s) for s in result.severe_signs),
        "infant_signs": sorted(str(s) for s in result.infant_signs),
        "urgent_referral": result.urgent_referral,
        "derived_from": used,
    }
    priority = None if result.priority is None else str(result.priority)
    return er.Score("imci", None, None, {}, tuple(missing), priority, detail, stamp)
