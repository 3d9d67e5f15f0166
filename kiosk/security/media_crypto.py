"""Photos at rest: AES-256-GCM per file, the file's id as associated data.

A sealed file is ``MAGIC (8 bytes) | nonce (12 bytes, random per write) | ciphertext+tag``.
The associated data is ``MAGIC + file id`` (the path relative to the media folder, e.g.
``photos/<media id>.jpg``), so a file swapped for another one, truncated or changed by a
single bit fails to open with ``media.tampered``: it is never shown nor sent.

The media key is a random 256-bit *data key* kept in the store's ``settings`` table, i.e.
inside the encrypted database: it is wrapped by the store key, and ``PRAGMA rekey``
re-wraps it with the database, so rotating the store key needs no rewrite of any photo.
A plain store (``KIOSK_ENCRYPTION=off``) has no media key and plain photo files.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sqlite3
from pathlib import Path
from typing import Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kiosk.errors import UserFacingError

MAGIC = b"DALAMED1"
NONCE_BYTES = 12
TAG_BYTES = 16
OVERHEAD = len(MAGIC) + NONCE_BYTES + TAG_BYTES
MEDIA_KEY_SETTING = "security.media_key"
#: Set once every file of the media folder is sealed: from then on a plain file is refused.
MEDIA_SEALED_SETTING = "security.media_sealed"


class KeyedStore(Protocol):
    """What this module needs of :class:`kiosk.store.db.Store` (no import cycle)."""

    @property
    def encrypted(self) -> bool: ...

    @property
    def conn(self) -> sqlite3.Connection: ...

    def transaction(self) -> contextlib.AbstractContextManager[sqlite3.Connection]: ...


def is_sealed(blob: bytes) -> bool:
    return blob[: len(MAGIC)] == MAGIC


def sealed_size(plain_size: int) -> int:
    return plain_size + OVERHEAD


def seal(key: bytes, file_id: str, data: bytes) -> bytes:
    nonce = secrets.token_bytes(NONCE_BYTES)
    return MAGIC + nonce + AESGCM(key).encrypt(nonce, data, MAGIC + file_id.encode())


def unseal(key: bytes, file_id: str, blob: bytes) -> bytes:
    """The plain bytes of a sealed file; ``media.tampered`` when they are not authentic."""
    if not is_sealed(blob) or len(blob) < OVERHEAD:
        raise UserFacingError("media.tampered", file=file_id)
    nonce = blob[len(MAGIC) : len(MAGIC) + NONCE_BYTES]
    try:
        sealed = blob[len(MAGIC) + NONCE_BYTES :]
        return AESGCM(key).decrypt(nonce, sealed, MAGIC + file_id.encode())
    except InvalidTag as error:
        raise UserFacingError("media.tampered", file=file_id) from error


def read_media_key(conn: sqlite3.Connection) -> bytes | None:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (MEDIA_KEY_SETTING,)).fetchone()
    return None if row is None else bytes.fromhex(str(row[0]))


def create_media_key(conn: sqlite3.Connection) -> bytes:
    """The media key, created in ``conn``'s current transaction when there is none."""
    conn.execute(
        "INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)",
        (MEDIA_KEY_SETTING, secrets.token_bytes(32).hex()),
    )
    found = read_media_key(conn)
    assert found is not None
    return found


def all_sealed(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT 1 FROM settings WHERE key = ?", (MEDIA_SEALED_SETTING,)).fetchone()
    return row is not None


def mark_all_sealed(conn: sqlite3.Connection) -> None:
    conn.execute(
        "INSERT OR IGNORE INTO settings (key, value) VALUES (?, '1')", (MEDIA_SEALED_SETTING,)
    )


def media_key(store: KeyedStore) -> bytes | None:
    """The store's media key (created on first use); None for a plain store."""
    if not store.encrypted:
        return None
    found = read_media_key(store.conn)
    if found is not None:
        return found
    with store.transaction() as conn:  # first photo of a store born encrypted: no plain file
        mark_all_sealed(conn)
        return create_media_key(conn)


def seal_for(store: KeyedStore, file_id: str, data: bytes) -> bytes:
    """What to write for ``data``: sealed in an encrypted store, as it is in a plain one."""
    key = media_key(store)
    return data if key is None else seal(key, file_id, data)


def open_for(store: KeyedStore, file_id: str, blob: bytes) -> bytes:
    """The plain bytes of a file as read from the media folder.

    A sealed file needs the store's key. A plain file in an encrypted store is accepted
    only until the migration has sealed every file (:data:`MEDIA_SEALED_SETTING`); after
    that a plain file is a substitute and refused.
    """
    if not is_sealed(blob):
        if store.encrypted and all_sealed(store.conn):
            raise UserFacingError("media.tampered", file=file_id)
        return blob
    key = read_media_key(store.conn) if store.encrypted else None
    if key is None:
        raise UserFacingError("media.tampered", file=file_id)
    return unseal(key, file_id, blob)


def _replace_durably(path: Path, data: bytes) -> None:
    part = path.with_name(f".{path.name}.sealing")
    with open(part, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(part, path)
    fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def seal_folder(conn: sqlite3.Connection, media_dir: Path, folders: tuple[str, ...]) -> int:
    """Re-write every plain file of ``folders`` (under ``media_dir``) sealed, each file by an
    atomic rename; then record that all are sealed. Returns how many were re-written.
    Resumable: a run a power cut interrupted leaves files sealed or plain, never half."""
    key = read_media_key(conn)
    if key is None:
        conn.execute("BEGIN IMMEDIATE")
        try:
            key = create_media_key(conn)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    sealed = 0
    for folder in folders:
        base = media_dir / folder
        if not base.is_dir():
            continue
        for file in sorted(base.iterdir()):
            if not file.is_file() or file.name.startswith("."):
                continue
            blob = file.read_bytes()
            if is_sealed(blob):
                continue
            _replace_durably(file, seal(key, f"{folder}/{file.name}", blob))
            sealed += 1
    mark_all_sealed(conn)
    return sealed
