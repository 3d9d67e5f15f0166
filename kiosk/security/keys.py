"""The store key: where it lives, how it is created, checked and rotated.

One random 256-bit key per kiosk, used as SQLCipher's *raw* key (``PRAGMA key = "x'…'"``),
so opening a connection costs no key derivation. The key is never inside the data folder,
so a copy of that folder (a stolen SD card, a USB backup) is not enough to read it.

Where the key is looked for, in order:

1. a systemd credential, ``$CREDENTIALS_DIRECTORY/dala-store-key`` (the service's
   ``LoadCredentialEncrypted=``: systemd decrypts it with the TPM2 or the host key);
2. the key file ``dala-store-key`` in the key folder: ``$KIOSK_KEY_DIR``, else
   ``/etc/dala-kiosk/keys`` when that exists or can be made, else the user's config folder.
   A key file must be the owner's alone (mode 0600): one that the group or others can read
   is refused, as is one owned by another user (root may use any).

Rotation keeps every key that may still open the store until the new one is confirmed:
``dala-store-key.new`` is written (and fsynced) before ``PRAGMA rekey``; once the store
opens with it, the old key is kept as ``dala-store-key.retired-<id>`` (old backups need it)
and the new one takes the key file's name. Whatever step a power cut interrupts, one of
:meth:`KeyRing.candidates` opens the store, and :meth:`KeyRing.settle` finishes the job.
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import hashlib
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path

import platformdirs

from kiosk.errors import UserFacingError

KEY_NAME = "dala-store-key"
PENDING_SUFFIX = ".new"
RETIRED_INFIX = ".retired-"
ENV_KEY_DIR = "KIOSK_KEY_DIR"
ENV_ENCRYPTION = "KIOSK_ENCRYPTION"
SYSTEM_KEY_DIR = Path("/etc/dala-kiosk/keys")
KEY_BYTES = 32
ROTATION_LOCK = ".rotation.lock"


@dataclasses.dataclass(frozen=True, slots=True)
class StoreKey:
    """A 256-bit raw key and where it came from (``credential``, ``file``, ``pending``,
    ``retired``). ``repr`` never shows the key."""

    raw: bytes = dataclasses.field(repr=False)
    source: str
    path: Path | None = None

    @property
    def key_id(self) -> str:
        """A short public fingerprint (not the key): names retired keys, goes in manifests."""
        return hashlib.sha256(b"dala-kiosk key id\0" + self.raw).hexdigest()[:16]

    @property
    def pragma_value(self) -> str:
        """The value of ``PRAGMA key`` / ``rekey`` / ``ATTACH … KEY``: a raw hex key."""
        return f"\"x'{self.raw.hex()}'\""

    def derive(self, purpose: str) -> bytes:
        """A 256-bit subkey for ``purpose`` (HKDF-SHA256)."""
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.kdf.hkdf import HKDF

        hkdf = HKDF(hashes.SHA256(), KEY_BYTES, salt=None, info=purpose.encode())
        return hkdf.derive(self.raw)


def encryption_enabled() -> bool:
    """New and plain stores are encrypted unless ``KIOSK_ENCRYPTION=off``."""
    return os.environ.get(ENV_ENCRYPTION, "on").strip().lower() not in {"off", "0", "no", "false"}


def _usable(folder: Path) -> bool:
    if folder.is_dir():
        return os.access(folder, os.R_OK | os.X_OK)
    parent = folder.parent
    while not parent.exists():
        parent = parent.parent
    return os.access(parent, os.W_OK | os.X_OK)


def default_key_dir() -> Path:
    env = os.environ.get(ENV_KEY_DIR)
    if env:
        return Path(env).expanduser()
    if _usable(SYSTEM_KEY_DIR):
        return SYSTEM_KEY_DIR
    return Path(platformdirs.user_config_dir("dala-kiosk", appauthor=False)) / "keys"


def key_dir_for(data_dir: Path) -> Path:
    """The key folder for a data folder; refuses one inside the data folder."""
    folder = default_key_dir().resolve()
    data = Path(data_dir).resolve()
    if folder == data or data in folder.parents:
        raise UserFacingError("security.key_dir_in_data", key_dir=str(folder))
    return folder


def _decode(content: bytes, path: Path) -> bytes:
    text = content.strip()
    if len(text) == KEY_BYTES:
        return text
    try:
        raw = bytes.fromhex(text.decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        raw = b""
    if len(raw) != KEY_BYTES:
        raise UserFacingError("security.key_malformed", path=str(path))
    return raw


def _check_private(path: Path) -> None:
    info = path.stat()
    if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        mode = oct(stat.S_IMODE(info.st_mode))
        raise UserFacingError("security.key_file_open", path=str(path), mode=mode)
    if os.geteuid() not in (0, info.st_uid):
        raise UserFacingError("security.key_file_owner", path=str(path))


def read_key_file(path: Path, source: str) -> StoreKey:
    _check_private(path)
    return StoreKey(_decode(path.read_bytes(), path), source, path)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_private(path: Path, raw: bytes) -> None:
    """``path`` holding the key as hex, mode 0600, durably; never replaces a file."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, raw.hex().encode("ascii") + b"\n")
        os.fsync(fd)
        folder_owner = path.parent.stat()
        if os.geteuid() == 0 and folder_owner.st_uid != 0:  # root rotating for the service
            os.fchown(fd, folder_owner.st_uid, folder_owner.st_gid)
    finally:
        os.close(fd)
    _fsync_dir(path.parent)


