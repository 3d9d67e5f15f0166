"""The settings of ``config.toml`` as data: key, type, default, description, validator.

Every key the kiosk reads from ``config.toml`` is one :class:`Setting` in :data:`SCHEMA`;
``docs/configuration.md`` documents each one (a test checks). Keys are dotted: ``server.url``
is ``url`` in the ``[server]`` table. Two tables are free-form maps: ``[ports]`` (serial port
→ driver id, read by :mod:`kiosk.hotplug`) and ``[ble_devices]`` (Bluetooth address → driver
id). :func:`validate` checks a parsed file and names the key and the line of each problem;
:func:`parse_text` turns a string (an environment variable, ``kiosk config set``) into a
value of the setting's type.

A validator returns ``None`` when the value is fine, else a message key of
:mod:`kiosk.i18n_ops` and its parameters, so the technician reads the reason in their language.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

DEMO_SITE = "KZ-DEMO-0001"
#: A placeholder base (fhir-mapping.md §2); deployments set the hospital's own.
PLACEHOLDER_IDENTIFIER_BASE = "https://dala.example/fhir/"
LANGUAGES = ("kk", "ru", "en")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
MAP_TABLES = ("ports", "ble_devices")
#: ``screen.hide_cursor``: ``auto`` hides the mouse cursor in kiosk mode on touch screens.
CURSOR_MODES = ("auto", "always", "never")
#: ``server.photo_max_bytes``: what kiosk/media stores (``jpeg.MAX_BYTES``, 250 KiB).
PHOTO_MAX_BYTES = 250 * 1024
#: ``server.max_response_mib``: Bundles and Task pages are far smaller (sync/http_guard.py).
MAX_RESPONSE_MIB = 8

Problem = tuple[str, dict[str, Any]]
Validator = Callable[[Any], Problem | None]

_SITE = re.compile(r"^[A-Z]{2}(-[A-Z0-9]{1,12}){1,4}$")
_DRIVER_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,40}$")
_ADDRESS = re.compile(r"^([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}$")
_ENV_NAME = re.compile(r"^[A-Z_][A-Z0-9_]*$")


def valid_url(value: Any) -> Problem | None:
    parts = urlsplit(str(value))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return ("config.bad_url", {"value": str(value)})
    return None


def valid_site(value: Any) -> Problem | None:
    return None if _SITE.match(str(value)) else ("config.bad_site", {"value": str(value)})


def valid_language(value: Any) -> Problem | None:
    if value in LANGUAGES:
        return None
    return ("config.bad_language", {"value": str(value), "allowed": ", ".join(LANGUAGES)})


def valid_languages(value: Any) -> Problem | None:
    for item in value:
        problem = valid_language(item)
        if problem:
            return problem
    return None if value else ("config.empty", {})


def valid_env_name(value: Any) -> Problem | None:
    return None if _ENV_NAME.match(str(value)) else ("config.bad_env_name", {"value": str(value)})


def in_range(low: float, high: float) -> Validator:
    def check(value: Any) -> Problem | None:
        if low <= value <= high:
            return None
        return ("config.out_of_range", {"value": value, "low": low, "high": high})

    return check


def one_of(*allowed: str) -> Validator:
    def check(value: Any) -> Problem | None:
        if value in allowed:
            return None
        return ("config.bad_choice", {"value": str(value), "allowed": ", ".join(allowed)})

    return check


def valid_driver_map(value: Any) -> Problem | None:
    for port, driver in value.items():
        if not isinstance(driver, str) or not _DRIVER_ID.match(driver):
            return ("config.bad_driver_id", {"value": str(driver), "port": str(port)})
    return None


def valid_ble_map(value: Any) -> Problem | None:
    for address in value:
        if not _ADDRESS.match(str(address)):
            return ("config.bad_address", {"value": str(address)})
    return valid_driver_map(value)


@dataclasses.dataclass(frozen=True)
class Setting:
    key: str
    type: str  # "str" | "int" | "float" | "bool" | "list" (of strings) | "map" (str -> str)
    default: Any
    description: str
    validator: Validator | None = None
    env: str | None = None
    secret: bool = False

    @property
    def table(self) -> str:
        return self.key.rpartition(".")[0]

    @property
    def name(self) -> str:
        return self.key.rpartition(".")[2]


SCHEMA: tuple[Setting, ...] = (
    Setting("site", "str", DEMO_SITE, "This kiosk's site code (country-region-number).",
            valid_site, env="KIOSK_SITE"),
    Setting("identifier_base", "str", PLACEHOLDER_IDENTIFIER_BASE,
            "The hospital's identifier (NamingSystem) base URL; ends with '/'.",
            valid_url, env="KIOSK_IDENTIFIER_BASE"),
    Setting("language", "str", "en", "Language of messages and of the technician's tools.",
            valid_language, env="KIOSK_LANG"),
    Setting("languages", "list", list(LANGUAGES),
            "Languages offered on the touchscreen, in this order.", valid_languages),
    Setting("server.url", "str", None, "The hospital's FHIR R4 base URL; empty: no sync.",
            valid_url, env="KIOSK_SERVER"),
    Setting("server.token_env", "str", "KIOSK_SERVER_TOKEN",
            "Environment variable that holds the bearer token.", valid_env_name),
    Setting("server.token", "str", None,
            "Bearer token written in the file (the variable named by token_env wins).",
            secret=True),
    Setting("server.timeout", "float", 30.0, "Seconds to wait for the server.",
            in_range(1, 600)),
    Setting("server.ca_bundle", "str", None,
            "CA bundle (PEM) for the hospital's TLS certificate; env KIOSK_CA_BUNDLE."),
    Setting("server.proxy", "str", None, "HTTP(S) proxy URL for the server.", valid_url),
    Setting("server.gzip", "bool", False, "gzip request bodies (only if the server takes it)."),
    Setting("server.photo_max_bytes", "int", PHOTO_MAX_BYTES,
            "Largest photo uploaded, in bytes; a larger one is quarantined.",
            in_range(16_384, 16_777_216)),
    Setting("server.max_response_mib", "int", MAX_RESPONSE_MIB,
            "Largest server answer read, in MiB; a larger one is refused.", in_range(1, 256)),
    Setting("sync.interval", "float", 60.0, "Seconds between sync passes when idle.",
            in_range(5, 86400), env="KIOSK_SYNC_INTERVAL"),
    Setting("screen.idle_lock_minutes", "int", 5,
            "Minutes without a touch before the screen locks itself (sign in again).",
            in_range(1, 60), env="KIOSK_IDLE_LOCK_MINUTES"),
    Setting("screen.hide_cursor", "str", "auto",
            "Mouse cursor in kiosk mode: auto (hidden on touch screens), always, never.",
            one_of(*CURSOR_MODES)),
    Setting("ports", "map", {}, "Serial port (path, by-id link or USB serial) -> driver id.",
            valid_driver_map),
    Setting("ble_devices", "map", {}, "Bluetooth address (AA:BB:CC:DD:EE:FF) -> driver id.",
            valid_ble_map),
    Setting("backup.usb_path", "str", None,
            "Folder for automatic backups; empty: the first USB stick under /media."),
    Setting("backup.keep", "int", 7, "How many automatic backups to keep on the stick.",
            in_range(1, 365)),
    Setting("backup.auto", "bool", True, "Back up automatically when a USB stick is present."),
    Setting("logging.level", "str", "INFO", "Level of the log file.", one_of(*LOG_LEVELS),
            env="KIOSK_LOG_LEVEL"),
    Setting("logging.max_bytes", "int", 1_000_000, "Size of one log file before rotation.",
            in_range(10_000, 100_000_000)),
    Setting("logging.backups", "int", 5, "How many rotated log files to keep.",
            in_range(1, 50)),
)  # fmt: skip

BY_KEY: dict[str, Setting] = {setting.key: setting for setting in SCHEMA}
TABLES = frozenset(s.table for s in SCHEMA if s.table) | frozenset(MAP_TABLES)


def lookup(key: str) -> Setting | None:
    """The setting of ``key``; ``ports.X`` / ``ble_devices.X`` give their map setting."""
    if key in BY_KEY:
        return BY_KEY[key]
    table, _, rest = key.partition(".")
    return BY_KEY[table] if table in MAP_TABLES and rest else None


def type_problem(setting: Setting, value: Any) -> Problem | None:
    ok = {
        "str": isinstance(value, str),
        "int": isinstance(value, int) and not isinstance(value, bool),
        "float": isinstance(value, int | float) and not isinstance(value, bool),
        "bool": isinstance(value, bool),
        "list": isinstance(value, list) and all(isinstance(v, str) for v in value),
        "map": isinstance(value, dict) and all(isinstance(v, str) for v in value.values()),
    }[setting.type]
    return None if ok else ("config.wrong_type", {"expected": setting.type})


def check(setting: Setting, value: Any) -> Problem | None:
    """Type, then the setting's own validator (``None`` and ``""`` mean "not set")."""
    if value is None or (value == "" and setting.default is None):
        return None
    problem = type_problem(setting, value)
    if problem is None and setting.validator is not None:
        problem = setting.validator(value)
    return problem


