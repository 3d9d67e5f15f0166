"""What the specialist console works with: work items, a case, an answer (Qt-free data).

The console's FHIR client (:mod:`sync.specialist`) turns server resources into these frozen
dataclasses, and the screens in ``ui/review`` only show them. Resources the case came from
are kept as plain dicts (``raw``) where a later step needs them again (the Task for the
versioned update, the ServiceRequest for ``basedOn``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from typing import Any

from sync.fhir_consult import SPECIALTY_CODES

Resource = dict[str, Any]

#: The specialties the kiosk can ask for (ServiceRequest.performerType.text): the kiosk's
#: mapping table's, which a test keeps equal to kiosk.consults.SPECIALTIES.
SPECIALTIES = tuple(SPECIALTY_CODES)

#: Task statuses that are still open for a specialist.
OPEN_STATUSES = ("requested", "received", "accepted", "in-progress", "on-hold")

#: Lower ranks first: stat before urgent before routine (FHIR request-priority).
PRIORITY_RANK = {"stat": 0, "asap": 1, "urgent": 2, "routine": 3}


class Decision(enum.StrEnum):
    """What the kiosk should do next (Task.output type.text "decision")."""

    MANAGE_LOCALLY = "manage-locally"
    REFER_DISTRICT = "refer-district"
    URGENT_TRANSPORT = "urgent-transport"


@dataclasses.dataclass(frozen=True, slots=True)
class Specialist:
    """Who works at this console: the Task.owner written on claim."""

    reference: str  # "Practitioner/{id}"
    display: str
    specialties: tuple[str, ...] = ()

    def owner(self) -> Resource:
        return {"reference": self.reference, "display": self.display}


@dataclasses.dataclass(frozen=True, slots=True)
class WorkItem:
    """One open request in the worklist."""

    task_id: str
    service_request_id: str
    status: str
    priority: str
    specialty: str
    question: str
    deadline: dt.datetime | None
    authored: dt.datetime | None
    owner_reference: str | None
    owner_display: str | None
    patient_reference: str
    encounter_reference: str | None
    #: ServiceRequest.note texts, as written (e.g. the kiosk's "photos could not be sent").
    notes: tuple[str, ...] = ()

    def sort_key(self) -> tuple[int, dt.datetime, dt.datetime]:
        """Urgency first, then the nearest deadline, then the oldest request."""
        far = dt.datetime.max.replace(tzinfo=dt.UTC)
        return (
            PRIORITY_RANK.get(self.priority, len(PRIORITY_RANK)),
            self.deadline or far,
            self.authored or far,
        )


@dataclasses.dataclass(frozen=True, slots=True)
class Reading:
    """One value of one vital sign or lab result, ready to show and to plot."""

    code: str  # the first LOINC code (or the first code of any system)
    label: str
    text: str  # "93 %", "142/91 mmHg"
    values: tuple[float, ...]  # the numbers (two for blood pressure)
    unit: str
    when: dt.datetime | None
    encounter: str | None
    category: str  # vital-signs | laboratory | …


@dataclasses.dataclass(frozen=True, slots=True)
class Photo:
    """A photo of the case (Media + its Binary bytes, fetched in the background)."""

    media_id: str
    title: str
    content_type: str
    data: bytes
    when: dt.datetime | None
    encounter: str | None


@dataclasses.dataclass(frozen=True, slots=True)
class Message:
    """One Communication of the conversation: ``question`` (a specialist asked) or
    ``reply`` (the kiosk answered)."""

    communication_id: str
    role: str
    text: str
    sender: str
    sent: dt.datetime | None


@dataclasses.dataclass(frozen=True, slots=True)
class Case:
    """Everything the specialist sees for one request."""

    item: WorkItem
    patient_name: str
    patient_gender: str
    patient_birth_date: str
    encounter_start: dt.datetime | None
    complaint: str
    vitals: tuple[Reading, ...]  # this visit
    history: tuple[Reading, ...]  # earlier visits of the same patient
    labs: tuple[Reading, ...]
    lab_conclusions: tuple[str, ...]
    news2_score: int | None
    news2_band: str
    complaints: tuple[tuple[str, str], ...]  # (question, answer) from QuestionnaireResponse
    photos: tuple[Photo, ...]  # this visit
    earlier_photos: tuple[Photo, ...]
    thread: tuple[Message, ...] = ()  # questions to the nurse and her replies, oldest first

    def trend(self, code: str) -> list[Reading]:
        """Earlier visits' readings of ``code`` and this visit's, oldest first."""
        readings = [r for r in (*self.history, *self.vitals) if r.code == code and r.when]
        return sorted(readings, key=lambda r: r.when or dt.datetime.min.replace(tzinfo=dt.UTC))


@dataclasses.dataclass(frozen=True, slots=True)
class Diagnosis:
    code: str
    title: str


@dataclasses.dataclass(frozen=True, slots=True)
class Answer:
    """The specialist's reply to one request."""

    advice: str
    diagnoses: tuple[Diagnosis, ...]
    decision: Decision
    follow_up: dt.date | None
    plan: str = ""


def parse_instant(text: object) -> dt.datetime | None:
    """A FHIR dateTime/instant as an aware datetime (UTC when it had no zone); else None."""
    if not isinstance(text, str) or not text:
        return None
    value = text.replace("Z", "+00:00")
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        try:
            parsed = dt.datetime.fromisoformat(value[:10])
        except ValueError:
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
