"""Exponential back-off with full jitter for the sync engine (fhir-mapping.md §6).

:func:`backoff_delay` is how long an item waits after a retryable failure (408/429/5xx, a
dead link), and how long the worker waits after a failed run. Re-exported by
:mod:`sync.engine`.
"""

from __future__ import annotations

import random

BACKOFF_BASE_S = 5.0
BACKOFF_CAP_S = 15 * 60.0


def backoff_delay(attempts: int, rng: random.Random, retry_after: float | None = None) -> float:
    """Full jitter: ``random(0, min(cap, base · 2^(attempts-1)))``, at least Retry-After."""
    ceiling = min(BACKOFF_CAP_S, BACKOFF_BASE_S * 2 ** min(max(attempts - 1, 0), 30))
    return max(rng.uniform(0.0, ceiling), retry_after or 0.0)
