"""One root for the kiosk's own errors; user-facing ones carry a message key.

A :class:`UserFacingError` never holds a sentence: it holds a key and parameters, and
whoever shows it (CLI, UI) translates the key with :mod:`kiosk.i18n`. Parameters must not
contain patient data, because errors end up in logs.
"""

from __future__ import annotations

from typing import Any


class KioskError(Exception):
    """Root of every error the kiosk raises on purpose."""


class UserFacingError(KioskError):
    """An error meant for a person: a message key plus parameters."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key, params)
        self.key = key
        self.params = params

    def __str__(self) -> str:
        from kiosk.i18n import translate

        return translate(self.key, **self.params)


class StoreError(UserFacingError):
    """The store cannot do what was asked (disk full, read-only, corrupt, too new)."""


class DriverError(UserFacingError):
    """A device or its driver failed."""


class DeviceNotFound(DriverError):
    pass


class ParseError(DriverError):
    def __init__(self, key: str, frame: bytes = b"", **params: Any) -> None:
        super().__init__(key, **params)
        self.frame = frame


class ValidationError(UserFacingError):
    """Input from a person or a file that the kiosk will not store."""
