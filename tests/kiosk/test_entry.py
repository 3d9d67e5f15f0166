"""The ``kiosk`` console script (:mod:`kiosk.entry`): the command word is found behind the
global options, early start hooks come from the ``kiosk.early_start`` entry points, a broken
hook never stops a command, and with Qt blocked the real script works without importing Qt.

Runs with PySide6 blocked too (KIOSK_BLOCK_QT=1): nothing here imports ui or Qt."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import entry
from kiosk.entry import early_start_targets, load_target, parse_command_line, run_early_start

SCRIPT = Path(sys.executable).with_name("kiosk")


@pytest.mark.parametrize(
    ("argv", "command", "options", "arguments"),
    [
        (["run"], "run", {}, []),
        (
            ["--data-dir", "/d", "run", "--fullscreen"],
            "run",
            {"--data-dir": "/d"},
            ["--fullscreen"],
        ),
        (
            ["--data-dir=/d", "--lang", "kk", "-vv", "run"],
            "run",
            {"--data-dir": "/d", "--lang": "kk", "--verbose": "1"},
            [],
        ),
        (
            ["--user", "aigul", "-v", "--verbose", "status", "--json"],
            "status",
            {"--user": "aigul", "--verbose": "1"},
            ["--json"],
        ),
        (["--lang=ru", "--", "run"], "run", {"--lang": "ru"}, []),
        (["--help", "run"], None, {}, []),
        (["--version"], None, {}, []),
        (["--data-dir"], None, {}, []),
        (["--unknown", "run"], None, {}, []),
        ([], None, {}, []),
    ],
)
def test_the_command_word_is_found_behind_the_global_options(
    argv: list[str], command: str | None, options: dict[str, str], arguments: list[str]
) -> None:
    parsed = parse_command_line(argv)
    assert (parsed.command, parsed.arguments) == (command, arguments)
    assert {k: v for k, v in parsed.options.items() if k in options} == options


def test_the_global_options_are_those_of_the_cli() -> None:
    """If kiosk/cli/__init__.py gains a global option, kiosk/entry.py must learn it."""
    import click

    from kiosk.cli import cli

    params = cli.get_params(click.Context(cli, **cli.context_settings))  # with -h, --help
    names = {name for param in params for name in (*param.opts, *param.secondary_opts)}
    assert names == entry.VALUE_OPTIONS | entry.FLAG_OPTIONS | entry.EAGER_OPTIONS


def test_the_installed_distribution_registers_the_run_hook() -> None:
    assert early_start_targets().get("run") == "ui.early_frame:show"


def _distribution(folder: Path, name: str, entry_points: str) -> None:
    info = folder / f"{name}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")


def test_entry_points_are_read_per_group_and_the_first_distribution_wins(
    tmp_path: Path,
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    _distribution(
        first,
        "clinic_tools",
        "[console_scripts]\nrun = nope:main\n\n[kiosk.early_start]\n"
        "# a comment\nscan = clinic.early:show\n",
    )
    _distribution(second, "clinic.tools", "[kiosk.early_start]\nscan = other:show\n")
    _distribution(second, "other-plugin", "[kiosk.early_start]\nlabel = label.early:show\n")

    found = early_start_targets([str(first), str(second), str(tmp_path / "missing")])

    assert found == {"scan": "clinic.early:show", "label": "label.early:show"}


def _hook_module(folder: Path, body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "entry_test_hook.py").write_text(body, encoding="utf-8")
    _distribution(folder, "entry-test-hook", "[kiosk.early_start]\nstatus = entry_test_hook:show\n")


def test_a_hook_gets_the_command_line_and_a_broken_one_is_logged_not_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.delenv("KIOSK_BLOCK_QT", raising=False)
    monkeypatch.syspath_prepend(str(tmp_path))
    _hook_module(
        tmp_path,
        "calls = []\ndef show(argv):\n    calls.append(argv)\n"
        "    if argv[-1] == '--json':\n        raise RuntimeError('no screen here')\n",
    )
    monkeypatch.delitem(sys.modules, "entry_test_hook", raising=False)

    assert run_early_start(["--lang", "kk", "status"]) is True
    hook = sys.modules["entry_test_hook"]
    assert hook.calls == [["--lang", "kk", "status"]]

    with caplog.at_level(logging.WARNING, logger="kiosk.entry"):
        assert run_early_start(["status", "--json"]) is False
    assert "early start of 'status' failed" in caplog.text
    assert run_early_start(["status", "--help"]) is False  # only help: no hook
    assert run_early_start(["doctor"]) is False  # no hook for that command
    assert len(hook.calls) == 2

    monkeypatch.setenv("KIOSK_BLOCK_QT", "1")
    assert run_early_start(["status"]) is False
    assert len(hook.calls) == 2


def test_load_target_refuses_what_cannot_be_called() -> None:
    assert load_target("os.path:join") is os.path.join
    with pytest.raises(TypeError):
        load_target("kiosk.entry:EARLY_START_GROUP")


def _script(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """The installed console script, run as systemd runs it, with Qt blocked; -X importtime
    lists every module it imported on stderr."""
    assert SCRIPT.is_file(), "pip install -e . first"
    env = {**os.environ, "KIOSK_BLOCK_QT": "1", "KIOSK_DATA_DIR": str(tmp_path / "data")}
    return subprocess.run(
        [sys.executable, "-X", "importtime", str(SCRIPT), *args],
        env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_the_console_script_runs_the_entry_module() -> None:
    assert "from kiosk.entry import main" in SCRIPT.read_text(encoding="utf-8")


def test_help_and_a_core_command_work_through_the_console_script_without_qt(
    tmp_path: Path,
) -> None:
    helped = _script(["--help"], tmp_path)
    assert helped.returncode == 0, helped.stderr[-2000:]
    assert "Dala Kiosk" in helped.stdout and "status" in helped.stdout
    assert "PySide6" not in helped.stderr

    assert _script(["init"], tmp_path).returncode == 0
    status = _script(["status", "--json"], tmp_path)
    assert status.returncode == 0, status.stderr[-2000:]
    assert '"patients": 0' in status.stdout
    assert "PySide6" not in status.stderr and "ui.early_frame" not in status.stderr

    run_help = _script(["run", "--help"], tmp_path)
    assert run_help.returncode == 0 and "--fullscreen" in run_help.stdout
    assert "PySide6" not in run_help.stderr


def test_the_entry_module_imports_only_the_standard_library() -> None:
    code = (
        "import sys\nbefore = set(sys.modules)\nimport kiosk.entry\n"
        "print(' '.join(sorted(set(sys.modules) - before)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    loaded = done.stdout.split()
    assert "kiosk.entry" in loaded
    outside = [
        name
        for name in loaded
        if name.split(".")[0] not in sys.stdlib_module_names
        and name not in ("kiosk", "kiosk.entry")
    ]
    assert outside == []
