"""The synthetic answered consultation of the screenshots: written through the same functions
as a real pull, it reads back as an answered, unread consultation with its codes."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk import consults
from kiosk.demo_consults import ANSWER, answered_consult
from kiosk.store import Store
from tests.kiosk.test_home_model import saved_visit

NOW = dt.datetime(2026, 11, 28, 9, 0, tzinfo=dt.UTC)


def test_the_synthetic_answer_reads_back_like_a_pulled_one(store: Store) -> None:
    saved_visit(store, NOW - dt.timedelta(hours=3))
    consult_id = answered_consult(store, NOW)
    (view,) = consults.list_consults(store, now=NOW)
    assert view.id == consult_id and view.state == "answered" and view.unread
    assert view.answer_text == ANSWER and view.answer_codes == ("J20.9",)
    assert view.follow_up == (NOW + dt.timedelta(days=7)).date()


def test_without_a_saved_visit_it_says_so(store: Store) -> None:
    with pytest.raises(LookupError):
        answered_consult(store, NOW)
