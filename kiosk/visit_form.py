"""What the nurse typed and chose in one visit, as data (JSON for the drafts table)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Mapping
from typing import Any

from kiosk.encounter_view import EncounterRecord
from kiosk.quick_visit import Draft
from kiosk.store.db import Store


def new_draft_id() -> str:
    return uuid.uuid4().hex


@dataclasses.dataclass
class VisitForm:
    """What the nurse typed and chose; JSON-able (:meth:`to_json`, :meth:`from_json`)."""

    draft_id: str = dataclasses.field(default_factory=new_draft_id)
    patient_id: str | None = None  # a patient found in the registry
    patient_label: str = ""
    patient_birth_date: str = ""
    family: str = ""
    given: str = ""
    birth_date: str = ""
    typed: dict[str, str] = dataclasses.field(default_factory=dict)
    confirmed: list[str] = dataclasses.field(default_factory=list)
    consciousness: str | None = None
    on_oxygen: bool | None = None
    complaints: list[str] = dataclasses.field(default_factory=list)
    complaint_text: str = ""
    notes: str = ""
    imci_signs: list[str] = dataclasses.field(default_factory=list)
    encounter_id: str | None = None  # the draft encounter that holds the photos

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> VisitForm:
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    @property
    def label(self) -> str:
        """The patient's name as the screen shows it."""
        return self.patient_label or " ".join(p for p in (self.family, self.given) if p).strip()

    def birth(self) -> dt.date | None:
        text = self.patient_birth_date if self.patient_id else self.birth_date
        try:
            return dt.date.fromisoformat(text.strip()) if text.strip() else None
        except ValueError:
            return None

    @property
    def is_empty(self) -> bool:
        """Nothing typed or chosen yet (not worth a draft)."""
        return self == VisitForm(draft_id=self.draft_id)


@dataclasses.dataclass(frozen=True)
class Saved:
    """A saved visit: the encounter's record and the patient's name as shown."""

    record: EncounterRecord
    label: str


@dataclasses.dataclass(frozen=True)
class Resumed:
    """An unfinished visit read back: its form, and its photos' draft encounter if any."""

    form: VisitForm
    draft: Draft | None
    photo_ids: tuple[str, ...]


def load_resumed(store: Store, form: VisitForm) -> Resumed:
    """The draft encounter of ``form`` if it is still a draft, with its photos."""
    if form.encounter_id is None:
        return Resumed(form, None, ())
    rows = store.query(
        "SELECT patient_id, number, status FROM encounters WHERE id = ?", (form.encounter_id,)
    )
    if not rows or rows[0]["status"] != "draft":
        form.encounter_id = None
        return Resumed(form, None, ())
    photos = store.query("SELECT id FROM media WHERE encounter_id = ?", (form.encounter_id,))
    row = rows[0]
    draft = Draft(str(row["patient_id"]), form.encounter_id, str(row["number"]), None)
    return Resumed(form, draft, tuple(str(p["id"]) for p in photos))
