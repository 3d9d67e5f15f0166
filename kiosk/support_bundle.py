"""``kiosk support-bundle``: what support needs to help a site, and no patient data.

One ``.tar.gz`` with:

- ``logs/kiosk.log*``: the JSON-lines logs, rotated copies included;
- ``versions.json``: Python, the OS (``/etc/os-release``, kernel), installed packages;
- ``doctor.json``: ``kiosk doctor --json`` (every check);
- ``config.json``: the effective configuration with its sources, secrets masked;
- ``drivers.json``: the installed drivers (manifests) and those that failed to load;
- ``status.json``: counts only (patients, encounters, outbox by state).

No store, no media, no backups go in. Logs are made without patient data in the first place;
as a second guard, every member's text is searched for the registry's names, birth dates and
patient ids before it is added, and any hit is replaced by ``[redacted]``.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import platform
import re
import sys
import tarfile
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

from kiosk import doctor, logging_setup
from kiosk.config import KioskConfig
from kiosk.settings_file import resolve

REDACTED = "[redacted]"
_WORD = re.compile(r"[^\W\d_][\w'-]*", re.UNICODE)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


class Redactor:
    """Replaces the registry's names, birth dates and patient ids found in a text."""

    def __init__(self, words: Iterable[str], dates: Iterable[str], ids: Iterable[str]) -> None:
        self.words = {w.casefold() for w in words if len(w) > 1}
        self.dates = set(dates)
        self.ids = {i.lower() for i in ids}

    @classmethod
    def from_store(cls, config: KioskConfig) -> Redactor:
        if not config.store_path.exists():
            return cls((), (), ())
        from kiosk.store import Store

        words: list[str] = []
        dates: list[str] = []
        ids: list[str] = []
        with Store(config.store_path, must_exist=True) as store:
            for row in store.conn.execute("SELECT id, family, given, birth_date FROM patients"):
                ids.append(str(row[0]))
                for name in (row[1], row[2]):
                    words += _WORD.findall(str(name or ""))
                if row[3]:
                    dates.append(str(row[3]))
        return cls(words, dates, ids)

    def __call__(self, text: str) -> str:
        if not (self.words or self.dates or self.ids):
            return text
        text = _UUID.sub(lambda m: REDACTED if m.group(0).lower() in self.ids else m.group(0), text)
        text = _DATE.sub(lambda m: REDACTED if m.group(0) in self.dates else m.group(0), text)
        return _WORD.sub(
            lambda m: REDACTED if m.group(0).casefold() in self.words else m.group(0), text
        )


def versions() -> dict[str, Any]:
    os_release: dict[str, str] = {}
    path = Path("/etc/os-release")
    if path.is_file():
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            key, sep, value = line.partition("=")
            if sep:
                os_release[key] = value.strip('"')
    packages = sorted(
        {(d.metadata["Name"] or "?", d.version) for d in metadata.distributions()},
        key=lambda item: item[0].lower(),
    )
    try:
        kiosk_version = metadata.version("dala-kiosk")
    except metadata.PackageNotFoundError:
        kiosk_version = None
    return {
        "dala_kiosk": kiosk_version,
        "python": sys.version,
        "executable": sys.executable,
        "platform": platform.platform(),
        "kernel": platform.release(),
        "machine": platform.machine(),
        "os_release": os_release,
        "packages": {name: version for name, version in packages},
    }


def drivers() -> dict[str, Any]:
    from kiosk.plugins import load_drivers

    registry = load_drivers()
    return {
        "drivers": [
            plugin.manifest.to_json() | {"distribution": registry.distributions.get(driver_id)}
            for driver_id, plugin in registry.drivers.items()
        ],
        "failures": [vars(failure) for failure in registry.failures],
    }


def status_counts(config: KioskConfig) -> dict[str, Any]:
    if not config.store_path.exists():
        return {"store": "absent"}
    from kiosk.store import Store, outbox

    with Store(config.store_path, must_exist=True) as store:
        counts = {
            table: int(store.scalar(f"SELECT count(*) FROM {table}"))
            for table in ("patients", "encounters", "readings")
        }
        return counts | {"outbox": outbox.counts(store)}


def members(config: KioskConfig) -> dict[str, bytes]:
    """Every member's name and bytes (tests search them)."""

    def as_json(document: Any) -> bytes:
        return json.dumps(document, indent=2, ensure_ascii=False, default=str).encode()

    try:
        resolved = resolve(config.data_dir)
        config_doc: dict[str, Any] = {
            "path": str(resolved.path),
            "settings": [item.to_json() for item in resolved.values.values()],
            "problems": [problem.to_json() for problem in resolved.problems],
        }
    except Exception as error:  # a broken file is exactly what support needs to see
        config_doc = {"error": str(error)}
    found = {
        "versions.json": as_json(versions()),
        "doctor.json": as_json(doctor.run(config, doctor.all_checks())),
        "config.json": as_json(config_doc),
        "drivers.json": as_json(drivers()),
        "status.json": as_json(status_counts(config)),
    }
    for path in logging_setup.log_files(config.data_dir):
        found[f"logs/{path.name}"] = path.read_bytes()
    return found


def build(config: KioskConfig, out: Path | None, now: dt.datetime) -> Path:
    """Write the bundle (default: ``DATA_DIR/support/kiosk-support-STAMP.tar.gz``)."""
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    if out is None:
        out = config.data_dir / "support" / f"kiosk-support-{config.site}-{stamp}.tar.gz"
    out.parent.mkdir(parents=True, exist_ok=True)
    redact = Redactor.from_store(config)
    prefix = f"kiosk-support-{stamp}"
    partial = out.with_name(out.name + ".partial")
    with tarfile.open(partial, "w:gz") as archive:
        for name, data in members(config).items():
            clean = redact(data.decode("utf-8", errors="replace")).encode("utf-8")
            info = tarfile.TarInfo(f"{prefix}/{name}")
            info.size = len(clean)
            info.mtime = int(now.timestamp())
            info.mode = 0o600
            archive.addfile(info, io.BytesIO(clean))
    partial.chmod(0o600)
    partial.replace(out)
    return out
