"""A plain store of an earlier version becomes an encrypted one, in place, losing nothing.

Run by :func:`kiosk.security.encrypted_store.open_connection` the first time this version
opens a plain store (under an exclusive ``flock`` on the store file, so two processes
cannot both do it, and refused while another process has the store open):

1. the plain store's WAL is checkpointed into it, its row counts per table taken;
2. ``sqlcipher_export`` copies it into ``.kiosk.sqlite3.encrypting`` keyed with the store
   key, the media data key is created in the copy;
3. the copy is opened with the key and checked: ``integrity_check``, foreign keys and the
   same row count in every table; then fsynced;
4. the plain ``-wal``/``-shm`` are removed (empty after step 1) and the copy is renamed
   over the plain file (atomic): a power cut before it leaves the plain store as it was,
   after it the encrypted one;
5. the photos are re-written sealed, each by an atomic rename
   (:func:`kiosk.security.media_crypto.seal_folder`, resumed at start-up if cut short),
   leftover temporary files deleted, and plain safety copies of earlier restores
   (``kiosk.sqlite3.before-restore-*``) encrypted the same way.

Nothing plain stays in the data folder. Blocks of the old file may still be on the disk
until they are reused: docs/security.md says why whole-disk encryption is the complement.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from kiosk.errors import StoreError
from kiosk.security import media_crypto
from kiosk.security.encrypted_store import DB_ERRORS, connect, file_state, store_in_use
from kiosk.security.keys import KeyRing, StoreKey

log = logging.getLogger(__name__)

MEDIA_FOLDERS = ("photos", "thumbs")


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def _exclusive(path: Path) -> Iterator[None]:
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _counts(conn: sqlite3.Connection, schema: str = "main") -> dict[str, int]:
    tables = [
        row[0]
        for row in conn.execute(
            f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    count = 'SELECT count(*) FROM {}."{}"'
    return {t: int(conn.execute(count.format(schema, t)).fetchone()[0]) for t in tables}


def _has_settings(conn: sqlite3.Connection, schema: str) -> bool:
    row = conn.execute(
        f"SELECT 1 FROM {schema}.sqlite_master WHERE type = 'table' AND name = 'settings'"
    ).fetchone()
    return row is not None


def encrypt_copy(source: Path, target: Path, key: StoreKey, *, media_key: bool) -> dict[str, int]:
    """``target``: an encrypted, checked, fsynced copy of the plain ``source``."""
    target.unlink(missing_ok=True)
    plain = connect(source, None)
    try:
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        counts = _counts(plain)
        version = int(plain.execute("PRAGMA user_version").fetchone()[0])
        plain.execute(f"ATTACH DATABASE ? AS encrypted KEY {key.pragma_value}", (str(target),))
        plain.execute("SELECT sqlcipher_export('encrypted')")
        plain.execute(f"PRAGMA encrypted.user_version = {version}")
        if media_key and _has_settings(plain, "encrypted"):
            plain.execute(
                "INSERT OR IGNORE INTO encrypted.settings (key, value) VALUES (?, ?)",
                (media_crypto.MEDIA_KEY_SETTING, os.urandom(32).hex()),
            )
            counts["settings"] = int(
                plain.execute("SELECT count(*) FROM encrypted.settings").fetchone()[0]
            )
        plain.execute("DETACH DATABASE encrypted")
    finally:
        plain.close()
    _check_copy(target, key, counts)
    os.chmod(target, 0o600)
    _fsync(target)
    return counts


def _check_copy(target: Path, key: StoreKey, counts: dict[str, int]) -> None:
    copy = connect(target, key)
    try:
        problems = [row[0] for row in copy.execute("PRAGMA integrity_check")]
        if problems != ["ok"] or copy.execute("PRAGMA foreign_key_check").fetchone():
            raise StoreError("security.migration_failed", reason="integrity check of the copy")
        if _counts(copy) != counts:
            raise StoreError("security.migration_failed", reason="row counts differ")
        copy.execute("PRAGMA journal_mode = WAL")
    finally:
        copy.close()


def _replace(plain: Path, encrypted: Path) -> None:
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{plain}{suffix}").unlink(missing_ok=True)
    os.replace(encrypted, plain)
    _fsync(plain.parent)


def migrate_plain_store(path: Path, ring: KeyRing) -> dict[str, int] | None:
    """Encrypt the plain store at ``path`` in place (module docstring); None if it is not
    plain (any more). Raises ``security.migration_in_use`` while another process has it."""
    with _exclusive(path):
        if file_state(path) != "plain":
            return None
        if store_in_use(path):
            raise StoreError("security.migration_in_use", path=str(path))
        key = ring.ensure()
        working = path.with_name(f".{path.name}.encrypting")
        try:
            counts = encrypt_copy(path, working, key, media_key=True)
        except DB_ERRORS as error:
            working.unlink(missing_ok=True)
            raise StoreError("security.migration_failed", reason=type(error).__name__) from error
        _replace(path, working)
    log.warning("plain store encrypted in place", extra={"tables": len(counts)})
    seal_data_folder(path, key)
    return counts


def seal_data_folder(path: Path, key: StoreKey) -> int:
    """Photos sealed, temporary media files and plain safety copies of the store removed or
    encrypted; returns how many files were re-written."""
    media_dir = path.parent / "media"
    conn = connect(path, key)
    try:
        rewritten = media_crypto.seal_folder(conn, media_dir, MEDIA_FOLDERS)
    finally:
        conn.close()
    tmp = media_dir / ".tmp"
    if tmp.is_dir():
        for leftover in tmp.iterdir():
            leftover.unlink()
    for copy in sorted(path.parent.glob(f"{path.name}.before-restore-*")):
        if file_state(copy) == "plain":
            working = copy.with_name(f".{copy.name}.encrypting")
            encrypt_copy(copy, working, key, media_key=False)
            _replace(copy, working)
            rewritten += 1
    return rewritten
