"""Opening the store file through SQLCipher: the right key, a plain store migrated first.

SQLCipher (``sqlcipher3``: SQLite with SQLCipher 4 and OpenSSL statically linked, a DB-API
module shaped like :mod:`sqlite3`) encrypts every page with AES-256 and authenticates it
with HMAC-SHA512; the WAL is encrypted too. The connection it returns is used exactly like
a :mod:`sqlite3` one (sqlite-utils wraps it), so it is typed as one here; its exceptions
are not :class:`sqlite3.Error` subclasses, so code catches :data:`DB_ERRORS`.

:func:`open_connection` decides per file: a missing file becomes an encrypted store (or a
plain one with ``KIOSK_ENCRYPTION=off``); a plain file is migrated in place first
(:mod:`kiosk.security.plain_migration`); an encrypted file is opened with the first key of
the key ring that works, and an interrupted rotation is finished (:meth:`KeyRing.settle`).
"""

from __future__ import annotations

import dataclasses
import fcntl
import os
import sqlite3
from pathlib import Path
from typing import cast

import sqlcipher3

from kiosk.errors import StoreError
from kiosk.security.keys import KeyRing, StoreKey, default_key_dir, encryption_enabled

#: Every exception a store connection may raise (stdlib sqlite3 and SQLCipher's).
DB_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, sqlcipher3.Error)
PLAIN_HEADER = b"SQLite format 3\x00"
#: Page cache of every store connection, KiB. A page read from an encrypted file must be
#: decrypted and its HMAC checked, so SQLite's own cache (decrypted pages) stands in for the
#: OS cache: 64 MiB holds the registry's search index of 100k patients (which
#: :func:`kiosk.registry.warm_search_index` fills at start). A plain store gets the same, so
#: the two modes differ only by the cipher. It is a ceiling, filled only as pages are read.
CACHE_KIB = 65536


@dataclasses.dataclass(frozen=True)
class Opened:
    conn: sqlite3.Connection
    key: StoreKey | None  # None: a plain store (encryption switched off)


def file_state(path: Path) -> str:
    """``missing`` (or empty), ``plain`` (an SQLite header) or ``encrypted``."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(PLAIN_HEADER))
    except FileNotFoundError:
        return "missing"
    if not head:
        return "missing"
    return "plain" if head == PLAIN_HEADER else "encrypted"


#: The byte of ``-shm`` SQLite holds a shared lock on while a connection has the WAL open.
SHM_DMS_OFFSET = 128


def store_in_use(store_path: Path) -> bool:
    """True while another process has the store open (its WAL-index lock is held).

    Call it with no connection of this process open on the store: closing the probe's file
    descriptor drops every POSIX lock this process holds on ``-shm``.
    """
    shm = Path(f"{store_path}-shm")
    if not shm.exists():
        return False
    fd = os.open(shm, os.O_RDWR)
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, SHM_DMS_OFFSET)
    except OSError:
        return True
    else:
        fcntl.lockf(fd, fcntl.LOCK_UN, 1, SHM_DMS_OFFSET)
        return False
    finally:
        os.close(fd)


def connect(
    path: Path | str, key: StoreKey | None, *, timeout: float = 10.0, uri: bool = False
) -> sqlite3.Connection:
    """A connection in autocommit mode, keyed (or plain when ``key`` is None) and checked:
    a wrong key raises ``SQLITE_NOTADB`` here, not at the first query."""
    conn = sqlcipher3.connect(
        str(path), isolation_level=None, check_same_thread=False, timeout=timeout, uri=uri
    )
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")  # SQLCipher logs to stderr otherwise
        if key is not None:
            conn.execute(f"PRAGMA key = {key.pragma_value}")
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except BaseException:
        conn.close()
        raise
    return cast(sqlite3.Connection, conn)


def try_keys(path: Path | str, keys: list[StoreKey], *, uri: bool = False) -> Opened | None:
    """The first of ``keys`` that opens ``path``, or None."""
    for key in keys:
        try:
            return Opened(connect(path, key, uri=uri), key)
        except sqlcipher3.DatabaseError:
            continue
    return None


def _new_store(path: Path, ring: KeyRing | None) -> Opened:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    key = ring.ensure() if ring is not None else None
    return Opened(connect(path, key), key)


def open_encrypted(path: Path, ring: KeyRing) -> Opened:
    """Open an encrypted store with the ring's keys; finish an interrupted rotation."""
    opened = try_keys(path, ring.candidates())
    if opened is None or opened.key is None:
        raise StoreError("security.key_wrong", path=str(path), key_dir=str(ring.directory))
    settled = ring.settle(opened.key)
    return Opened(opened.conn, settled)


def open_connection(path: Path) -> Opened:
    """The store at ``path`` opened with its key; see the module docstring."""
    path = Path(path)
    state = file_state(path)
    if state == "plain" and not encryption_enabled():
        return Opened(connect(path, None), None)
    ring = KeyRing.for_data_dir(path.parent)
    if state == "missing":
        return _new_store(path, ring if encryption_enabled() else None)
    if state == "plain":
        from kiosk.security.plain_migration import migrate_plain_store

        migrate_plain_store(path, ring)
    return open_encrypted(path, ring)


def open_file(path: Path, *, read_only: bool = False, ring: KeyRing | None = None) -> Opened:
    """Any store file (a backup, a safety copy) as it is: plain, or encrypted with one of
    the ring's keys (current, pending or retired). Never migrates nor settles a rotation.
    Raises ``security.key_wrong`` when no key opens an encrypted file."""
    path = Path(path)
    target = f"file:{path}?mode=ro" if read_only else str(path)
    if file_state(path) != "encrypted":
        return Opened(connect(target, None, uri=read_only), None)
    ring = ring or KeyRing(default_key_dir())
    opened = try_keys(target, ring.candidates(), uri=read_only)
    if opened is None:
        raise StoreError("security.key_wrong", path=str(path), key_dir=str(ring.directory))
    return opened
