"""The registry's patient record as a FHIR Patient (fhir-mapping.md §2, §3.1, §8.2). Pure.

Decisions (kiosk policy, documented in docs and the report):

- **Identifiers**: a checksum-valid IIN → ``{base}sid/kz-iin`` with type ``v2-0203#NI``; a
  checksum-valid SNILS → ``{base}sid/ru-snils`` with type ``v2-0203#SB``; a SNILS too low to
  carry a checksum (not above 001-001-998) and any invalid national ID are **not sent**;
  other documents → ``{base}sid/other-document`` with the nurse's label as ``type.text``;
  always the kiosk patient UUID (``{base}sid/kiosk-patient``).
- **Registration**: with a sendable national ID (IIN first, else SNILS) the Patient is a
  conditional create, ``POST`` + ``ifNoneExist`` on that identifier; without one,
  ``PUT Patient/{uuid}``.
- **Names**: every stored spelling is a ``HumanName`` with its stored ``use`` (``usual`` as
  typed, in any script; ``official`` only when the nurse typed the Latin spelling from the ID
  document). Nothing is transliterated here. The patronymic is the **second ``given``**
  (Russian practice: ``given = [first name, patronymic]``), and ``text`` is the full name as
  written (family, given, patronymic).
- **Estimated birth date** (from an age): the date is sent as stored, marked with the
  project extension ``{base}StructureDefinition/birth-date-estimated`` (``valueBoolean``
  true) on ``_birthDate``, so a month-precise infant estimate is not lost and the hospital
  can tell it is not a documented date.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import urllib.parse

from kiosk import identifiers
from kiosk.domain import Sex
from kiosk.registry.model import NameEntry
from sync.fhir_common import Json, put_entry, sid, structure_definition, transaction

V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203"
#: identifier system name (§2) and v2-0203 type of each national identifier
NATIONAL: dict[str, tuple[str, str]] = {
    identifiers.IIN: ("kz-iin", "NI"),
    identifiers.SNILS: ("ru-snils", "SB"),
}
OTHER_DOCUMENT = "other-document"
ESTIMATED_BIRTH_DATE = "birth-date-estimated"


@dataclasses.dataclass(frozen=True, slots=True)
class PatientRecord:
    """What the registry holds about one (surviving) patient, as the mapping needs it."""

    id: str
    names: tuple[NameEntry, ...]
    sex: Sex = Sex.UNKNOWN
    birth_date: dt.date | None = None
    birth_date_estimated: bool = False
    #: (system, value, label): system is ``kz-iin``, ``ru-snils`` or ``other``
    identifiers: tuple[tuple[str, str, str | None], ...] = ()
    phone: str | None = None
    address: str | None = None
    #: ``kk`` / ``ru`` / ``en`` when the registry records it (``patients.language``)
    language: str | None = None


def valid_national_id(system: str, value: str) -> str | None:
    """The normalised value of a checksum-valid national ID, else None (never sent)."""
    try:
        if system == identifiers.IIN:
            return identifiers.validate_iin(value).value
        if system == identifiers.SNILS:
            snils = identifiers.validate_snils(value)
            return None if identifiers.snils_is_unchecked(snils) else snils
    except identifiers.InvalidIdentifier:
        return None
    return None


def patient_identifiers(record: PatientRecord, base: str) -> list[Json]:
    national: list[Json] = []
    others: list[Json] = []
    for system, value, label in record.identifiers:
        if system in NATIONAL:
            checked = valid_national_id(system, value)
            if checked is None:
                continue
            name, type_code = NATIONAL[system]
            national.append(
                {
                    "type": {"coding": [{"system": V2_0203, "code": type_code}]},
                    "system": sid(base, name),
                    "value": checked,
                }
            )
        elif system == identifiers.OTHER and value.strip():
            other: Json = {"system": sid(base, OTHER_DOCUMENT), "value": value.strip()}
            if label:
                other = {"type": {"text": label}, **other}
            others.append(other)
    national.sort(key=lambda i: (i["system"] != sid(base, "kz-iin"), i["system"], i["value"]))
    own = {"system": sid(base, "kiosk-patient"), "value": record.id}
    return [*national, own, *others]


def human_name(name: NameEntry) -> Json:
    """One spelling; the patronymic is the second ``given`` (see the module docstring)."""
    given = [part for part in (name.given.strip(), name.patronymic.strip()) if part]
    text = " ".join(part for part in (name.family.strip(), *given) if part)
    result: Json = {"use": name.use, "text": text}
    if name.family.strip():
        result["family"] = name.family.strip()
    if given:
        result["given"] = given
    return result


def patient_record_resource(record: PatientRecord, base: str) -> Json:
    resource: Json = {"identifier": patient_identifiers(record, base)}
    names = list(dict.fromkeys(record.names))  # a merge may bring the same spelling twice
    if names:
        resource["name"] = [human_name(name) for name in names]
    resource["gender"] = str(record.sex)
    if record.birth_date is not None:
        resource["birthDate"] = record.birth_date.isoformat()
        if record.birth_date_estimated:
            url = structure_definition(base, ESTIMATED_BIRTH_DATE)
            resource["_birthDate"] = {"extension": [{"url": url, "valueBoolean": True}]}
    if record.phone:
        resource["telecom"] = [{"system": "phone", "value": record.phone}]
    if record.address:
        resource["address"] = [{"use": "home", "text": record.address}]
    if record.language:
        language = {"coding": [{"system": "urn:ietf:bcp:47", "code": record.language}]}
        resource["communication"] = [{"language": language, "preferred": True}]
    return resource


def registration_key(resource: Json) -> Json | None:
    """The national identifier a conditional create matches on (IIN first), if any."""
    for identifier in resource["identifier"]:
        if "type" in identifier and identifier["type"].get("coding"):
            return dict(identifier)
    return None


def patient_record_bundle(record: PatientRecord, base: str) -> Json:
    """``register-patient`` (§3.1, §8.2): conditional create on a national ID, else PUT."""
    resource = patient_record_resource(record, base)
    key = registration_key(resource)
    if key is None:
        return transaction([put_entry("Patient", record.id, resource)])
    query = urllib.parse.quote(f"{key['system']}|{key['value']}", safe=":/|-._~")
    entry = {
        "fullUrl": f"urn:uuid:{record.id}",
        "resource": {"resourceType": "Patient", **resource},
        "request": {"method": "POST", "url": "Patient", "ifNoneExist": f"identifier={query}"},
    }
    return transaction([entry])