def parse_text(setting: Setting, text: str) -> Any:
    """A string (environment, command line) as the setting's type; raises ValueError."""
    if setting.type == "int":
        return int(text)
    if setting.type == "float":
        return float(text)
    if setting.type == "bool":
        lowered = text.strip().lower()
        if lowered not in ("true", "false", "1", "0", "yes", "no", "on", "off"):
            raise ValueError(text)
        return lowered in ("true", "1", "yes", "on")
    if setting.type == "list":
        return [part.strip() for part in text.split(",") if part.strip()]
    if setting.type == "map":
        raise ValueError("set one entry: TABLE.KEY VALUE")
    return text


def flatten(raw: Mapping[str, Any]) -> dict[str, Any]:
    """``{"server": {"url": u}}`` → ``{"server.url": u}``; map tables stay whole."""
    flat: dict[str, Any] = {}
    for name, value in raw.items():
        if isinstance(value, dict) and name not in MAP_TABLES:
            for inner, inner_value in flatten(value).items():
                flat[f"{name}.{inner}"] = inner_value
        else:
            flat[name] = value
    return flat


def line_of(text: str, key: str) -> int | None:
    """The 1-based line where ``key`` is set in the TOML ``text`` (best effort)."""
    table, _, name = key.rpartition(".")
    current = ""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        header = re.match(r"^\[\s*([^\]]+?)\s*\]", stripped)
        if header:
            current = header.group(1).strip().strip('"')
            if current == key:
                return number
            continue
        found = re.match(r'^("?)([^"=]+?)\1\s*=', stripped)
        if not found:
            continue
        written = found.group(2).strip()
        if (current == table and written == name) or (not current and written == key):
            return number
    return None


def validate(raw: Mapping[str, Any], text: str) -> list[tuple[str, int | None, Problem]]:
    """Problems of a parsed file as ``(key, line, (message key, params))``."""
    problems: list[tuple[str, int | None, Problem]] = []
    for key, value in flatten(raw).items():
        setting = BY_KEY.get(key)
        if setting is None:
            problems.append((key, line_of(text, key), ("config.unknown_key", {"name": key})))
            continue
        problem = check(setting, value)
        if problem is not None:
            entry = problem[1].get("port") or problem[1].get("value")
            at = line_of(text, f"{key}.{entry}") if setting.type == "map" and entry else None
            problems.append((key, at or line_of(text, key), problem))
    return problems
