"""The runtime: one writer thread, one I/O loop, events delivered to every handler."""

from __future__ import annotations

import asyncio
import threading

import pytest

from kiosk import runtime as rt
from kiosk.config import KioskConfig
from kiosk.events import Event
from kiosk.store import Store


def test_writes_run_on_the_single_writer(kiosk_config: KioskConfig) -> None:
    with rt.Runtime(kiosk_config.store_path) as runtime:
        names = {
            runtime.write(lambda store: threading.current_thread().name).result() for _ in range(20)
        }
        assert len(names) == 1 and names.pop().startswith(rt.WRITER_THREAD)
        runtime.write(lambda store: rt.assert_on_writer()).result()
        with pytest.raises(AssertionError):
            rt.assert_on_writer()


def test_io_loop_runs_coroutines(kiosk_config: KioskConfig) -> None:
    async def where() -> str:
        rt.assert_on_io_loop()
        await asyncio.sleep(0)
        return threading.current_thread().name

    with rt.Runtime(kiosk_config.store_path) as runtime:
        assert runtime.run_io(where()).result(timeout=5) == rt.IO_THREAD


def test_writer_uses_its_own_connection(kiosk_config: KioskConfig) -> None:
    def write(store: Store) -> int:
        with store.transaction() as conn:
            conn.execute("INSERT INTO settings (key, value) VALUES ('k', 'v')")
        return int(store.scalar("SELECT count(*) FROM settings WHERE key = 'k'"))

    with rt.Runtime(kiosk_config.store_path) as runtime:
        assert runtime.write(write).result() == 1
        assert (
            runtime.read(lambda s: s.scalar("SELECT value FROM settings WHERE key='k'")).result()
            == "v"
        )
    before = {t.name for t in threading.enumerate()}
    assert not any(name.startswith((rt.WRITER_THREAD, rt.IO_THREAD)) for name in before)


def test_a_failing_handler_does_not_stop_the_others() -> None:
    event: Event[int] = Event("test_did_happen")
    seen: list[int] = []

    def broken(value: int) -> None:
        raise RuntimeError("handler bug")

    event.connect(broken)
    disconnect = event.connect(seen.append)
    event.emit(1)
    disconnect()
    event.emit(2)
    assert seen == [1]
