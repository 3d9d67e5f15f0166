"""Version 10: the visit screen's typed state, kept while the nurse types (issue 6).

One row per unfinished visit: ``state`` is the form as JSON (patient fields, typed values,
complaints, free text, chosen options), ``label`` the patient's name as typed, for the
"continue the unfinished visit of …?" question after a crash or power cut. A row is
replaced as the nurse types (debounced) and deleted when the visit is saved or discarded.
Times are UTC (ISO 8601).
"""

from kiosk.store.schema.base import Migration, script

SQL = """
CREATE TABLE visit_drafts (
    id TEXT PRIMARY KEY,
    label TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL CHECK (json_valid(state)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX visit_drafts_updated ON visit_drafts (updated_at)
"""

MIGRATION = Migration(10, "unfinished visits typed on the screen", script(SQL))
