"""``kiosk bench startup``: cold start to the first painted frame, vs a bare PySide6 window.

Both are measured in fresh Python processes, alternately, in the same run (offscreen platform,
so no display or window manager is needed): the parent reads the wall clock just before
starting the child; the child prints the wall clock when its first frame has been painted
(a zero-time timer started by the first paint event fires once that frame is done) and
leaves at once. The figure is the median over the runs.

- baseline: ``python -c`` creating a QApplication and a QWidget and showing it;
- value: the kiosk's start-up path of ``ui.app.run_app`` (Qt application, the three
  catalogues, the store opened and checked, the runtime's threads, the Qt bridge, the real
  :class:`~ui.main_window.MainWindow` at 1024×600) without devices or sync. The data folder
  is created and migrated once before the runs, so a migration is not counted: a kiosk
  migrates once after an update, and starts every morning.
"""

from __future__ import annotations

import os
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


KIOSK_WINDOW = f"""
import sys, time
from pathlib import Path
from kiosk.camera_source import camera_source
from kiosk.config import load_config
from ui.app import SCREEN_SIZE, Backend, screen_language
from ui.bridge import QtBridge
from ui.i18n import Translations
from ui.main_window import MainWindow
from ui.qt import QApplication, QEvent, QObject, QTimer

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
    os._exit(0)  # leave the runtime's threads and the store as a power cut would

app = QApplication(sys.argv[:1])
spy = FirstPaint()
app.installEventFilter(spy)
config = load_config(Path(sys.argv[1]))
translations = Translations(app)
backend = Backend.open(config)
bridge = QtBridge(backend.runtime.events)
window = MainWindow(
    backend.quick_visit(),
    bridge,
    translations,
    screen_language(config),
    camera_source=camera_source(config),
)
window.resize(*SCREEN_SIZE)
window.show()
app.exec()
"""


def _child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    return env


def time_to_first_paint(argv: list[str], cwd: Path) -> float:
    """Milliseconds from just before starting ``argv`` to its first painted frame."""
    started = time.time()
    done = subprocess.run(
        argv,
        cwd=cwd,
        env=_child_env(),
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT_S,
        check=False,
    )
    marks = [line for line in done.stdout.splitlines() if line.startswith(MARK)]
    if not marks:
        raise RuntimeError(f"no first paint from {argv[1:3]}: {done.stderr.strip()[-2000:]}")
    return (float(marks[-1][len(MARK) :]) - started) * 1000


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


def run(workdir: Path, quick: bool) -> BenchResult:
    data_dir = _prepare(workdir)
    bare_argv = [sys.executable, "-c", BARE_WINDOW]
    kiosk_argv = [sys.executable, "-c", KIOSK_WINDOW, str(data_dir)]
    runs = RUNS_QUICK if quick else RUNS_FULL
    cwd = Path(tempfile.gettempdir())
    time_to_first_paint(bare_argv, cwd)  # warm the page cache for both: cold Python, not disk
    time_to_first_paint(kiosk_argv, cwd)
    bare: list[float] = []
    kiosk: list[float] = []
    for _ in range(runs):
        bare.append(time_to_first_paint(bare_argv, cwd))
        kiosk.append(time_to_first_paint(kiosk_argv, cwd))
    value, baseline = median(kiosk), median(bare)
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
            "kiosk_ms": [round(x, 1) for x in kiosk],
            "bare_ms": [round(x, 1) for x in bare],
            "store_migration_counted": False,
            "devices": "none",
        },
    )


BENCHMARK = Benchmark(
    "startup", "cold start to the first painted frame vs a bare PySide6 window", run
)
