"""One case for the specialist, read from the server and turned into :class:`Case`.

:func:`fetch_case` does the round trips (Patient, Encounter, the patient's Observations,
QuestionnaireResponse, Media with their Binary bytes, DiagnosticReports);
:func:`build_case` is pure and turns those resources into what the console shows, so the
screens' screenshots can be made from FHIR JSON fixtures without a server.

Observations of this visit split into vitals (category ``vital-signs``), labs (category
``laboratory``) and the NEWS2 total (code ``news2-total`` of the project's score system);
the same patient's Observations from other encounters are the trends' history.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from sync.specialist_http import ReviewHttp
from sync.specialist_model import Case, Photo, Reading, Resource, WorkItem, parse_instant

NEWS2_CODE = "news2-total"
LOINC = "http://loinc.org"
CASE_PAGE = "500"
#: Photos of earlier visits fetched for comparison (the newest ones).
EARLIER_PHOTOS = 6


@dataclasses.dataclass(frozen=True, slots=True)
class CaseResources:
    """The raw resources of one case; photo bytes keyed by Media id."""

    patient: Resource
    encounter: Resource | None
    observations: tuple[Resource, ...]
    responses: tuple[Resource, ...]
    media: tuple[Resource, ...]
    reports: tuple[Resource, ...]
    photo_bytes: dict[str, bytes]


def fetch_case(http: ReviewHttp, item: WorkItem) -> Case:
    """Read the case of ``item`` from the server (several round trips)."""
    patient = http.read_reference(item.patient_reference)
    encounter = http.read_reference(item.encounter_reference) if item.encounter_reference else None
    subject = {"subject": item.patient_reference, "_count": CASE_PAGE}
    media = photos_to_fetch(tuple(http.search("Media", subject)), item.encounter_reference)
    photo_bytes = {str(m["id"]): http.binary(str(m["content"]["url"])) for m in media}
    by_encounter = {"encounter": item.encounter_reference or "", "_count": CASE_PAGE}
    resources = CaseResources(
        patient=patient,
        encounter=encounter,
        observations=tuple(http.search("Observation", subject)),
        responses=tuple(http.search("QuestionnaireResponse", by_encounter))
        if item.encounter_reference
        else (),
        media=media,
        reports=tuple(http.search("DiagnosticReport", by_encounter))
        if item.encounter_reference
        else (),
        photo_bytes=photo_bytes,
    )
    return build_case(item, resources)


def photos_to_fetch(
    media: tuple[Resource, ...], visit: str | None, earlier: int = EARLIER_PHOTOS
) -> tuple[Resource, ...]:
    """This visit's photos and the ``earlier`` newest of other visits (bounded downloads);
    only Media whose bytes are a ``Binary`` on this server."""
    stored = [m for m in media if str(m.get("content", {}).get("url", "")).startswith("Binary/")]
    newest_first = sorted(stored, key=lambda m: str(m.get("createdDateTime", "")), reverse=True)
    mine = [m for m in newest_first if _encounter(m) == visit]
    others = [m for m in newest_first if _encounter(m) != visit][:earlier]
    return tuple(mine + others)


def build_case(item: WorkItem, found: CaseResources) -> Case:
    """The case view's data from the resources (pure)."""
    this_visit = item.encounter_reference
    readings = [r for r in (reading(o) for o in found.observations) if r is not None]
    news2 = next(
        (o for o in found.observations if _encounter(o) == this_visit and _is_news2(o)), None
    )
    photos = [_photo(m, found.photo_bytes) for m in found.media]
    encounter = found.encounter or {}
    return Case(
        item=item,
        patient_name=patient_name(found.patient),
        patient_gender=str(found.patient.get("gender", "")),
        patient_birth_date=str(found.patient.get("birthDate", "")),
        encounter_start=parse_instant(encounter.get("period", {}).get("start")),
        complaint=_texts(encounter.get("reasonCode", [])),
        vitals=_select(readings, this_visit, "vital-signs", same_visit=True),
        history=_select(readings, this_visit, "vital-signs", same_visit=False),
        labs=_select(readings, this_visit, "laboratory", same_visit=True),
        lab_conclusions=tuple(str(r["conclusion"]) for r in found.reports if r.get("conclusion")),
        news2_score=_news2_score(news2),
        news2_band=_texts((news2 or {}).get("interpretation", [])),
        complaints=tuple(pair for qr in found.responses for pair in _answers(qr.get("item", []))),
        photos=tuple(p for p in photos if p is not None and p.encounter == this_visit),
        earlier_photos=tuple(p for p in photos if p is not None and p.encounter != this_visit),
    )


