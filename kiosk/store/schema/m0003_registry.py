"""Version 3: the patient registry (names in several scripts, identifiers, a search index).

- ``patients`` gains the patronymic, an estimated-birth-date flag, phone (as typed, plus its
  digits and the digits reversed, both indexed: exact and suffix lookups), address/village,
  ``updated_at`` and the merge record (``merged_into``, ``merged_at``, ``merge_reason``).
- ``patient_names``: every spelling of a patient's name (``usual`` as typed at the post,
  ``official`` from a document, e.g. the Latin of an ID card).
- ``patient_identifiers``: national ids are unique per system (a partial unique index);
  ``other`` documents are free text.
- The search index (clinical.md §7.2 keys, see :mod:`kiosk.names`): ``patient_tokens`` maps
  each folded name token to its patients (primary key on the token: exact and prefix lookups
  are index searches); ``patient_pairs`` maps each unordered pair of a patient's tokens
  (``"erlan kasimov"``; ``weight`` 1 when a token is only in the patronymic, so family and
  given name pairs come first) to the patient, so a two-word query is a handful of index seeks
  however common each word is; ``name_vocab`` is the distinct token vocabulary and
  ``name_vocab_deletes`` its symmetric-delete neighbourhood (every string made by deleting
  up to two letters, indexed): tokens within two edits of a query token share a variant,
  found by index seeks, then re-ranked by :func:`kiosk.names.edit_distance`.
  (An FTS5 trigram table over the vocabulary was tried first: its bm25-ranked candidate
  query alone cost ~2 ms per query token at 100k patients, over the whole budget.)

Existing v2 patients are backfilled: one ``usual`` name each and its tokens. Patronymic
suffixes (-ұлы, -ович...) are not indexed: they tell almost no one apart.
"""

import sqlite3

from kiosk.store.schema.base import Migration, script

SQL = """
ALTER TABLE patients ADD COLUMN patronymic TEXT NOT NULL DEFAULT '';
ALTER TABLE patients ADD COLUMN birth_date_estimated INTEGER NOT NULL DEFAULT 0
    CHECK (birth_date_estimated IN (0, 1));
ALTER TABLE patients ADD COLUMN phone TEXT;
ALTER TABLE patients ADD COLUMN phone_digits TEXT;
ALTER TABLE patients ADD COLUMN phone_reversed TEXT;
ALTER TABLE patients ADD COLUMN address TEXT;
ALTER TABLE patients ADD COLUMN updated_at TEXT;
ALTER TABLE patients ADD COLUMN merged_into TEXT REFERENCES patients(id);
ALTER TABLE patients ADD COLUMN merged_at TEXT;
ALTER TABLE patients ADD COLUMN merge_reason TEXT;
CREATE INDEX patients_phone_digits ON patients(phone_digits) WHERE phone_digits IS NOT NULL;
CREATE INDEX patients_phone_reversed ON patients(phone_reversed)
    WHERE phone_reversed IS NOT NULL;
CREATE INDEX patients_birth_date ON patients(birth_date);
CREATE INDEX patients_merged_into ON patients(merged_into) WHERE merged_into IS NOT NULL;
CREATE TABLE patient_names (
    id INTEGER PRIMARY KEY,
    patient_id TEXT NOT NULL REFERENCES patients(id),
    use TEXT NOT NULL CHECK (use IN ('usual', 'official')),
    family TEXT NOT NULL,
    given TEXT NOT NULL,
    patronymic TEXT NOT NULL DEFAULT ''
);
CREATE INDEX patient_names_patient ON patient_names(patient_id);
CREATE TABLE patient_identifiers (
    patient_id TEXT NOT NULL REFERENCES patients(id),
    system TEXT NOT NULL CHECK (system IN ('kz-iin', 'ru-snils', 'other')),
    value TEXT NOT NULL,
    label TEXT,
    added_at TEXT NOT NULL,
    PRIMARY KEY (patient_id, system, value)
) WITHOUT ROWID;
CREATE UNIQUE INDEX patient_identifiers_national ON patient_identifiers(system, value)
    WHERE system IN ('kz-iin', 'ru-snils');
CREATE INDEX patient_identifiers_value ON patient_identifiers(value);
CREATE TABLE patient_tokens (
    token TEXT NOT NULL,
    patient_id TEXT NOT NULL REFERENCES patients(id),
    field TEXT NOT NULL CHECK (field IN ('family', 'given', 'patronymic')),
    PRIMARY KEY (token, patient_id, field)
) WITHOUT ROWID;
CREATE INDEX patient_tokens_patient ON patient_tokens(patient_id);
CREATE TABLE name_vocab (id INTEGER PRIMARY KEY, token TEXT NOT NULL UNIQUE);
CREATE TABLE name_vocab_deletes (
    variant TEXT NOT NULL,
    vocab_id INTEGER NOT NULL REFERENCES name_vocab(id),
    deletions INTEGER NOT NULL,
    PRIMARY KEY (variant, vocab_id)
) WITHOUT ROWID;
CREATE TABLE patient_pairs (
    pair TEXT NOT NULL,
    weight INTEGER NOT NULL,
    patient_id TEXT NOT NULL REFERENCES patients(id),
    PRIMARY KEY (pair, weight, patient_id)
) WITHOUT ROWID
"""


def _apply(conn: sqlite3.Connection) -> None:
    from kiosk.registry.index import write_index_rows
    from kiosk.registry.model import NameEntry

    script(SQL)(conn)
    conn.execute("UPDATE patients SET updated_at = created_at")
    conn.execute(
        "INSERT INTO patient_names (patient_id, use, family, given) "
        "SELECT id, 'usual', family, given FROM patients ORDER BY created_at, id"
    )
    for patient_id, family, given in conn.execute(
        "SELECT id, family, given FROM patients"
    ).fetchall():
        write_index_rows(conn, patient_id, (NameEntry(family, given),))


MIGRATION = Migration(3, "patient registry and search index", _apply)
