"""The ``kiosk`` group imports its commands only when needed (kiosk/cli/lazy_group.py), and
the tree it builds is the one every command sees: help, plugins, extensions, roles.

Each start-up check runs in a fresh interpreter: in the test process other tests have long
imported everything."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kiosk.cli import CORE_COMMANDS, CORE_EXTENSIONS, cli
from kiosk.cli.lazy_group import LazyCommands, LazyGroup, import_target
from kiosk.security import cli_guard

#: What `kiosk run` must not pay for before its window: other commands and their libraries.
HEAVY = ("requests", "fhir", "cv2", "kiosk.bench", "sync.engine", "sync.bundles", "urllib3")
COMMAND_MODULES = tuple(sorted({target.partition(":")[0] for target in CORE_COMMANDS.values()}))
PLUGIN_COMMANDS = {"run", "screenshots", "review", "sync"}

PROBE = """
import json, sys
from kiosk.cli import cli
for name in sys.argv[1:]:
    assert cli.commands.get(name) is not None, name
print(json.dumps(sorted(sys.modules)))
"""


def modules_after(*lookups: str) -> set[str]:
    """The modules a fresh ``python`` holds after importing kiosk.cli and looking up
    ``lookups`` (as resolving ``kiosk NAME`` does)."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *lookups],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={**os.environ, "KIOSK_BLOCK_QT": "1"},
    )
    return set(json.loads(done.stdout))


def loaded(modules: set[str], prefixes: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if m.startswith(prefixes) and m.split(".")[0] != "")


def _is_under(module: str, names: tuple[str, ...]) -> bool:
    return any(module == name or module.startswith(name + ".") for name in names)


def test_importing_the_cli_imports_no_command_and_no_heavy_library() -> None:
    modules = modules_after()
    assert [m for m in modules if _is_under(m, COMMAND_MODULES)] == []
    assert [m for m in modules if _is_under(m, HEAVY)] == []
    assert [m for m in modules if _is_under(m, ("sync", "ui", "drivers", "PySide6"))] == []


def test_resolving_run_imports_neither_the_other_commands_nor_sync_libraries() -> None:
    modules = modules_after("run")
    assert "ui.cli" in modules  # the plugins registered their commands
    # `sync` extends `encounters` when it registers: that group's modules come with it
    encounters = {"kiosk.cli.core_commands", "kiosk.cli.store_commands"}
    others = [m for m in COMMAND_MODULES if m not in encounters]
    assert [m for m in modules if _is_under(m, tuple(others))] == []
    assert [m for m in modules if _is_under(m, HEAVY)] == []
    assert [m for m in modules if _is_under(m, ("ui.app", "PySide6"))] == []
    # `review` is a plugin command added lazily by name (ui/cli.py: add_lazy_command)
    assert [m for m in modules if _is_under(m, ("ui.review", "sync.specialist_model"))] == []


def test_resolving_a_core_command_imports_its_module_only() -> None:
    modules = modules_after("backup")
    assert "kiosk.cli.store_commands" in modules
    assert [m for m in modules if _is_under(m, ("kiosk.cli.bench_commands", "cv2"))] == []


def test_kiosk_help_lists_every_command() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0, result.output
    listed = {
        line.split()[0]
        for line in result.output.split("Commands:", 1)[1].splitlines()
        if line.startswith("  ") and not line.startswith("   ")
    }
    assert listed == set(CORE_COMMANDS) | PLUGIN_COMMANDS
    assert listed == set(cli.commands)


def _help(*words: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", *words, "--help"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={**os.environ, "KIOSK_BLOCK_QT": "1"},
    )
    return done.stdout


def test_a_fresh_process_gets_the_whole_tree_of_a_group() -> None:
    assert {"card", "scan", "search"} <= _subcommands(_help("patients"))  # extension
    assert {"export", "list", "show"} <= _subcommands(_help("encounters"))  # plugin's
    assert "--demo" in _help("run")


def _subcommands(help_text: str) -> set[str]:
    block = help_text.split("Commands:", 1)[1]
    return {line.split()[0] for line in block.splitlines() if line.startswith("  ")}


GUARD_PROBE = """
from kiosk.cli import cli
from kiosk.security.cli_guard import GUARDED
for path in (("encounters", "export"), ("patients", "card"), ("run",), ("status",)):
    command = cli
    for word in path:
        command = command.commands[word]
    assert getattr(command.callback, GUARDED, False), path
print("guarded")
"""