def patient_name(patient: Resource) -> str:
    """The name as typed at the kiosk (the first HumanName), else the official one."""
    for name in patient.get("name", []):
        if name.get("text"):
            return str(name["text"])
        parts = [*name.get("given", []), name.get("family", "")]
        joined = " ".join(str(p) for p in parts if p)
        if joined:
            return joined
    return ""


def reading(observation: Resource) -> Reading | None:
    """A vital sign or lab value as a :class:`Reading`; None for scores and non-numbers."""
    if _is_news2(observation):
        return None
    code, label = _code_and_label(observation.get("code", {}))
    if "valueQuantity" in observation:
        values, unit = _quantities([observation["valueQuantity"]])
    elif observation.get("component"):
        values, unit = _quantities(c.get("valueQuantity", {}) for c in observation["component"])
    else:
        return None
    if not values:
        return None
    number = "/".join(_number(v) for v in values)
    return Reading(
        code=code,
        label=label,
        text=f"{number} {unit}".strip(),
        values=values,
        unit=unit,
        when=parse_instant(observation.get("effectiveDateTime") or observation.get("issued")),
        encounter=_encounter(observation),
        category=_category(observation),
    )


def _select(
    readings: Iterable[Reading], visit: str | None, category: str, *, same_visit: bool
) -> tuple[Reading, ...]:
    chosen = [
        r for r in readings if r.category == category and (r.encounter == visit) == same_visit
    ]
    return tuple(sorted(chosen, key=lambda r: (r.label, r.when is None, r.when)))


def _code_and_label(concept: Resource) -> tuple[str, str]:
    codings = concept.get("coding", [])
    loinc = [c for c in codings if c.get("system") == LOINC]
    first = (loinc or codings or [{}])[0]
    label = concept.get("text") or first.get("display") or first.get("code") or ""
    return str(first.get("code", "")), str(label)


def _quantities(quantities: Iterable[Resource]) -> tuple[tuple[float, ...], str]:
    values: list[float] = []
    unit = ""
    for quantity in quantities:
        value = quantity.get("value")
        if isinstance(value, int | float) and not isinstance(value, bool):
            values.append(float(value))
            unit = unit or str(quantity.get("unit") or quantity.get("code") or "")
    return tuple(values), unit


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() else f"{value:g}"


def _category(observation: Resource) -> str:
    for concept in observation.get("category", []):
        for coding in concept.get("coding", []):
            if coding.get("code"):
                return str(coding["code"])
    return ""


def _encounter(resource: Resource) -> str | None:
    reference = resource.get("encounter", {}).get("reference")
    return str(reference) if reference else None


def _is_news2(observation: Resource) -> bool:
    codings = observation.get("code", {}).get("coding", [])
    return any(c.get("code") == NEWS2_CODE for c in codings)


def _news2_score(observation: Resource | None) -> int | None:
    value = (observation or {}).get("valueInteger")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _texts(concepts: Iterable[Resource]) -> str:
    found = []
    for concept in concepts:
        text = concept.get("text") or next(
            (c.get("display") or c.get("code") for c in concept.get("coding", [])), ""
        )
        if text:
            found.append(str(text))
    return "; ".join(found)


def _answers(items: Iterable[Resource]) -> list[tuple[str, str]]:
    """(question, answer) pairs of a QuestionnaireResponse, nested groups flattened."""
    pairs: list[tuple[str, str]] = []
    for item in items:
        values = [_answer_text(a) for a in item.get("answer", [])]
        values = [v for v in values if v]
        if values:
            pairs.append((str(item.get("text") or item.get("linkId", "")), ", ".join(values)))
        pairs.extend(_answers(item.get("item", [])))
        for answer in item.get("answer", []):
            pairs.extend(_answers(answer.get("item", [])))
    return pairs


def _answer_text(answer: Resource) -> str:
    for key, value in answer.items():
        if not key.startswith("value"):
            continue
        if isinstance(value, dict):
            return str(value.get("display") or value.get("code") or value.get("value") or "")
        if isinstance(value, bool):
            return "yes" if value else "no"
        return str(value)
    return ""


def _photo(media: Resource, photo_bytes: dict[str, bytes]) -> Photo | None:
    data = photo_bytes.get(str(media.get("id")))
    if data is None:
        return None
    content = media.get("content", {})
    return Photo(
        media_id=str(media["id"]),
        title=str(content.get("title") or ""),
        content_type=str(content.get("contentType") or "image/jpeg"),
        data=data,
        when=parse_instant(media.get("createdDateTime")),
        encounter=_encounter(media),
    )
