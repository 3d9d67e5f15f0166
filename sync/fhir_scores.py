"""NEWS2 and IMCI results as Observations (fhir-mapping.md §3.7, clinical.md §1-2). Pure.

- NEWS2 (adults): sent only when all 7 parameters were present (otherwise nothing is sent;
  the kiosk shows "incomplete" locally). ``code`` = ``{base}CodeSystem/score#news2-total`` +
  SNOMED CT 1104051000000101; ``valueInteger``; ``interpretation.text`` = the band;
  ``derivedFrom`` → the reading Observations used and the QuestionnaireResponse (ACVPU,
  air/oxygen); one ``component`` per parameter score; ``category`` survey; ``method.text``
  "NEWS2 (RCP 2017), SpO2 scale 1|2".
- IMCI (under 5): ``{base}CodeSystem/score#imci-danger-signs`` with ``valueBoolean`` = any
  sign that means urgent referral (general danger sign, severe sign, young-infant sign);
  ``derivedFrom`` the QuestionnaireResponse and the respiratory rate (and temperature);
  one ``component`` per positive sign, plus fast breathing when the rate was counted. A
  negative result is sent only when nothing was missing (a positive one always).

Both ids derive from the encounter's first-version id, so a correction updates them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from kiosk.domain import Reading
from kiosk.store.encounter_records import Score
from sync import fhir_codes as codes
from sync.fhir_common import Json, code_system, derived_id, fhir_time, put_entry
from sync.fhir_inputs import Target, Visit

SNOMED = "http://snomed.info/sct"
NEWS2_SNOMED = ("1104051000000101", "Royal College of Physicians NEWS2 total score")
NEWS2_PARAMETERS: dict[str, str] = {
    "resp_rate": "NEWS2 respiration rate score",
    "spo2": "NEWS2 oxygen saturation score",
    "air_or_oxygen": "NEWS2 air or oxygen score",
    "systolic_bp": "NEWS2 systolic blood pressure score",
    "pulse": "NEWS2 pulse score",
    "consciousness": "NEWS2 consciousness score",
    "temperature": "NEWS2 temperature score",
}
#: reading types IMCI takes from the readings (the rest are the nurse's answers)
IMCI_READINGS = frozenset({"resp_rate", "body_temp"})


def score_entries(
    visit: Visit,
    target: Target,
    subject: Json,
    observation_of: Mapping[str, str],
    questionnaire_id: str | None,
) -> list[Json]:
    """The NEWS2 or IMCI Observation of this version, if it is to be sent."""
    score = visit.score
    if score is None:
        return []
    if score.kind == "news2" and score.complete and score.total is not None:
        return [_news2(visit, score, target, subject, observation_of, questionnaire_id)]
    if score.kind == "imci" and (score.complete or score.detail.get("urgent_referral")):
        return [_imci(visit, score, target, subject, observation_of, questionnaire_id)]
    return []


def _derived_from(
    reading_ids: Sequence[str], observation_of: Mapping[str, str], questionnaire_id: str | None
) -> list[Json]:
    refs = [f"Observation/{observation_of[r]}" for r in reading_ids if r in observation_of]
    if questionnaire_id is not None:
        refs.append(f"QuestionnaireResponse/{questionnaire_id}")
    return [{"reference": ref} for ref in dict.fromkeys(refs)]


def _skeleton(visit: Visit, score: Score, subject: Json, code: list[Json]) -> Json:
    encounter = visit.encounter
    when = encounter.ended_at or dt.datetime.fromisoformat(score.computed_at)
    return {
        "status": "final",
        "category": [
            {"coding": [{"system": codes.OBSERVATION_CATEGORY, "code": "survey"}]},
        ],
        "code": {"coding": code},
        "subject": subject,
        "encounter": {"reference": f"Encounter/{visit.fhir_id}"},
        "effectiveDateTime": fhir_time(when),
    }


def _news2(
    visit: Visit,
    score: Score,
    target: Target,
    subject: Json,
    observation_of: Mapping[str, str],
    questionnaire_id: str | None,
) -> Json:
    system = code_system(target.base, "score")
    code = [
        {"system": system, "code": "news2-total", "display": "NEWS2 total score"},
        {"system": SNOMED, "code": NEWS2_SNOMED[0], "display": NEWS2_SNOMED[1]},
    ]
    obs = _skeleton(visit, score, subject, code)
    obs["valueInteger"] = score.total
    obs["interpretation"] = [{"text": score.band or ""}]
    derived = _derived_from(score.detail.get("derived_from", ()), observation_of, questionnaire_id)
    if derived:
        obs["derivedFrom"] = derived
    obs["component"] = [
        {
            "code": {"coding": [{"system": system, "code": f"news2-{name}", "display": display}]},
            "valueInteger": score.points[name],
        }
        for name, display in NEWS2_PARAMETERS.items()
        if score.points.get(name) is not None
    ]
    obs["method"] = {"text": f"NEWS2 (RCP 2017), SpO2 scale {score.detail.get('scale', 1)}"}
    return put_entry("Observation", derived_id(visit.fhir_id, "news2-total"), obs)


def _imci(
    visit: Visit,
    score: Score,
    target: Target,
    subject: Json,
    observation_of: Mapping[str, str],
    questionnaire_id: str | None,
) -> Json:
    system = code_system(target.base, "score")
    display = "IMCI danger sign or urgent referral sign present"
    code = [{"system": system, "code": "imci-danger-signs", "display": display}]
    obs = _skeleton(visit, score, subject, code)
    obs["valueBoolean"] = bool(score.detail.get("urgent_referral"))
    used = [r.id for r in visit.encounter.readings if r.type in IMCI_READINGS]
    wanted = set(score.detail.get("derived_from", ())) & set(used)
    ordered = _ordered(visit.encounter.readings, wanted)
    derived = _derived_from(ordered, observation_of, questionnaire_id)
    if derived:
        obs["derivedFrom"] = derived
    sign_system = code_system(target.base, "imci-sign")
    components: list[Json] = []
    if score.detail.get("fast_breathing") is not None:
        coding = {"system": sign_system, "code": "fast_breathing"}
        components.append(
            {"code": {"coding": [coding]}, "valueBoolean": bool(score.detail["fast_breathing"])}
        )
    for group in ("danger_signs", "severe_signs", "infant_signs"):
        for sign in score.detail.get(group, ()):
            if sign == "fast_breathing":
                continue
            coding = {"system": sign_system, "code": sign}
            components.append({"code": {"coding": [coding]}, "valueBoolean": True})
    if components:
        obs["component"] = components
    if score.missing:
        obs["note"] = [{"text": f"incomplete: missing {', '.join(score.missing)}"}]
    group_text = score.detail.get("age_group")
    if group_text:
        obs["method"] = {"text": f"WHO IMCI, {group_text}"}
    return put_entry("Observation", derived_id(visit.fhir_id, "imci-danger-signs"), obs)


def _ordered(readings: Sequence[Reading], wanted: set[str]) -> list[str]:
    return [r.id for r in sorted(readings, key=lambda r: (r.kiosk_time, r.id)) if r.id in wanted]
