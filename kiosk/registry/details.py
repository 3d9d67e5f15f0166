"""One patient's full record, as ``kiosk patients show`` and the UI's patient card read it."""

from __future__ import annotations

from typing import Any

from kiosk import identifiers
from kiosk.domain import utc_now
from kiosk.errors import UserFacingError
from kiosk.registry.merge import history
from kiosk.security import audit
from kiosk.store.db import Store

_FIELDS = (
    "id", "family", "given", "patronymic", "sex", "birth_date", "birth_date_estimated",
    "phone", "address", "created_at", "updated_at", "merged_into", "merged_at", "merge_reason",
    "server_id", "language",
)  # fmt: skip


def patient_details(store: Store, patient_id: str) -> dict[str, Any]:
    """Everything stored about a patient: names, identifiers, merges, encounters."""
    rows = store.query(f"SELECT {', '.join(_FIELDS)} FROM patients WHERE id = ?", (patient_id,))
    if not rows:
        raise UserFacingError("patient.not_found", patient_id=patient_id)
    record = dict(rows[0])
    record["birth_date_estimated"] = bool(record["birth_date_estimated"])
    record["names"] = store.query(
        "SELECT use, family, given, patronymic FROM patient_names WHERE patient_id = ? ORDER BY id",
        (patient_id,),
    )
    ids = store.query(
        "SELECT system, value, label FROM patient_identifiers WHERE patient_id = ? "
        "ORDER BY system, value",
        (patient_id,),
    )
    for row in ids:
        if row["system"] == identifiers.SNILS:
            row["display"] = identifiers.format_snils(row["value"])
    record["identifiers"] = ids
    record["replaced"] = store.query(
        "SELECT id, merged_at, merge_reason FROM patients WHERE merged_into = ? ORDER BY merged_at",
        (patient_id,),
    )
    record["encounters"] = history(store, patient_id)
    audit.record_view(store, "Patient", patient_id, now=utc_now())
    return record
