"""The complaint checklist shipped with the kiosk (fhir-mapping.md §3.6).

The structured part of a complaint is a set of codes from this list; everything else is
free text in the language it was typed in. The list is versioned: the FHIR side sends the
answers as a ``QuestionnaireResponse`` of ``QUESTIONNAIRE_URL|QUESTIONNAIRE_VERSION`` with
each code as ``item.linkId`` and its ``display`` in the kiosk's language. Codes are never
renamed once shipped (old encounters keep them); a new complaint is a new code.
"""

from __future__ import annotations

from kiosk.errors import ValidationError

QUESTIONNAIRE_URL = "https://dala.health/fhir/Questionnaire/kiosk-complaints"
QUESTIONNAIRE_VERSION = "1"

#: code -> (kk, ru, en) display text
CHECKLIST: dict[str, tuple[str, str, str]] = {
    "fever": ("Қызба", "Лихорадка", "Fever"),
    "cough": ("Жөтел", "Кашель", "Cough"),
    "shortness_of_breath": ("Ентігу", "Одышка", "Shortness of breath"),
    "chest_pain": ("Кеуде ауыруы", "Боль в груди", "Chest pain"),
    "headache": ("Бас ауыруы", "Головная боль", "Headache"),
    "dizziness": ("Бас айналу", "Головокружение", "Dizziness"),
    "abdominal_pain": ("Іш ауыруы", "Боль в животе", "Abdominal pain"),
    "diarrhoea": ("Іш өту", "Диарея", "Diarrhoea"),
    "vomiting": ("Құсу", "Рвота", "Vomiting"),
    "sore_throat": ("Тамақ ауыруы", "Боль в горле", "Sore throat"),
    "rash": ("Бөртпе", "Сыпь", "Rash"),
    "back_pain": ("Бел ауыруы", "Боль в спине", "Back pain"),
    "joint_pain": ("Буын ауыруы", "Боль в суставах", "Joint pain"),
    "urinary_symptoms": ("Зәр шығару бұзылысы", "Нарушение мочеиспускания", "Urinary symptoms"),
    "fatigue": ("Әлсіздік", "Слабость", "Weakness or fatigue"),
    "palpitations": ("Жүрек қағуы", "Сердцебиение", "Palpitations"),
    "injury": ("Жарақат", "Травма", "Injury"),
    "pregnancy_check": ("Жүктілік бақылауы", "Наблюдение беременности", "Pregnancy check"),
    "chronic_follow_up": (
        "Созылмалы ауруды бақылау",
        "Наблюдение хронического заболевания",
        "Chronic disease follow-up",
    ),
    "other": ("Басқа", "Другое", "Other"),
}

MAX_FREE_TEXT = 2000


def validate_codes(codes: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Known codes, de-duplicated, in checklist order; an unknown code is refused."""
    unknown = sorted(set(codes) - set(CHECKLIST))
    if unknown:
        raise ValidationError("complaint.unknown_code", code=", ".join(unknown))
    chosen = set(codes)
    return tuple(code for code in CHECKLIST if code in chosen)


def validate_text(text: str, key: str = "complaint.text_too_long") -> str:
    cleaned = text.strip()
    if len(cleaned) > MAX_FREE_TEXT:
        raise ValidationError(key, limit=MAX_FREE_TEXT)
    return cleaned


def display(code: str, language: str) -> str:
    from kiosk.i18n import LANGUAGES

    return CHECKLIST[code][LANGUAGES.index(language)]
