"""Fixtures for integration tests that talk to real protocol peers.

`fhir_peer` starts the FHIR R4 test peer (tests/peers/fhir) once per session. If it cannot
start (e.g. `npm ci` was not run in tests/peers/fhir), the tests that use it ERROR with the
reason; they are never skipped.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

_REPO_ROOT = Path(__file__).resolve().parents[2]
if str(_REPO_ROOT) not in sys.path:  # `tests` is a package; plain `pytest` may not see the root
    sys.path.insert(0, str(_REPO_ROOT))

from tests.peers.fhir_server import FhirPeer  # noqa: E402


@pytest.fixture(scope="session")
def fhir_peer() -> Iterator[FhirPeer]:
    """One running FHIR peer for the whole session; stopped by its pid at the end."""
    peer = FhirPeer()
    peer.start()  # raises RuntimeError (with stderr and the `npm ci` hint) if it cannot start
    try:
        yield peer
    finally:
        peer.stop()


@pytest.fixture
def fhir_base(fhir_peer: FhirPeer) -> str:
    """An empty server for this test: resets the peer and returns its base URL."""
    fhir_peer.reset()
    return fhir_peer.base_url
