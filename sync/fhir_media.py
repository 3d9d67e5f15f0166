"""A clinical photo as an R4 ``Media`` (fhir-mapping.md §3.5). Pure: no I/O, no clock.

The bytes go separately as ``PUT Binary/{id}`` (raw ``image/jpeg``, :mod:`sync.photos`);
the Media points at them with ``content.url = "Binary/{id}"`` and carries their size and
``hash`` (base64 of the SHA-1, as R4 defines ``Attachment.hash``). The Binary and the
Media share the photo's kiosk UUID, so a retry is ``PUT`` of the same ids.

Kept small on purpose: an R5 server wants a ``DocumentReference`` with the same
``content.attachment`` (:func:`attachment`), which would be a second small function here.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt

from sync.fhir_common import Json, fhir_time, kiosk_identifier
from sync.fhir_observations import reference

MEDIA_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/media-type"
SNOMED = "http://snomed.info/sct"


@dataclasses.dataclass(frozen=True, slots=True)
class PhotoInput:
    """One stored photo, as the mapping needs it (:mod:`sync.photos` reads it)."""

    id: str
    content_type: str
    size: int
    sha1_hex: str
    width: int
    height: int
    created_at: dt.datetime
    body_site_code: str | None = None
    body_site_display: str | None = None
    note: str = ""


@dataclasses.dataclass(frozen=True, slots=True)
class MediaTarget:
    """Where the photo belongs: the Encounter id the encounter mapping PUTs (the first
    version's id), the Patient's server id, the kiosk Device's server id (or None)."""

    encounter_id: str
    patient_ref: str
    kiosk_ref: str | None
    base: str
    site: str


def sha1_base64(sha1_hex: str) -> str:
    """R4 ``Attachment.hash``: base64 of the raw SHA-1 digest."""
    return base64.b64encode(bytes.fromhex(sha1_hex)).decode("ascii")


def attachment(photo: PhotoInput) -> Json:
    title = photo.body_site_display or "Clinical photo"
    return {
        "contentType": photo.content_type,
        "url": f"Binary/{photo.id}",
        "size": photo.size,
        "hash": sha1_base64(photo.sha1_hex),
        "title": f"{title}, {photo.created_at.date().isoformat()}",
        "creation": fhir_time(photo.created_at),
    }


def media_resource(photo: PhotoInput, target: MediaTarget) -> Json:
    """``Media/{photo.id}`` (resourceType and id included), ready for ``PUT``."""
    resource: Json = {
        "resourceType": "Media",
        "id": photo.id,
        "status": "completed",
        "type": {"coding": [{"system": MEDIA_TYPE_SYSTEM, "code": "image", "display": "Image"}]},
        "subject": {"reference": f"Patient/{target.patient_ref}"},
        "encounter": {"reference": f"Encounter/{target.encounter_id}"},
        "createdDateTime": fhir_time(photo.created_at),
    }
    if photo.body_site_code:
        coding: Json = {"system": SNOMED, "code": photo.body_site_code}
        if photo.body_site_display:
            coding["display"] = photo.body_site_display
        resource["bodySite"] = {"coding": [coding]}
    resource["device"] = reference(
        "Device", target.kiosk_ref, kiosk_identifier(target.base, target.site)
    )
    resource["height"] = photo.height
    resource["width"] = photo.width
    resource["content"] = attachment(photo)
    if photo.note:
        resource["note"] = [{"text": photo.note}]
    return resource
