"""Unfinished visits survive an unclean end: a real process types into the visit model
(real Runtime, real store file), is killed with SIGKILL, and the store offers the visit
again; resuming and saving it deletes the draft in the visit's own transaction."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk import drafts
from kiosk.config import KioskConfig
from kiosk.demo import init_store
from kiosk.quick_visit import QuickVisit
from kiosk.runtime import Runtime
from kiosk.store import Store
from kiosk.visit_model import VisitModel

NOW = dt.datetime(2025, 3, 14, 9, 30, tzinfo=dt.UTC)
TODAY = NOW.date()
ROOT = Path(__file__).resolve().parents[2]

WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from kiosk.config import KioskConfig
    from kiosk.quick_visit import QuickVisit
    from kiosk.runtime import Runtime
    from kiosk.visit_model import VisitModel

    class NoDevices:
        def fresh(self, types, since):
            return {}

    config = KioskConfig(data_dir=Path(sys.argv[1]), site="KZ-TEST-0001")
    runtime = Runtime(config.store_path).start()
    visit = VisitModel(QuickVisit(runtime, NoDevices(), config))
    form = visit.form
    form.family, form.given, form.birth_date = "Әбенова", "Айгерім", "1980-01-01"
    visit.type_value("spo2", "69")
    visit.confirm("spo2")
    visit.type_value("body_temp", "37,2")
    form.complaints = ["cough"]
    form.complaint_text = "әғқңөұүһі"
    form.consciousness, form.on_oxygen = "alert", True
    visit.save_draft().result(timeout=10)
    print("saved", form.draft_id, flush=True)
    while True:  # typing on: every write is whole or absent
        form.notes += "ж"
        visit.save_draft().result(timeout=10)
    """
)


@pytest.fixture
def config(tmp_path: Path) -> KioskConfig:
    config = KioskConfig(data_dir=tmp_path, site="KZ-TEST-0001")
    init_store(config)
    return config


@pytest.fixture
def runtime(config: KioskConfig) -> Iterator[Runtime]:
    with Runtime(config.store_path) as runtime:
        yield runtime


class NoDevices:
    def fresh(self, types: tuple[str, ...], since: dt.datetime) -> dict[str, object]:
        return {}


def visit_model(runtime: Runtime, config: KioskConfig) -> VisitModel:
    quick = QuickVisit(runtime, NoDevices(), config, clock=lambda: NOW)  # type: ignore[arg-type]
    return VisitModel(quick, staff="nurse-7", clock=lambda: NOW)


def kill_while_typing(config: KioskConfig) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(config.data_dir)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline().split()
        assert line[:1] == ["saved"], line
        os.kill(process.pid, signal.SIGKILL)
        assert process.wait(timeout=10) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()
    return line[1]


def test_a_killed_kiosk_leaves_the_typed_visit_to_resume_and_save(
    config: KioskConfig, runtime: Runtime
) -> None:
    draft_id = kill_while_typing(config)
    with Store(config.store_path) as store:
        assert store.integrity_check() == []
        found = drafts.latest_draft(store)
    assert found is not None and found.id == draft_id
    assert found.label == "Әбенова Айгерім"
    assert set(found.state["notes"]) <= {"ж"}  # whole writes only

    visit = visit_model(runtime, config)
    offered = visit.unfinished().result(timeout=10)
    assert offered is not None and offered.id == draft_id
    visit.resume(visit.load_unfinished(offered).result(timeout=10))

    form = visit.form
    assert (form.family, form.given, form.birth_date) == ("Әбенова", "Айгерім", "1980-01-01")
    assert form.typed == {"spo2": "69", "body_temp": "37,2"}
    assert form.complaint_text == "әғқңөұүһі" and form.complaints == ["cough"]
    assert visit.unconfirmed() == []  # the confirmation came back with the value
    saved = visit.save(TODAY).result(timeout=10)

    assert {r.type for r in saved.record.encounter.readings} == {"spo2", "body_temp"}
    with Store(config.store_path) as store:
        assert drafts.list_drafts(store) == []


def test_drafts_are_replaced_listed_newest_first_and_discarded(config: KioskConfig) -> None:
    later = NOW + dt.timedelta(minutes=1)
    with Store(config.store_path) as store:
        drafts.save_draft(store, "a", {"notes": "1"}, label="A", now=NOW)
        drafts.save_draft(store, "b", {"notes": "2"}, label="B", now=NOW)
        drafts.save_draft(store, "a", {"notes": "3"}, label="A2", now=later)
        listed = drafts.list_drafts(store)
        assert [(d.id, d.label, d.state) for d in listed] == [
            ("a", "A2", {"notes": "3"}),
            ("b", "B", {"notes": "2"}),
        ]
        assert listed[0].created_at < listed[0].updated_at
        assert drafts.delete_draft(store, "a") and not drafts.delete_draft(store, "a")
        latest = drafts.latest_draft(store)
        assert latest is not None and latest.id == "b"


def test_a_discarded_visit_is_not_offered_again(config: KioskConfig, runtime: Runtime) -> None:
    visit = visit_model(runtime, config)
    visit.form.family = "Ivanov"
    visit.save_draft().result(timeout=10)
    assert visit.unfinished().result(timeout=10) is not None
    assert visit.discard_draft().result(timeout=10)
    assert visit.unfinished().result(timeout=10) is None
