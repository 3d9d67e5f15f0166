"""What the encounter mapping takes: one saved encounter version and where it is going.

Pure data. :mod:`sync.fhir_sources` fills these from the store; tests build them by hand.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from kiosk.domain import Encounter
from kiosk.store.encounter_records import Check, Details, Score


@dataclasses.dataclass(frozen=True)
class Visit:
    """One saved version of an encounter with everything the nurse recorded.

    A correction (``version`` > 1) carries the first version's id and number (``root_id``,
    ``root_number``, from :func:`kiosk.encounters.amendment_of`), who/when/why, and the
    version it supersedes as ``previous`` (itself a :class:`Visit`, down to version 1).
    """

    encounter: Encounter
    details: Details = dataclasses.field(default_factory=Details)
    checks: Mapping[str, Check] = dataclasses.field(default_factory=dict)
    score: Score | None = None
    version: int = 1
    root_id: str | None = None
    root_number: str | None = None
    corrected_by: str | None = None
    corrected_at: str | None = None
    correction_reason: str | None = None
    previous: Visit | None = None

    @property
    def fhir_id(self) -> str:
        """Every version is sent as the same Encounter: the first version's id."""
        return self.root_id or self.encounter.id

    @property
    def fhir_number(self) -> str:
        return self.root_number or self.encounter.number


@dataclasses.dataclass(frozen=True)
class Target:
    """References and naming the bundle needs (server ids known so far, configured base)."""

    patient_ref: str
    device_refs: Mapping[str, str]
    kiosk_ref: str | None
    base: str
    site: str
    #: the kiosk's language: displays of the complaint checklist (kk / ru / en)
    language: str = "en"
