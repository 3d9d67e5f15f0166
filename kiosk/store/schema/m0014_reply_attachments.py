"""Version 14: new readings and photos the nurse attaches to her reply (docs/consults.md).

``consult_message_attachments``: one row per reading (``reading``) or photo (``media``) that
goes with a reply of the nurse (``consult_messages`` with ``direction = 'reply'``). They come
from a saved visit of the same patient recorded after the specialist's question arrived
(:func:`kiosk.consult_messages.reply` checks it); the reply's Communication names them
(``payload.contentReference`` → ``Observation/…`` / ``Media/…``).

Stores of earlier versions had no attachments on replies: the table starts empty.
"""

from kiosk.store.schema.base import Migration, script

SQL = """
CREATE TABLE consult_message_attachments (
    message_id TEXT NOT NULL REFERENCES consult_messages(id),
    kind TEXT NOT NULL CHECK (kind IN ('media', 'reading')),
    ref TEXT NOT NULL,
    PRIMARY KEY (message_id, kind, ref)
)
"""

MIGRATION = Migration(14, "readings and photos attached to the nurse's reply", script(SQL))
