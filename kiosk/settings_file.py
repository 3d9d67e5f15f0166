"""``config.toml``: effective values with their source, and safe edits.

- :func:`resolve` reads the file and the environment and gives every setting of
  :data:`~kiosk.settings_schema.SCHEMA` its effective value and where it came from
  (``default``, ``file`` or ``env:NAME``), plus the problems found (each naming the key and
  the line). Environment variables win over the file.
- :func:`set_value` (``kiosk config set``) validates one value, edits the file in place —
  only the line of that key changes, comments and the rest stay as written; a missing key is
  added to its table; a missing file starts as a commented template of every key — checks the
  whole result, and writes it atomically (temporary file, fsync, rename, mode 0600).
- Secrets are masked in everything shown (:func:`shown`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import re
import tempfile
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kiosk.errors import ValidationError
from kiosk.i18n import translate
from kiosk.settings_schema import BY_KEY, MAP_TABLES, SCHEMA, Setting, lookup, parse_text
from kiosk.settings_schema import check as check_value
from kiosk.settings_schema import validate as validate_file

CONFIG_FILENAME = "config.toml"
MASK = "********"


@dataclasses.dataclass(frozen=True)
class ConfigProblem:
    key: str
    where: str  # "PATH:LINE" or "environment NAME"
    message_key: str
    params: dict[str, Any]

    @property
    def fatal(self) -> bool:
        """Unknown keys are warnings: an older program (after a rollback) still starts."""
        return self.message_key != "config.unknown_key"

    def reason(self) -> str:
        return translate(self.message_key, **self.params)

    def message(self) -> str:
        return translate("config.problem", where=self.where, setting=self.key, reason=self.reason())

    def error(self) -> ValidationError:
        return ValidationError(
            "config.problem", where=self.where, setting=self.key, reason=self.reason()
        )

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "where": self.where, "error": self.message_key,
                "message": self.message(), "fatal": self.fatal}  # fmt: skip


@dataclasses.dataclass(frozen=True)
class Effective:
    key: str
    value: Any
    source: str
    secret: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "value": shown(self), "source": self.source}


@dataclasses.dataclass
class Resolved:
    path: Path
    values: dict[str, Effective]
    problems: list[ConfigProblem]

    def get(self, key: str) -> Any:
        return self.values[key].value


def shown(item: Effective) -> Any:
    return MASK if item.secret and item.value else item.value


def read(path: Path) -> tuple[dict[str, Any], str]:
    """The parsed file and its text (empty when absent); raises ``config.invalid``."""
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):
        return {}, ""
    except (OSError, UnicodeDecodeError) as error:
        raise ValidationError("config.invalid", path=str(path), reason=str(error)) from error
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as error:
        raise ValidationError("config.invalid", path=str(path), reason=str(error)) from error


def resolve(data_dir: Path, environ: Mapping[str, str] | None = None) -> Resolved:
    env = os.environ if environ is None else environ
    path = data_dir / CONFIG_FILENAME
    raw, text = read(path)
    problems = [
        ConfigProblem(key, f"{path}:{line or '?'}", problem[0], problem[1])
        for key, line, problem in validate_file(raw, text)
    ]
    bad = {p.key for p in problems}
    flat = _flat(raw)
    values: dict[str, Effective] = {}
    for setting in SCHEMA:
        value, source = setting.default, "default"
        if setting.key in flat and setting.key not in bad and flat[setting.key] not in ("", None):
            value, source = flat[setting.key], "file"
        env_name = setting.env
        if setting.key == "server.token":
            env_name = str(values["server.token_env"].value)
        if env_name and env.get(env_name):
            try:
                parsed = parse_text(setting, env[env_name])
            except ValueError:
                parsed = env[env_name]
            problem = check_value(setting, parsed)
            if problem is None:
                value, source = parsed, f"env:{env_name}"
            else:
                problems.append(
                    ConfigProblem(setting.key, f"environment {env_name}", problem[0], problem[1])
                )
        values[setting.key] = Effective(setting.key, value, source, setting.secret)
    return Resolved(path, values, problems)


def _flat(raw: Mapping[str, Any]) -> dict[str, Any]:
    from kiosk.settings_schema import flatten

    return flatten(raw)


# --- writing ---------------------------------------------------------------------------------


def literal(value: Any) -> str:
    """``value`` as a TOML literal (JSON strings are valid TOML basic strings)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)


