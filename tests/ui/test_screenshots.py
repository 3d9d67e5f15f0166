"""``kiosk screenshots``: the real app in demo mode, grabbed screen by screen into PNG files.

Run as a subprocess (the command leaves with ``os._exit``, as ``kiosk run`` does), on one
language and one size so it stays fast.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import PIL.Image
import PIL.ImageStat

from kiosk.store.db import STORE_FILENAME
from ui.screenshots import SCREENS


def kiosk(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("KIOSK_CAMERA", None)
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "--data-dir", str(data_dir), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_every_screen_is_written_at_its_size_and_not_blank(tmp_path: Path) -> None:
    out = tmp_path / "shots"
    data_dir = tmp_path / "data"

    done = kiosk(
        data_dir, "screenshots", "--out", str(out), "--lang", "en", "--size", "1024x600",
        "--demo-wait", "2",
    )  # fmt: skip

    assert done.returncode == 0, done.stderr
    expected = [out / f"{screen}-en-1024x600.png" for screen in SCREENS]
    assert done.stdout.split() == [str(path) for path in expected]
    assert sorted(out.iterdir()) == sorted(expected)
    for path in expected:
        with PIL.Image.open(path) as image:
            assert image.size == (1024, 600), path.name
            spread = PIL.ImageStat.Stat(image.convert("L")).stddev[0]
        assert spread > 20, f"{path.name} looks blank (grey-level spread {spread:.1f})"
    assert not (data_dir / STORE_FILENAME).exists(), "the user's store was touched"


def test_a_size_the_window_cannot_take_fails_with_a_clear_message(tmp_path: Path) -> None:
    done = kiosk(
        tmp_path / "data", "screenshots", "--out", str(tmp_path / "shots"), "--lang", "en",
        "--size", "300x200", "--demo-wait", "0",
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
    for option in ("--out", "--lang", "--size", "--demo-wait"):
        assert option in done.stdout
