"""Online backup and verified restore of the store (and the media folder).

- :func:`backup` uses SQLite's online backup API in one step: under WAL that is a
  consistent snapshot taken while the kiosk keeps writing (writers are never blocked). The
  copy is written to a temporary name, switched to a single-file journal, checked
  (``integrity_check``), fsynced and renamed, then a manifest ``kiosk-STAMP.json`` records
  its SHA-256, size, schema version and row counts. The media folder is copied next to it.
- :func:`restore` verifies the file first (manifest hash when there is one, integrity,
  foreign keys, a schema this program knows) and refuses while another process has the
  store open (:func:`~kiosk.security.encrypted_store.store_in_use`). The current store is
  kept aside as a safety copy (taken with the backup API, so a WAL not yet checkpointed is
  in it), then the verified file replaces the store by an atomic rename.

Encryption: a backup of an encrypted store is encrypted with the same key (the backup API
copies pages through SQLCipher), and its manifest names the key (``key_id``, a fingerprint,
never the key). Restore opens it with the kiosk's key ring (current, pending or retired keys
of ``KIOSK_KEY_DIR``, see :mod:`kiosk.security.keys`); a backup made before a rotation is
re-keyed to the current key before it replaces the store. A plain backup of an earlier
version is restored as it is and encrypted in place when the kiosk next opens it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

from kiosk.errors import StoreError, UserFacingError
from kiosk.security.encrypted_store import DB_ERRORS, connect, open_file, store_in_use
from kiosk.security.keys import KeyRing, default_key_dir
from kiosk.store.migrations import LATEST_VERSION

#: The byte SQLite's unix VFS holds a shared lock on, in ``-shm``, while a connection is
#: open in WAL mode (``UNIX_SHM_DMS``): if we cannot lock it exclusively, someone has it.
COUNTED_TABLES = ("patients", "encounters", "readings", "outbox")
_COPY_FAILURES: tuple[type[Exception], ...] = (OSError, *DB_ERRORS)


@dataclasses.dataclass(frozen=True)
class BackupResult:
    path: Path
    manifest_path: Path
    manifest: dict[str, Any]


def _stamp(now: dt.datetime) -> str:
    return now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _copy_database(source: Path, target: Path) -> str | None:
    """A consistent copy of ``source`` (WAL content included) as one journal-free file,
    encrypted with the same key as ``source``; returns that key's id (None: plain)."""
    opened = open_file(source)
    src, key = opened.conn, opened.key
    try:
        if not target.exists():
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT, 0o600))
        dst = connect(target, key)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    _fsync(target)
    return None if key is None else key.key_id


def inspect(path: Path) -> dict[str, Any]:
    """Integrity, foreign keys, schema version and row counts of a store file (read-only);
    raises ``restore.bad_backup`` with the reason."""
    if not path.is_file():
        raise UserFacingError("restore.bad_backup", path=str(path), reason="no such file")
    try:
        opened = open_file(path, read_only=True)
        conn = opened.conn
    except DB_ERRORS as error:
        raise UserFacingError("restore.bad_backup", path=str(path), reason=str(error)) from error
    except StoreError as error:  # no key of this kiosk opens it: damaged, or another kiosk's
        reason = "damaged, or encrypted with a key this kiosk does not have"
        raise UserFacingError("restore.bad_backup", path=str(path), reason=reason) from error
    try:
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        if problems != ["ok"]:
            raise UserFacingError("restore.bad_backup", path=str(path), reason=problems[0])
        if conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
            raise UserFacingError("restore.bad_backup", path=str(path), reason="foreign keys")
        version = int(conn.execute("SELECT max(version) FROM _kiosk_migrations").fetchone()[0])
        counts = {
            t: int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in COUNTED_TABLES
        }
    except DB_ERRORS as error:
        raise UserFacingError("restore.bad_backup", path=str(path), reason=str(error)) from error
    finally:
        conn.close()
    if not 1 <= version <= LATEST_VERSION:
        reason = f"schema {version}, this program knows 1..{LATEST_VERSION}"
        raise UserFacingError("restore.bad_backup", path=str(path), reason=reason)
    key_id = None if opened.key is None else opened.key.key_id
    return {"integrity": "ok", "schema_version": version, "counts": counts, "key_id": key_id}


