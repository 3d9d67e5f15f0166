"""``kiosk bench startup``: cold start to the first painted frame, vs a bare PySide6 window.

Both are measured in fresh Python processes, alternately, in the same run (offscreen platform,
so no display or window manager is needed): the parent reads the wall clock just before
starting the child; the child prints the wall clock when a frame has been painted (a
zero-time timer started by the paint event fires once that frame is done) and leaves once the
real window has painted. The figures are medians over the runs.

- baseline: ``python -c`` creating a QApplication and a QWidget and showing it;
- value: the whole ``kiosk --data-dir DIR run`` command as the systemd unit starts it — the
  installed ``kiosk`` console script itself (:mod:`kiosk.entry`) — to its first painted
  frame: the "starting…" frame of :mod:`ui.early_frame`, painted before the CLI is imported;
- detail ``interactive_ms`` (and ``interactive_ratio``): the same command to the first paint
  of the real :class:`~ui.main_window.MainWindow`, which the nurse can touch: the CLI (its
  commands are imported when looked up, :mod:`kiosk.cli.lazy_group`: ``run``'s, and the
  plugins' registration), logging, the configuration, then :func:`ui.app.run_app` (the
  catalogues, the store opened and checked, the runtime's threads, the Qt bridge, the
  window at 1024×600).
  Devices and sync start after that frame (:mod:`ui.deferred_start`), so they are not
  counted; neither is a store migration: the data folder is created and migrated once
  before the runs (a kiosk migrates once after an update, and starts every morning).
  ``first_window`` names the window painted first in each run (``earlyFrame``);
- detail ``app_only_ms``: :func:`ui.app.run_app` alone, without the console script or CLI,
  to the MainWindow's first paint.

The only liberty: the child creates the ``QApplication`` (with the paint watcher) before it
runs the console script (``runpy``), and the early frame and run_app take that application.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kiosk.bench import Benchmark, BenchResult, median

GOAL_RATIO = 1.5
RUNS_QUICK = 3
RUNS_FULL = 10
CHILD_TIMEOUT_S = 120.0
MARK = "FIRST_PAINT "
INTERACTIVE_MARK = "INTERACTIVE "
WINDOW_MARK = "FIRST_WINDOW "
MAIN_WINDOW = "mainWindow"  # ui.main_window.MainWindow's objectName

BARE_WINDOW = f"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

class FirstPaint(QObject):
    seen = False
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            QTimer.singleShot(0, painted)
        return False

def painted():
    print("{MARK}" + repr(time.time()), flush=True)
    import os
    os._exit(0)

app = QApplication(sys.argv[:1])
spy = FirstPaint()
app.installEventFilter(spy)
window = QWidget()
window.resize(1024, 600)
window.show()
app.exec()
"""


#: Watches the paint events of every widget: prints the wall clock once the first frame is
#: done (any window: the early frame) and once the real window's first frame is done (the
#: ``MainWindow``: the nurse can touch it), then leaves (os._exit: the runtime's threads and
#: the store stop as in a power cut).
FIRST_PAINT_HOOK = f"""
import sys, time
from ui.qt import QApplication, QEvent, QObject, QTimer

def mark(prefix):
    print(prefix + repr(time.time()), flush=True)

def interactive():
    mark("{INTERACTIVE_MARK}")
    import os
    os._exit(0)

class FirstPaint(QObject):
    seen = False
    real = False
    def eventFilter(self, watched, event):
        if event.type() != QEvent.Type.Paint:
            return False
        if not self.seen:
            self.seen = True
            QTimer.singleShot(0, lambda: mark("{MARK}"))
            if watched.isWidgetType():
                print("{WINDOW_MARK}" + watched.window().objectName(), flush=True)
        real = watched.isWidgetType() and watched.window().objectName() == "{MAIN_WINDOW}"
        if real and not self.real:
            self.real = True
            QTimer.singleShot(0, interactive)
        return False

app = QApplication(sys.argv[:1])  # the early frame and run_app take the existing application
spy = FirstPaint()
app.installEventFilter(spy)
"""

#: ``kiosk --data-dir DIR run``, exactly as the systemd unit starts it: the installed
#: ``kiosk`` console script itself (:mod:`kiosk.entry`: the early frame, then the CLI, its
#: plugins, logging, the configuration, then run_app).
KIOSK_COMMAND = (
    FIRST_PAINT_HOOK
    + """
import runpy
script = sys.argv[1]
sys.argv = [script, "--data-dir", sys.argv[2], "run"]
runpy.run_path(script, run_name="__main__")
"""
)

#: Only :func:`ui.app.run_app` (no console script, no CLI, no early frame): shows how much
#: of the start-up is the CLI's.
KIOSK_APP = (
    FIRST_PAINT_HOOK
    + """
from pathlib import Path
from kiosk.config import load_config
from ui.app import run_app
run_app(load_config(Path(sys.argv[1])), demo=False, fullscreen=False)
"""
)


def console_script() -> Path:
    """The installed ``kiosk`` script (next to this Python, as in a venv or the .deb)."""
    beside = Path(sys.executable).with_name("kiosk")
    found = beside if beside.is_file() else shutil.which("kiosk")
    if found is None:
        raise RuntimeError("the kiosk console script is not installed (pip install -e .)")
    return Path(found)


