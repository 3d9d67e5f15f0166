"""Decisions of the visit screen's manual entry and score panel, without Qt.

- :data:`MANUAL_FIELDS`: the vitals a nurse may type, each with its reading type and unit;
- :func:`parse_number`: the typed text as a number, ``,`` or ``.`` as the decimal separator;
- :func:`check_typed`: the §3/§4 plausibility of a typed value (clinical.md): ``ok``,
  ``implausible`` (the nurse must confirm or correct it) or ``impossible`` (refused with a
  clear message, never stored);
- :func:`score_panel`: what the NEWS2 panel shows for the values at hand (device and typed):
  the total, the colour band of clinical.md §1.2 (0-4 green, 5-6 or a single 3 amber, 7 and
  over red), the missing parameters and the escalation advice as a message key; IMCI for
  children under 5; nothing for 5-15 or an unknown age.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Mapping

from kiosk.clinical import imci, news2
from kiosk.clinical.plausibility import CheckContext, Verdict, check
from kiosk.errors import ValidationError


@dataclasses.dataclass(frozen=True, slots=True)
class ManualField:
    """One vital the nurse can type: its reading type, unit and whether it is a count."""

    key: str
    unit: str
    whole: bool = False

    @property
    def reading_type(self) -> str:
        return self.key


MANUAL_FIELDS: tuple[ManualField, ...] = (
    ManualField("spo2", "%", whole=True),
    ManualField("pulse_rate", "/min", whole=True),
    ManualField("resp_rate", "/min", whole=True),
    ManualField("systolic_bp", "mm[Hg]", whole=True),
    ManualField("diastolic_bp", "mm[Hg]", whole=True),
    ManualField("body_temp", "Cel"),
    ManualField("body_weight", "kg"),
    ManualField("body_height", "cm"),
    ManualField("glucose", "mmol/L"),
)
FIELDS_BY_KEY = {field.key: field for field in MANUAL_FIELDS}

#: Colours of the NEWS2 band (clinical.md §1.2), by band.
BAND_COLOURS = {
    news2.Band.LOW: "green",
    news2.Band.LOW_MEDIUM: "amber",
    news2.Band.MEDIUM: "amber",
    news2.Band.HIGH: "red",
}


def parse_number(text: str) -> float:
    """The number typed (``36,6`` and ``36.6`` alike); ValidationError when it is none."""
    cleaned = text.strip().replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError as error:
        raise ValidationError("visit.not_a_number", value=text.strip()) from error
    if not math.isfinite(value):
        raise ValidationError("visit.not_a_number", value=text.strip())
    return value


@dataclasses.dataclass(frozen=True, slots=True)
class TypedCheck:
    """The verdict on one typed value: ``ok``, ``implausible`` or ``impossible``."""

    key: str
    value: float
    verdict: str
    reasons: tuple[str, ...]

    @property
    def message_key(self) -> str | None:
        """What the screen says (kiosk.i18n key), None when the value is fine."""
        if self.verdict == "impossible":
            return "visit.value_impossible"
        if self.verdict == "implausible":
            return "visit.value_implausible"
        return None


def check_typed(key: str, text: str, others: Mapping[str, float] | None = None) -> TypedCheck:
    """Judge a typed value (ValidationError if it is not a number or not a whole count)."""
    field = FIELDS_BY_KEY[key]
    value = parse_number(text)
    if field.whole and value != int(value):
        raise ValidationError("reading.whole_count", type=key)
    known = others or {}
    context = CheckContext(
        systolic_bp=known.get("systolic_bp"), diastolic_bp=known.get("diastolic_bp")
    )
    found = check(field.reading_type, value, field.unit, context=context)
    verdict = {
        Verdict.OK: "ok",
        Verdict.CONFIRM: "implausible",
        Verdict.IMPOSSIBLE: "impossible",
    }[found.verdict]
    return TypedCheck(key, value, verdict, tuple(str(r) for r in found.reasons))


# --- the score panel ---------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class ScorePanel:
    """What the score panel shows. ``kind``: ``news2``, ``imci`` or ``none``.

    ``colour`` is ``green``/``amber``/``red`` (or ``grey`` while NEWS2 is incomplete and the
    known points alone are still low); ``advice`` is a kiosk.i18n key; ``missing`` lists
    NEWS2 parameters (or ``resp_rate`` for IMCI).
    """

    kind: str
    total: int | None
    band: str | None
    colour: str
    advice: str
    missing: tuple[str, ...] = ()
    points: Mapping[str, int | None] = dataclasses.field(default_factory=dict)
    signs: tuple[str, ...] = ()


def age_months(birth_date: dt.date | None, today: dt.date) -> int | None:
    if birth_date is None or birth_date > today:
        return None
    return imci.completed_months(birth_date, today)


def news2_advice(result: news2.News2Result) -> str:
    """The escalation advice of clinical.md §1.2 for a result (a message key)."""
    band = result.minimum_band
    if band is news2.Band.HIGH:
        return "news2.advice.high"
    if band is news2.Band.MEDIUM:
        return "news2.advice.medium"
    if band is news2.Band.LOW_MEDIUM:
        return "news2.advice.single_three"
    if result.total is None:
        return "news2.advice.incomplete"
    return "news2.advice.zero" if result.total == 0 else "news2.advice.low"


def news2_panel(
    values: Mapping[str, float], consciousness: str | None, on_oxygen: bool | None
) -> ScorePanel:
    pulse = values.get("pulse_rate")
    inputs = news2.News2Inputs(
        resp_rate=_whole_or_none(values.get("resp_rate")),
        spo2=values.get("spo2"),
        on_oxygen=on_oxygen,
        systolic_bp=values.get("systolic_bp"),
        pulse=_whole_or_none(pulse),
        consciousness=None if consciousness is None else news2.Acvpu(consciousness),
        temperature=values.get("body_temp"),
    )
    result = news2.score(inputs)
    colour = BAND_COLOURS[result.minimum_band]
    if result.total is None and result.minimum_band is news2.Band.LOW:
        colour = "grey"
    return ScorePanel(
        kind="news2",
        total=result.total,
        band=None if result.band is None else str(result.band),
        colour=colour,
        advice=news2_advice(result),
        missing=tuple(str(p) for p in result.missing),
        points={str(k): v for k, v in result.points.items()},
    )


def _whole_or_none(value: float | None) -> float | None:
    """A count that is not whole is not scored (news2 input rules): None."""
    if value is None or value != int(value):
        return None
    return value


def imci_panel(months: int, values: Mapping[str, float], signs: set[str]) -> ScorePanel:
    result = imci.assess(
        months,
        danger_signs={imci.DangerSign(s) for s in signs if s in set(imci.DangerSign)},
        resp_rate=_whole_or_none(values.get("resp_rate")),
        temperature_c=values.get("body_temp"),
        infant_signs={imci.InfantSign(s) for s in signs if s in set(imci.InfantSign)},
        severe_signs={imci.SevereSign(s) for s in signs if s in set(imci.SevereSign)},
    )
    found = sorted(
        {str(s) for s in result.danger_signs | result.severe_signs | result.infant_signs}
    )
    if result.urgent_referral:
        colour, advice = "red", "imci.advice.referral"
    elif result.fast_breathing:
        colour, advice = "amber", "imci.advice.fast_breathing"
    else:
        colour, advice = "green", "imci.advice.none"
    missing = () if values.get("resp_rate") is not None else ("resp_rate",)
    return ScorePanel("imci", None, None, colour, advice, missing, {}, tuple(found))


def score_panel(
    values: Mapping[str, float],
    *,
    birth_date: dt.date | None,
    today: dt.date,
    consciousness: str | None = None,
    on_oxygen: bool | None = None,
    imci_signs: set[str] | None = None,
) -> ScorePanel:
    """NEWS2 from 16 years, IMCI under 5, nothing in between or for an unknown age."""
    months = age_months(birth_date, today)
    if months is None:
        return ScorePanel("none", None, None, "grey", "score.age_unknown")
    if months < imci.IMCI_UPPER_MONTHS:
        return imci_panel(months, values, set(imci_signs or ()))
    if not news2.applies_to(months // 12):
        return ScorePanel("none", None, None, "grey", "score.age_5_to_15")
    return news2_panel(values, consciousness, on_oxygen)
