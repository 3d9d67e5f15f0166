"""Consultations placed on the FHIR test peer the way the kiosk places them (raw requests).

:func:`case_resources` builds one patient's two visits (an earlier one and the one asked
about: vitals, NEWS2, complaints, a photo each) plus the ServiceRequest + Task of
fhir-mapping.md §8.3; :func:`place_consult` sends them: the clinical resources as plain
``PUT``s in one transaction, the photos as raw ``PUT Binary`` + ``PUT Media``, and the
ServiceRequest + Task with ``POST`` + ``ifNoneExist``, as the kiosk does.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import uuid
from typing import Any

import requests

BASE = "https://dala.example/fhir"
VITALS = {
    "coding": [
        {
            "system": "http://terminology.hl7.org/CodeSystem/observation-category",
            "code": "vital-signs",
        }
    ]
}
H = {"Content-Type": "application/fhir+json", "Accept": "application/fhir+json"}

Resource = dict[str, Any]


@dataclasses.dataclass(frozen=True)
class Placed:
    task_id: str
    service_request_id: str
    patient_id: str
    encounter_id: str
    requester: str


def jpeg(colour: tuple[int, int, int], size: tuple[int, int] = (320, 240)) -> bytes:
    """A small real JPEG (a coloured square with a darker spot, like a skin photo)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, colour)
    ImageDraw.Draw(image).ellipse((100, 70, 200, 170), fill=tuple(c // 2 for c in colour))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def _quantity(value: float, unit: str, code: str) -> Resource:
    return {"value": value, "unit": unit, "system": "http://unitsofmeasure.org", "code": code}


def _observation(
    patient: str, encounter: str, when: str, loinc: str, label: str, **value: Any
) -> Resource:
    return {
        "resourceType": "Observation",
        "id": str(uuid.uuid4()),
        "status": "final",
        "category": [VITALS],
        "code": {"coding": [{"system": "http://loinc.org", "code": loinc, "display": label}]},
        "subject": {"reference": f"Patient/{patient}"},
        "encounter": {"reference": f"Encounter/{encounter}"},
        "effectiveDateTime": when,
        **value,
    }


def _visit(
    patient: str, start: dt.datetime, spo2: float, pulse: float, sys_bp: float
) -> list[Resource]:
    encounter = str(uuid.uuid4())
    when = start.isoformat()
    bp = {
        "component": [
            {
                "code": {"coding": [{"system": "http://loinc.org", "code": "8480-6"}]},
                "valueQuantity": _quantity(sys_bp, "mmHg", "mm[Hg]"),
            },
            {
                "code": {"coding": [{"system": "http://loinc.org", "code": "8462-4"}]},
                "valueQuantity": _quantity(sys_bp - 50, "mmHg", "mm[Hg]"),
            },
        ]
    }
    return [
        {
            "resourceType": "Encounter",
            "id": encounter,
            "status": "finished",
            "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "AMB"},
            "subject": {"reference": f"Patient/{patient}"},
            "period": {"start": when, "end": (start + dt.timedelta(minutes=15)).isoformat()},
            "reasonCode": [{"text": "Одышка при ходьбе, 3 дня"}],
        },
        _observation(
            patient,
            encounter,
            when,
            "2708-6",
            "Oxygen saturation",
            valueQuantity=_quantity(spo2, "%", "%"),
        ),
        _observation(
            patient,
            encounter,
            when,
            "8867-4",
            "Heart rate",
            valueQuantity=_quantity(pulse, "beats/minute", "/min"),
        ),
        _observation(patient, encounter, when, "85354-9", "Blood pressure", **bp),
        _observation(
            patient,
            encounter,
            when,
            "8310-5",
            "Body temperature",
            valueQuantity=_quantity(38.3, "°C", "Cel"),
        ),
    ]


def case_resources(
    *,
    priority: str = "urgent",
    specialty: str = "therapist",
    question: str = "Одышка и температура: лечить на месте или направить?",
    authored: dt.datetime | None = None,
    deadline_hours: float = 4,
) -> tuple[list[Resource], list[tuple[Resource, bytes]], Resource]:
    """(clinical resources, [(Media, JPEG bytes)], consult bundle) for one new patient."""
    authored = authored or dt.datetime(
        2026, 11, 26, 9, 41, tzinfo=dt.timezone(dt.timedelta(hours=5))
    )
    patient = str(uuid.uuid4())
    kiosk = str(uuid.uuid4())
    earlier = _visit(patient, authored - dt.timedelta(days=30, minutes=17), 97, 82, 128)
    current = _visit(patient, authored - dt.timedelta(minutes=17), 93, 104, 142)
    encounter = current[0]["id"]
    clinical: list[Resource] = [
        {
            "resourceType": "Patient",
            "id": patient,
            "name": [{"family": "Қасымов", "given": ["Ерлан"]}],
            "gender": "male",
            "birthDate": "1985-03-14",
        },
        {
            "resourceType": "Device",
            "id": kiosk,
            "identifier": [{"system": f"{BASE}/sid/kiosk", "value": "KZ-AKM-0042"}],
        },
        *earlier,
        *current,
        {
            "resourceType": "Observation",
            "id": str(uuid.uuid4()),
            "status": "final",
            "category": [
                {
                    "coding": [
                        {
                            "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                            "code": "survey",
                        }
                    ]
                }
            ],
            "code": {"coding": [{"system": f"{BASE}/CodeSystem/score", "code": "news2-total"}]},
            "subject": {"reference": f"Patient/{patient}"},
            "encounter": {"reference": f"Encounter/{encounter}"},
            "effectiveDateTime": authored.isoformat(),
            "valueInteger": 6,
            "interpretation": [{"text": "medium"}],
        },
        {
            "resourceType": "QuestionnaireResponse",
            "id": str(uuid.uuid4()),
            "status": "completed",
            "subject": {"reference": f"Patient/{patient}"},
            "encounter": {"reference": f"Encounter/{encounter}"},
            "authored": authored.isoformat(),
            "item": [
                {"linkId": "cough", "text": "Кашель", "answer": [{"valueBoolean": True}]},
                {"linkId": "days", "text": "Сколько дней", "answer": [{"valueInteger": 3}]},
            ],
        },
    ]
    photos = []
    for visit, colour in ((earlier[0], (200, 150, 130)), (current[0], (210, 120, 110))):
        media_id = str(uuid.uuid4())
        data = jpeg(colour)
        media = {
            "resourceType": "Media",
            "id": media_id,
            "status": "completed",
            "subject": {"reference": f"Patient/{patient}"},
            "encounter": {"reference": f"Encounter/{visit['id']}"},
            "createdDateTime": visit["period"]["start"],
            "content": {
                "contentType": "image/jpeg",
                "url": f"Binary/{media_id}",
                "size": len(data),
                "title": "Сыпь на предплечье",
            },
        }
        photos.append((media, data))
    consult = consult_bundle(
        patient, encounter, kiosk, priority, specialty, question, authored, deadline_hours
    )
    return clinical, photos, consult


def consult_bundle(
    patient: str,
    encounter: str,
    kiosk: str,
    priority: str,
    specialty: str,
    question: str,
    authored: dt.datetime,
    deadline_hours: float,
) -> Resource:
    """The §8.3 consult bundle: ServiceRequest + Task, conditional create."""
    sr_key, task_key = str(uuid.uuid4()), str(uuid.uuid4())
    deadline = authored + dt.timedelta(hours=deadline_hours)
    service_request = {
        "resourceType": "ServiceRequest",
        "identifier": [{"system": f"{BASE}/sid/kiosk-consult", "value": sr_key}],
        "status": "active",
        "intent": "order",
        "priority": priority,
        "category": [
            {
                "coding": [
                    {
                        "system": "http://snomed.info/sct",
                        "code": "11429006",
                        "display": "Consultation",
                    }
                ]
            }
        ],
        "code": {"text": "Remote specialist review"},
        "subject": {"reference": f"Patient/{patient}"},
        "encounter": {"reference": f"Encounter/{encounter}"},
        "authoredOn": authored.isoformat(),
        "requester": {"reference": f"Device/{kiosk}"},
        "performerType": {"text": specialty},
        "reasonCode": [{"text": question}],
    }
    task = {
        "resourceType": "Task",
        "identifier": [{"system": f"{BASE}/sid/kiosk-task", "value": task_key}],
        "status": "requested",
        "intent": "order",
        "priority": priority,
        "code": {
            "coding": [{"system": "http://hl7.org/fhir/CodeSystem/task-code", "code": "fulfill"}]
        },
        "focus": {"reference": f"urn:uuid:{sr_key}"},
        "for": {"reference": f"Patient/{patient}"},
        "encounter": {"reference": f"Encounter/{encounter}"},
        "authoredOn": authored.isoformat(),
        "requester": {"reference": f"Device/{kiosk}"},
        "restriction": {"period": {"end": deadline.isoformat()}},
    }
    return {
        "resourceType": "Bundle",
        "type": "transaction",
        "entry": [
            {
                "fullUrl": f"urn:uuid:{sr_key}",
                "resource": service_request,
                "request": {
                    "method": "POST",
                    "url": "ServiceRequest",
                    "ifNoneExist": f"identifier={BASE}/sid/kiosk-consult|{sr_key}",
                },
            },
            {
                "fullUrl": f"urn:uuid:{task_key}",
                "resource": task,
                "request": {
                    "method": "POST",
                    "url": "Task",
                    "ifNoneExist": f"identifier={BASE}/sid/kiosk-task|{task_key}",
                },
            },
        ],
    }


def place_consult(base: str, **options: Any) -> Placed:
    """Send one patient's visits, photos and consult request to ``base`` like a kiosk."""
    clinical, photos, consult = case_resources(**options)
    entries = [
        {"resource": r, "request": {"method": "PUT", "url": f"{r['resourceType']}/{r['id']}"}}
        for r in clinical
    ]
    answer = requests.post(
        base,
        json={"resourceType": "Bundle", "type": "transaction", "entry": entries},
        headers=H,
        timeout=10,
    )
    assert answer.status_code == 200, answer.text
    for media, data in photos:
        put = requests.put(
            f"{base}/Binary/{media['id']}",
            data=data,
            headers={"Content-Type": "image/jpeg"},
            timeout=10,
        )
        assert put.status_code in (200, 201), put.text
        put = requests.put(f"{base}/Media/{media['id']}", json=media, headers=H, timeout=10)
        assert put.status_code in (200, 201), put.text
    answer = requests.post(base, json=consult, headers=H, timeout=10)
    assert answer.status_code == 200, answer.text
    sr_ref, task_ref = (e["response"]["location"] for e in answer.json()["entry"])
    task_id = task_ref.split("Task/", 1)[1].split("/", 1)[0]
    sr_id = sr_ref.split("ServiceRequest/", 1)[1].split("/", 1)[0]
    patient = clinical[0]["id"]
    encounter = consult["entry"][0]["resource"]["encounter"]["reference"].split("/", 1)[1]
    return Placed(task_id, sr_id, patient, encounter, f"Device/{clinical[1]['id']}")