def child_env(bytecode_dir: Path | None = None) -> dict[str, str]:
    """The children's environment: no ``KIOSK_*`` setting, offscreen; with ``bytecode_dir``
    their compiled bytecode is kept there (written by the warm-up run), as a kiosk installed
    from the .deb has it, even when ``PYTHONDONTWRITEBYTECODE`` is set (as in ``./dev test``)
    — otherwise every run would compile the kiosk's modules again."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    if bytecode_dir is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(bytecode_dir)
    return env


def time_to_paints(
    argv: list[str], cwd: Path, env: dict[str, str] | None = None
) -> dict[str, float | str]:
    """Milliseconds from just before starting ``argv`` to each mark it printed: ``first``
    (its first painted frame) and, for the kiosk, ``interactive`` (the real window's); and
    ``window``: the objectName of the window painted first."""
    started = time.time()
    done = subprocess.run(
        argv,
        cwd=cwd,
        env=child_env() if env is None else env,
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT_S,
        check=False,
    )
    found: dict[str, float | str] = {}
    for line in done.stdout.splitlines():
        if line.startswith(WINDOW_MARK):
            found.setdefault("window", line[len(WINDOW_MARK) :])
        for key, prefix in (("first", MARK), ("interactive", INTERACTIVE_MARK)):
            if line.startswith(prefix):
                found.setdefault(key, (float(line[len(prefix) :]) - started) * 1000)
    if "first" not in found:
        raise RuntimeError(f"no first paint from {argv[1:3]}: {done.stderr.strip()[-2000:]}")
    return found


def time_to_first_paint(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    """Milliseconds from just before starting ``argv`` to its first painted frame."""
    return float(time_to_paints(argv, cwd, env)["first"])


def _prepare(workdir: Path) -> Path:
    from kiosk.config import load_config
    from kiosk.startup import prepare_store

    data_dir = workdir / "data"
    saved = {k: os.environ.pop(k) for k in list(os.environ) if k.startswith("KIOSK_")}
    try:
        prepare_store(load_config(data_dir))
    finally:
        os.environ.update(saved)
    return data_dir


def _interactive(marks: dict[str, float | str], argv: list[str]) -> float:
    if "interactive" not in marks:
        raise RuntimeError(f"the real window of {argv[1:3]} never painted")
    return float(marks["interactive"])


def run(workdir: Path, quick: bool) -> BenchResult:
    data_dir = _prepare(workdir)
    argvs = {
        "bare": [sys.executable, "-c", BARE_WINDOW],
        "kiosk": [sys.executable, "-c", KIOSK_COMMAND, str(console_script()), str(data_dir)],
        "app": [sys.executable, "-c", KIOSK_APP, str(data_dir)],
    }
    runs = RUNS_QUICK if quick else RUNS_FULL
    cwd = Path(tempfile.gettempdir())
    env = child_env(workdir / "bytecode")
    for argv in argvs.values():  # warm the page cache and write the bytecode: a cold
        time_to_paints(argv, cwd, env)  # Python, not a cold disk or a fresh install
    first: dict[str, list[float]] = {name: [] for name in argvs}
    interactive: list[float] = []
    first_window: list[str] = []
    for _ in range(runs):  # interleaved, so a busy moment of the machine hits all three
        for name, argv in argvs.items():
            marks = time_to_paints(argv, cwd, env)
            first[name].append(
                float(marks["first"]) if name != "app" else _interactive(marks, argv)
            )
            if name == "kiosk":
                interactive.append(_interactive(marks, argv))
                first_window.append(str(marks.get("window", "")))
    value, baseline = median(first["kiosk"]), median(first["bare"])
    ready, app_only = median(interactive), median(first["app"])
    return BenchResult(
        name="startup",
        value=value,
        unit="ms",
        baseline="bare PySide6 window (QApplication + QWidget) to its first paint",
        baseline_value=baseline,
        goal=f"ratio <= {GOAL_RATIO}",
        met=value <= GOAL_RATIO * baseline,
        details={
            "runs": runs,
            "platform": "offscreen",
            "measured": "kiosk --data-dir DIR run (the installed console script) to its first "
            "frame (the early frame, ui/early_frame.py)",
            "kiosk_ms": [round(x, 1) for x in first["kiosk"]],
            "bare_ms": [round(x, 1) for x in first["bare"]],
            "first_window": first_window,
            "interactive_ms": round(ready, 1),
            "interactive_ratio": round(ready / baseline, 2),
            "interactive_runs_ms": [round(x, 1) for x in interactive],
            "interactive_measured": "the same command to the first paint of the MainWindow",
            "app_only_ms": round(app_only, 1),
            "app_only_ratio": round(app_only / baseline, 2),
            "store_migration_counted": False,
            "bytecode": "compiled once before the runs (as installed)",
            "devices": "started after the first frame (ui/deferred_start.py)",
        },
    )


BENCHMARK = Benchmark(
    "startup", "cold start to the first painted frame vs a bare PySide6 window", run
)
