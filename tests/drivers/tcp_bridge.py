"""A tiny socat stand-in for tests: a TCP server on 127.0.0.1 relaying to a serial device.

``TcpBridge(path)`` listens on a free port; every client is connected to ``path`` (a pty of
a simulator), bytes flowing both ways, so ``socket://127.0.0.1:PORT`` reaches the simulated
device like a serial device server would. One thread, ``select`` with short timeouts;
``close()`` stops it and closes every fd.
"""

from __future__ import annotations

import contextlib
import os
import select
import socket
import threading
from types import TracebackType
from typing import Self


class TcpBridge:
    def __init__(self, path: str) -> None:
        self.path = path
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = self._server.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="tcp-bridge", daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"socket://127.0.0.1:{self.port}"

    def _serve(self) -> None:
        client: socket.socket | None = None
        device: int | None = None
        try:
            while not self._stop.is_set():
                watched: list[int | socket.socket] = [self._server]
                if client is not None and device is not None:
                    watched += [client, device]
                readable, _, _ = select.select(watched, [], [], 0.02)
                if self._server in readable:
                    if client is not None:
                        client.close()
                    if device is not None:
                        os.close(device)
                    client, _ = self._server.accept()
                    device = os.open(self.path, os.O_RDWR | os.O_NOCTTY)
                if client is not None and client in readable and device is not None:
                    data = client.recv(4096)
                    if not data:
                        client.close()
                        os.close(device)
                        client = device = None
                        continue
                    os.write(device, data)
                if device is not None and device in readable and client is not None:
                    with contextlib.suppress(OSError):
                        client.sendall(os.read(device, 4096))
        finally:
            if client is not None:
                client.close()
            if device is not None:
                os.close(device)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self._server.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