def template() -> str:
    """A commented ``config.toml`` listing every key with its default and meaning."""
    lines = ["# Dala Kiosk configuration (docs/configuration.md). Uncomment to change a value;",
             "# `kiosk config set KEY VALUE` edits this file safely.", ""]  # fmt: skip
    current = ""
    for setting in SCHEMA:
        table = setting.key if setting.type == "map" else setting.table
        if table != current:
            lines += ["", f"[{table}]"]
            current = table
        lines.append(f"# {setting.description}")
        if setting.type != "map":
            default = "(not set)" if setting.default is None else literal(setting.default)
            lines.append(f"# {setting.name} = {default}")
    return "\n".join(lines) + "\n"


def _value_end(rest: str) -> int:
    """Where the value in ``rest`` (text after ``=``) ends: before a trailing comment."""
    for index in [i for i, c in enumerate(rest) if c == "#"] + [len(rest)]:
        with contextlib.suppress(tomllib.TOMLDecodeError):
            tomllib.loads("x = " + rest[:index])
            return index
    return len(rest)


def edit(text: str, table: str, name: str, value_literal: str) -> str:
    """``text`` with ``name = value`` in ``[table]`` (root when ``table`` is empty)."""
    lines = text.splitlines()
    current, last_in_table, first_header = "", -1 if table else None, None
    key_pattern = re.compile(r'^\s*("?)' + re.escape(name) + r"\1\s*=(.*)$")
    example = re.compile(r"^\s*#\s*" + re.escape(name) + r"\s*=")
    example_at: int | None = None
    for index, line in enumerate(lines):
        header = re.match(r"^\s*\[\s*([^\]]+?)\s*\]", line)
        if header:
            current = header.group(1).strip().strip('"')
            first_header = index if first_header is None else first_header
            if current == table:
                last_in_table = index
            continue
        if current != table:
            continue
        if line.strip() and not line.lstrip().startswith("#"):
            last_in_table = index
        if example_at is None and example.match(line):
            example_at = index
        found = key_pattern.match(line)
        if found:
            rest = found.group(2)
            tail = rest[_value_end(rest) :].strip()
            prefix = line[: line.index("=") + 1]
            lines[index] = f"{prefix} {value_literal}" + (f"  {tail}" if tail else "")
            return "\n".join(lines) + "\n"
    quoted = json.dumps(name) if not re.fullmatch(r"[A-Za-z0-9_-]+", name) else name
    entry = f"{quoted} = {value_literal}"
    if example_at is not None:
        lines.insert(example_at + 1, entry)
    elif not table:
        at = first_header if first_header is not None else len(lines)
        lines.insert(at, entry)
    elif last_in_table is not None and last_in_table >= 0:
        lines.insert(last_in_table + 1, entry)
    else:
        lines += ["", f"[{table}]", entry]
    return "\n".join(lines) + "\n"


def atomic_write(path: Path, text: str) -> None:
    """Temporary file in the same folder, fsync, rename, fsync the folder; mode 0600."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def set_value(data_dir: Path, key: str, text_value: str) -> Effective:
    """Validate ``key = text_value`` and write it into ``config.toml``; returns the new value."""
    path = data_dir / CONFIG_FILENAME
    setting = lookup(key)
    where = f"{path}:-"
    if setting is None:
        raise ConfigProblem(key, where, "config.unknown_key", {"name": key}).error()
    value: Any
    try:
        value = text_value if setting.type == "map" else parse_text(setting, text_value)
    except ValueError as error:
        wrong = ConfigProblem(key, where, "config.wrong_type", {"expected": setting.type})
        raise wrong.error() from error
    probe = {key.partition(".")[2]: value} if setting.type == "map" else value
    problem = check_value(setting, probe)
    if problem is not None:
        raise ConfigProblem(key, where, problem[0], problem[1]).error()
    _, text = read(path)
    if setting.type == "map":
        table, _, name = key.partition(".")
    else:
        table, name = setting.table, setting.name
    new_text = edit(text or template(), table, name, literal(value))
    raw = tomllib.loads(new_text)
    for bad_key, line, found in validate_file(raw, new_text):
        problem_here = ConfigProblem(bad_key, f"{path}:{line or '?'}", found[0], found[1])
        if problem_here.fatal:
            raise problem_here.error()
    atomic_write(path, new_text)
    return Effective(key, value, "file", setting.secret)


def known_keys() -> list[str]:
    return [s.key for s in SCHEMA] + [f"{t}.*" for t in MAP_TABLES]


def setting_for(key: str) -> Setting | None:
    return BY_KEY.get(key)
