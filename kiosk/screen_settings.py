"""The touchscreen's own settings (the ``[screen]`` table of ``config.toml``), read at start.

``kiosk run`` takes them from its :class:`~kiosk.config.KioskConfig` (``config.toml`` is
read once, by :func:`kiosk.config.load_config`; :meth:`ScreenSettings.from_config`) and
hands them on: the idle time to :class:`kiosk.sign_in_flow.SignInFlow` (its staff session
locks the screen after it; :mod:`ui.idle_lock` watches the input), the cursor mode to kiosk
mode (``ui.app.kiosk_cursor_hidden``).

- ``screen.idle_lock_minutes`` (1…60, default 5): minutes without a touch before the screen
  locks itself. ``KIOSK_IDLE_LOCK_MINUTES`` wins over the file.
- ``screen.hide_cursor`` (``auto`` / ``always`` / ``never``, default ``auto``): whether kiosk
  mode hides the mouse cursor; ``auto`` hides it exactly when a touch screen is attached.
  ``KIOSK_HIDE_CURSOR=1/0`` (older than the setting, kept) wins over the file.

Both are checked by :mod:`kiosk.settings_schema` like every key: a wrong value stops
``kiosk run`` with a translated message naming the key and the line before this is read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from kiosk.config import KioskConfig, load_config
from kiosk.settings_schema import BY_KEY

IDLE_LOCK_KEY = "screen.idle_lock_minutes"
HIDE_CURSOR_KEY = "screen.hide_cursor"


def default_idle_lock() -> dt.timedelta:
    """The schema's default idle time (5 minutes)."""
    return dt.timedelta(minutes=int(BY_KEY[IDLE_LOCK_KEY].default))


@dataclasses.dataclass(frozen=True)
class ScreenSettings:
    """What the screen needs of ``config.toml`` at start."""

    idle_lock: dt.timedelta = dataclasses.field(default_factory=default_idle_lock)
    hide_cursor: str = str(BY_KEY[HIDE_CURSOR_KEY].default)

    @classmethod
    def from_config(cls, config: KioskConfig) -> ScreenSettings:
        """The ``[screen]`` settings :func:`kiosk.config.load_config` already read and checked
        (``kiosk run`` reads ``config.toml`` once)."""
        return cls(
            idle_lock=dt.timedelta(minutes=config.screen_idle_lock_minutes),
            hide_cursor=config.screen_hide_cursor,
        )


def screen_settings(data_dir: Path, environ: Mapping[str, str] | None = None) -> ScreenSettings:
    """The effective ``[screen]`` settings of the kiosk in ``data_dir`` (file, then env)."""
    return ScreenSettings.from_config(load_config(data_dir, environ))
