"""The kiosk's threads: one asyncio loop for device and network I/O, one database writer.

- ``kiosk-io``: an asyncio loop on its own thread. Device sessions and sync run there.
- ``kiosk-db``: the single writer. Every service that writes runs there, on the writer's
  own connection, one at a time, so writes never contend and ordering is total.
- reads run on a second single-thread executor with its own connection (WAL lets it read
  while the writer writes).

Callers (CLI, UI) get :class:`concurrent.futures.Future` objects back and never block the
GUI thread. ``assert_on_io_loop`` / ``assert_on_writer`` catch wrong-thread calls in tests.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

from kiosk.events import Events
from kiosk.store.db import Store

T = TypeVar("T")

IO_THREAD = "kiosk-io"
WRITER_THREAD = "kiosk-db"
READER_THREAD = "kiosk-read"


class _StoreThread:
    """A one-thread executor owning one Store connection, opened on that thread."""

    def __init__(self, name: str, store_path: Path) -> None:
        self._store_path = store_path
        self._local = threading.local()
        self.executor = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix=name)
        self._stores: list[Store] = []

    def _store(self) -> Store:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = Store(self._store_path, must_exist=True)
            self._local.store = store
            self._stores.append(store)
        return store

    def submit(
        self, fn: Callable[..., T], *args: Any, **kwargs: Any
    ) -> concurrent.futures.Future[T]:
        return self.executor.submit(lambda: fn(self._store(), *args, **kwargs))

    def shutdown(self) -> None:
        def close_all() -> None:
            for store in self._stores:
                store.close()

        self.executor.submit(close_all).result(timeout=10)
        self.executor.shutdown(wait=True)


class Runtime:
    def __init__(self, store_path: Path, events: Events | None = None) -> None:
        self.store_path = Path(store_path)
        self.events = events or Events()
        self.loop = asyncio.new_event_loop()
        self._io_thread = threading.Thread(target=self._run_loop, name=IO_THREAD, daemon=True)
        self._writer = _StoreThread(WRITER_THREAD, self.store_path)
        self._reader = _StoreThread(READER_THREAD, self.store_path)
        self._started = False

    def _run_loop(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()
        pending = asyncio.all_tasks(self.loop)
        for task in pending:
            task.cancel()
        if pending:
            self.loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        self.loop.run_until_complete(self.loop.shutdown_asyncgens())
        self.loop.run_until_complete(self.loop.shutdown_default_executor())
        self.loop.close()

    def start(self) -> Runtime:
        if not self._started:
            self._io_thread.start()
            self._started = True
        return self

    def stop(self) -> None:
        if not self._started:
            return
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._io_thread.join(timeout=10)
        self._writer.shutdown()
        self._reader.shutdown()
        self._started = False

    def __enter__(self) -> Runtime:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def write(
        self, fn: Callable[..., T], *args: Any, **kwargs: Any
    ) -> concurrent.futures.Future[T]:
        """Run ``fn(store, *args, **kwargs)`` on the single writer thread."""
        return self._writer.submit(fn, *args, **kwargs)

    def read(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> concurrent.futures.Future[T]:
        """Run ``fn(store, *args, **kwargs)`` on the reader thread."""
        return self._reader.submit(fn, *args, **kwargs)

    def run_io(self, coro: Coroutine[Any, Any, T]) -> concurrent.futures.Future[T]:
        """Schedule a coroutine on the I/O loop from any thread."""
        return asyncio.run_coroutine_threadsafe(coro, self.loop)


def assert_on_io_loop() -> None:
    if threading.current_thread().name != IO_THREAD:
        raise AssertionError(f"must run on {IO_THREAD}, not {threading.current_thread().name}")


def assert_on_writer() -> None:
    if not threading.current_thread().name.startswith(WRITER_THREAD):
        raise AssertionError(f"must run on {WRITER_THREAD}, not {threading.current_thread().name}")
