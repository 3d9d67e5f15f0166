"""The whole record of one encounter row, as ``kiosk encounters show`` prints it."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from kiosk import complaints
from kiosk.domain import Encounter, Reading
from kiosk.errors import UserFacingError
from kiosk.i18n import current_language
from kiosk.store import encounter_records as er
from kiosk.store import records
from kiosk.store.db import Store


@dataclasses.dataclass(frozen=True)
class EncounterRecord:
    """One encounter row with everything the record holds (what ``encounters show`` prints)."""

    encounter: Encounter
    details: er.Details
    checks: Mapping[str, er.Check]
    score: er.Score | None
    version: er.Version
    versions: tuple[er.Version, ...]
    rejects: tuple[dict[str, Any], ...]

    @property
    def needs_confirmation(self) -> list[Reading]:
        return [r for r in self.encounter.readings if self._check(r).needs_confirmation]

    def _check(self, reading: Reading) -> er.Check:
        return self.checks.get(reading.id) or er.Check("unchecked", ("not_checked",))

    def to_json(self) -> dict[str, Any]:
        e, language = self.encounter, current_language()
        return {
            "id": e.id,
            "number": e.number,
            "patient_id": e.patient_id,
            "status": str(e.status),
            "version": self.version.version,
            "current": self.version.current,
            "started_at": e.started_at.isoformat(),
            "ended_at": e.ended_at.isoformat() if e.ended_at else None,
            "complaints": [
                {"code": c, "display": complaints.display(c, language)}
                for c in self.details.complaints
            ],
            "complaint_text": self.details.complaint_text,
            "notes": self.details.notes,
            "assessment": {
                "consciousness": self.details.consciousness,
                "on_oxygen": self.details.on_oxygen,
                "imci_signs": list(self.details.imci_signs),
            },
            "readings": [_reading_json(r, self._check(r)) for r in e.readings],
            "score": None if self.score is None else self.score.to_json(),
            "versions": [v.to_json() for v in self.versions],
            "rejected_values": list(self.rejects),
        }


def _reading_json(r: Reading, check: er.Check) -> dict[str, Any]:
    return {
        "id": r.id,
        "type": r.type,
        "value": r.value,
        "unit": r.unit,
        "code": r.code,
        "source": str(r.source),
        "flags": list(r.flags),
        "driver": r.driver_id,
        "device": r.device_key,
        "device_time": r.device_time,
        "kiosk_time": r.kiosk_time.isoformat(),
        "raw": r.raw.hex(" "),
        "plausibility": check.to_json(),
    }


def load(store: Store, encounter_id: str) -> EncounterRecord:
    encounter = records.get_encounter(store, encounter_id)
    version = er.get_version(store.conn, encounter_id)
    if encounter is None or version is None:
        raise UserFacingError("encounter.not_found", encounter_id=encounter_id)
    return EncounterRecord(
        encounter=encounter,
        details=er.get_details(store.conn, encounter_id),
        checks=er.get_checks(store.conn, encounter_id),
        score=er.get_score(store.conn, encounter_id),
        version=version,
        versions=tuple(er.lineage(store.conn, encounter_id)),
        rejects=tuple(er.get_rejects(store.conn, encounter_id)),
    )
