"""What a kiosk has already imported from each glucose meter (reference/devices.md §7).

A meter keeps its records and numbers them; the kiosk asks only for those after the highest
sequence number it has imported (:func:`drivers.ble_glucose.racp.report_after`), so nothing
is imported twice, across sessions and restarts. The number is kept per device key (the
identity read from Device Information) in a small JSON file per meter,
``<directory>/<device key>.json`` = ``{"last_sequence": 41}``, written atomically (a
temporary file, then ``os.replace``) after every imported record, so a link lost half-way
through a transfer resumes after the last record that arrived.

``directory`` ``None`` keeps the numbers in this object only (for one process). The session
default is ``$KIOSK_BLE_STATE_DIR`` or else ``<kiosk data dir>/ble-state``. This module
knows nothing of the kiosk's database.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import tempfile
from pathlib import Path

_log = logging.getLogger(__name__)
STATE_DIR_ENV = "KIOSK_BLE_STATE_DIR"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def default_directory() -> Path:
    """``$KIOSK_BLE_STATE_DIR``, else ``ble-state`` in the kiosk's data folder."""
    explicit = os.environ.get(STATE_DIR_ENV)
    if explicit:
        return Path(explicit).expanduser()
    from kiosk.config import resolve_data_dir

    return resolve_data_dir() / "ble-state"


class SequenceMemory:
    """The highest imported sequence number per device key; see the module docstring."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory
        self._known: dict[str, int] = {}

    def path(self, key: str) -> Path | None:
        if self.directory is None:
            return None
        return self.directory / f"{_UNSAFE.sub('_', key)}.json"

    def last_sequence(self, key: str) -> int | None:
        """The highest sequence number imported from ``key``, None when nothing was."""
        if key in self._known:
            return self._known[key]
        path = self.path(key)
        if path is None or not path.exists():
            return None
        try:
            value = json.loads(path.read_text(encoding="utf-8"))["last_sequence"]
        except (OSError, ValueError, KeyError, TypeError) as error:
            _log.warning("%s: unreadable (%s); importing every record", path, error)
            return None
        if not isinstance(value, int) or not 0 <= value <= 0xFFFF:
            return None
        self._known[key] = value
        return value

    def remember(self, key: str, sequence: int) -> None:
        """Record that ``sequence`` was imported from ``key`` (keeps the highest)."""
        last = self.last_sequence(key)
        if last is not None and sequence <= last:
            return
        self._known[key] = sequence
        path = self.path(key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_atomically(path, json.dumps({"last_sequence": sequence}) + "\n")
        except OSError as error:  # the import goes on; the number lives in memory
            _log.warning("%s: cannot save the glucose import state: %s", path, error)


def _write_atomically(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
