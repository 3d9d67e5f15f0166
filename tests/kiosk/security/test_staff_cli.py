"""The PIN prompts on a real terminal (a pseudo-terminal): hidden, asked twice for a new
PIN, translated; the operator's PIN is asked for when no KIOSK_PIN is set."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time

from kiosk.config import KioskConfig
from kiosk.security import staff
from kiosk.store import Store


def on_terminal(config: KioskConfig, args: list[str], answers: list[str]) -> tuple[int, str]:
    """Run ``kiosk`` with a pty as its terminal; type each answer after each PIN prompt."""
    main, terminal = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in {"KIOSK_PIN", "KIOSK_USER"}}
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "--data-dir", str(config.data_dir), "--lang", "en",
         *args],
        stdin=terminal, stdout=terminal, stderr=terminal, env=env, close_fds=True,
    )  # fmt: skip
    os.close(terminal)
    seen, pending = b"", list(answers)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(main, 1024)
            except OSError:  # the child closed the terminal
                break
            seen += chunk
            # click prints "PIN:", then getpass turns echo off (flushing typed input) and
            # prints the last " ": only then is it listening
            if pending and seen.endswith(b": "):
                os.write(main, pending.pop(0).encode() + b"\n")
        elif process.poll() is not None:
            break
    os.close(main)
    return process.wait(timeout=10), seen.decode(errors="replace")


def test_adding_the_first_administrator_at_a_terminal(kiosk_config: KioskConfig) -> None:
    args = ["staff", "add", "boss", "--name", "B", "--role", "administrator"]
    code, text = on_terminal(kiosk_config, args, ["2468", "2469"])
    assert code == 1 and "The PINs do not match." in text
    code, text = on_terminal(kiosk_config, args, ["2468", "2468"])
    assert code == 0, text
    assert "New PIN:" in text and "Repeat the PIN:" in text
    assert "2468" not in text  # never echoed
    assert "Staff member added: boss (administrator)." in text
    code, text = on_terminal(kiosk_config, ["--user", "boss", "staff", "list"], ["2468"])
    assert code == 0, text
    assert "PIN:" in text and "2468" not in text and "boss  administrator  active" in text
    with Store(kiosk_config.store_path) as store:
        assert [m.username for m in staff.list_staff(store)] == ["boss"]
