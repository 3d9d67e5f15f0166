"""Version 8: teleconsultation requests (issue 9; fhir-mapping.md §4; docs/consults.md).

``consults``: one row per request the nurse made from a saved visit. ``id`` and ``task_id``
are the kiosk UUIDs of the ServiceRequest and the Task (their ``kiosk-consult`` /
``kiosk-task`` identifiers); ``deadline`` = ``requested_at`` + the urgency's response time
(UTC). ``state`` is ``queued`` until the hospital's server has the Task, then follows
``Task.status`` as pulled. What the hospital learned or wrote comes back into the row:
``server_request_id``, ``server_task_id``, ``task_version`` (the Task's ``meta.versionId``
the kiosk last saw, for ``If-Match``), ``owner_display``, ``status_reason``, the answer
(``answer_text``, ``answer_decision``, ``answer_codes`` JSON list of ICD-10 codes,
``follow_up`` date, ``answered_at``) and ``unread`` until the nurse has seen it.

Re-routing and escalating: the new row's ``replaces`` names the old one and the old row's
``replaced_by`` the new one; ``cancel_requested_at`` asks sync to cancel the old Task,
``cancel_outcome`` records whether it was cancelled (``done``) or the hospital had changed
it first (``conflict``); ``kiosk_note`` (``rerouted`` / ``escalated`` / ``cancel_conflict``)
is shown translated when the hospital gave no reason.

``consult_attachments``: the photos (``media``) and readings (``reading``) the nurse chose
to include (ServiceRequest ``supportingInfo``).

Stores of earlier versions had no requests: the tables start empty.
"""

from kiosk.store.schema.base import Migration, script

SQL = """
CREATE TABLE consults (
    id TEXT PRIMARY KEY,
    task_id TEXT NOT NULL UNIQUE,
    encounter_id TEXT NOT NULL REFERENCES encounters(id),
    patient_id TEXT NOT NULL REFERENCES patients(id),
    specialty TEXT NOT NULL,
    urgency TEXT NOT NULL CHECK (urgency IN ('routine', 'urgent', 'emergency')),
    question TEXT NOT NULL CHECK (length(trim(question)) > 0),
    requested_at TEXT NOT NULL,
    deadline TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'requested', 'accepted',
        'in-progress', 'on-hold', 'answered', 'rejected', 'cancelled', 'failed')),
    replaces TEXT REFERENCES consults(id),
    replaced_by TEXT REFERENCES consults(id),
    cancel_requested_at TEXT,
    cancel_outcome TEXT CHECK (cancel_outcome IN ('done', 'conflict')),
    kiosk_note TEXT CHECK (kiosk_note IN ('rerouted', 'escalated', 'cancel_conflict')),
    server_request_id TEXT,
    server_task_id TEXT,
    task_version TEXT,
    task_updated TEXT,
    owner_display TEXT,
    status_reason TEXT,
    answer_text TEXT,
    answer_decision TEXT,
    answer_codes TEXT NOT NULL DEFAULT '[]',
    follow_up TEXT,
    answered_at TEXT,
    unread INTEGER NOT NULL DEFAULT 0 CHECK (unread IN (0, 1)),
    updated_at TEXT NOT NULL
);
CREATE INDEX consults_patient ON consults(patient_id, requested_at);
CREATE INDEX consults_encounter ON consults(encounter_id);
CREATE INDEX consults_server_task ON consults(server_task_id);
CREATE TABLE consult_attachments (
    consult_id TEXT NOT NULL REFERENCES consults(id),
    kind TEXT NOT NULL CHECK (kind IN ('media', 'reading')),
    ref TEXT NOT NULL,
    PRIMARY KEY (consult_id, kind, ref)
)
"""

MIGRATION = Migration(8, "teleconsultation requests", script(SQL))
