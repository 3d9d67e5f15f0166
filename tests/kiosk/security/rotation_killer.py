"""Runs a key rotation and SIGKILLs itself right after a given step (the crash harness of
test_keys_rotation_crash.py). ``python -m tests.kiosk.security.rotation_killer STORE STEP``;
STEP ``never`` lets it finish. Prints ``started`` before rotating."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from kiosk.security.rotation import rotate


def main(store: Path, kill_after: str) -> None:
    def on_step(name: str) -> None:
        if name == kill_after:
            os.kill(os.getpid(), signal.SIGKILL)

    print("started", flush=True)
    rotate(store, on_step=on_step)
    print("done", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
