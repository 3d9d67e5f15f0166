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
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from pathlib import Path
from typing import Any

import platformdirs

from kiosk.errors import ValidationError

CONFIG_FILENAME = "config.toml"
DEMO_SITE = "KZ-DEMO-0001"
#: A placeholder base (fhir-mapping.md §2); deployments set the hospital's own.
PLACEHOLDER_IDENTIFIER_BASE = "https://dala.example/fhir/"


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

    @property
    def store_path(self) -> Path:
        from kiosk.store.db import STORE_FILENAME

        return self.data_dir / STORE_FILENAME

    @property
    def media_dir(self) -> Path:
        return self.data_dir / "media"


def _read_file(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ValidationError("config.invalid", path=str(path), reason=str(error)) from error


def load_config(data_dir: Path) -> KioskConfig:
    raw = _read_file(data_dir / CONFIG_FILENAME)
    server = raw.get("server", {}) if isinstance(raw.get("server"), dict) else {}
    token_env = str(server.get("token_env", "KIOSK_SERVER_TOKEN"))
    base = str(os.environ.get("KIOSK_IDENTIFIER_BASE", raw.get("identifier_base", "")))
    base = base or PLACEHOLDER_IDENTIFIER_BASE
    return KioskConfig(
        data_dir=data_dir,
        site=str(os.environ.get("KIOSK_SITE", raw.get("site", DEMO_SITE))),
        identifier_base=base if base.endswith("/") else base + "/",
        language=str(os.environ.get("KIOSK_LANG", raw.get("language", "en"))),
        server_url=os.environ.get("KIOSK_SERVER") or server.get("url") or None,
        server_token=os.environ.get(token_env) or None,
        server_timeout=float(server.get("timeout", 30)),
    )
