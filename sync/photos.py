"""Photos on their own lane: Binary + Media, within a size budget, verified by hash
(fhir-mapping.md §3.5, §5, §6).

One ``binary`` outbox item (``ref`` = the media id) is one photo. It becomes due only when
its encounter's item is acked (a dependency the store adds when the encounter is saved),
and the engine sends photos one at a time, only when no clinical item is due
(:class:`sync.engine.SyncEngine`), so a large photo never holds back the vitals.

:func:`prepare` reads and checks, before any airtime is spent:

- a row marked ``missing`` (start-up reconciliation found the file gone), an unreadable
  file, or a file whose SHA-256 (or size, or SHA-1) differs from the row is **quarantined**
  with the reason: the wrong bytes are never sent;
- a photo over the upload budget (``SyncSettings.photo_max_bytes``, 250 KiB by default,
  what kiosk/media stores) is quarantined;
- the Media (:mod:`sync.fhir_media`) is validated with the ``fhir.resources`` R4B model.

:func:`upload` then does ``PUT Binary/{id}`` (the raw ``image/jpeg`` bytes), ``PUT
Media/{id}`` (JSON), and reads the bytes back with ``GET Binary/{id}`` (``Accept:
image/jpeg``): the item is acked only when size and SHA-1 match. Both PUTs are by the
kiosk's id, so a retry after a lost answer is harmless. A read-back that does not match is
retried later (the photo is uploaded again); the :data:`MISMATCH_LIMIT`-th mismatch
quarantines the photo (counted in ``sync_state`` ``photo_mismatches:{id}`` until the photo
is acked or quarantined).
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import requests

from kiosk import encounters
from kiosk.config import KioskConfig
from kiosk.errors import UserFacingError
from kiosk.media import photos as kiosk_photos
from kiosk.store import outbox
from kiosk.store.db import Store
from kiosk.store.outbox import OutboxItem
from kiosk.store.schema.m0006_media import HELD
from sync.bundles import KIOSK_SERVER_ID_KEY, LocalRejection, set_state
from sync.client import FhirClient, Outcome, Verdict, classify, operation_outcome, unanswered
from sync.fhir_common import Json
from sync.fhir_media import MediaTarget, PhotoInput, media_resource
from sync.fhir_sources import patient_reference

__all__ = ["HELD", "PHOTO_KIND", "Prepared", "Result", "counts", "prepare", "send", "upload"]

PHOTO_KIND = "binary"
#: The read-back mismatched this many times in a row: quarantine, a person looks.
MISMATCH_LIMIT = 3
MISMATCH_PREFIX = "photo_mismatches:"
READ_BACK_STATUS = "200 OK (read back: size and SHA-1 match)"


@dataclasses.dataclass(frozen=True, slots=True)
class Prepared:
    """A photo ready to go: its checked bytes and its validated Media."""

    media_id: str
    data: bytes
    content_type: str
    media: Json


@dataclasses.dataclass(frozen=True, slots=True)
class Result:
    outcome: Outcome
    mismatch: bool = False  # the read-back differed from what was sent


def prepare(store: Store, config: KioskConfig, media_id: str, max_bytes: int) -> Prepared:
    """The checked bytes and Media of one photo; :class:`LocalRejection` when it cannot go."""
    rows = store.query("SELECT * FROM media WHERE id = ?", (media_id,))
    if not rows:
        raise LocalRejection("the photo record is missing", "Media")
    row = rows[0]
    if row["state"] == "missing":
        raise LocalRejection(
            f"the photo file {row['path']} is missing on the kiosk; nothing was sent "
            "(restore the file, then re-queue)",
            "Media.content",
        )
    data = _read(store, Path(config.media_dir), row)
    if len(data) > max_bytes:
        raise LocalRejection(
            f"the photo is {len(data)} bytes, over the upload budget of {max_bytes} bytes",
            "Media.content.size",
        )
    photo = PhotoInput(
        id=media_id,
        content_type=str(row.get("content_type") or "image/jpeg"),
        size=len(data),
        sha1_hex=str(row["sha1"]),
        width=int(row["width"]),
        height=int(row["height"]),
        created_at=dt.datetime.fromisoformat(str(row["created_at"])),
        body_site_code=row.get("body_site_code"),
        body_site_display=row.get("body_site_display"),
        note=str(row.get("note") or ""),
    )
    media = media_resource(photo, target(store, config, row))
    validate_media(media)
    return Prepared(media_id, data, photo.content_type, media)


def _read(store: Store, media_dir: Path, row: dict[str, Any]) -> bytes:
    try:  # decrypted and authenticated (kiosk/security/media_crypto.py)
        data = kiosk_photos.read_file(store, media_dir, str(row["path"]))
    except UserFacingError as error:
        raise LocalRejection(
            f"the photo file {row['path']} does not match its record (its authentication "
            "failed); the wrong bytes are never sent",
            "Media.content.hash",
        ) from error
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise LocalRejection(
            f"the photo file {row['path']} cannot be read ({reason}); nothing was sent",
            "Media.content",
        ) from error
    if (
        len(data) != row["size"]
        or hashlib.sha256(data).hexdigest() != row["sha256"]
        or hashlib.sha1(data, usedforsecurity=False).hexdigest() != row["sha1"]
    ):
        raise LocalRejection(
            f"the photo file {row['path']} does not match its record (size / SHA-256); "
            "the wrong bytes are never sent",
            "Media.content.hash",
        )
    return data


def target(store: Store, config: KioskConfig, row: dict[str, Any]) -> MediaTarget:
    """References as the encounter bundle makes them: the Encounter id the mapping PUTs
    (the first version's id, for a photo of a correction), the Patient's server id."""
    encounter_id = str(row["encounter_id"])
    amendment = encounters.amendment_of(store, encounter_id)
    kiosk = store.scalar("SELECT value FROM sync_state WHERE key = ?", (KIOSK_SERVER_ID_KEY,))
    return MediaTarget(
        encounter_id=encounter_id if amendment is None else amendment.root_id,
        patient_ref=patient_reference(store, str(row["patient_id"])),
        kiosk_ref=None if kiosk is None else str(kiosk),
        base=config.identifier_base,
        site=config.site,
    )


def validate_media(media: Json) -> None:
    """Local validation with the ``fhir.resources`` R4B Media model (§6)."""
    from fhir.resources.R4B.media import Media
    from pydantic import ValidationError

    try:
        Media.model_validate(media)
    except ValidationError as error:
        problems = error.errors()
        where = ".".join(str(part) for part in problems[0]["loc"]) if problems else ""
        text = problems[0]["msg"] if problems else "validation failed"
        raise LocalRejection(f"invalid FHIR Media: {text}", where or None) from error


# --- the upload -------------------------------------------------------------------------------


def send(
    store: Store,
    config: KioskConfig,
    client: FhirClient,
    item: OutboxItem,
    max_bytes: int,
    now: dt.datetime,
) -> Outcome:
    """One ``binary`` item end to end, as an :class:`Outcome` the engine acts on: a local
    refusal or the :data:`MISMATCH_LIMIT`-th mismatch is QUARANTINE, and so is a conflict
    (there is no bundle to re-read; a person looks)."""
    try:
        prepared = prepare(store, config, item.ref, max_bytes)
    except LocalRejection as error:
        return Outcome(Verdict.QUARANTINE, None, error.outcome)
    outbox.mark_sending(store, item.id)
    result = upload(client, prepared, now)
    outcome = result.outcome
    if outcome.verdict is Verdict.CONFLICT or (
        result.mismatch and note_mismatch(store, item.ref) >= MISMATCH_LIMIT
    ):
        outcome = dataclasses.replace(outcome, verdict=Verdict.QUARANTINE)
    if outcome.verdict in (Verdict.ACKED, Verdict.QUARANTINE):
        forget_mismatches(store, item.ref)
    return outcome


def upload(client: FhirClient, photo: Prepared, now: dt.datetime) -> Result:
    """``PUT Binary``, ``PUT Media``, ``GET Binary``; acked only when the bytes match."""
    entries: list[dict[str, Any]] = []
    try:
        steps = (
            (f"Binary/{photo.media_id}", photo.data, photo.content_type),
            (f"Media/{photo.media_id}", _compact(photo.media), "application/fhir+json"),
        )
        for path, body, content_type in steps:
            response = client.put(path, body, content_type)
            if not 200 <= response.status_code < 300:
                return Result(classify(response, 0, now))
            entries.append(_written(response, path))
        response = client.get(f"Binary/{photo.media_id}", accept=photo.content_type)
    except requests.RequestException as error:
        return Result(unanswered(error))
    status = response.status_code
    if status in (404, 410) or 200 <= status < 300:
        held = _bytes_of(response) if status == 200 else None
        if held is not None and _same(held, photo.data):
            entries.append({"status": READ_BACK_STATUS, "location": f"Binary/{photo.media_id}"})
            return Result(Outcome(Verdict.ACKED, status, None, tuple(entries)))
        text = f"read-back of Binary/{photo.media_id} does not match what was sent: " + (
            f"HTTP {status}"
            if held is None
            else f"{len(held)} bytes, SHA-1 {_sha1_b64(held)}; sent {len(photo.data)} bytes, "
            f"SHA-1 {_sha1_b64(photo.data)}"
        )
        return Result(Outcome(Verdict.RETRY, status, operation_outcome(text, "processing")), True)
    return Result(classify(response, 0, now))


def _compact(resource: Json) -> bytes:
    return json.dumps(resource, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _written(response: requests.Response, path: str) -> dict[str, Any]:
    """What the kiosk keeps of a write's answer: status, location, ETag (§1.4)."""
    entry: dict[str, Any] = {"status": f"{response.status_code} {response.reason or ''}".strip()}
    entry["location"] = response.headers.get("Location") or path
    if response.headers.get("ETag"):
        entry["etag"] = response.headers["ETag"]
    return entry


def _bytes_of(response: requests.Response) -> bytes | None:
    """The Binary's bytes: the raw body, or ``data`` of a JSON Binary when the server
    ignores ``Accept``."""
    if "json" not in response.headers.get("Content-Type", ""):
        return response.content
    try:
        document = response.json()
        return base64.b64decode(str(document.get("data") or ""), validate=True)
    except (ValueError, AttributeError):
        return None


def _same(held: bytes, sent: bytes) -> bool:
    return len(held) == len(sent) and _sha1_b64(held) == _sha1_b64(sent)


def _sha1_b64(data: bytes) -> str:
    return base64.b64encode(hashlib.sha1(data, usedforsecurity=False).digest()).decode()


# --- bookkeeping ------------------------------------------------------------------------------


def note_mismatch(store: Store, media_id: str) -> int:
    """Count one more read-back mismatch of this photo; returns the count."""
    key = MISMATCH_PREFIX + media_id
    with store.transaction() as conn:
        row = conn.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
        count = (int(row[0]) if row and str(row[0]).isdigit() else 0) + 1
        set_state(conn, key, str(count))
    return count


def forget_mismatches(store: Store, media_id: str) -> None:
    with store.transaction() as conn:
        set_state(conn, MISMATCH_PREFIX + media_id, None)


def counts(store: Store) -> dict[str, int]:
    """Photo items by outbox state (``sending`` counts as pending); ``held``: photos of
    drafts, not sendable until their encounter is saved (not counted as pending)."""
    found = {
        str(row["state"]): int(row["n"])
        for row in store.query(
            "SELECT CASE WHEN state = 'pending' AND next_at = ? THEN 'held' ELSE state END "
            "AS state, count(*) AS n FROM outbox WHERE kind = ? GROUP BY 1",
            (HELD, PHOTO_KIND),
        )
    }
    return {
        "acked": found.get("acked", 0),
        "pending": found.get("pending", 0) + found.get("sending", 0),
        "quarantined": found.get("quarantined", 0),
        "held": found.get("held", 0),
    }
