"""A click group whose commands are imported only when they are needed.

Importing every command module (and their libraries) before ``kiosk run`` even starts took
most of the CLI's share of the kiosk's start-up (``kiosk bench startup``). A
:class:`LazyGroup` knows its commands by name (``name -> "module:attribute"``) and imports
one when it is looked up: to run it, for ``kiosk COMMAND --help``, when ``kiosk --help``
lists the commands (their short help is in their modules) or shell completion offers one.

The tree is the same as if every command had been added at once:

* the ``prepare`` hook (the plugins' registration functions, :mod:`kiosk.plugins`) runs
  before the first command is looked up or listed, so a plugin's command is found by name
  and a plugin that extends a core group (``encounters export``) has done so; a plugin may
  add its own commands lazily too (:meth:`LazyGroup.add_lazy_command`);
* ``extensions`` are modules that add subcommands to a core group when imported
  (``patients card`` comes with :mod:`kiosk.cli.card_commands`); they are imported with it;
* ``on_load`` (the role guard) sees every command each time it is handed out, so a
  subcommand a plugin added later is covered too; it must be idempotent.

A command added with :meth:`click.Group.add_command` is an ordinary entry and, as before,
replaces a lazy one of the same name.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from typing import Any

import click

#: ``command name -> "module:attribute"``.
Targets = Mapping[str, str]


def import_target(target: str) -> click.Command:
    """The command ``module:attribute`` names (the attribute may be dotted)."""
    module_name, _, attribute = target.partition(":")
    found: object = importlib.import_module(module_name)
    for part in attribute.split("."):
        found = getattr(found, part)
    if not isinstance(found, click.Command):
        raise TypeError(f"{target} is not a click command")
    return found


def _nothing() -> None:
    return None


def _as_is(_name: str, _command: click.Command) -> None:
    return None


class LazyCommands(MutableMapping[str, click.Command]):
    """``name -> command`` of a :class:`LazyGroup`, importing each command on first use."""

    def __init__(
        self,
        targets: Targets,
        *,
        extensions: Mapping[str, tuple[str, ...]] | None = None,
        prepare: Callable[[], None] = _nothing,
        on_load: Callable[[str, click.Command], None] = _as_is,
    ) -> None:
        self._targets = dict(targets)
        self._extensions = dict(extensions or {})
        self._prepare_hook = prepare
        self._on_load = on_load
        self._loaded: dict[str, click.Command] = {}
        self._prepared = False

    def add_target(self, name: str, target: str) -> None:
        """``name`` is the command ``target`` names, imported when first looked up; like an
        added command, it replaces what ``name`` was."""
        self._loaded.pop(name, None)
        self._targets[name] = target

    @property
    def loaded(self) -> frozenset[str]:
        """The names whose command is imported (or was added) by now."""
        return frozenset(self._loaded)

    def _prepare(self) -> None:
        if not self._prepared:
            self._prepared = True  # first: the hook itself may look commands up
            self._prepare_hook()

    def _resolve(self, name: str) -> click.Command | None:
        self._prepare()
        command = self._loaded.get(name)
        if command is None:
            target = self._targets.get(name)
            if target is None:
                return None
            command = import_target(target)
            for module in self._extensions.get(name, ()):
                importlib.import_module(module)
            self._loaded[name] = command
        self._on_load(name, command)
        return command

    def __getitem__(self, name: str) -> click.Command:
        command = self._resolve(name)
        if command is None:
            raise KeyError(name)
        return command

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        self._prepare()
        found = self._loaded.pop(name, None) is not None
        found = self._targets.pop(name, None) is not None or found
        if not found:
            raise KeyError(name)

    def __contains__(self, name: object) -> bool:
        self._prepare()
        return name in self._loaded or name in self._targets

    def __iter__(self) -> Iterator[str]:
        self._prepare()
        names = list(self._targets)
        names += [name for name in self._loaded if name not in self._targets]
        return iter(names)

    def __len__(self) -> int:
        self._prepare()
        return len(self._targets.keys() | self._loaded.keys())


class LazyGroup(click.Group):
    """A :class:`click.Group` over :class:`LazyCommands` (see the module's docstring)."""

    def __init__(
        self,
        *args: Any,
        lazy_commands: Targets | None = None,
        extensions: Mapping[str, tuple[str, ...]] | None = None,
        prepare: Callable[[], None] = _nothing,
        on_load: Callable[[str, click.Command], None] = _as_is,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        eager = dict(self.commands)  # any given as `commands=`: ordinary entries
        self.lazy_commands = LazyCommands(
            lazy_commands or {}, extensions=extensions, prepare=prepare, on_load=on_load
        )
        self.lazy_commands.update(eager)
        self.commands = self.lazy_commands

    def add_lazy_command(self, name: str, target: str) -> None:
        """Add the command ``target`` (``module:attribute``) as ``name``, imported when first
        looked up; a plugin's registration function may use it for its heavier commands."""
        self.lazy_commands.add_target(name, target)
