"""The patient registry: registration with validation and duplicate checks, cross-script
fuzzy search, merges that lose nothing, CSV import.

- :mod:`~kiosk.registry.model`: drafts, checked patients, candidates; phone and age helpers.
- :mod:`~kiosk.registry.validation`: errors, warnings and notes of a draft.
- :mod:`~kiosk.registry.register`: duplicates and the one-transaction write.
- :mod:`~kiosk.registry.index` and :mod:`~kiosk.registry.search`: the name index and search.
- :mod:`~kiosk.registry.merge`, :mod:`~kiosk.registry.details`, :mod:`~kiosk.registry.csv_import`.
"""

from kiosk.registry.csv_import import ImportReport, import_csv
from kiosk.registry.details import patient_details
from kiosk.registry.merge import MergeResult, history, merge
from kiosk.registry.model import Candidate, NameEntry, OtherIdentifier, PatientDraft
from kiosk.registry.register import (
    ALL_WARNINGS,
    DUPLICATE_WARNINGS,
    DuplicateIdentifier,
    NeedsConfirmation,
    Registration,
    register,
)
from kiosk.registry.search import search, warm_search_index
from kiosk.registry.validation import IIN_WARNINGS

__all__ = [
    "ALL_WARNINGS",
    "DUPLICATE_WARNINGS",
    "IIN_WARNINGS",
    "Candidate",
    "DuplicateIdentifier",
    "ImportReport",
    "MergeResult",
    "NameEntry",
    "NeedsConfirmation",
    "OtherIdentifier",
    "PatientDraft",
    "Registration",
    "history",
    "import_csv",
    "merge",
    "patient_details",
    "register",
    "search",
    "warm_search_index",
]