def backup(store_path: Path, media_dir: Path, target_dir: Path, now: dt.datetime) -> BackupResult:
    """Write ``kiosk-STAMP.sqlite3`` (+ ``-media/``) and ``kiosk-STAMP.json`` in ``target_dir``."""
    if not store_path.exists():
        raise StoreError("store.not_initialised", path=str(store_path))
    stamp = _stamp(now)
    target_dir.mkdir(parents=True, exist_ok=True)
    final = target_dir / f"kiosk-{stamp}.sqlite3"
    partial = target_dir / f".kiosk-{stamp}.partial"
    try:
        _copy_database(store_path, partial)
        facts = inspect(partial)
        partial.replace(final)
        media = _copy_media(media_dir, target_dir / f"kiosk-{stamp}-media")
    except _COPY_FAILURES as error:
        partial.unlink(missing_ok=True)
        raise UserFacingError("backup.failed", reason=str(error)) from error
    manifest = {
        "format": 1,
        "file": final.name,
        "sha256": sha256(final),
        "size": final.stat().st_size,
        "created_at": now.astimezone(dt.UTC).isoformat(),
        "source": str(store_path),
        **facts,
        "media": media,
    }
    manifest_path = target_dir / f"kiosk-{stamp}.json"
    temporary = manifest_path.with_suffix(".json.partial")
    temporary.write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    _fsync(temporary)
    temporary.replace(manifest_path)
    with contextlib.suppress(OSError):
        _fsync(target_dir)
    return BackupResult(final, manifest_path, manifest)


def _copy_media(media_dir: Path, target: Path) -> dict[str, Any] | None:
    if not media_dir.is_dir():
        return None
    shutil.copytree(media_dir, target)
    files = sorted(p for p in target.rglob("*") if p.is_file())
    return {
        "dir": target.name,
        "files": {str(p.relative_to(target)): sha256(p) for p in files},
    }


def manifest_for(path: Path) -> dict[str, Any] | None:
    candidate = path.with_suffix(".json")
    if not candidate.is_file():
        return None
    loaded: dict[str, Any] = json.loads(candidate.read_text(encoding="utf-8"))
    return loaded


def verify(path: Path) -> dict[str, Any]:
    """Everything :func:`restore` checks before it touches the store."""
    manifest = manifest_for(path)
    if manifest is not None and manifest.get("sha256") != sha256(path):
        raise UserFacingError("restore.bad_backup", path=str(path), reason="SHA-256 mismatch")
    return inspect(path) | {"manifest": manifest}


def _to_current_key(path: Path) -> None:
    """Re-key a restored file made before a key rotation to the kiosk's current key."""
    ring = KeyRing(default_key_dir())
    opened = open_file(path, ring=ring)
    try:
        current = ring.current()
        if opened.key is not None and current is not None and opened.key.raw != current.raw:
            opened.conn.execute(f"PRAGMA rekey = {current.pragma_value}")
    finally:
        opened.conn.close()


def restore(path: Path, store_path: Path, media_dir: Path, now: dt.datetime) -> dict[str, Any]:
    """Replace the store with the verified backup ``path``; returns what was done."""
    facts = verify(path)
    if store_in_use(store_path):
        raise UserFacingError("restore.in_use", path=str(store_path))
    stamp = _stamp(now)
    safety: Path | None = None
    if store_path.exists():
        safety = store_path.with_name(f"{store_path.name}.before-restore-{stamp}")
        _copy_database(store_path, safety)
    incoming = store_path.with_name(f".{store_path.name}.restoring")
    store_path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, incoming)
    os.chmod(incoming, 0o600)  # the store is its owner's alone, like a new one
    _to_current_key(incoming)
    _fsync(incoming)
    for suffix in ("-wal", "-shm"):
        Path(f"{store_path}{suffix}").unlink(missing_ok=True)
    incoming.replace(store_path)
    with contextlib.suppress(OSError):
        _fsync(store_path.parent)
    media = (facts["manifest"] or {}).get("media")
    media_safety = None
    if media:
        if media_dir.exists():
            media_safety = media_dir.with_name(f"{media_dir.name}.before-restore-{stamp}")
            media_dir.replace(media_safety)
        shutil.copytree(path.parent / media["dir"], media_dir)
    return {
        "restored": str(path),
        "store": str(store_path),
        "safety_copy": None if safety is None else str(safety),
        "media_safety_copy": None if media_safety is None else str(media_safety),
        "schema_version": facts["schema_version"],
        "counts": facts["counts"],
    }
