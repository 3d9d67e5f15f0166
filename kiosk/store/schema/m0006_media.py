"""Version 6: clinical photos (issue 8; fhir-mapping.md §3.5).

``media``: one row per stored photo of a draft encounter. ``path`` and ``thumb_path`` are
relative to the media folder; ``size``, ``sha256`` (the kiosk's own checks) and ``sha1``
(FHIR ``Attachment.hash``) describe the stored JPEG's bytes. ``body_site_code`` /
``body_site_display`` are SNOMED CT (kiosk/media/sites.py). The quality gate's verdict and
metrics (JSON) are kept, and ``kept_anyway_reason`` when the nurse kept a photo the gate
judged poor. ``state``: ``ready`` (file present), ``missing`` (start-up reconciliation found
the file gone; the row stays as evidence and the outbox item is not sent).

File first, row second (kiosk/media/photos.py): a row never points at a file that was not
completely written, and files without a row are removed at start-up.

Outbox: a photo's ``binary`` item is queued in the same transaction as its row, *held*
(``next_at`` = :data:`HELD`) while the encounter is a draft. The trigger
``media_release_on_encounter_save`` releases the held items of an encounter's photos when
its ``encounter`` item is queued (the save transaction) and makes them depend on it, so a
Media never reaches the server before its Encounter, and the encounter never waits for
its photos (binary items have the lowest priority). Photos can only be added to a draft:
triggers refuse adding or deleting photos of a saved encounter.
"""

from kiosk.store.schema.base import Migration, script

HELD = "9999-12-31T23:59:59+00:00"

SQL = f"""
CREATE TABLE media (
    id TEXT PRIMARY KEY,
    encounter_id TEXT NOT NULL REFERENCES encounters(id),
    patient_id TEXT NOT NULL REFERENCES patients(id),
    path TEXT NOT NULL UNIQUE,
    thumb_path TEXT NOT NULL,
    content_type TEXT NOT NULL DEFAULT 'image/jpeg',
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    sha1 TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    body_site_code TEXT,
    body_site_display TEXT,
    note TEXT NOT NULL DEFAULT '',
    quality TEXT NOT NULL CHECK (quality IN ('ok', 'blurry', 'too-dark', 'too-bright')),
    metrics TEXT NOT NULL DEFAULT '{{}}',
    kept_anyway_reason TEXT,
    created_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'ready' CHECK (state IN ('ready', 'missing')),
    CHECK (quality = 'ok' OR length(trim(coalesce(kept_anyway_reason, ''))) > 0)
);
CREATE INDEX media_encounter ON media(encounter_id, created_at);
CREATE INDEX media_state ON media(state);
CREATE TRIGGER media_of_saved_insert BEFORE INSERT ON media
WHEN (SELECT status FROM encounters WHERE id = NEW.encounter_id) = 'finished'
BEGIN SELECT RAISE(ABORT, 'a saved encounter is immutable'); END;
CREATE TRIGGER media_of_saved_delete BEFORE DELETE ON media
WHEN (SELECT status FROM encounters WHERE id = OLD.encounter_id) = 'finished'
BEGIN SELECT RAISE(ABORT, 'a saved encounter is immutable'); END;
CREATE TRIGGER media_release_on_encounter_save AFTER INSERT ON outbox
WHEN NEW.kind = 'encounter'
BEGIN
    INSERT OR IGNORE INTO outbox_deps (item_id, depends_on)
        SELECT o.id, NEW.id FROM outbox o JOIN media m ON m.id = o.ref
        WHERE o.kind = 'binary' AND o.next_at = '{HELD}' AND m.encounter_id = NEW.ref;
    UPDATE outbox SET next_at = NEW.next_at
        WHERE kind = 'binary' AND next_at = '{HELD}'
        AND ref IN (SELECT id FROM media WHERE encounter_id = NEW.ref);
END
"""

MIGRATION = Migration(6, "clinical photos", script(SQL))
