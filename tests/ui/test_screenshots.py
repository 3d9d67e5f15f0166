"""``kiosk screenshots``: the real app in demo mode, grabbed screen by screen into PNG files.

Run as a subprocess (the command leaves with ``os._exit``, as ``kiosk run`` does). The quick
tests shoot one or two screens in one language and one size; the whole set (every screen,
language and size, about a minute) is marked ``slow``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import PIL.Image
import PIL.ImageStat
import pytest

from kiosk.i18n import LANGUAGES
from kiosk.store.db import STORE_FILENAME
from ui.screenshots import SCREENS, SIZES


def kiosk(data_dir: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("KIOSK_CAMERA", None)
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "--data-dir", str(data_dir), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def assert_shot(path: Path, size: tuple[int, int]) -> None:
    with PIL.Image.open(path) as image:
        assert image.size == size, path.name
        spread = PIL.ImageStat.Stat(image.convert("L")).stddev[0]
    assert spread > 20, f"{path.name} looks blank (grey-level spread {spread:.1f})"


@pytest.mark.parametrize("screen", ["visit", "sign-in"])
def test_one_screen_is_written_at_its_size_and_not_blank(screen: str, tmp_path: Path) -> None:
    out = tmp_path / "shots"
    data_dir = tmp_path / "data"

    done = kiosk(
        data_dir, "screenshots", "--out", str(out), "--lang", "en", "--size", "1024x600",
        "--screen", screen, "--demo-wait", "0",
    )  # fmt: skip

    assert done.returncode == 0, done.stderr
    expected = out / f"{screen}-en-1024x600.png"
    assert done.stdout.split() == [str(expected)]
    assert sorted(out.iterdir()) == [expected]
    assert_shot(expected, (1024, 600))
    assert not (data_dir / STORE_FILENAME).exists(), "the user's store was touched"


@pytest.mark.slow
def test_every_screen_in_every_language_and_size(tmp_path: Path) -> None:
    out = tmp_path / "shots"

    done = kiosk(tmp_path / "data", "screenshots", "--out", str(out), timeout=600)

    assert done.returncode == 0, done.stderr
    expected = [
        (out / f"{screen}-{language}-{w}x{h}.png", (w, h))
        for screen in SCREENS
        for (w, h) in SIZES
        for language in LANGUAGES
    ]
    assert done.stdout.split() == [str(path) for path, _size in expected]
    for path, size in expected:
        assert_shot(path, size)


def test_a_size_the_window_cannot_take_fails_with_a_clear_message(tmp_path: Path) -> None:
    done = kiosk(
        tmp_path / "data", "screenshots", "--out", str(tmp_path / "shots"), "--lang", "en",
        "--size", "300x200", "--screen", "visit", "--demo-wait", "0",
    )  # fmt: skip

    assert done.returncode == 1
    assert "kiosk screenshots: the window cannot be 300x200" in done.stderr
    assert not list((tmp_path / "shots").glob("*.png"))


def test_help_and_bad_sizes_need_no_qt(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from kiosk.cli import cli\n"
        "runner = CliRunner()\n"
        "shown = runner.invoke(cli, ['--data-dir', sys.argv[1], 'screenshots', '--help'])\n"
        "assert shown.exit_code == 0, shown.output\n"
        "print(shown.output)\n"
        "bad = runner.invoke(cli, ['--data-dir', sys.argv[1], 'screenshots', '--out',\n"
        "                          sys.argv[1], '--size', '1024'])\n"
        "assert bad.exit_code == 2 and 'WIDTHxHEIGHT' in bad.output, bad.output\n"
        "assert 'PySide6' not in sys.modules, 'kiosk screenshots --help loaded Qt'\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    for option in ("--out", "--lang", "--size", "--screen", "--demo-wait"):
        assert option in done.stdout


def test_an_unknown_screen_is_refused_with_the_list(tmp_path: Path) -> None:
    done = kiosk(
        tmp_path / "data", "screenshots", "--out", str(tmp_path / "shots"), "--screen", "nope"
    )

    assert done.returncode == 2
    assert "unknown screen nope" in done.stderr and "sign-in" in done.stderr
