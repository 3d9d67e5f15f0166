"""``kiosk security status | rotate-key | encrypt-store``: encryption at rest for the
technician (docs/security.md). Never prints a key, only its fingerprint (``key_id``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from kiosk.cli.context import CliContext, emit_json, pass_cli, say
from kiosk.i18n import translate
from kiosk.security import media_crypto
from kiosk.security.encrypted_store import file_state
from kiosk.security.keys import KeyRing, encryption_enabled
from kiosk.store import Store


def _media_files(media_dir: Path) -> dict[str, int]:
    counts = {"sealed": 0, "plain": 0}
    for folder in ("photos", "thumbs"):
        base = media_dir / folder
        if not base.is_dir():
            continue
        for file in base.iterdir():
            if file.is_file():
                with file.open("rb") as handle:
                    sealed = media_crypto.is_sealed(handle.read(len(media_crypto.MAGIC)))
                counts["sealed" if sealed else "plain"] += 1
    return counts


def _plain_databases(data_dir: Path) -> list[str]:
    """Plain SQLite files anywhere in the data folder (e.g. an older version's upgrade
    backup kept for a rollback): patient data a copy of the folder would reveal."""
    found = []
    for file in sorted(data_dir.rglob("*.sqlite3*")):
        if file.is_file() and file_state(file) == "plain":
            found.append(str(file.relative_to(data_dir)))
    return found


def security_status(ctx: CliContext) -> dict[str, Any]:
    """Facts about the store's encryption and its keys (no secret in them)."""
    ring = KeyRing.for_data_dir(ctx.config.data_dir)
    current = ring.current()
    return {
        "store": str(ctx.config.store_path),
        "store_state": file_state(ctx.config.store_path),
        "encryption_default": "on" if encryption_enabled() else "off",
        "key_dir": str(ring.directory),
        "key_source": None if current is None else current.source,
        "key_id": None if current is None else current.key_id,
        "credential": ring.credential() is not None,
        "rotation_pending": ring.pending_file.exists(),
        "retired_keys": [key.key_id for key in ring.retired()],
        "media_files": _media_files(ctx.config.media_dir),
        "plain_databases": _plain_databases(ctx.config.data_dir),
    }


@click.group()
def security() -> None:
    """Encryption at rest: the store key, its rotation, encrypting an older plain store."""


@security.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON document on stdout.")
@pass_cli
def status(ctx: CliContext, as_json: bool) -> None:
    """Is the store encrypted, where is its key (fingerprint only), are photos sealed."""
    facts = security_status(ctx)
    if as_json:
        emit_json(facts)
        return
    for name, value in facts.items():
        click.echo(f"{name}: {value}")


@security.command("rotate-key")
@click.option("--json", "as_json", is_flag=True, help="Old and new key fingerprints as JSON.")
@pass_cli
def rotate_key(ctx: CliContext, as_json: bool) -> None:
    """Re-encrypt the store with a new random key; the old key is kept for older backups.

    Stop the kiosk first (a store in use is refused). Safe against a power cut: whatever
    step is cut, the next start opens the store and finishes or undoes the rotation."""
    from kiosk.security.rotation import rotate

    done = rotate(ctx.config.store_path)
    if as_json:
        emit_json(
            {
                "old_key_id": done.old_key_id,
                "new_key_id": done.new_key_id,
                "retired": done.retired_path,
            }
        )
    say(
        translate(
            "security.rotated", old=done.old_key_id, new=done.new_key_id, retired=done.retired_path
        )
    )


@security.command("encrypt-store")
@click.option("--json", "as_json", is_flag=True, help="What was encrypted, as JSON.")
@pass_cli
def encrypt_store(ctx: CliContext, as_json: bool) -> None:
    """Encrypt a plain store of an earlier version in place, and its photos (the kiosk does
    this by itself when it first opens one; this does it now, with a report)."""
    from kiosk.security.plain_migration import migrate_plain_store, seal_data_folder

    path = ctx.config.store_path
    was = file_state(path)
    counts: dict[str, int] | None = None
    files = 0
    if was == "plain":
        counts = migrate_plain_store(path, KeyRing.for_data_dir(ctx.config.data_dir))
        files = _media_files(ctx.config.media_dir)["sealed"]
    with Store(path, must_exist=True) as store:
        if store.key is not None and counts is None:
            files = seal_data_folder(path, store.key)
    result = {"was": was, "tables": len(counts or {}), "counts": counts, "files_sealed": files}
    if as_json:
        emit_json(result)
    if was == "plain":
        say(translate("security.encrypted_now", tables=len(counts or {}), files=files))
    else:
        say(translate("security.already_encrypted"))
