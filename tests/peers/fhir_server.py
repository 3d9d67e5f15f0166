"""Start and stop the FHIR R4 test peer (tests/peers/fhir/server.mjs) from Python.

Stdlib only. The peer is @medplum/fhir-router with an in-memory repository behind a small
node:http shim; see tests/peers/fhir/README.md.

    with FhirPeer() as peer:
        requests.get(peer.base_url + "/metadata")
        peer.reset()

Manual demo: ``python -m tests.peers.fhir_server`` prints the base URL and runs until Ctrl-C.
"""

from __future__ import annotations

import atexit
import json
import os
import selectors
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from types import TracebackType
from typing import IO, Any

PEER_DIR = Path(__file__).resolve().parent / "fhir"
START_TIMEOUT_S = 20.0
STOP_TIMEOUT_S = 5.0


class FhirPeer:
    """One running FHIR peer process, stopped by its own pid (never by name)."""

    def __init__(
        self,
        peer_dir: Path = PEER_DIR,
        node_bin: Path | None = None,
        start_timeout: float = START_TIMEOUT_S,
    ) -> None:
        self.peer_dir = peer_dir
        self.node_bin = (
            node_bin if node_bin is not None else peer_dir / "node_modules" / ".bin" / "node"
        )
        self.start_timeout = start_timeout
        self.port: int | None = None
        self.base: str = "/fhir/R4"
        self.pid: int | None = None
        self.startup_seconds: float | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._stderr: IO[bytes] | None = None

    # -- lifecycle ---------------------------------------------------------------------------
    def start(self) -> FhirPeer:
        if self._proc is not None:
            return self
        if not (self.peer_dir / "node_modules" / "@medplum" / "fhir-router").is_dir() or not (
            self.node_bin.exists()
        ):
            raise RuntimeError(
                f"FHIR peer is not installed: {self.peer_dir / 'node_modules'} is missing or "
                f"incomplete. Run `npm ci` in tests/peers/fhir (cd {self.peer_dir} && npm ci)."
            )
        env = dict(os.environ, PORT="0")
        # stderr goes to a temporary file, so a chatty peer can never block on a full pipe.
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 - closed in stop()
        started = time.monotonic()
        self._proc = subprocess.Popen(
            [str(self.node_bin), "server.mjs"],
            cwd=self.peer_dir,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
        )
        atexit.register(self.stop)
        try:
            info = self._read_ready_line()
        except BaseException:
            self.stop()
            raise
        self.startup_seconds = time.monotonic() - started
        self.port = int(info["port"])
        self.base = str(info["base"])
        self.pid = int(info["pid"])
        return self

    def _read_ready_line(self) -> dict[str, Any]:
        assert self._proc is not None and self._proc.stdout is not None
        stdout = self._proc.stdout
        deadline = time.monotonic() + self.start_timeout
        buf = b""
        with selectors.DefaultSelector() as sel:
            sel.register(stdout, selectors.EVENT_READ)
            while b"\n" not in buf:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise RuntimeError(
                        f"FHIR peer did not report ready within {self.start_timeout:.0f} s."
                        + self._stderr_tail()
                    )
                if not sel.select(remaining):
                    continue
                chunk = os.read(stdout.fileno(), 4096)
                if not chunk:  # EOF: the process exited
                    code = self._proc.wait(timeout=STOP_TIMEOUT_S)
                    raise RuntimeError(
                        f"FHIR peer exited with code {code} before it was ready."
                        + self._stderr_tail()
                    )
                buf += chunk
        line = buf.split(b"\n", 1)[0]
        try:
            info: dict[str, Any] = json.loads(line)
            int(info["port"])
        except (ValueError, KeyError, TypeError) as exc:
            raise RuntimeError(
                f"FHIR peer printed an unexpected first line: {line!r}" + self._stderr_tail()
            ) from exc
        return info

    def _stderr_tail(self, limit: int = 4000) -> str:
        if self._stderr is None or self._stderr.closed:
            return ""
        self._stderr.seek(0)
        text = self._stderr.read().decode("utf-8", "replace").strip()
        return f"\n--- peer stderr ---\n{text[-limit:]}" if text else " (stderr was empty)"

    def stop(self) -> None:
        """SIGTERM the peer's pid, wait, and SIGKILL only if it is still alive."""
        proc, self._proc = self._proc, None
        if proc is not None:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout=STOP_TIMEOUT_S)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(timeout=STOP_TIMEOUT_S)
            if proc.stdout is not None:
                proc.stdout.close()
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None
        atexit.unregister(self.stop)

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    # -- API -------------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        if self.port is None:
            raise RuntimeError("FHIR peer is not started")
        return f"http://127.0.0.1:{self.port}{self.base}"

    def reset(self) -> None:
        """Empty the server (POST {base}/$reset)."""
        req = urllib.request.Request(self.base_url + "/$reset", data=b"", method="POST")
        with urllib.request.urlopen(req, timeout=10) as resp:
            if resp.status != 200:
                raise RuntimeError(f"$reset answered {resp.status}")

    def __enter__(self) -> FhirPeer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(0)  # unwinds through FhirPeer.__exit__, which stops the peer


def main() -> int:
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    with FhirPeer() as peer:
        ready = f"pid {peer.pid}, ready in {peer.startup_seconds:.2f} s"
        print(f"FHIR R4 peer: {peer.base_url}  ({ready})")
        print("Press Ctrl-C to stop.", flush=True)
        try:
            while peer.running:
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
