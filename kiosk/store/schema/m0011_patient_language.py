"""Version 11: the patient's language (issue 6: the printed visit summary in it).

``patients.language`` is the language the patient reads, ``kk``, ``ru`` or ``en``
(a BCP 47 code, sent as ``Patient.communication[0].language``, fhir-mapping.md §3.1), or
NULL when nobody asked: the summary then falls back to Russian. Existing patients stay
NULL — no language is guessed for them.
"""

from kiosk.store.schema.base import Migration, script

SQL = """
ALTER TABLE patients ADD COLUMN language TEXT
    CHECK (language IS NULL OR language IN ('kk', 'ru', 'en'))
"""

MIGRATION = Migration(11, "the patient's language", script(SQL))
