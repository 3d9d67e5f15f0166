"""Automatic backups to a USB stick (``kiosk backup --auto``, run by ``dala-kiosk-backup.timer``).

- The target is ``backup.usb_path`` of ``config.toml`` when set (any folder: a stick mounted
  at a fixed place, a network share); else the first writable mount point under
  ``/media/*``, ``/media/*/*`` (udisks: ``/media/USER/LABEL``) or ``/run/media/*/*``.
  No stick: nothing is done, and that is logged (not an error: the timer tries again).
- Backups go to ``TARGET/dala-kiosk-backups/SITE/`` through :func:`kiosk.store.backup.backup`
  (online, verified, with a manifest and the media), so a stick can carry several kiosks.
- Only the newest ``backup.keep`` backups stay there; older ones (file, manifest, media) are
  removed after the new one is complete.
- Restore: ``kiosk restore TARGET/dala-kiosk-backups/SITE/kiosk-STAMP.sqlite3``
  (:func:`latest` finds the newest); it checks the manifest's hash before touching the store.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import glob
import logging
import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kiosk.config import KioskConfig
from kiosk.store import backup as store_backup

log = logging.getLogger(__name__)

MEDIA_GLOBS: tuple[str, ...] = ("/media/*", "/media/*/*", "/run/media/*/*")
BACKUP_DIRNAME = "dala-kiosk-backups"


@dataclasses.dataclass(frozen=True)
class AutoBackup:
    status: str  # "done" | "no-target" | "off"
    path: Path | None = None
    kept: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "path": None if self.path is None else str(self.path),
            "kept": list(self.kept),
            "removed": list(self.removed),
        }


def removable_mounts(patterns: Sequence[str] = MEDIA_GLOBS) -> list[Path]:
    """Writable mount points where desktops and udisks mount USB sticks."""
    found: list[Path] = []
    for pattern in patterns:
        for candidate in sorted(glob.glob(pattern)):
            path = Path(candidate)
            if path.is_dir() and os.path.ismount(path) and os.access(path, os.W_OK):
                found.append(path)
    return found


def find_target(config: KioskConfig, patterns: Sequence[str] = MEDIA_GLOBS) -> Path | None:
    if config.backup_usb_path:
        configured = Path(config.backup_usb_path)
        return configured if configured.is_dir() else None
    mounts = removable_mounts(patterns)
    return mounts[0] if mounts else None


def backup_folder(target: Path, site: str) -> Path:
    return target / BACKUP_DIRNAME / site


def list_backups(folder: Path) -> list[Path]:
    """Complete backups (those with a manifest), oldest first (the names carry a UTC stamp)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("kiosk-*.sqlite3") if p.with_suffix(".json").is_file())


def latest(folder: Path) -> Path | None:
    backups = list_backups(folder)
    return backups[-1] if backups else None


def prune(folder: Path, keep: int) -> list[Path]:
    """Remove all but the newest ``keep`` backups; returns the removed database files."""
    backups = list_backups(folder)
    removed = backups[: max(0, len(backups) - keep)]
    for database in removed:
        media = database.with_name(database.stem + "-media")
        if media.is_dir():
            shutil.rmtree(media)
        database.with_suffix(".json").unlink(missing_ok=True)
        database.unlink(missing_ok=True)
    return removed


def auto_backup(
    config: KioskConfig, now: dt.datetime, patterns: Sequence[str] = MEDIA_GLOBS
) -> AutoBackup:
    """Back up to the stick if one is there, then keep the newest ``backup.keep``."""
    if not config.backup_auto:
        log.info("usb backup: off in config.toml")
        return AutoBackup("off")
    target = find_target(config, patterns)
    if target is None:
        log.info("usb backup: no USB stick found")
        return AutoBackup("no-target")
    folder = backup_folder(target, config.site)
    try:
        done = store_backup.backup(config.store_path, config.media_dir, folder, now)
    except Exception:
        log.exception("usb backup: failed", extra={"target": str(folder)})
        raise
    removed = prune(folder, config.backup_keep)
    kept = [p.name for p in list_backups(folder)]
    log.info(
        "usb backup: done",
        extra={"file": str(done.path), "kept": len(kept), "removed": len(removed)},
    )
    return AutoBackup("done", done.path, tuple(kept), tuple(p.name for p in removed))
