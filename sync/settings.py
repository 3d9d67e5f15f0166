"""Connection settings of sync: TLS CA bundle, HTTP proxy, gzip request bodies, the photo
upload budget and the answer-size cap (§5, §7).

``config.toml``::

    [server]
    ca_bundle = "/etc/dala/hospital-ca.pem"   # else env KIOSK_CA_BUNDLE; else the system CAs
    proxy = "http://10.0.0.1:3128"            # else requests honours HTTPS_PROXY / NO_PROXY
    gzip = true                               # gzip request bodies (off by default)
    photo_max_bytes = 256000                  # photo upload budget (default 250 KiB)
    max_response_mib = 8                      # largest server answer read (default 8 MiB)

The file is read and validated once, by :func:`kiosk.config.load_config` (schema in
:mod:`kiosk.settings_schema`, docs/configuration.md); :meth:`SyncSettings.from_config` takes
the typed ``server_*`` fields of :class:`~kiosk.config.KioskConfig` as they are. TLS
verification is always on: ``verify`` is the CA bundle path or True, never False. gzip
request bodies stay off unless configured, because a server or proxy on the way may refuse
them; responses are always asked for with ``Accept-Encoding: gzip``. Without a config (the
specialist console, tests) the defaults apply: no CA bundle, no proxy, 250 KiB photos and
:data:`~sync.http_guard.MAX_RESPONSE_BYTES` (8 MiB) answers.
"""

from __future__ import annotations

import dataclasses

import requests

from kiosk.config import CA_BUNDLE_ENV, KioskConfig
from kiosk.settings_schema import PHOTO_MAX_BYTES
from sync.http_guard import MAX_RESPONSE_BYTES

__all__ = ["CA_BUNDLE_ENV", "MAX_RESPONSE_BYTES", "PHOTO_MAX_BYTES", "SyncSettings"]


@dataclasses.dataclass(frozen=True, slots=True)
class SyncSettings:
    ca_bundle: str | None = None
    proxy: str | None = None
    gzip: bool = False
    #: The largest photo sync uploads: what kiosk/media stores (``jpeg.MAX_BYTES``, 250 KiB).
    photo_max_bytes: int = PHOTO_MAX_BYTES
    #: The most of one server answer read (decoded); a larger one is refused.
    max_response_bytes: int = MAX_RESPONSE_BYTES

    @property
    def verify(self) -> str | bool:
        """What ``requests`` gets as ``verify``: a CA bundle path, or True (never False)."""
        return self.ca_bundle or True

    @classmethod
    def from_config(cls, config: KioskConfig) -> SyncSettings:
        """The ``[server]`` settings :func:`kiosk.config.load_config` resolved and checked."""
        return cls(
            ca_bundle=config.server_ca_bundle,
            proxy=config.server_proxy,
            gzip=config.server_gzip,
            photo_max_bytes=config.server_photo_max_bytes,
            max_response_bytes=config.server_max_response_bytes,
        )

    def session(self) -> requests.Session:
        """A session with these settings; env proxies still apply when none is configured."""
        session = requests.Session()
        session.verify = self.verify
        if self.proxy:
            session.proxies.update({"http": self.proxy, "https": self.proxy})
        return session
