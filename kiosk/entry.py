"""The ``kiosk`` console script: paints a first frame early, then runs the CLI.

Importing the CLI (click, every command module, their libraries) takes far longer than
showing a window, so the script first finds the command word in ``argv`` (skipping the
global options) and runs that command's *early start* hook, if one is registered in the
``kiosk.early_start`` entry-point group — ``ui`` registers ``run = "ui.early_frame:show"``,
which paints a "starting…" frame of the kiosk before the CLI is even imported. Then
:func:`kiosk.cli.main` runs exactly as before.

Only the standard library is imported here (no Qt, no click). The hook lookup reads the
``entry_points.txt`` of the distributions on ``sys.path`` directly: ``importlib.metadata``
alone takes ~35 ms to import, a quarter of a bare window's start. No hook runs for
``--help`` / ``--version`` or without a command, nor when ``KIOSK_BLOCK_QT=1``; a hook that
fails is logged and the command goes on without it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence

EARLY_START_GROUP = "kiosk.early_start"
#: Global options of :data:`kiosk.cli.cli` that take a value, and those that do not.
VALUE_OPTIONS = frozenset({"--data-dir", "--lang", "--user"})
FLAG_OPTIONS = frozenset({"-v", "--verbose"})
#: Options that make click answer at once (no command runs).
EAGER_OPTIONS = frozenset({"-h", "--help", "--version"})

EarlyStart = Callable[[list[str]], object]


class CommandLine:
    """``kiosk [global options] COMMAND [arguments]`` taken apart (a plain class:
    :mod:`dataclasses` alone takes 10 ms to import)."""

    __slots__ = ("arguments", "command", "options")

    def __init__(self, options: dict[str, str], command: str | None, arguments: list[str]):
        self.options = options
        self.command = command
        self.arguments = arguments

    def __repr__(self) -> str:
        return f"CommandLine({self.options!r}, {self.command!r}, {self.arguments!r})"


def parse_command_line(argv: Sequence[str]) -> CommandLine:
    """The global options' values, the command word (None when there is none, or when an
    eager option such as ``--help`` comes first) and the command's own arguments."""
    options: dict[str, str] = {}
    index = 0
    while index < len(argv):
        word = argv[index]
        name, equals, value = word.partition("=")
        if word in EAGER_OPTIONS:
            return CommandLine(options, None, [])
        if name in VALUE_OPTIONS and equals:
            options[name] = value
        elif word in VALUE_OPTIONS:
            if index + 1 >= len(argv):
                return CommandLine(options, None, [])
            options[word] = argv[index + 1]
            index += 1
        elif word in FLAG_OPTIONS or (word.startswith("-v") and set(word[1:]) == {"v"}):
            options["--verbose"] = "1"
        elif word == "--":
            return _command_at(options, argv, index + 1)
        elif word.startswith("-"):
            return CommandLine(options, None, [])  # unknown to us: let click explain
        else:
            return _command_at(options, argv, index)
        index += 1
    return CommandLine(options, None, [])


def _command_at(options: dict[str, str], argv: Sequence[str], index: int) -> CommandLine:
    if index >= len(argv):
        return CommandLine(options, None, [])
    return CommandLine(options, argv[index], list(argv[index + 1 :]))


def _distribution_name(folder_name: str) -> str:
    """``dala_kiosk-0.1.0.dist-info`` -> ``dala-kiosk`` (PEP 503 normalised)."""
    name = folder_name.split("-", 1)[0].lower()
    for separator in ("_", "."):
        name = name.replace(separator, "-")
    return "-".join(part for part in name.split("-") if part)


def _entry_point_files(path: Sequence[str]) -> Iterator[str]:
    """``entry_points.txt`` of every distribution on ``path``; the first of a name wins,
    as with :mod:`importlib.metadata`."""
    seen: set[str] = set()
    for folder in path:
        try:
            names = sorted(os.listdir(folder or "."))
        except OSError:
            continue
        for name in names:
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            distribution = _distribution_name(name)
            if distribution in seen:
                continue
            seen.add(distribution)
            yield os.path.join(folder or ".", name, "entry_points.txt")


def _section(text: str, group: str) -> dict[str, str]:
    """``name = module:attribute`` lines of ``[group]`` in an ``entry_points.txt``."""
    entries: dict[str, str] = {}
    inside = False
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("["):
            inside = line == f"[{group}]"
        elif inside and "=" in line and not line.startswith(("#", ";")):
            name, _, target = line.partition("=")
            entries.setdefault(name.strip(), target.strip())
    return entries


def early_start_targets(path: Sequence[str] | None = None) -> dict[str, str]:
    """The ``kiosk.early_start`` entry points installed on ``path`` (``sys.path``): command
    word -> ``module:attribute``."""
    targets: dict[str, str] = {}
    for file in _entry_point_files(sys.path if path is None else path):
        try:
            with open(file, encoding="utf-8") as handle:
                text = handle.read()
        except OSError:
            continue
        if EARLY_START_GROUP in text:
            for name, target in _section(text, EARLY_START_GROUP).items():
                targets.setdefault(name, target)
    return targets


def load_target(target: str) -> EarlyStart:
    """Import ``module:attribute`` (an entry point's value, extras ignored)."""
    import importlib

    module_name, _, attribute = target.partition(":")
    found: object = importlib.import_module(module_name.strip())
    for part in attribute.split("[", 1)[0].strip().split("."):
        found = getattr(found, part)
    if not callable(found):
        raise TypeError(f"{target} is not callable")
    return found


def qt_blocked(environ: Mapping[str, str] | None = None) -> bool:
    """``KIOSK_BLOCK_QT=1``: this process must not load Qt (the core's tests run so)."""
    return (os.environ if environ is None else environ).get("KIOSK_BLOCK_QT") == "1"


def run_early_start(argv: Sequence[str]) -> bool:
    """Run the early start hook of ``argv``'s command, if any; whether one ran. Never
    raises: the command must start even when its hook fails."""
    command_line = parse_command_line(argv)
    command = command_line.command
    if command is None or qt_blocked() or EAGER_OPTIONS.intersection(command_line.arguments):
        return False  # no command, or only its help: nothing to paint
    try:
        target = early_start_targets().get(command)
        if target is None:
            return False
        load_target(target)(list(argv))
    except ImportError as error:  # e.g. PySide6 missing: the command itself will say so
        import logging  # imported only when needed (7 ms)

        logging.getLogger(__name__).debug("no early start for %s: %s", command, error)
        return False
    except Exception:
        import logging

        logging.getLogger(__name__).warning(
            "the early start of %r failed; starting without it", command, exc_info=True
        )
        return False
    return True


def main() -> None:
    """The ``kiosk`` command (``[project.scripts]``)."""
    run_early_start(sys.argv[1:])
    from kiosk.cli import main as cli_main

    cli_main()
