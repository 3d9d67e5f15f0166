"""``kiosk run`` paints the window the nurse can touch without having imported the other
commands of the CLI or sync's HTTP and FHIR libraries (kiosk/cli/lazy_group.py): the real
console script, offscreen, in a fresh process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click

from kiosk.cli import CORE_COMMANDS
from kiosk.cli.lazy_group import LazyGroup
from ui.bench_startup import MAIN_WINDOW, console_script

#: Modules the CLI used to import before `kiosk run` started, which its window does not need.
NOT_BEFORE_THE_WINDOW = (
    "requests", "urllib3", "fhir", "sync.engine", "sync.bundles", "sync.client", "sync.pull",
    "sync.specialist_model", "ui.review", "kiosk.bench",
)  # fmt: skip
#: `sync` adds `encounters export` when it registers: the `encounters` group's modules load.
ENCOUNTERS_MODULES = {"kiosk.cli.core_commands", "kiosk.cli.store_commands"}
OTHER_COMMANDS = tuple(
    sorted({target.partition(":")[0] for target in CORE_COMMANDS.values()} - ENCOUNTERS_MODULES)
)

LOADED_AT_THE_WINDOW = f"""
import sys
from ui.qt import QApplication, QEvent, QObject, QTimer

class WindowPaint(QObject):
    seen = False
    def eventFilter(self, watched, event):
        if (event.type() == QEvent.Type.Paint and not self.seen and watched.isWidgetType()
                and watched.window().objectName() == "{MAIN_WINDOW}"):
            self.seen = True
            QTimer.singleShot(0, painted)
        return False

def painted():
    loaded = [m for m in WATCHED if m in sys.modules or any(
        name.startswith(m + ".") for name in sys.modules)]
    print("LOADED " + ",".join(loaded), flush=True)
    import os
    os._exit(0)

WATCHED = sys.argv[3].split(",")
app = QApplication(sys.argv[:1])
spy = WindowPaint()
app.installEventFilter(spy)
import runpy
script = sys.argv[1]
sys.argv = [script, "--data-dir", sys.argv[2], "run"]
runpy.run_path(script, run_name="__main__")
"""


def test_the_touchable_window_comes_before_other_commands_and_sync_libraries(
    tmp_path: Path,
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    watched = ",".join((*NOT_BEFORE_THE_WINDOW, *OTHER_COMMANDS))
    done = subprocess.run(
        [sys.executable, "-c", LOADED_AT_THE_WINDOW, str(console_script()),
         str(tmp_path / "data"), watched],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    marks = [line for line in done.stdout.splitlines() if line.startswith("LOADED")]
    assert marks, done.stderr[-2000:]
    assert marks[0] == "LOADED ", f"imported before the window: {marks[0][7:]}"


def test_ui_registers_every_command_on_a_lazy_group_and_on_a_plain_one() -> None:
    from ui.cli import register
    from ui.review.cli import review

    plain = click.Group("plain")
    register(plain)
    assert plain.commands["review"] is review and {"run", "screenshots"} <= set(plain.commands)
    lazy = LazyGroup("lazy")
    register(lazy)
    assert "review" not in lazy.lazy_commands.loaded  # imported when looked up
    assert lazy.commands["review"] is review and set(lazy.commands) == set(plain.commands)
