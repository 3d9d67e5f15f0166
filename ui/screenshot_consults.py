"""The consultations screen for ``kiosk screenshots``: a synthetic answered consultation
(:mod:`kiosk.demo_consults`, written on the writer thread of the screenshot's temporary data
folder), opened in the window's consultations page.
"""

from __future__ import annotations

from collections.abc import Callable

from kiosk.demo_consults import answered_consult
from kiosk.domain import utc_now
from ui.app import Backend
from ui.main_window import MainWindow
from ui.screens.consults import ConsultsScreen

Must = Callable[[Callable[[], bool], str], None]


def show_answered_consult(backend: Backend, window: MainWindow, must: Must) -> None:
    """Write the synthetic answer and open it on the window's consultations page."""
    consult_id = backend.runtime.write(answered_consult, utc_now()).result(timeout=30)
    window.optional.show_consult(consult_id)
    page = window.page("consults")
    assert isinstance(page, ConsultsScreen)
    must(lambda: window.current == "consults", "the consultations page")
    must(lambda: page.detail.row is not None, "the answered consultation")
