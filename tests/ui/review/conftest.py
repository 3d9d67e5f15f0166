"""Fixtures of the specialist console's screen tests: the real FHIR test peer and windows.

The peer is Medplum behind tests/peers/fhir (started once for this folder, emptied for each
test); each window talks to it through the real client in worker threads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from sync.specialist_model import Specialist
from tests.peers.fhir_server import FhirPeer
from ui.i18n import Translations
from ui.review.app import build_service
from ui.review.window import ReviewWindow

DR_A = Specialist("Practitioner/dr-a", "Dr Aisha Bekova", ("therapist",))
DR_B = Specialist("Practitioner/dr-b", "Dr Boris Lee", ("therapist",))
POLL_MS = 300

OpenConsole = Callable[..., ReviewWindow]


@pytest.fixture(scope="module")
def peer() -> Iterator[FhirPeer]:
    with FhirPeer() as running:
        yield running


@pytest.fixture
def fhir_base(peer: FhirPeer) -> str:
    peer.reset()
    return peer.base_url


@pytest.fixture
def open_console(qtbot: QtBot, fhir_base: str, translations: Translations) -> Iterator[OpenConsole]:
    """Opens consoles on the test server (English unless asked); closes them afterwards."""
    opened: list[ReviewWindow] = []

    def open_one(specialist: Specialist = DR_A, language: str = "en") -> ReviewWindow:
        translations.use(language)
        window = ReviewWindow(
            build_service(fhir_base, "test-token", specialist), language, poll_ms=POLL_MS
        )
        qtbot.addWidget(window)
        window.resize(1400, 900)
        window.show()
        window.start()
        opened.append(window)
        return window

    yield open_one
    for window in opened:
        window.poll.stop()
        if window.service is not None:
            window.service.close()
    translations.use("en")