def test_lazily_loaded_commands_are_guarded_in_a_fresh_process() -> None:
    done = subprocess.run(
        [sys.executable, "-c", GUARD_PROBE],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "KIOSK_BLOCK_QT": "1"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "guarded"


def test_shell_completion_lists_lazy_and_plugin_commands() -> None:
    script = Path(sys.executable).with_name("kiosk")
    if not script.is_file():
        pytest.skip("the kiosk console script is not installed beside this Python")
    answers = {}
    for words, cword in (("kiosk pat", "1"), ("kiosk ru", "1"), ("kiosk encounters ex", "2")):
        done = subprocess.run(
            [str(script)],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
            env={
                **os.environ,
                "KIOSK_BLOCK_QT": "1",
                "_KIOSK_COMPLETE": "bash_complete",
                "COMP_WORDS": words,
                "COMP_CWORD": cword,
            },
        )
        answers[words] = done.stdout.split()
    assert answers == {
        "kiosk pat": ["plain,patients"],
        "kiosk ru": ["plain,run"],
        "kiosk encounters ex": ["plain,export"],
    }


def test_the_tables_name_real_commands() -> None:
    for name, target in CORE_COMMANDS.items():
        command = import_target(target)
        assert command.name == name, target
    for name, modules in CORE_EXTENSIONS.items():
        assert name in CORE_COMMANDS and modules


# --- LazyCommands itself ----------------------------------------------------------------


@click.command()
def hello() -> None:
    """Say hello."""
    click.echo("hello")


@click.group()
def things() -> None:
    """A group."""


HERE = f"{__name__}"


def test_lookup_prepares_once_then_imports_and_hands_out(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    seen: list[str] = []

    def prepare() -> None:
        calls.append("prepare")
        commands["from-plugin"] = hello  # a plugin adds a command while preparing

    commands = LazyCommands(
        {"hello": f"{HERE}:hello", "things": f"{HERE}:things"},
        prepare=prepare,
        on_load=lambda name, command: seen.append(name),
    )
    assert commands.loaded == frozenset()
    assert "hello" in commands and "nothing" not in commands
    assert calls == ["prepare"]
    assert commands["hello"] is hello and commands.get("nothing") is None
    assert list(commands) == ["hello", "things", "from-plugin"] and len(commands) == 3
    assert seen == ["hello"]
    with pytest.raises(KeyError):
        commands["nothing"]
    assert dict(commands.items()) == {"hello": hello, "things": things, "from-plugin": hello}
    assert calls == ["prepare"]


def test_an_added_command_replaces_a_lazy_one_and_deleting_forgets_it() -> None:
    commands = LazyCommands({"hello": f"{HERE}:hello"})
    commands["hello"] = things
    assert commands["hello"] is things
    del commands["hello"]
    assert "hello" not in commands and len(commands) == 0
    with pytest.raises(KeyError):
        del commands["hello"]


def test_a_plugin_adds_a_command_lazily_by_name() -> None:
    group = LazyGroup("demo", commands=[things])
    group.add_lazy_command("hello", f"{HERE}:hello")
    group.add_lazy_command("things", f"{HERE}:hello")  # replaces the command added before
    assert group.lazy_commands.loaded == frozenset()
    assert CliRunner().invoke(group, ["things"]).output == "hello\n"
    assert group.lazy_commands.loaded == frozenset({"things"})
    assert sorted(group.commands) == ["hello", "things"]


def test_a_target_that_is_not_a_command_is_refused() -> None:
    with pytest.raises(TypeError, match="not a click command"):
        import_target(f"{HERE}:HEAVY")


def test_a_lazy_group_runs_and_helps() -> None:
    group = LazyGroup(
        "demo", lazy_commands={"hello": f"{HERE}:hello"}, commands=[things], help="Demo."
    )
    runner = CliRunner()
    assert runner.invoke(group, ["hello"]).output == "hello\n"
    listed = runner.invoke(group, ["--help"]).output
    assert "hello   Say hello." in listed and "things  A group." in listed
    unknown = runner.invoke(group, ["helo"])
    assert unknown.exit_code == 2 and "Did you mean 'hello'" in unknown.output


def test_the_role_guard_sees_a_subcommand_added_after_its_group_was_loaded() -> None:
    encounters = cli.commands["encounters"]
    assert isinstance(encounters, click.Group)
    for path, command in cli_guard.walk(encounters, ("encounters",)):
        assert getattr(command.callback, cli_guard.GUARDED, False), path
