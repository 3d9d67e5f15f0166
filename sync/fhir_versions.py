"""Corrections as new versions of the same FHIR resources (fhir-mapping.md §3.3). Pure.

A correction is a new encounter row in the store (own id, copies of the readings with new
ids, :mod:`kiosk.encounters`). On the server it must be the *same* record, updated, so that
``_history`` shows what changed. Decisions:

- the Encounter of every version is ``PUT Encounter/{first version's id}``, identifier the
  first version's number; a correction adds the project extension ``encounter-correction``
  (version, reason, author, date);
- a reading copied unchanged into the new version keeps the Observation id the previous
  version sent (copies are matched by content: type, value, unit, source, times, device,
  flags, code, raw frame) and keeps its status (``final``, or ``amended`` if an earlier
  correction changed it);
- an Observation whose content changed keeps its id and becomes ``amended``;
- a new Observation that replaces one of the same kind (resource type + first code) which
  the new version no longer has — a corrected value — takes over that id, ``amended``;
- what the previous version sent and the new one no longer has is sent once more with
  ``status: entered-in-error`` (a removed reading, a NEWS2 that is now incomplete);
- a reading added by the correction with nothing to replace is a new Observation, ``final``.

The QuestionnaireResponse and the score Observations have ids derived from the first
version's id, so they follow the same rules (``amended`` when the answers changed).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from kiosk.domain import Encounter, Reading
from sync.fhir_common import Json

AMENDED = "amended"
RETRACTED = "entered-in-error"


def _content(reading: Reading) -> tuple[Any, ...]:
    return (
        reading.type, reading.value, reading.unit, str(reading.source), reading.kiosk_time,
        reading.device_time, reading.flags, reading.code, reading.driver_id, reading.device_key,
        reading.raw,
    )  # fmt: skip


def carried_ids(
    current: Encounter, previous: Encounter, sent_as: Mapping[str, str]
) -> dict[str, str]:
    """Reading id in ``current`` → the Observation id its copy in ``previous`` was sent as."""
    pool: dict[tuple[Any, ...], list[str]] = {}
    for reading in sorted(previous.readings, key=lambda r: (r.kiosk_time, r.id)):
        pool.setdefault(_content(reading), []).append(reading.id)
    carried: dict[str, str] = {}
    for reading in sorted(current.readings, key=lambda r: (r.kiosk_time, r.id)):
        same = pool.get(_content(reading))
        if same:
            origin = same.pop(0)
            if origin in sent_as:
                carried[reading.id] = sent_as[origin]
    return carried


def _id(entry: Json) -> str:
    return str(entry["resource"]["id"])


def _kind(entry: Json) -> tuple[str, str]:
    resource = entry["resource"]
    codings = resource.get("code", {}).get("coding", [{}])
    return str(resource["resourceType"]), str(codings[0].get("code", ""))


def _without_status(entry: Json) -> Json:
    return {k: v for k, v in entry["resource"].items() if k != "status"}


def _as(entry: Json, status: str, resource_id: str | None = None) -> Json:
    resource_id = resource_id or _id(entry)
    resource_type = entry["resource"]["resourceType"]
    resource = {**entry["resource"], "id": resource_id, "status": status}
    return {
        "fullUrl": f"urn:uuid:{resource_id}",
        "resource": resource,
        "request": {"method": "PUT", "url": f"{resource_type}/{resource_id}"},
    }


def reconcile(
    current: Sequence[Json], previous: Sequence[Json]
) -> tuple[list[Json], dict[str, str]]:
    """This version's entries against what the previous version sent (rules above).

    Returns the entries to send and the renames (new id → the replaced Observation's id).
    """
    live = {_id(e): e for e in previous if e["resource"]["status"] != RETRACTED}
    placed: dict[int, Json] = {}
    waiting: list[int] = []
    for index, entry in enumerate(current):
        before = live.pop(_id(entry), None)
        if before is None:
            waiting.append(index)
        elif _without_status(before) == _without_status(entry):
            placed[index] = _as(entry, str(before["resource"]["status"]))
        else:
            placed[index] = _as(entry, AMENDED)
    renames: dict[str, str] = {}
    for index in waiting:
        entry = current[index]
        partner = next((key for key, e in live.items() if _kind(e) == _kind(entry)), None)
        if partner is None:
            placed[index] = entry
            continue
        del live[partner]
        renames[_id(entry)] = partner
        placed[index] = _as(entry, AMENDED, partner)
    sent = [placed[index] for index in range(len(current))]
    sent += [_as(entry, RETRACTED) for entry in live.values()]
    return sent, renames
