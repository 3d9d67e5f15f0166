"""Clock discipline in the mapping: flag readings taken while the kiosk clock was off.

Pure (no I/O, no clock reads): the offset (kiosk clock minus the server's ``Date``, as sync
last measured it, ``sync_state.clock_offset_s``) is passed in. Beyond
:data:`KIOSK_CLOCK_TOLERANCE_S` (two minutes, issue 7) every reading Observation of the
bundle (one with an ``effective[x]``) gets a ``note`` and a searchable ``meta.tag``
``{base}CodeSystem/sync-flag#kiosk-clock-off``; times stay the kiosk's, never rewritten.

Kept apart from :mod:`sync.fhir_mapping` while that module is being completed; it can be
folded into the encounter mapping as a ``clock_offset_s`` argument later.
"""

from __future__ import annotations

import copy
from typing import Any

KIOSK_CLOCK_TOLERANCE_S = 120.0
CLOCK_FLAG_CODE = "kiosk-clock-off"

Json = dict[str, Any]


def clock_note(offset_s: float | None) -> str | None:
    """The note's text, or None when the clock was within tolerance (or never measured)."""
    if offset_s is None or abs(offset_s) <= KIOSK_CLOCK_TOLERANCE_S:
        return None
    return (
        f"kiosk clock was {offset_s:+.0f} s off the server clock (Date header) when last "
        "checked; times are the kiosk's"
    )


def flag_readings(bundle: Json, offset_s: float | None, base: str) -> Json:
    """A copy of ``bundle`` whose reading Observations carry the clock flag (if needed)."""
    note = clock_note(offset_s)
    if note is None:
        return bundle
    flagged = copy.deepcopy(bundle)
    tag = {"system": f"{base.rstrip('/')}/CodeSystem/sync-flag", "code": CLOCK_FLAG_CODE}
    for entry in flagged.get("entry") or []:
        resource = entry.get("resource") or {}
        if resource.get("resourceType") != "Observation":
            continue
        if not any(key.startswith("effective") for key in resource):
            continue
        resource["note"] = [*resource.get("note", []), {"text": note}]
        resource.setdefault("meta", {}).setdefault("tag", []).append(dict(tag))
    return flagged
