"""Clinical photos: stored JPEG + thumbnail on disk, one ``media`` row, one ``binary`` item.

Crash consistency — the file first, the row second:

1. the JPEG and its thumbnail are written to ``.tmp/`` under the media folder, flushed and
   ``fsync``ed, renamed into ``photos/`` and ``thumbs/``, and the folders ``fsync``ed;
2. only then one transaction inserts the row and queues the outbox item.

A crash before 2 leaves files without a row; :func:`reconcile` (run at start-up, before
anything saves) deletes them and anything left in ``.tmp/``. So a row never points at a
half-written file. A file that disappears later (a technician, a bad card) is found by
:func:`reconcile` too: its row is marked ``missing`` (kept as evidence, not sent) and turns
``ready`` again if a restore brings the file back.

Outbox: the ``binary`` item (ref = media id) is queued with the row but *held* while the
encounter is a draft; saving the encounter releases it and makes it wait for the
encounter's own item (a trigger of the media migration). Photos belong to a draft: a saved
encounter is immutable, so adding a photo to one is refused.

At rest, in an encrypted store, both files are sealed with AES-256-GCM under the store's
media key (:mod:`kiosk.security.media_crypto`); ``size``/``sha256`` describe the JPEG
itself. Read them through :func:`read_file`, which refuses a tampered file.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import numpy as np

from kiosk import services
from kiosk.domain import new_id
from kiosk.errors import UserFacingError, ValidationError
from kiosk.media import jpeg
from kiosk.media.cv import cv2
from kiosk.media.quality import Image, Quality, Verdict, assess
from kiosk.media.sites import BodySite, body_site
from kiosk.security import media_crypto
from kiosk.store import outbox
from kiosk.store.db import Store
from kiosk.store.records import to_db_time

#: ``next_at`` of a binary item held until its encounter is saved (see the migration).
HELD = "9999-12-31T23:59:59+00:00"
PHOTOS, THUMBS, TMP = "photos", "thumbs", ".tmp"
MAX_NOTE = 500
STATES = ("ready", "missing")


@dataclasses.dataclass(frozen=True, slots=True)
class Photo:
    id: str
    encounter_id: str
    patient_id: str
    path: str  # relative to the media folder
    thumb_path: str
    size: int
    sha256: str
    sha1: str
    width: int
    height: int
    body_site: BodySite | None
    note: str
    quality: Verdict
    metrics: dict[str, float]
    kept_anyway_reason: str | None
    created_at: str
    state: str

    def to_json(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["quality"] = self.quality.value
        data["body_site"] = dataclasses.asdict(self.body_site) if self.body_site else None
        return data


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_durably(media_dir: Path, relative: str, data: bytes) -> Path:
    """``data`` at ``media_dir/relative``, complete or not at all (temp name, fsync, rename)."""
    final = media_dir / relative
    tmp_dir = media_dir / TMP
    tmp_dir.mkdir(parents=True, exist_ok=True)
    final.parent.mkdir(parents=True, exist_ok=True)
    part = tmp_dir / (relative.replace("/", "_") + ".part")
    try:
        with open(part, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(part, final)
        _fsync_dir(final.parent)
    except OSError as error:
        with contextlib.suppress(OSError):
            part.unlink()
        raise UserFacingError("media.write_failed", reason=error.strerror or str(error)) from error
    return final


def _note(text: str) -> str:
    text = (text or "").strip()
    if len(text) > MAX_NOTE:
        raise ValidationError("media.note_too_long", limit=MAX_NOTE)
    return text


def save_photo(
    store: Store,
    *,
    media_dir: Path,
    encounter_id: str,
    image: Image,
    now: dt.datetime,
    site: str | None = None,
    note: str = "",
    keep_anyway_reason: str | None = None,
    quality: Quality | None = None,
) -> Photo:
    """Gate, encode and store one photo of a draft encounter (see module docstring).

    A photo the gate judged poor is stored only with ``keep_anyway_reason`` (recorded).
    """
    media_dir = Path(media_dir)
    encounter = services._draft(store, encounter_id)
    chosen, note = body_site(site), _note(note)
    quality = quality or assess(image)
    reason = (keep_anyway_reason or "").strip() or None
    if not quality.ok and reason is None:
        raise ValidationError("media.reason_required", verdict=quality.verdict.value)
    if reason is not None and len(reason) > MAX_NOTE:
        raise ValidationError("media.note_too_long", limit=MAX_NOTE)
    encoded = jpeg.encode_for_storage(image)
    media_id = new_id()
    path, thumb_path = f"{PHOTOS}/{media_id}.jpg", f"{THUMBS}/{media_id}.jpg"
    written = [
        write_durably(
            media_dir, thumb_path, media_crypto.seal_for(store, thumb_path, jpeg.thumbnail(image))
        ),
        write_durably(media_dir, path, media_crypto.seal_for(store, path, encoded.data)),
    ]
    photo = Photo(
        id=media_id,
        encounter_id=encounter_id,
        patient_id=encounter.patient_id,
        path=path,
        thumb_path=thumb_path,
        size=len(encoded.data),
        sha256=encoded.sha256,
        sha1=encoded.sha1,
        width=encoded.width,
        height=encoded.height,
        body_site=chosen,
        note=note,
        quality=quality.verdict,
        metrics=quality.metrics(),
        kept_anyway_reason=reason,
        created_at=to_db_time(now),
        state="ready",
    )
    try:
        with store.transaction() as conn:
            services._draft(store, encounter_id)  # still a draft, inside the transaction
            conn.execute(
                "INSERT INTO media (id, encounter_id, patient_id, path, thumb_path, size, "
                "sha256, sha1, width, height, body_site_code, body_site_display, note, quality, "
                "metrics, kept_anyway_reason, created_at, state) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ready')",
                (
                    photo.id, photo.encounter_id, photo.patient_id, path, thumb_path,
                    photo.size, photo.sha256, photo.sha1, photo.width, photo.height,
                    chosen.code if chosen else None, chosen.display if chosen else None,
                    note, photo.quality.value, json.dumps(photo.metrics), reason,
                    photo.created_at,
                ),
            )  # fmt: skip
            item = outbox.enqueue(conn, "binary", media_id, now)
            conn.execute("UPDATE outbox SET next_at = ? WHERE id = ?", (HELD, item))
    except BaseException:
        for file in written:  # best effort; reconcile() removes whatever stays
            with contextlib.suppress(OSError):
                file.unlink()
        raise
    return photo


_COLUMNS = (
    "id, encounter_id, patient_id, path, thumb_path, size, sha256, sha1, width, height, "
    "body_site_code, note, quality, metrics, kept_anyway_reason, created_at, state"
)


def _photo(row: dict[str, Any]) -> Photo:
    code = row.pop("body_site_code")
    return Photo(
        **row
        | {
            "body_site": body_site(code) if code else None,
            "quality": Verdict(row["quality"]),
            "metrics": json.loads(row["metrics"]),
        }
    )


def read_file(store: Store, media_dir: Path, relative: str) -> bytes:
    """The plain bytes of a media file (``photos/…`` or ``thumbs/…``); ``media.tampered``
    when a sealed file is not authentic. ``OSError`` when it cannot be read."""
    return media_crypto.open_for(store, relative, (Path(media_dir) / relative).read_bytes())


def _stored_size_ok(file: Path, size: int) -> bool:
    return file.is_file() and file.stat().st_size in (size, media_crypto.sealed_size(size))


def get_photo(store: Store, media_id: str) -> Photo:
    rows = store.query(f"SELECT {_COLUMNS} FROM media WHERE id = ?", (media_id,))
    if not rows:
        raise UserFacingError("media.not_found", media_id=media_id)
    return _photo(rows[0])


def photos_of(store: Store, encounter_id: str) -> list[Photo]:
    rows = store.query(
        f"SELECT {_COLUMNS} FROM media WHERE encounter_id = ? ORDER BY created_at, id",
        (encounter_id,),
    )
    return [_photo(row) for row in rows]


def counts(store: Store) -> dict[str, int]:
    """Photos by state, every state present (for ``kiosk status``)."""
    found = {
        row["state"]: row["n"]
        for row in store.query("SELECT state, count(*) AS n FROM media GROUP BY state")
    }
    return {state: int(found.get(state, 0)) for state in STATES}


@dataclasses.dataclass(frozen=True)
class Reconciled:
    removed: list[str]  # orphan files deleted (paths relative to the media folder)
    missing: list[str]  # media ids whose file is gone (marked 'missing')
    restored: list[str]  # media ids whose file came back (marked 'ready')
    thumbs_rebuilt: list[str]


def _decoded(store: Store, media_dir: Path, relative: str) -> Image | None:
    try:
        data = read_file(store, media_dir, relative)
    except (OSError, UserFacingError):
        return None
    image: Image | None = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    return image


def reconcile(store: Store, media_dir: Path) -> Reconciled:
    """Make files and rows agree after a crash. Run at start-up, when nothing else saves
    photos: a file being written by another process at that moment would look orphaned."""
    media_dir = Path(media_dir)
    if store.encrypted and not media_crypto.all_sealed(store.conn):
        media_crypto.seal_folder(store.conn, media_dir, (PHOTOS, THUMBS))
    rows = store.query("SELECT id, path, thumb_path, size, state FROM media")
    known = {row["path"] for row in rows} | {row["thumb_path"] for row in rows}
    removed: list[str] = []
    for folder in (PHOTOS, THUMBS, TMP):
        base = media_dir / folder
        if not base.is_dir():
            continue
        for file in sorted(base.iterdir()):
            relative = f"{folder}/{file.name}"
            if file.is_file() and (folder == TMP or relative not in known):
                file.unlink()
                removed.append(relative)
    missing, restored, rebuilt = [], [], []
    for row in rows:
        main = media_dir / row["path"]
        present = _stored_size_ok(main, row["size"])
        if not present and row["state"] == "ready":
            missing.append(row["id"])
        elif present and row["state"] == "missing":
            restored.append(row["id"])
        if present and not (media_dir / row["thumb_path"]).is_file():
            image = _decoded(store, media_dir, row["path"])
            if image is not None:
                thumb = media_crypto.seal_for(store, row["thumb_path"], jpeg.thumbnail(image))
                write_durably(media_dir, row["thumb_path"], thumb)
                rebuilt.append(row["id"])
    if missing or restored:
        with store.transaction() as conn:
            conn.executemany(
                "UPDATE media SET state = 'missing' WHERE id = ?", [(m,) for m in missing]
            )
            conn.executemany(
                "UPDATE media SET state = 'ready' WHERE id = ?", [(m,) for m in restored]
            )
    return Reconciled(removed, missing, restored, rebuilt)
