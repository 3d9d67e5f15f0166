"""Authentication behind one small interface (fhir-mapping.md §7).

The engine only calls :meth:`Auth.headers` before each request and :meth:`Auth.refresh`
once after a 401. Today the scheme is a per-kiosk bearer token from the environment
variable named by ``[server] token_env`` (default ``KIOSK_SERVER_TOKEN``), read through
:func:`kiosk.config.load_config`; SMART Backend Services can later implement the same two
methods. The token is never logged and never part of ``repr``.

A token written in ``config.toml`` (``[server] token``) is only used while the file is
private: group or world permission bits on it raise ``security.secret_file_open`` (the file
is written 0600 by ``kiosk config set``; a copy made by hand may not be).
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any, Protocol

from kiosk.config import CONFIG_FILENAME, KioskConfig, load_config
from kiosk.errors import UserFacingError
from kiosk.settings_file import read


def check_secret_file(config: KioskConfig) -> None:
    """Refuse a ``config.toml`` that holds the server token (even one the environment
    overrides) and others may read."""
    path = config.data_dir / CONFIG_FILENAME
    if not path.exists() or not (_server_table(path).get("token") or ""):
        return
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise UserFacingError("security.secret_file_open", path=str(path), mode=oct(mode))


def _server_table(path: Path) -> dict[str, Any]:
    raw, _ = read(path)
    server = raw.get("server")
    return server if isinstance(server, dict) else {}


class Auth(Protocol):
    def headers(self) -> dict[str, str]:
        """Headers to add to every request (``Authorization`` or nothing)."""
        ...

    def refresh(self) -> bool:
        """Get fresh credentials; True when they changed (worth one more try)."""
        ...


class BearerTokenAuth:
    """``Authorization: Bearer …`` from config/env; ``refresh`` re-reads them."""

    def __init__(self, config: KioskConfig, token: str | None = None) -> None:
        if token is None:
            check_secret_file(config)
        self._config = config
        self._token = token if token is not None else config.server_token

    def __repr__(self) -> str:
        return f"BearerTokenAuth(token={'set' if self._token else 'none'})"

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._token}"} if self._token else {}

    def refresh(self) -> bool:
        """Re-read ``config.toml`` and the environment; True if the token is new."""
        check_secret_file(self._config)
        fresh = load_config(self._config.data_dir).server_token
        if fresh and fresh != self._token:
            self._token = fresh
            return True
        return False


class NoAuth:
    """An open server (the test peer): no header, nothing to refresh."""

    def headers(self) -> dict[str, str]:
        return {}

    def refresh(self) -> bool:
        return False
