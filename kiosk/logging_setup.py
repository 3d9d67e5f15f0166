"""Logging of the kiosk: human lines on stderr, JSON lines in a rotated file.

:func:`configure` (called by the CLI for every command) installs two handlers on the root
logger, replacing the ones it installed before (so it is idempotent):

- stderr, human-readable, at WARNING (INFO with ``-v``, DEBUG with ``-vv``);
- ``DATA_DIR/logs/kiosk.log``, one JSON object per line (``time``, ``level``, ``logger``,
  ``message``, ``thread`` and, for errors, ``exc``), rotated by size
  (``logging.max_bytes``, ``logging.backups`` of ``config.toml``), mode 0600. If the folder
  cannot be written, the kiosk runs with stderr logging only.

Patient data never goes into logs: the code logs ids, kinds and counts only
(``kiosk/errors.py`` says the same of error parameters). :class:`RedactPatientFields` is a
second line of defence: a value passed under a patient field name (``family``, ``given``,
``birth_date``, ...) as a log argument mapping or an ``extra`` is replaced by ``[redacted]``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import logging.handlers
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kiosk.config import KioskConfig

LOG_DIRNAME = "logs"
LOG_FILENAME = "kiosk.log"
REDACTED = "[redacted]"
PATIENT_FIELDS = frozenset({
    "family", "given", "name", "names", "birth_date", "birthdate", "dob", "phone",
    "address", "iin", "national_id", "patient_name", "complaint_text", "notes",
})  # fmt: skip
_STANDARD = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime"}
_OURS = "_dala_kiosk_handler"


class RedactPatientFields(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, Mapping):
            record.args = {
                k: (REDACTED if str(k).lower() in PATIENT_FIELDS else v)
                for k, v in record.args.items()
            }
        for name in list(vars(record)):
            if name.lower() in PATIENT_FIELDS and name not in _STANDARD:
                setattr(record, name, REDACTED)
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        document: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "thread": record.threadName,
            "pid": record.process,
        }
        for name, value in vars(record).items():
            if name not in _STANDARD and not name.startswith("_"):
                document[name] = value if isinstance(value, int | float | bool) else str(value)
        if record.exc_info:
            document["exc"] = self.formatException(record.exc_info)
        return json.dumps(document, ensure_ascii=False)


def log_dir(data_dir: Path) -> Path:
    return data_dir / LOG_DIRNAME


def log_files(data_dir: Path) -> list[Path]:
    """``kiosk.log`` and its rotated copies, oldest last."""
    folder = log_dir(data_dir)
    return sorted(folder.glob(f"{LOG_FILENAME}*")) if folder.is_dir() else []


def _remove_ours(root: logging.Logger) -> None:
    for handler in list(root.handlers):
        if getattr(handler, _OURS, False):
            root.removeHandler(handler)
            handler.close()


def file_handler(config: KioskConfig) -> logging.Handler | None:
    folder = log_dir(config.data_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / LOG_FILENAME
        handler = logging.handlers.RotatingFileHandler(
            path,
            maxBytes=config.log_max_bytes,
            backupCount=config.log_backups,
            encoding="utf-8",
        )
        os.chmod(path, 0o600)
    except OSError:
        return None
    handler.setFormatter(JsonFormatter())
    handler.setLevel(config.log_level)
    handler.addFilter(RedactPatientFields())
    return handler


def configure(config: KioskConfig | None, verbose: int = 0, *, to_file: bool = True) -> None:
    """stderr at WARNING/INFO/DEBUG by ``verbose``, plus the JSON file when ``to_file``."""
    root = logging.getLogger()
    _remove_ours(root)
    stderr_level = logging.WARNING - 10 * min(verbose, 2)
    console = logging.StreamHandler(sys.stderr)
    console.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    console.setLevel(stderr_level)
    console.addFilter(RedactPatientFields())
    handlers: list[logging.Handler] = [console]
    if config is not None and to_file:
        handler = file_handler(config)
        if handler is not None:
            handlers.append(handler)
    for handler in handlers:
        setattr(handler, _OURS, True)
        root.addHandler(handler)
    root.setLevel(min(h.level for h in handlers))


def shutdown() -> None:
    """Close the handlers :func:`configure` installed (tests, the end of a command)."""
    _remove_ours(logging.getLogger())
