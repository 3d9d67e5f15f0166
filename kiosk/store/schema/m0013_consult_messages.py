"""Version 13: the specialist's questions to the nurse and her replies (docs/consults.md).

``consult_messages``: one row per message about a teleconsultation request.

- ``question``: a Communication the specialist sent (pulled while the Task is ``on-hold``);
  ``server_id`` is its id on the hospital's server (unique: pulled once), ``sender_ref`` /
  ``sender_display`` who asked, ``sent_at`` its ``sent`` time as the server gave it.
- ``reply``: what the nurse typed; ``id`` is the kiosk UUID that identifies the reply's
  Communication (``{base}/sid/kiosk-message``, conditional create: a retry never makes a
  second one), ``in_response_to`` the question's row, ``sent_at`` when she saved it (UTC),
  and ``server_id`` once the server holds it. A ``consult`` outbox item whose ``ref`` is the
  reply's id sends it (sync/consult_reply.py).

Stores of earlier versions had no conversation: the table starts empty.
"""

from kiosk.store.schema.base import Migration, script

SQL = """
CREATE TABLE consult_messages (
    id TEXT PRIMARY KEY,
    consult_id TEXT NOT NULL REFERENCES consults(id),
    direction TEXT NOT NULL CHECK (direction IN ('question', 'reply')),
    server_id TEXT UNIQUE,
    in_response_to TEXT REFERENCES consult_messages(id),
    sender_ref TEXT,
    sender_display TEXT,
    text TEXT NOT NULL CHECK (length(trim(text)) > 0),
    sent_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    CHECK (direction = 'question' OR in_response_to IS NOT NULL)
);
CREATE INDEX consult_messages_consult ON consult_messages(consult_id, created_at);
CREATE UNIQUE INDEX consult_messages_one_reply ON consult_messages(in_response_to)
    WHERE direction = 'reply'
"""

MIGRATION = Migration(13, "questions to the nurse and her replies", script(SQL))