class KeyRing:
    """The keys of one kiosk: current, pending (a rotation under way) and retired."""

    def __init__(self, directory: Path, credentials_dir: Path | None = None) -> None:
        self.directory = Path(directory)
        if credentials_dir is None and os.environ.get("CREDENTIALS_DIRECTORY"):
            credentials_dir = Path(os.environ["CREDENTIALS_DIRECTORY"])
        self.credentials_dir = credentials_dir

    @classmethod
    def for_data_dir(cls, data_dir: Path) -> KeyRing:
        return cls(key_dir_for(data_dir))

    @property
    def key_file(self) -> Path:
        return self.directory / KEY_NAME

    @property
    def pending_file(self) -> Path:
        return self.directory / (KEY_NAME + PENDING_SUFFIX)

    def credential(self) -> StoreKey | None:
        if self.credentials_dir is None:
            return None
        path = self.credentials_dir / KEY_NAME
        if not path.is_file():
            return None
        return StoreKey(_decode(path.read_bytes(), path), "credential", path)

    def file_key(self) -> StoreKey | None:
        return read_key_file(self.key_file, "file") if self.key_file.is_file() else None

    def current(self) -> StoreKey | None:
        return self.credential() or self.file_key()

    def ensure(self) -> StoreKey:
        """The current key, created (random, 256 bits) when there is none."""
        found = self.current()
        if found is not None:
            return found
        with contextlib.suppress(FileExistsError):
            _write_private(self.key_file, secrets.token_bytes(KEY_BYTES))
        created = self.file_key()
        assert created is not None
        return created

    def pending(self) -> StoreKey | None:
        if not self.pending_file.is_file():
            return None
        return read_key_file(self.pending_file, "pending")

    def retired(self) -> list[StoreKey]:
        if not self.directory.is_dir():
            return []
        files = sorted(self.directory.glob(KEY_NAME + RETIRED_INFIX + "*"))
        files.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        return [read_key_file(path, "retired") for path in files]

    def candidates(self) -> list[StoreKey]:
        """Every key that may open the store, the most likely first, without repeats."""
        keys = [self.credential(), self.file_key(), self.pending(), *self.retired()]
        seen: set[bytes] = set()
        unique = []
        for key in keys:
            if key is not None and key.raw not in seen:
                seen.add(key.raw)
                unique.append(key)
        return unique

    def begin_rotation(self) -> StoreKey:
        """A fresh pending key, on disk before the store is rekeyed with it."""
        self.pending_file.unlink(missing_ok=True)
        _write_private(self.pending_file, secrets.token_bytes(KEY_BYTES))
        key = self.pending()
        assert key is not None
        return key

    def commit_rotation(self) -> StoreKey:
        """The store opens with the pending key: it becomes current, the old one retired."""
        pending = self.pending()
        if pending is None:
            raise UserFacingError("security.no_rotation")
        old = self.file_key()
        if old is not None and old.raw != pending.raw:
            retired = self.directory / f"{KEY_NAME}{RETIRED_INFIX}{old.key_id}"
            if not retired.exists():
                os.link(self.key_file, retired)
        os.replace(self.pending_file, self.key_file)
        _fsync_dir(self.directory)
        return StoreKey(pending.raw, "file", self.key_file)

    def abandon_rotation(self) -> None:
        self.pending_file.unlink(missing_ok=True)
        if self.directory.is_dir():
            _fsync_dir(self.directory)

    @contextlib.contextmanager
    def rotation_lock(self) -> Iterator[None]:
        """Held by a rotation from its first write to its last: openers leave it alone."""
        self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(self.directory / ROTATION_LOCK, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)

    def rotation_running(self) -> bool:
        path = self.directory / ROTATION_LOCK
        if not path.exists():
            return False
        fd = os.open(path, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        finally:
            os.close(fd)  # closing drops the probe's lock
        return False

    def settle(self, opened_with: StoreKey) -> StoreKey:
        """Finish or undo a rotation a crash interrupted, given the key that opened the store.
        A rotation still running (its lock held) is left alone."""
        pending = self.pending()
        if pending is None or self.rotation_running():
            return opened_with
        with self.rotation_lock():
            pending = self.pending()  # another opener may have settled it meanwhile
            if pending is None:
                return self.current() or opened_with
            if pending.raw == opened_with.raw:
                return self.commit_rotation()
            self.abandon_rotation()
            return opened_with


@contextlib.contextmanager
def encryption_mode(enabled: bool, key_dir: Path) -> Iterator[None]:
    """Within the block, new stores are encrypted or not and keys live in ``key_dir``
    (benchmarks measure both ways in one run). Restores the environment after."""
    saved = {name: os.environ.get(name) for name in (ENV_KEY_DIR, ENV_ENCRYPTION)}
    os.environ[ENV_KEY_DIR] = str(key_dir)
    os.environ[ENV_ENCRYPTION] = "on" if enabled else "off"
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
