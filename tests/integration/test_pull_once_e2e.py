"""One Task search per sync pass on the real FHIR server (sync/pass_pull.py).

The kiosk's passes are those of ``kiosk run`` (:meth:`sync.loop.SyncLoop.run_pass`: push
with the teleconsult step, then the generic pull) over a real HTTP adapter that only counts
requests. While a request is open, the teleconsult step's ``Task`` search serves the generic
pull too; the hospital's acceptance and answer still reach the nurse.
"""

from __future__ import annotations

import urllib.parse
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from requests import PreparedRequest, Response
from requests.adapters import HTTPAdapter

from kiosk import consults
from kiosk.config import KioskConfig, load_config
from kiosk.store import Store
from sync.engine import SyncEngine
from sync.loop import PassResult, SyncLoop
from tests.integration.test_consults_e2e import (
    ADVICE,
    NOW,
    accept,
    answer_with_communication,
    ask,
    only_task,
    read,
)
from tests.integration.test_sync_e2e import build_encounters


class CountingAdapter(HTTPAdapter):
    """The real transport; counts ``GET {type}?…`` searches by resource type."""

    def __init__(self) -> None:
        super().__init__()
        self.searches: Counter[str] = Counter()

    def send(self, request: PreparedRequest, *args: Any, **kwargs: Any) -> Response:
        url = urllib.parse.urlsplit(str(request.url))
        if request.method == "GET" and url.query:
            self.searches[url.path.rsplit("/", 1)[-1]] += 1
        return super().send(request, *args, **kwargs)


@pytest.fixture
def kiosk_store(tmp_path: Path) -> Iterator[tuple[Store, KioskConfig]]:
    config = load_config(tmp_path)
    with Store(config.store_path) as store:
        yield store, config


def one_pass(
    store: Store, config: KioskConfig, base: str, adapter: CountingAdapter
) -> tuple[PassResult, Counter[str]]:
    session = requests.Session()
    session.mount("http://", adapter)
    session.mount("https://", adapter)

    def engine(s: Store) -> SyncEngine:
        return SyncEngine(s, config, session, lambda: NOW, server_url=base)

    before = adapter.searches.copy()
    result = SyncLoop(None, config, engine_factory=engine).run_pass(store)
    session.close()
    assert result.push is not None and result.push.error is None
    assert result.pull is not None and result.pull.error is None, result.pull
    return result, adapter.searches - before


def test_each_pass_searches_tasks_once_and_the_answer_arrives(
    fhir_base: str, kiosk_store: tuple[Store, KioskConfig]
) -> None:
    store, config = kiosk_store
    adapter = CountingAdapter()
    [encounter_id] = build_encounters(store, config.site, count=1)
    consult_id = ask(store, encounter_id)

    first, searches = one_pass(store, config, fhir_base, adapter)
    assert first.push is not None and first.push.done
    assert (searches["Task"], searches["Communication"]) == (1, 1)
    assert first.pull is not None and first.pull.stored == 1  # the kiosk's own Task
    task = only_task(fhir_base)

    accept(fhir_base, task["id"])
    _, searches = one_pass(store, config, fhir_base, adapter)
    assert (searches["Task"], searches["Communication"]) == (1, 1)
    view = consults.get_consult(store, consult_id, now=NOW)
    assert (view.state, view.owner_display) == ("accepted", "Dr Aigerim Seitkali")

    answer_with_communication(fhir_base, read(fhir_base, f"Task/{task['id']}"))
    answered, searches = one_pass(store, config, fhir_base, adapter)
    assert (searches["Task"], searches["Communication"]) == (1, 1)
    assert answered.pull is not None and answered.pull.stored >= 1
    view = consults.get_consult(store, consult_id, now=NOW)
    assert (view.state, view.answer_text) == ("answered", ADVICE)

    _, searches = one_pass(store, config, fhir_base, adapter)  # nothing open: still once
    assert (searches["Task"], searches["Communication"]) == (1, 1)
