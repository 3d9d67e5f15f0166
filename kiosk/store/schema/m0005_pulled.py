"""Version 5: what the hospital sends back to this kiosk (fhir-mapping.md §4 "Pulling").

``pulled_resources`` keeps the newest version of each pulled resource (Task, Communication,
later DiagnosticReport …) as its FHIR JSON, keyed by type and server id, with the server's
``meta.versionId`` and ``meta.lastUpdated``: a page is de-duplicated by id + versionId and
committed in the same transaction as the bookmark (``sync_state`` ``pull_bookmark:{type}``).
"""

from kiosk.store.schema.base import Migration, script

SQL = """
CREATE TABLE pulled_resources (
    resource_type TEXT NOT NULL,
    id TEXT NOT NULL,
    version_id TEXT NOT NULL,
    last_updated TEXT NOT NULL,
    resource TEXT NOT NULL,
    pulled_at TEXT NOT NULL,
    PRIMARY KEY (resource_type, id)
);
CREATE INDEX pulled_resources_updated ON pulled_resources(resource_type, last_updated)
"""

MIGRATION = Migration(5, "resources pulled from the hospital", script(SQL))
