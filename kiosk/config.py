"""Where the kiosk keeps its data, and its settings.

The data folder (``--data-dir``, env ``KIOSK_DATA_DIR``, default: the platform's per-user
data folder) holds the store, media and ``config.toml``. Environment variables override
the file, so a technician can try a setting without editing it.

``config.toml`` (all keys optional)::

    site = "KZ-AKM-0042"                       # this kiosk's site code
    identifier_base = "https://dala.example/fhir/"   # the hospital's NamingSystem base
    language = "ru"                            # kk | ru | en
    [server]
    url = "https://fhir.hospital.example/fhir/R4"
    token_env = "KIOSK_SERVER_TOKEN"           # bearer token comes from this variable
    timeout = 30
    ca_bundle = "/etc/dala/hospital-ca.pem"    # else env KIOSK_CA_BUNDLE; else the system CAs
    max_response_mib = 8                       # a larger server answer is refused

Every key, its type, default and validator is in :mod:`kiosk.settings_schema` (documented in
docs/configuration.md); :mod:`kiosk.settings_file` resolves them (default / file / env) and
edits the file (``kiosk config show / set``). A wrong type or value stops with an error that
names the key and the line; an unknown key is only a warning (logged, shown by ``kiosk config
show`` and ``kiosk doctor``), so a file written by a newer version still works after a rollback.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Mapping
from pathlib import Path

import platformdirs

from kiosk.settings_schema import (
    DEMO_SITE,
    MAX_RESPONSE_MIB,
    PHOTO_MAX_BYTES,
    PLACEHOLDER_IDENTIFIER_BASE,
)

__all__ = [
    "CONFIG_FILENAME",
    "DEMO_SITE",
    "PLACEHOLDER_IDENTIFIER_BASE",
    "KioskConfig",
    "default_data_dir",
    "load_config",
    "resolve_data_dir",
]

log = logging.getLogger(__name__)

CONFIG_FILENAME = "config.toml"
#: Used for ``server.ca_bundle`` when the key is not set (the key wins; docs/configuration.md).
CA_BUNDLE_ENV = "KIOSK_CA_BUNDLE"
MIB = 1024 * 1024


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("dala-kiosk", appauthor=False))


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("KIOSK_DATA_DIR")
    return Path(env).expanduser() if env else default_data_dir()


@dataclasses.dataclass(frozen=True)
class KioskConfig:
    data_dir: Path
    site: str = DEMO_SITE
    identifier_base: str = PLACEHOLDER_IDENTIFIER_BASE
    language: str = "en"
    server_url: str | None = None
    server_token: str | None = dataclasses.field(default=None, repr=False)
    server_timeout: float = 30.0
    #: ``[server]`` connection settings, read by sync (:class:`sync.settings.SyncSettings`).
    server_ca_bundle: str | None = None
    server_proxy: str | None = None
    server_gzip: bool = False
    server_photo_max_bytes: int = PHOTO_MAX_BYTES
    server_max_response_bytes: int = MAX_RESPONSE_MIB * MIB
    languages: tuple[str, ...] = ("kk", "ru", "en")
    sync_interval: float = 60.0
    #: ``[screen]``, read by ``kiosk run`` (:class:`kiosk.screen_settings.ScreenSettings`).
    screen_idle_lock_minutes: int = 5
    screen_hide_cursor: str = "auto"
    ports: Mapping[str, str] = dataclasses.field(default_factory=dict, hash=False)
    ble_devices: Mapping[str, str] = dataclasses.field(default_factory=dict, hash=False)
    backup_usb_path: str | None = None
    backup_keep: int = 7
    backup_auto: bool = True
    log_level: str = "INFO"
    log_max_bytes: int = 1_000_000
    log_backups: int = 5

    @property
    def store_path(self) -> Path:
        from kiosk.store.db import STORE_FILENAME

        return self.data_dir / STORE_FILENAME

    @property
    def media_dir(self) -> Path:
        return self.data_dir / "media"


def load_config(data_dir: Path, environ: Mapping[str, str] | None = None) -> KioskConfig:
    """The effective configuration (``environ``: the environment, by default
    ``os.environ``); a wrong type or value raises ``config.problem``."""
    from kiosk.settings_file import resolve

    env = os.environ if environ is None else environ
    resolved = resolve(data_dir, env)
    for problem in resolved.problems:
        if problem.fatal:
            raise problem.error()
        log.warning("%s", problem.message())
    get = resolved.get
    base = str(get("identifier_base") or PLACEHOLDER_IDENTIFIER_BASE)
    return KioskConfig(
        data_dir=data_dir,
        site=str(get("site")),
        identifier_base=base if base.endswith("/") else base + "/",
        language=str(get("language")),
        server_url=get("server.url") or None,
        server_token=get("server.token") or None,
        server_timeout=float(get("server.timeout")),
        server_ca_bundle=get("server.ca_bundle") or env.get(CA_BUNDLE_ENV) or None,
        server_proxy=get("server.proxy") or None,
        server_gzip=bool(get("server.gzip")),
        server_photo_max_bytes=int(get("server.photo_max_bytes")),
        server_max_response_bytes=int(get("server.max_response_mib")) * MIB,
        languages=tuple(get("languages")),
        sync_interval=float(get("sync.interval")),
        screen_idle_lock_minutes=int(get("screen.idle_lock_minutes")),
        screen_hide_cursor=str(get("screen.hide_cursor")),
        ports=dict(get("ports")),
        ble_devices=dict(get("ble_devices")),
        backup_usb_path=get("backup.usb_path") or None,
        backup_keep=int(get("backup.keep")),
        backup_auto=bool(get("backup.auto")),
        log_level=str(get("logging.level")),
        log_max_bytes=int(get("logging.max_bytes")),
        log_backups=int(get("logging.backups")),
    )
