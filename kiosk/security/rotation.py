"""Rotating the store key (``kiosk security rotate-key``), safe against a power cut.

Steps, each durable before the next:

1. ``pending``: a new random key is written to ``dala-store-key.new`` (0600, fsynced);
2. ``rekeyed``: ``PRAGMA rekey`` re-encrypts every page in one transaction (SQLite's own
   atomic commit: a cut during it leaves the store under the old key). The media data key
   lives inside the store, so it is re-wrapped with it;
3. ``verified``: the store is opened afresh with the new key and checked;
4. ``committed``: the old key is kept as ``dala-store-key.retired-<id>`` (older backups
   need it), the new key takes the key file's name.

At every step, one key of :meth:`KeyRing.candidates` opens the store; opening it
settles what a cut interrupted. The kiosk must be stopped (refused while the store is open);
the rotation holds :meth:`KeyRing.rotation_lock`, so a process that opens the store
meanwhile (an hourly backup) never finishes nor undoes it behind the rotation's back.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from kiosk.errors import StoreError
from kiosk.security.encrypted_store import connect, file_state, open_encrypted, store_in_use
from kiosk.security.keys import KeyRing, StoreKey

STEPS = ("pending", "rekeyed", "verified", "committed")


@dataclasses.dataclass(frozen=True)
class Rotated:
    old_key_id: str
    new_key_id: str
    retired_path: str


def _verify(store_path: Path, key: StoreKey) -> None:
    check = connect(store_path, key)
    try:
        problems = [row[0] for row in check.execute("PRAGMA integrity_check")]
    finally:
        check.close()
    if problems != ["ok"]:
        raise StoreError("store.corrupt", path=str(store_path))


def rotate(store_path: Path, on_step: Callable[[str], None] | None = None) -> Rotated:
    """Re-key the store at ``store_path`` (see the module docstring). ``on_step`` is told
    each step as it completes (the crash tests stop the process there)."""
    step = on_step or (lambda name: None)
    if file_state(store_path) != "encrypted":
        raise StoreError("security.not_encrypted")
    if store_in_use(store_path):
        raise StoreError("security.rotation_in_use", path=str(store_path))
    ring = KeyRing.for_data_dir(store_path.parent)
    opened = open_encrypted(store_path, ring)  # settles an earlier interrupted rotation
    old = opened.key
    assert old is not None
    with ring.rotation_lock():
        try:
            new = ring.begin_rotation()
            step("pending")
            opened.conn.execute(f"PRAGMA rekey = {new.pragma_value}")
            step("rekeyed")
        finally:
            opened.conn.close()
        _verify(store_path, new)
        step("verified")
        ring.commit_rotation()
        step("committed")
    retired = ring.directory / f"dala-store-key.retired-{old.key_id}"
    return Rotated(old.key_id, new.key_id, str(retired))
