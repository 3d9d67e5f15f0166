"""Shared pieces of the FHIR mapping: identifiers (fhir-mapping.md §2), times, and
transaction entries. Pure functions."""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
import uuid
from collections.abc import Iterable
from typing import Any

from sync import fhir_codes as codes

#: Namespace of the reading resource ids (§3.4): ``uuid5(NAMESPACE, system + "|" + value)``.
#: Generated once for Dala Kiosk; NEVER change it, or replayed readings get new ids.
NAMESPACE = uuid.UUID("41dc8ce7-c286-476b-8480-73dee1c31f8c")
#: A device clock further than this from the kiosk clock gets a note (§3.4 "Clock").
CLOCK_TOLERANCE = dt.timedelta(minutes=5)
MANUAL_NOTE = "entered by hand"
_MAC = re.compile(r"^(?:[0-9A-Fa-f]{2}[-:]){5}[0-9A-Fa-f]{2}$")
_EUI64 = re.compile(r"^(?:[0-9A-Fa-f]{2}[-:]){7}[0-9A-Fa-f]{2}$")
IEEE_SYSID_SYSTEM = "urn:oid:1.2.840.10004.1.1.1.0.0.1.0.0.1.2680"

Json = dict[str, Any]


class MappingError(ValueError):
    """A stored record that cannot become valid FHIR; ``expression`` names the element."""

    def __init__(self, message: str, expression: str | None = None) -> None:
        super().__init__(message)
        self.expression = expression


# --- identifiers (§2) -------------------------------------------------------------------


def sid(base: str, name: str) -> str:
    """``{base}sid/{name}``; ``base`` ends with ``/`` (config guarantees it)."""
    return f"{base if base.endswith('/') else base + '/'}sid/{name}"


def reading_resource_id(system: str, value: str, namespace: uuid.UUID = NAMESPACE) -> str:
    """The Observation id of a device reading (§3.4): stable across re-downloads."""
    return str(uuid.uuid5(namespace, f"{system}|{value}"))


def device_identifier(key: str, base: str) -> Json:
    """The Device identifier of a device key (§2): BT MAC, EUI-64, or the serial key."""
    if _MAC.match(key):
        return {
            "type": {"coding": [{"system": codes.CONTINUA_IDS, "code": "BTMAC"}]},
            "system": codes.BLUETOOTH_SYSTEM,
            "value": key.replace(":", "-").upper(),
        }
    if _EUI64.match(key):
        return {
            "type": {"coding": [{"system": codes.CONTINUA_IDS, "code": "SYSID"}]},
            "system": IEEE_SYSID_SYSTEM,
            "value": key.replace(":", "-").upper(),
        }
    return {"system": sid(base, "device-serial"), "value": key}


def kiosk_identifier(base: str, site: str) -> Json:
    return {"system": sid(base, "kiosk"), "value": site}


def reading_device_key(key: str) -> str:
    """The device part of a reading identifier (§3.4): a MAC/EUI without separators, else
    the serial key as it is (``and-ua767-5181000124`` in §8.1)."""
    if _MAC.match(key) or _EUI64.match(key):
        return re.sub("[-:]", "", key).upper()
    return key


def fhir_time(moment: dt.datetime) -> str:
    """An instant with its zone offset (UTC gives ``+00:00``), to the second."""
    if moment.utcoffset() is None:
        raise MappingError("a time without a zone cannot be sent")
    return moment.isoformat(timespec="seconds")


# --- bundles and entries ----------------------------------------------------------------


def transaction(entries: Iterable[Json]) -> Json:
    return {"resourceType": "Bundle", "type": "transaction", "entry": list(entries)}


def put_entry(resource_type: str, resource_id: str, resource: Json) -> Json:
    return {
        "fullUrl": f"urn:uuid:{resource_id}",
        "resource": {"resourceType": resource_type, "id": resource_id, **resource},
        "request": {"method": "PUT", "url": f"{resource_type}/{resource_id}"},
    }


def conditional_post_entry(resource_type: str, identifier: Json, resource: Json) -> Json:
    system, value = identifier["system"], identifier["value"]
    query = urllib.parse.quote(f"{system}|{value}", safe=":/|-._~")
    return {
        "fullUrl": f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{system}|{value}')}",
        "resource": {"resourceType": resource_type, **resource},
        "request": {"method": "POST", "url": resource_type, "ifNoneExist": f"identifier={query}"},
    }


# --- project canonical URLs under the configured base -----------------------------------

#: Medplum caps plain PUTs at 50 per transaction (fhir-mapping.md §1, ``maxUpdates``).
MAX_TRANSACTION_ENTRIES = 50


def _slash(base: str) -> str:
    return base if base.endswith("/") else base + "/"


def code_system(base: str, name: str) -> str:
    """A project CodeSystem: ``{base}CodeSystem/{name}``."""
    return f"{_slash(base)}CodeSystem/{name}"


def structure_definition(base: str, name: str) -> str:
    """A project extension: ``{base}StructureDefinition/{name}``."""
    return f"{_slash(base)}StructureDefinition/{name}"


def derived_id(root: str, what: str) -> str:
    """A stable resource id the kiosk derives from an encounter's first-version id, for
    resources that have no row of their own (QuestionnaireResponse, score Observations)."""
    return str(uuid.uuid5(NAMESPACE, f"{root}|{what}"))
