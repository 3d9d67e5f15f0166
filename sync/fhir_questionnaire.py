"""Complaints and the score questions as one QuestionnaireResponse (fhir-mapping.md §3.6).

- ``questionnaire`` = ``{base}Questionnaire/kiosk-complaints|{version}``: the shipped form's
  name and version from :mod:`kiosk.complaints`, under the configured identifier base (the
  form is the deployment's, like every other project URL; never a hard-coded host).
- one item per checked complaint, ``linkId`` = the checklist code (as in
  :mod:`kiosk.complaints`), answered with a ``valueCoding`` of ``{base}CodeSystem/complaint``
  whose ``display`` is in the kiosk's language;
- free text as ``valueString`` in the language it was typed in (``complaint_text``,
  ``notes``);
- the answers NEWS2 and IMCI are computed from: ``consciousness`` (ACVPU, ``valueCoding``),
  ``on_oxygen`` (``valueBoolean``), ``imci_signs`` (``valueCoding``, one answer per sign).

The chief complaint also goes to ``Encounter.reasonCode`` (:func:`reason_codes`). Pure.
"""

from __future__ import annotations

from kiosk import complaints
from kiosk.store.encounter_records import Details
from sync.fhir_common import Json, code_system, derived_id, fhir_time, put_entry
from sync.fhir_inputs import Target, Visit

FORM_NAME = complaints.QUESTIONNAIRE_URL.rstrip("/").rsplit("/", 1)[-1]


def questionnaire_canonical(base: str) -> str:
    slash = base if base.endswith("/") else base + "/"
    return f"{slash}Questionnaire/{FORM_NAME}|{complaints.QUESTIONNAIRE_VERSION}"


def questionnaire_response_id(visit: Visit) -> str:
    """One per encounter, the same for every version (so the server keeps its history)."""
    return derived_id(visit.fhir_id, "QuestionnaireResponse")


def complaint_coding(code: str, target: Target) -> Json:
    return {
        "system": code_system(target.base, "complaint"),
        "code": code,
        "display": complaints.display(code, target.language),
    }


def items(details: Details, target: Target) -> list[Json]:
    found: list[Json] = [
        {
            "linkId": code,
            "text": complaints.display(code, target.language),
            "answer": [{"valueCoding": complaint_coding(code, target)}],
        }
        for code in details.complaints
    ]
    for link_id, text in (("complaint_text", details.complaint_text), ("notes", details.notes)):
        if text.strip():
            found.append({"linkId": link_id, "answer": [{"valueString": text.strip()}]})
    if details.consciousness is not None:
        acvpu = {"system": code_system(target.base, "acvpu"), "code": details.consciousness}
        found.append({"linkId": "consciousness", "answer": [{"valueCoding": acvpu}]})
    if details.on_oxygen is not None:
        found.append({"linkId": "on_oxygen", "answer": [{"valueBoolean": details.on_oxygen}]})
    if details.imci_signs:
        system = code_system(target.base, "imci-sign")
        answers = [{"valueCoding": {"system": system, "code": s}} for s in details.imci_signs]
        found.append({"linkId": "imci_signs", "answer": answers})
    return found


def questionnaire_response_entry(visit: Visit, target: Target, subject: Json) -> Json | None:
    """The encounter's form, or None when the nurse recorded nothing on it."""
    answered = items(visit.details, target)
    if not answered:
        return None
    encounter = visit.encounter
    resource: Json = {
        "questionnaire": questionnaire_canonical(target.base),
        "status": "completed",
        "subject": subject,
        "encounter": {"reference": f"Encounter/{visit.fhir_id}"},
    }
    if encounter.ended_at is not None:
        resource["authored"] = fhir_time(encounter.ended_at)
    resource["item"] = answered
    return put_entry("QuestionnaireResponse", questionnaire_response_id(visit), resource)


def chief_complaint(details: Details, language: str) -> str:
    """The free text when there is one, else the checked complaints' displays."""
    if details.complaint_text.strip():
        return details.complaint_text.strip()
    return "; ".join(complaints.display(code, language) for code in details.complaints)


def reason_codes(details: Details, target: Target) -> list[Json]:
    """``Encounter.reasonCode``: the chief complaint as text, then each checked complaint."""
    text = chief_complaint(details, target.language)
    if not text:
        return []
    coded = [
        {"coding": [coding], "text": coding["display"]}
        for coding in (complaint_coding(code, target) for code in details.complaints)
    ]
    return [{"text": text}, *coded]
