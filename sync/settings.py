"""Connection settings of sync: TLS CA bundle, HTTP proxy, gzip request bodies (§5, §7).

``config.toml``::

    [server]
    ca_bundle = "/etc/dala/hospital-ca.pem"   # else env KIOSK_CA_BUNDLE; else the system CAs
    proxy = "http://10.0.0.1:3128"            # else requests honours HTTPS_PROXY / NO_PROXY
    gzip = true                               # gzip request bodies (off by default)
    photo_max_bytes = 256000                  # photo upload budget (default 250 KiB)

A setting is taken from :class:`~kiosk.config.KioskConfig` when it has the attribute
(``server_ca_bundle``, ``server_proxy``, ``server_gzip``), else from the ``[server]``
table of ``config.toml`` in the data dir, else from the environment. TLS verification is
always on: ``verify`` is the CA bundle path or True, never False. gzip request bodies stay
off unless configured, because a server or proxy on the way may refuse them; responses are
always asked for with ``Accept-Encoding: gzip``.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from typing import Any

import requests

from kiosk.config import CONFIG_FILENAME, KioskConfig

CA_BUNDLE_ENV = "KIOSK_CA_BUNDLE"
#: The largest photo sync uploads: what kiosk/media stores (``jpeg.MAX_BYTES``, 250 KiB).
PHOTO_MAX_BYTES = 250 * 1024


@dataclasses.dataclass(frozen=True, slots=True)
class SyncSettings:
    ca_bundle: str | None = None
    proxy: str | None = None
    gzip: bool = False
    photo_max_bytes: int = PHOTO_MAX_BYTES

    @property
    def verify(self) -> str | bool:
        """What ``requests`` gets as ``verify``: a CA bundle path, or True (never False)."""
        return self.ca_bundle or True

    @classmethod
    def from_config(cls, config: KioskConfig, env: Mapping[str, str] | None = None) -> SyncSettings:
        environ = os.environ if env is None else env
        server = _server_table(config)
        ca = getattr(config, "server_ca_bundle", None) or server.get("ca_bundle")
        ca = ca or environ.get(CA_BUNDLE_ENV) or None
        proxy = getattr(config, "server_proxy", None) or server.get("proxy") or None
        gzip = getattr(config, "server_gzip", None)
        if gzip is None:
            gzip = bool(server.get("gzip", False))
        budget = getattr(config, "server_photo_max_bytes", None) or server.get("photo_max_bytes")
        return cls(
            ca_bundle=None if ca is None else str(ca),
            proxy=None if proxy is None else str(proxy),
            gzip=bool(gzip),
            photo_max_bytes=_positive_int(budget, PHOTO_MAX_BYTES),
        )

    def session(self) -> requests.Session:
        """A session with these settings; env proxies still apply when none is configured."""
        session = requests.Session()
        session.verify = self.verify
        if self.proxy:
            session.proxies.update({"http": self.proxy, "https": self.proxy})
        return session


def _positive_int(value: Any, default: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if number > 0 else default


def _server_table(config: KioskConfig) -> dict[str, Any]:
    path = config.data_dir / CONFIG_FILENAME
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return {}  # load_config already reported a broken file; sync uses defaults
    server = raw.get("server")
    return server if isinstance(server, dict) else {}
