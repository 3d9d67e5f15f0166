"""Version 12: search cards (issue 10: search stays fast on an encrypted store).

``patients.search_tokens`` holds the patient's name tokens (see
:func:`kiosk.registry.index.card_tokens`), and ``patients_search_card`` covers it with the
columns a search shows (id, merged_into, names, birth date, sex). Ranking and showing a
candidate then reads one entry of one compact index instead of the token index plus the
wide patients row: half the page reads per candidate, and a working set small enough to
stay in the page cache (every page read from an encrypted file is also decrypted).

Existing patients get their cards from ``patient_tokens``.
"""

import sqlite3
from itertools import groupby

from kiosk.store.schema.base import Migration, script

SQL = """
ALTER TABLE patients ADD COLUMN search_tokens TEXT NOT NULL DEFAULT '';
"""

INDEX = """
CREATE INDEX patients_search_card
    ON patients(id, merged_into, family, given, patronymic, birth_date, sex, search_tokens);
"""


def _apply(conn: sqlite3.Connection) -> None:
    from kiosk.registry.index import card_tokens

    script(SQL)(conn)
    rows = conn.execute("SELECT patient_id, token, field FROM patient_tokens ORDER BY patient_id")
    conn.executemany(
        "UPDATE patients SET search_tokens = ? WHERE id = ?",
        (
            (card_tokens((token, field) for _, token, field in group), patient_id)
            for patient_id, group in groupby(rows, key=lambda row: row[0])
        ),
    )
    script(INDEX)(conn)


MIGRATION = Migration(12, "search cards", _apply)
