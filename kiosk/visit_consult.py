"""A consultation asked for on the review step, sent with the visit (Qt-free).

The nurse picks the specialty and the urgency (suggested from the score: NEWS2 or IMCI
priority ``stat`` → ``emergency``, ``urgent`` → ``urgent``, else ``routine``), types the
question and chooses which photos and which measurements go with it. The request needs a
saved encounter (:mod:`kiosk.consults`), so it is placed in the visit's own transaction
right after the encounter is saved: the visit and its request commit together.
:mod:`kiosk.consults` is optional; without it the review step offers no consultation.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
from types import ModuleType

from kiosk.encounter_view import EncounterRecord
from kiosk.errors import ValidationError
from kiosk.store.db import Store
from kiosk.visit_values import ScorePanel

#: Score colour → the urgency offered first.
SUGGESTED = {"red": "emergency", "amber": "urgent"}


def consults_module() -> ModuleType | None:
    """:mod:`kiosk.consults` when installed, else None."""
    try:
        return importlib.import_module("kiosk.consults")
    except ImportError:
        return None


@dataclasses.dataclass(frozen=True)
class ConsultChoice:
    specialty: str
    urgency: str
    question: str
    photo_ids: tuple[str, ...] = ()
    reading_types: tuple[str, ...] = ()

    def check(self) -> ConsultChoice:
        """The same checks the request will meet (raises ValidationError now)."""
        module = consults_module()
        if not self.specialty:
            raise ValidationError("visit.consult_no_specialty")
        if module is None or self.specialty not in module.SPECIALTIES:
            raise ValidationError("consult.bad_specialty", specialty=self.specialty)
        if self.urgency not in module.URGENCIES:
            raise ValidationError("consult.bad_urgency", urgency=self.urgency)
        question = self.question.strip()
        if not question:
            raise ValidationError("consult.empty_question")
        if len(question) > module.MAX_QUESTION_CHARS:
            raise ValidationError("consult.question_too_long", limit=module.MAX_QUESTION_CHARS)
        return dataclasses.replace(self, question=question)


def suggested_urgency(panel: ScorePanel) -> str:
    return SUGGESTED.get(panel.colour, "routine")


def place(store: Store, choice: ConsultChoice, record: EncounterRecord, now: dt.datetime) -> str:
    """Queue the request for the saved encounter (in the caller's transaction); its id."""
    module = consults_module()
    assert module is not None, "checked before the visit was stored"
    wanted = set(choice.reading_types)
    readings = tuple(r.id for r in record.encounter.readings if r.type in wanted)
    request = module.ConsultRequest(
        encounter_id=record.encounter.id,
        specialty=choice.specialty,
        urgency=choice.urgency,
        question=choice.question,
        media_ids=choice.photo_ids,
        reading_ids=readings,
    )
    return str(module.request_consult(store, request, now=now))
