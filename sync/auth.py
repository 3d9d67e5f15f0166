"""Authentication behind one small interface (fhir-mapping.md §7).

The engine only calls :meth:`Auth.headers` before each request and :meth:`Auth.refresh`
once after a 401. Today the scheme is a per-kiosk bearer token from the environment
variable named by ``[server] token_env`` (default ``KIOSK_SERVER_TOKEN``), read through
:func:`kiosk.config.load_config`; SMART Backend Services can later implement the same two
methods. The token is never logged and never part of ``repr``.
"""

from __future__ import annotations

from typing import Protocol

from kiosk.config import KioskConfig, load_config


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
        self._config = config
        self._token = token if token is not None else config.server_token

    def __repr__(self) -> str:
        return f"BearerTokenAuth(token={'set' if self._token else 'none'})"

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._token}"} if self._token else {}

    def refresh(self) -> bool:
        """Re-read ``config.toml`` and the environment; True if the token is new."""
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
